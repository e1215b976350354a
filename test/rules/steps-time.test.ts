/**
 * When a chain's steps take place (SPEC 2.1 steps; seed 003: "Sker dag nummer", "Fast starttid",
 * "Relativ starttid"), on the practice's wall clock, across daylight-saving changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ChainStep } from '../../src/contract/entities.ts';
import { addDays, bookedSteps, formatInstant, indexServices, instantAt, stepTimes, todayOf } from '../../src/rules/index.ts';
import { zonedParts } from '../../src/rules/time.ts';
import { TZ, catalog, chain, service, step } from './builders.ts';

const services = indexServices([...catalog().services, service({ id: 'svc-coffee', productType: 'goods', durationMinutes: 0, price: 350 })]);

/** Independent of src/rules: the wall clock of an instant in a zone, via Intl. */
function wallClock(epochMs: number, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function times(steps: ChainStep[], start: string, timeZone = TZ) {
  return stepTimes(chain({ steps }), services, Date.parse(start), timeZone).map((s) => ({
    serviceId: s.serviceId,
    start: wallClock(s.startMs, timeZone),
    minutes: (s.endMs - s.startMs) / 60_000,
  }));
}

describe('stepTimes: days and starts', () => {
  it('a fixed "08:00" step on day 2 lands on the next local date at 08:00', () => {
    const [, second] = times([step(), step({ day: 2, start: { kind: 'fixed', time: '08:00' } })], '2026-11-24T15:00:00+01:00');
    assert.deepEqual(second!.start, { date: '2026-11-25', time: '08:00' });
  });

  it('a relative step with offsetMinutes 30 starts 30 minutes after the booked clock time, on its day', () => {
    const [first, sameDay, nextDay] = times(
      [step(), step({ start: { kind: 'relative', offsetMinutes: 30 } }), step({ day: 2, start: { kind: 'relative', offsetMinutes: 30 } })],
      '2026-11-24T10:15:00+01:00',
    );
    assert.deepEqual(first!.start, { date: '2026-11-24', time: '10:15' });
    assert.deepEqual(sameDay!.start, { date: '2026-11-24', time: '10:45' });
    assert.deepEqual(nextDay!.start, { date: '2026-11-25', time: '10:45' });
  });

  it('day 3 is two local dates later, across a month end', () => {
    const [, third] = times([step(), step({ day: 3, start: { kind: 'fixed', time: '09:30' } })], '2026-11-29T11:00:00+01:00');
    assert.deepEqual(third!.start, { date: '2026-12-01', time: '09:30' });
  });

  it('a fixed step is at its clock time even when that is before the booked start (seed 003: coffee at 09:00)', () => {
    const [, coffee] = times([step(), step({ serviceId: 'svc-coffee', start: { kind: 'fixed', time: '09:00' } })], '2026-11-24T10:00:00+01:00');
    assert.deepEqual(coffee!.start, { date: '2026-11-24', time: '09:00' });
    assert.equal(coffee!.minutes, 0);
  });

  it('each step ends after its service duration', () => {
    const [massage, physio] = times([step(), step({ serviceId: 'svc-physio', start: { kind: 'relative', offsetMinutes: 30 } })], '2026-11-24T10:00:00+01:00');
    assert.equal(massage!.minutes, 30);
    assert.equal(physio!.minutes, 30);
  });

  it('the booked day is the practice-local date, not the UTC date of the start', () => {
    // 23:30 UTC on the 23rd is 00:30 on the 24th in Berlin: day 2 is the 25th
    const [, second] = times([step(), step({ day: 2, start: { kind: 'fixed', time: '08:00' } })], '2026-11-23T23:30:00Z');
    assert.deepEqual(second!.start, { date: '2026-11-25', time: '08:00' });
  });

  it('bookedSteps writes instants with the offset in force at each step', () => {
    const c = chain({ steps: [step(), step({ day: 2, serviceId: 'svc-physio', start: { kind: 'fixed', time: '08:00' } })] });
    const written = bookedSteps(stepTimes(c, services, Date.parse('2026-03-28T10:00:00+01:00'), TZ), TZ);
    assert.deepEqual(written, [
      { serviceId: 'svc-massage', start: '2026-03-28T10:00:00+01:00', end: '2026-03-28T10:30:00+01:00' },
      { serviceId: 'svc-physio', start: '2026-03-29T08:00:00+02:00', end: '2026-03-29T08:30:00+02:00' },
    ]);
  });

  it('a relative day-2 step keeps the booked clock time across the spring change (23 real hours later)', () => {
    const c = chain({ steps: [step(), step({ day: 2 })] });
    const [a, b] = stepTimes(c, services, Date.parse('2026-03-28T10:00:00+01:00'), TZ);
    assert.equal(formatInstant(b!.startMs, TZ), '2026-03-29T10:00:00+02:00');
    assert.equal(b!.startMs - a!.startMs, 23 * 3_600_000);
  });

  it('a relative day-2 step keeps the booked clock time across the autumn change (25 real hours later)', () => {
    const c = chain({ steps: [step(), step({ day: 2 })] });
    const [a, b] = stepTimes(c, services, Date.parse('2026-10-24T10:00:00+02:00'), TZ);
    assert.equal(formatInstant(b!.startMs, TZ), '2026-10-25T10:00:00+01:00');
    assert.equal(b!.startMs - a!.startMs, 25 * 3_600_000);
  });
});

describe('time helpers', () => {
  it('todayOf is the practice-local date of the server time', () => {
    assert.equal(todayOf('2026-11-23T23:30:00Z', 'Europe/Berlin'), '2026-11-24');
    assert.equal(todayOf('2026-11-24T03:30:00Z', 'America/New_York'), '2026-11-23');
  });
  it('formatInstant writes the zone offset, negative west of UTC', () => {
    assert.equal(formatInstant(Date.parse('2026-11-24T14:00:00Z'), 'America/New_York'), '2026-11-24T09:00:00-05:00');
    assert.equal(formatInstant(Date.parse('2026-07-01T14:00:00Z'), 'Asia/Kolkata'), '2026-07-01T19:30:00+05:30');
  });
  it('instantAt: a time skipped in spring moves forward by the gap, a repeated autumn time is the earlier one', () => {
    assert.equal(formatInstant(instantAt('2026-03-29', 2 * 60 + 30, TZ), TZ), '2026-03-29T03:30:00+02:00');
    assert.equal(formatInstant(instantAt('2026-10-25', 2 * 60 + 30, TZ), TZ), '2026-10-25T02:30:00+02:00');
    assert.equal(formatInstant(instantAt('2026-03-08', 2 * 60 + 30, 'America/New_York'), 'America/New_York'), '2026-03-08T03:30:00-04:00');
    assert.equal(formatInstant(instantAt('2026-11-01', 60 + 30, 'America/New_York'), 'America/New_York'), '2026-11-01T01:30:00-04:00');
  });
});

const DST_CHANGES = [
  { timeZone: 'Europe/Berlin', date: '2026-03-29' },
  { timeZone: 'Europe/Berlin', date: '2026-10-25' },
  { timeZone: 'America/New_York', date: '2026-03-08' },
  { timeZone: 'America/New_York', date: '2026-11-01' },
];

describe('DST properties', () => {
  it('a fixed step on day 2 (07:00–20:00) booked the day before or of a change keeps its local wall-clock time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DST_CHANGES),
        fc.constantFrom(-1, 0),
        fc.integer({ min: 7 * 60, max: 20 * 60 }),
        fc.integer({ min: 7 * 60, max: 20 * 60 }),
        fc.integer({ min: 0, max: 180 }),
        ({ timeZone, date }, shift, fixedMinutes, bookedMinutes, offset) => {
          const bookedDay = addDays(date, shift);
          const startMs = instantAt(bookedDay, bookedMinutes, timeZone);
          assert.deepEqual(wallClock(startMs, timeZone), { date: bookedDay, time: hhmm(bookedMinutes) });
          const c = chain({
            steps: [
              step(),
              step({ day: 2, start: { kind: 'fixed', time: hhmm(fixedMinutes) } }),
              step({ day: 2, start: { kind: 'relative', offsetMinutes: Math.min(offset, 24 * 60 - 1 - bookedMinutes) } }),
            ],
          });
          const [first, fixed, relative] = stepTimes(c, services, startMs, timeZone);
          const nextDay = addDays(bookedDay, 1);
          assert.deepEqual(wallClock(first!.startMs, timeZone), { date: bookedDay, time: hhmm(bookedMinutes) });
          assert.deepEqual(wallClock(fixed!.startMs, timeZone), { date: nextDay, time: hhmm(fixedMinutes) });
          assert.deepEqual(wallClock(relative!.startMs, timeZone), {
            date: nextDay,
            time: hhmm(bookedMinutes + Math.min(offset, 24 * 60 - 1 - bookedMinutes)),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('instantAt round-trips every local time that exists (the earlier of two), and skips a gap forward', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DST_CHANGES),
        fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }),
        // mostly around the changes (01:00–04:00 local in both zones), sometimes any minute
        fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 60, max: 240 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 24 * 60 - 1 }) }),
        ({ date, timeZone }, shift, minutes) => {
          const day = addDays(date, shift);
          const [y, m, d] = day.split('-').map(Number) as [number, number, number];
          const wallUtc = Date.UTC(y, m - 1, d, 0, minutes);
          // every instant within ±14 h whose wall clock reads day + minutes (brute force, minute steps near the candidates)
          const want = { date: day, time: hhmm(minutes) };
          const matches: number[] = [];
          for (let off = -14 * 60; off <= 14 * 60; off += 15) {
            const epoch = wallUtc - off * 60_000;
            const wall = wallClock(epoch, timeZone);
            if (wall.date === want.date && wall.time === want.time) matches.push(epoch);
          }
          const got = instantAt(day, minutes, timeZone);
          if (matches.length > 0) {
            assert.equal(got, Math.min(...matches));
          } else {
            // in a spring-forward gap (1 h in both zones): the wall time one hour later
            assert.deepEqual(wallClock(got, timeZone), { date: day, time: hhmm(minutes + 60) });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('instantAt finds exactly the instants whose wall clock it is asked for, for any date and minute of 2026', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'), (n, minutes, timeZone) => {
        const day = addDays('2026-01-01', n);
        const got = instantAt(day, minutes, timeZone);
        const wall = wallClock(got, timeZone);
        // equal, unless the time falls in a gap; then later the same day by at most the gap (≤ 1 h)
        if (wall.date !== day || wall.time !== hhmm(minutes)) {
          const [h, mm] = wall.time.split(':').map(Number) as [number, number];
          const delta = h * 60 + mm - minutes;
          assert.equal(wall.date, day);
          assert.ok(delta > 0 && delta <= 60, `${day} ${hhmm(minutes)} in ${timeZone} became ${wall.time}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the wall clock read through a cached offset', () => {
  // Zones with half- and three-quarter-hour offsets, a half-hour DST (Lord Howe), southern DST,
  // no DST, and a change at midnight (Santiago).
  const ZONES = ['Europe/Berlin', 'Africa/Monrovia', 'Europe/Dublin', 'Europe/Stockholm', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Tokyo', 'UTC'];
  const reference = new Map(ZONES.map((zone) => [zone, new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })]));
  /** The reading of Intl itself, with a formatter of this test's own. */
  const intlReading = (epochMs: number, zone: string) => {
    const parts = Object.fromEntries(reference.get(zone)!.formatToParts(epochMs).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
    return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second];
  };
  const ours = (epochMs: number, zone: string) => {
    const p = zonedParts(epochMs, zone);
    return [p.year, p.month, p.day, p.hour, p.minute, p.second];
  };

  it('equals Intl for any instant from 1890 to 2210, in zones with odd offsets and changes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2210, 0, 1) }), (zone, epochMs) => {
        assert.deepEqual(ours(epochMs, zone), intlReading(epochMs, zone), `${zone} at ${new Date(epochMs).toISOString()}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('equals Intl second by second across changes: 2026 in Berlin, Lord Howe and Chatham, and changes at odd seconds (Monrovia 1972, Dublin 1916)', () => {
    const around = [
      ['Africa/Monrovia', Date.parse('1972-01-07T00:44:30Z')],
      ['Europe/Dublin', Date.parse('1916-10-01T02:25:21Z')],
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)],
      ['Europe/Berlin', Date.UTC(2026, 9, 25, 1)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
      ['Pacific/Chatham', Date.UTC(2026, 3, 4, 14)],
    ] as const;
    for (const [zone, change] of around) {
      for (let epochMs = change - 20 * 60_000; epochMs <= change + 20 * 60_000; epochMs += 1_000) {
        assert.deepEqual(ours(epochMs, zone), intlReading(epochMs, zone), `${zone} at ${new Date(epochMs).toISOString()}`);
      }
    }
  });
});
