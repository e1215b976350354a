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

export function formatFor(locale: string, timeZone: string, currency: string): Format {
  const key = `${locale}|${timeZone}|${currency}`;
  let format = cache.get(key);
  if (format) return format;
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const scale = minorUnitsPerUnit(currency);
  // Calendar days are not instants: format them as UTC midnight so no zone can shift the day.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const minutes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  const number = new Intl.NumberFormat(locale);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekdays = { short: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }), long: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }) };
  const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);
  format = {
    money: (minor) => money.format(minor / scale),
    date: (day) => date.format(Date.parse(`${day}T00:00:00Z`)),
    dateTime: (instant) => dateTime.format(typeof instant === 'number' ? instant : Date.parse(instant)),
    time: (instant) => time.format(typeof instant === 'number' ? instant : Date.parse(instant)),
    minutes: (count) => minutes.format(count),
    number: (value) => number.format(value),
    day: (d) => day.format(Date.parse(`${d}T00:00:00Z`)),
    full: (instant) => full.format(typeof instant === 'number' ? instant : Date.parse(instant)),
    month: (d) => month.format(utc(d)),
    weekday: (d, width) => weekdays[width].format(utc(d)),
  };
  cache.set(key, format);
  return format;
}
