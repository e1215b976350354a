/**
 * The iCalendar file (RFC 5545) behind "Add to calendar" (docs/booking-flow.md): one event per
 * step of a booking, in UTC, with the practice's name and address as the place. Made in the browser, from
 * the booking as the server answered it; no network.
 */
import type { Booking, Practice } from '../contract/entities.ts';

export interface CalendarFileInput {
  booking: Pick<Booking, 'id' | 'steps'>;
  practice: Pick<Practice, 'name'> & { contact?: Practice['contact'] };
  chainName: string;
  /** The name of a step's service. */
  serviceName(serviceId: string): string;
  /** What each event says besides its name (the booking reference, in the client's language). */
  description: string;
  /** When the file is made (DTSTAMP). */
  now: number;
}

/** 2026-11-24T11:00:00+01:00 → 20261124T100000Z */
export function utcStamp(instant: string | number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11). */
const escapeText = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never inside a character. */
function fold(line: string): string {
  const bytes = new TextEncoder();
  const out: string[] = [];
  let current = '';
  for (const char of line) {
    if (bytes.encode(current + char).length > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function calendarFile({ booking, practice, chainName, serviceName, description, now }: CalendarFileInput): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//punchcard//booking//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  booking.steps.forEach((step, i) => {
    const service = serviceName(step.serviceId);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${booking.id}-${i + 1}@punchcard`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART:${utcStamp(step.start)}`,
      `DTEND:${utcStamp(step.end)}`,
      `SUMMARY:${escapeText(service === chainName ? service : `${chainName}: ${service}`)}`,
      `LOCATION:${escapeText(practice.contact?.address ? `${practice.name}, ${practice.contact.address}` : practice.name)}`,
      `DESCRIPTION:${escapeText(description)}`,
      'END:VEVENT',
    );
  });
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** The file as a link target (`<a download href>`): works under a strict CSP that allows `data:` links. */
export const calendarHref = (file: string) => `data:text/calendar;charset=utf-8,${encodeURIComponent(file)}`;
