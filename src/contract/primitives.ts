/**
 * Scalar building blocks of the contract (mock-api/openapi.json).
 * Everything here is `zod/mini`, because the widget ships these checks to the browser.
 */
import * as z from 'zod/mini';
import { zoneFormatter } from './zone.ts';

/** An opaque identifier chosen by the backend. */
export const Id = z.string().check(z.minLength(1), z.maxLength(200));

/** A calendar day in the practice's time zone, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();

/** An instant with an explicit offset, e.g. `2026-11-24T09:00:00+01:00`. */
export const Instant = z.iso.datetime({ offset: true, local: false });

/** A local clock time `HH:MM` (24 h). */
export const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM'));

/** Money in minor units (cents) of the practice's currency. */
export const Money = z.int().check(z.minimum(0));

/** A non-negative whole count. */
export const Count = z.int().check(z.minimum(0));

/** A positive whole count. */
export const PositiveCount = z.int().check(z.minimum(1));

/** ISO 4217 currency code. */
export const Currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'));

/** An IANA time zone such as `Europe/Berlin`. */
export const TimeZone = z.string().check(
  z.regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'expected an IANA time zone such as Europe/Berlin'),
  z.refine((tz) => {
    try {
      zoneFormatter(tz); // cached: the rules use the same formatter right after
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone'),
);

/**
 * A language tag (`de`, `en-GB`). A backend may list languages the widget does not
 * translate; the widget falls back (see docs/decisions.md), so the contract accepts any tag.
 */
export const LanguageTag = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as de'));

/** The longest note a client may leave for the practice, after trimming (docs/rules.md "Rescheduling"). */
export const NOTE_MAX_LENGTH = 500;

/** A client's note: plain text, trimmed, at most NOTE_MAX_LENGTH characters, no control characters but line breaks. */
export const Note = z.string().check(
  z.trim(),
  z.maxLength(NOTE_MAX_LENGTH, `at most ${NOTE_MAX_LENGTH} characters`),
  // Control characters are what this pattern is about.
  // eslint-disable-next-line no-control-regex
  z.regex(/^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/, 'no control characters but line breaks'),
);
