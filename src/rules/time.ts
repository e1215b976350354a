/**
 * Practice-local calendar and clock arithmetic with `Intl` only (no time-zone library: it
 * would not fit the embed's size budget). Pure: every function takes the instant or date and
 * the time zone as arguments; nothing reads the clock.
 */

import { zoneFormatter } from '../contract/zone.ts';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of an instant as `Intl` reads them in a time zone. */
function exactParts(epochMs: number, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const { type, value } of zoneFormatter(timeZone).formatToParts(epochMs)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/**
 * Reading a wall clock through `Intl` costs microseconds, and a slots query reads thousands. A
 * zone's offset is the same over a quarter of an hour unless a change falls inside it: per zone
 * and quarter hour the offset is read at both ends and kept when they agree (then every instant
 * between has it); a quarter with a change inside is always read exactly. Only 1900–2199: outside,
 * `Intl` and `Date` count years differently (there is no year 0 in one of them).
 */
const QUARTER_MS = 15 * 60_000;
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(2200, 0, 1);
const MAX_CACHED_QUARTERS = 200_000;
const quarterOffsets = new Map<string, Map<number, number | null>>();

const wholeSecond = (epochMs: number) => Math.floor(epochMs / 1000) * 1000;
const offsetMsAt = (epochMs: number, timeZone: string) => {
  const p = exactParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond(epochMs);
};

function quarterOffsetMs(epochMs: number, timeZone: string): number | null {
  let byQuarter = quarterOffsets.get(timeZone);
  if (!byQuarter || byQuarter.size > MAX_CACHED_QUARTERS) quarterOffsets.set(timeZone, (byQuarter = new Map()));
  const quarter = Math.floor(epochMs / QUARTER_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const start = offsetMsAt(quarter * QUARTER_MS, timeZone);
    offset = start === offsetMsAt((quarter + 1) * QUARTER_MS - 1000, timeZone) ? start : null;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** The wall-clock fields of an instant in a time zone. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const offset = epochMs >= FAST_FROM && epochMs < FAST_TO ? quarterOffsetMs(epochMs, timeZone) : null;
  if (offset === null) return exactParts(epochMs, timeZone);
  const wall = new Date(wholeSecond(epochMs) + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** Minutes the zone is ahead of UTC at that instant (+60 for Berlin in winter). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 with the zone's offset at that instant, to the second: `2026-11-24T09:00:00+01:00`. */
export function formatInstant(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  const offset = offsetMinutesAt(epochMs, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The practice-local calendar day (`YYYY-MM-DD`) of an instant. */
export function localDateOf(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "today" as the practice sees it: the local date of the server's clock (`serverTime`), never the browser's. */
export function todayOf(serverTime: string, timeZone: string): string {
  return localDateOf(Date.parse(serverTime), timeZone);
}

/** Parses `YYYY-MM-DD` into its numbers. */
function dateFields(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** Calendar arithmetic on practice-local dates: `addDays('2026-03-28', 1)` is `2026-03-29`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateFields(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = dateFields(from);
  const [y2, m2, d2] = dateFields(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Monday = 0 … Sunday = 6 of a calendar date. */
export function weekdayIndex(date: string): number {
  const [y, m, d] = dateFields(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Minutes since midnight of `HH:MM`. */
export function minutesOfClock(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * The instant at which the practice's wall clock shows `date` and `minutes` past midnight
 * (minutes beyond a day roll into the next dates). Disambiguation as Temporal's `compatible`:
 * a time skipped by a spring-forward change moves forward by the gap; a time that occurs twice
 * in autumn is the earlier one.
 */
export function instantAt(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = dateFields(date);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // The offsets a day before and after bracket any change near `wall`.
  const before = offsetMinutesAt(wall - 86_400_000, timeZone);
  const after = offsetMinutesAt(wall + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((epoch) => wallClockMs(epoch, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In a gap: the wall time does not exist; read it with the offset from before the change.
  return wall - before * 60_000;
}

/** The wall-clock reading of an instant in a zone, as if it were UTC milliseconds. */
function wallClockMs(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** Minutes past local midnight of an instant in a zone. */
export function localMinutesOf(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  return p.hour * 60 + p.minute;
}

/** The first day (`YYYY-MM-01`) of a date's month. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The same day of the month `months` later (the 31st becomes the month's last day). */
export function shiftMonths(day: string, months: number): string {
  const [year, month, date] = dateFields(day);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, last));
  return first.toISOString().slice(0, 10);
}
