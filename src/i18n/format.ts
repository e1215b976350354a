/**
 * Dates, times, durations and money through Intl, in the practice's time zone and currency and
 * the element's locale. One formatter set per (locale, zone, currency), reused across renders.
 */
import { minorUnitsPerUnit } from '../contract/money.ts';

export interface Format {
  /** Minor units → "45,00 €". */
  money(minor: number): string;
  /** A practice-local `YYYY-MM-DD` → "24. Nov. 2026". */
  date(day: string): string;
  /** An instant → "Di., 24. Nov. 2026, 09:00" in the practice's zone. */
  dateTime(instant: string | number): string;
  /** An instant → "09:00" in the practice's zone. */
  time(instant: string | number): string;
  /** A wall-clock time `HH:MM` (a chain step's fixed start) → "17:00", "5:00 PM". */
  clock(time: string): string;
  /** 90 → "90 Min." */
  minutes(count: number): string;
  /** A plain number → "1.250". */
  number(value: number): string;
  /** A practice-local `YYYY-MM-DD` with its weekday → "Dienstag, 24. November 2026". */
  day(day: string): string;
  /** An instant in full, for labels → "Dienstag, 24. November 2026 um 09:00". */
  full(instant: string | number): string;
  /** A month by one of its days → "November 2026". */
  month(day: string): string;
  /** A day's weekday → "Di" (`short`), "Dienstag" (`long`). */
  weekday(day: string, width: 'short' | 'long'): string;
}

const cache = new Map<string, Format>();

/** Made on first use: a formatter costs a few hundred microseconds, and the first screen needs two. */
const lazy = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

export function formatFor(locale: string, timeZone: string, currency: string): Format {
  const key = `${locale}|${timeZone}|${currency}`;
  let format = cache.get(key);
  if (format) return format;
  const dtf = (options: Intl.DateTimeFormatOptions) => lazy(() => new Intl.DateTimeFormat(locale, options));
  const money = lazy(() => new Intl.NumberFormat(locale, { style: 'currency', currency }));
  const scale = minorUnitsPerUnit(currency);
  // Calendar days are not instants: format them as UTC midnight so no zone can shift the day.
  const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const at = (instant: string | number) => (typeof instant === 'number' ? instant : Date.parse(instant));
  const date = dtf({ dateStyle: 'medium', timeZone: 'UTC' });
  const time = dtf({ timeStyle: 'short', timeZone });
  const clock = dtf({ timeStyle: 'short', timeZone: 'UTC' });
  // The hour as the times are written everywhere else: "9:30 AM" on a 12-hour clock, "09:30" on a 24-hour one.
  const dateTime = lazy(() =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: time().resolvedOptions().hour12 ? 'numeric' : '2-digit', minute: '2-digit', timeZone }),
  );
  const minutes = lazy(() => new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }));
  const number = lazy(() => new Intl.NumberFormat(locale));
  const day = dtf({ dateStyle: 'full', timeZone: 'UTC' });
  const full = dtf({ dateStyle: 'full', timeStyle: 'short', timeZone });
  const month = dtf({ month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekdays = { short: dtf({ weekday: 'short', timeZone: 'UTC' }), long: dtf({ weekday: 'long', timeZone: 'UTC' }) };
  format = {
    money: (minor) => money().format(minor / scale),
    date: (d) => date().format(utc(d)),
    dateTime: (instant) => dateTime().format(at(instant)),
    time: (instant) => time().format(at(instant)),
    clock: (hhmm) => clock().format(Date.parse(`2000-01-01T${hhmm}:00Z`)),
    minutes: (count) => minutes().format(count),
    number: (value) => number().format(value),
    day: (d) => day().format(utc(d)),
    full: (instant) => full().format(at(instant)),
    month: (d) => month().format(utc(d)),
    weekday: (d, width) => weekdays[width]().format(utc(d)),
  };
  cache.set(key, format);
  return format;
}
