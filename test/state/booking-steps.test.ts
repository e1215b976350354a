/**
 * The pure parts of the booking steps: the calendar file behind "Add to calendar" (RFC 5545,
 * parsed back here by a reader of its own, not by the code that wrote it) and where a key moves
 * the month calendar's focus.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { indexServices } from '../../src/rules/budget.ts';
import { bookedSteps, stepTimes } from '../../src/rules/steps.ts';
import { instantAt } from '../../src/rules/time.ts';
import { calendarFile } from '../../src/state/calendar-file.ts';
import { cursorAfterKey } from '../../src/state/checkout-view.ts';
import { shiftMonths } from '../../src/rules/time.ts';
import { chain, service, step } from '../rules/builders.ts';

const TZ = 'Europe/Berlin';

interface ParsedEvent {
  [property: string]: string;
}

/** Reads an iCalendar text the way a calendar application does: unfold, split, unescape. */
function parseCalendar(text: string): { lines: string[]; events: ParsedEvent[] } {
  assert.ok(text.endsWith('\r\n'), 'lines end in CRLF');
  const raw = text.slice(0, -2).split('\r\n');
  for (const line of raw) assert.ok(new TextEncoder().encode(line).length <= 75, `a line longer than 75 octets: ${line}`);
  const lines = raw.reduce<string[]>((out, line) => (line.startsWith(' ') ? [...out.slice(0, -1), out.at(-1)! + line.slice(1)] : [...out, line]), []);
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') events.push(current!), (current = null);
    else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1).replace(/\\([\\;,n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
  }
  return { lines, events };
}

/** 20260329T070000Z → epoch milliseconds; anything else (a local time, a zone) fails. */
function utcOf(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  assert.ok(m, `not a UTC date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

describe('the calendar file of a booking', () => {
  const services = [service({ id: 'mt', name: 'Manuelle Therapie, 30 min; Raum 2', durationMinutes: 30 }), service({ id: 'kg', name: 'Krankengymnastik', durationMinutes: 45 })];
  const threeDays = chain({
    id: 'intensive',
    name: 'Intensivwoche',
    steps: [step({ serviceId: 'mt' }), step({ serviceId: 'kg', day: 2, start: { kind: 'fixed', time: '09:00' } }), step({ serviceId: 'mt', day: 3 })],
  });

  function fileFor(startMs: number, now = Date.UTC(2026, 2, 1)) {
    const steps = bookedSteps(stepTimes(threeDays, indexServices(services), startMs, TZ), TZ);
    const booking = { id: 'bk-0001', steps };
    const text = calendarFile({
      booking,
      practice: { name: 'Physiotherapie am Kollwitzplatz, Berlin' },
      chainName: threeDays.name,
      serviceName: (id) => services.find((s) => s.id === id)!.name,
      description: 'Booking reference: bk-0001',
      now,
    });
    return { steps, text, ...parseCalendar(text) };
  }

  it('is a VCALENDAR with one VEVENT per step, each with a UID of its own and the practice as the place', () => {
    const { lines, events, steps } = fileFor(instantAt('2026-11-24', 10 * 60, TZ));
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.some((line) => line.startsWith('PRODID:')));
    assert.equal(events.length, steps.length);
    assert.equal(new Set(events.map((e) => e.UID)).size, 3);
    for (const event of events) {
      assert.equal(event.LOCATION, 'Physiotherapie am Kollwitzplatz, Berlin', 'commas escaped and read back');
      assert.equal(event.DESCRIPTION, 'Booking reference: bk-0001');
      assert.equal(event.DTSTAMP, '20260301T000000Z');
    }
    assert.equal(events[0]!.SUMMARY, 'Intensivwoche: Manuelle Therapie, 30 min; Raum 2');
  });

  it('DTSTART and DTEND are the steps’ instants in UTC, for any start, across the spring and autumn changes', () => {
    // Starts from the Friday before each change to the day of it: a three-day chain spans it.
    const days = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-10-23', '2026-10-24', '2026-10-25', '2026-11-24'];
    fc.assert(
      fc.property(fc.constantFrom(...days), fc.integer({ min: 7 * 4, max: 19 * 4 }), (day, quarter) => {
        const { events, steps } = fileFor(instantAt(day, quarter * 15, TZ));
        assert.equal(events.length, steps.length);
        steps.forEach((step, i) => {
          assert.equal(utcOf(events[i]!.DTSTART!), Date.parse(step.start), `step ${i + 1} start of a booking on ${day}`);
          assert.equal(utcOf(events[i]!.DTEND!), Date.parse(step.end), `step ${i + 1} end of a booking on ${day}`);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('the fixed 09:00 step on the day after the spring change is 09:00 local: 07:00Z in summer time, not 08:00Z', () => {
    const { events } = fileFor(instantAt('2026-03-28', 10 * 60, TZ));
    assert.equal(events[0]!.DTSTART, '20260328T090000Z', 'Saturday 10:00 +01:00');
    assert.equal(events[1]!.DTSTART, '20260329T070000Z', 'Sunday 09:00 +02:00');
    assert.equal(events[2]!.DTSTART, '20260330T080000Z', 'Monday 10:00 +02:00');
  });
});

describe('a long line of the calendar file', () => {
  it('is folded at 75 octets without splitting a character, and reads back whole', () => {
    const name = 'Lymphdrainage für Ödeme ä ö ü ß, Teil 1; '.repeat(4);
    const text = calendarFile({
      booking: { id: 'bk-2', steps: [{ serviceId: 's', start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T10:30:00+01:00' }] },
      practice: { name: 'Praxis' },
      chainName: name,
      serviceName: () => name,
      description: 'x',
      now: 0,
    });
    const { events } = parseCalendar(text);
    assert.equal(events[0]!.SUMMARY, name);
    assert.ok(text.includes('\r\n '), 'folded');
  });
});

describe('where a key moves the calendar’s focus', () => {
  it('arrows by a day and a week, Home and End to Monday and Sunday, Page Up/Down by a month, Shift by a year', () => {
    const day = '2026-11-25'; // a Wednesday
    assert.equal(cursorAfterKey(day, 'ArrowLeft', false), '2026-11-24');
    assert.equal(cursorAfterKey(day, 'ArrowRight', false), '2026-11-26');
    assert.equal(cursorAfterKey(day, 'ArrowUp', false), '2026-11-18');
    assert.equal(cursorAfterKey(day, 'ArrowDown', false), '2026-12-02');
    assert.equal(cursorAfterKey(day, 'Home', false), '2026-11-23');
    assert.equal(cursorAfterKey(day, 'End', false), '2026-11-29');
    assert.equal(cursorAfterKey(day, 'PageUp', false), '2026-10-25');
    assert.equal(cursorAfterKey(day, 'PageDown', false), '2026-12-25');
    assert.equal(cursorAfterKey(day, 'PageDown', true), '2027-11-25');
    assert.equal(cursorAfterKey(day, 'Enter', false), null);
    assert.equal(cursorAfterKey(day, 'a', false), null);
  });

  it('a month on from the 31st is the next month’s last day, and a leap day a year on is 28 February', () => {
    assert.equal(shiftMonths('2027-01-31', 1), '2027-02-28');
    assert.equal(shiftMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(shiftMonths('2026-03-31', -1), '2026-02-28');
    assert.equal(shiftMonths('2028-02-29', 12), '2029-02-28');
    assert.equal(shiftMonths('2026-12-15', 1), '2027-01-15');
    assert.equal(shiftMonths('2027-01-15', -1), '2026-12-15');
  });
});
