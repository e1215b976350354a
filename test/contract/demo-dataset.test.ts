/**
 * The demo dataset (mock-api/data/demo.json) is valid and exercises every rule of SPEC 2.3:
 * each coverage claim is computed from the data, never from hard-coded counts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Dataset, WEEKDAYS } from '../../src/contract/dataset.ts';
import type { DatasetCustomer, DatasetPackage, DatasetPractice } from '../../src/contract/dataset.ts';
import type { Booking, Chain, Service } from '../../src/contract/entities.ts';
import { offerings } from '../../src/rules/offering.ts';

const DEMO = new URL('../../mock-api/data/demo.json', import.meta.url);
const SCHEMA = new URL('../../mock-api/dataset.schema.json', import.meta.url);

const raw: unknown = JSON.parse(readFileSync(DEMO, 'utf8'));
const data = raw as Dataset;

// ------------------------------------------------------------------ helpers

function localParts(instant: string, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The zone's UTC offset at that instant, as `+01:00`. */
function zoneOffset(instant: string, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')!.value;
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function weekdayOf(date: string) {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

const byId = <T extends { id: string }>(items: readonly T[], id: string): T => {
  const found = items.find((item) => item.id === id);
  assert.ok(found, `no item with id "${id}"`);
  return found;
};

const practiceById = (id: string): DatasetPractice => {
  const entry = data.practices.find((p) => p.practice.id === id);
  assert.ok(entry, `practice "${id}" is missing`);
  return entry;
};

const allChains = (): Chain[] => data.practices.flatMap((p) => p.catalog.chains);
const packagesOf = (entry: DatasetPractice): DatasetPackage[] => entry.customers.flatMap((c) => c.packages);
const bookingsOf = (entry: DatasetPractice): { customer: DatasetCustomer; booking: Booking }[] =>
  entry.customers.flatMap((customer) => customer.bookings.map((booking) => ({ customer, booking })));
const allBookings = () => data.practices.flatMap((entry) => bookingsOf(entry).map((b) => ({ entry, ...b })));

/** Services that appear as a step of some chain of the same practice. */
const servicesUsedInChains = (): Service[] =>
  data.practices.flatMap((p) => p.catalog.services.filter((s) => p.catalog.chains.some((c) => c.steps.some((st) => st.serviceId === s.id))));

const today = localParts(data.now, practiceById('physio-berlin').practice.timeZone).date;

/** The activation state of a package, one of the five that SPEC 2.2/2.3 distinguish. */
function activationState(p: DatasetPackage): string {
  const v = p.validity;
  if (v.activation === 'immediate') return 'immediate';
  if (v.activation === 'manual') return v.activatedOn === null ? 'manual_pending' : 'manual_activated';
  if (v.activatedOn === null && v.validFrom === null && v.validUntil === null && v.durationDays !== null) return 'first_booking_pending';
  if (v.activatedOn !== null && v.activatedOn === v.validFrom && v.durationDays !== null && v.validUntil === addDays(v.validFrom, v.durationDays - 1)) {
    return 'first_booking_activated';
  }
  return 'first_booking_inconsistent';
}

function remainingAppointments(p: DatasetPackage): number {
  return p.budget.maxAppointments == null ? Infinity : p.budget.maxAppointments - p.usage.appointments;
}

const countOf = (p: DatasetPackage, serviceId: string) => p.usage.services.find((s) => s.serviceId === serviceId)?.count ?? 0;

const q = (quantity: 'one' | 'per_participant', participants: number) => (quantity === 'per_participant' ? participants : 1);

// ---------------------------------------------------------------- validity

describe('demo dataset: validity', () => {
  it('parses with the contract schema Dataset (ids unique, references resolve)', () => {
    const result = Dataset.safeParse(raw);
    assert.ok(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 1));
  });

  it('validates against the generated JSON Schema mock-api/dataset.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const withFormats = ((addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats) as typeof addFormats;
    withFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    const ok = validate(raw);
    assert.equal(ok, true, JSON.stringify(validate.errors, null, 1));
  });

  it('points $schema at the generated schema and fixes now on Tuesday 2026-11-24 09:00 Berlin time', () => {
    assert.equal((raw as { $schema?: string }).$schema, '../dataset.schema.json');
    assert.equal(data.now, '2026-11-24T09:00:00+01:00');
    assert.equal(weekdayOf(today), 'tue');
  });
});

// --------------------------------------------------------------- practices

describe('demo dataset: practices and schedules', () => {
  const expected = [
    { id: 'physio-berlin', timeZone: 'Europe/Berlin', currency: 'EUR', defaultLocale: 'de' },
    { id: 'massage-stockholm', timeZone: 'Europe/Stockholm', currency: 'SEK', defaultLocale: 'sv' },
  ];
  for (const e of expected) {
    it(`has ${e.id} in ${e.timeZone}, paying ${e.currency}, speaking ${e.defaultLocale} and en`, () => {
      const { practice } = practiceById(e.id);
      assert.equal(practice.timeZone, e.timeZone);
      assert.equal(practice.currency, e.currency);
      assert.equal(practice.defaultLocale, e.defaultLocale);
      assert.deepEqual([...practice.locales].sort(), [e.defaultLocale, 'en'].sort());
    });
  }

  it('gives the practices different booking policies', () => {
    const policies = data.practices.map((p) => JSON.stringify(p.practice.bookingPolicy));
    assert.equal(new Set(policies).size, data.practices.length);
    for (const { practice } of data.practices) {
      assert.ok(practice.bookingPolicy.maxAdvanceDays > 0 && practice.bookingPolicy.cancelUntilHours > 0, practice.id);
    }
  });

  it('has a lunch break (a weekday with two or more intervals), a shorter weekday and a closed Sunday in each practice', () => {
    for (const { practice } of data.practices) {
      const hours = practice.schedule.openingHours;
      assert.ok(Object.values(hours).some((intervals) => intervals.length >= 2), `${practice.id}: no lunch break`);
      const lengths = Object.values(hours).map((intervals) => intervals.reduce((a, [from, to]) => a + minutesOf(to) - minutesOf(from), 0));
      assert.ok(new Set(lengths).size > 1, `${practice.id}: every open day is equally long`);
      assert.equal(hours.sun, undefined, `${practice.id}: open on Sunday`);
    }
  });

  it('closes each practice on its Christmas/New Year holidays and on one day within two weeks after now', () => {
    const holidays: Record<string, string[]> = {
      'physio-berlin': ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'],
      'massage-stockholm': ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01', '2027-01-06'],
    };
    for (const { practice } of data.practices) {
      const closed = practice.schedule.closedDates;
      for (const day of holidays[practice.id] ?? []) assert.ok(closed.includes(day), `${practice.id} open on ${day}`);
      const localToday = localParts(data.now, practice.timeZone).date;
      assert.ok(
        closed.some((d) => daysBetween(localToday, d) >= 1 && daysBetween(localToday, d) <= 14 && practice.schedule.openingHours[weekdayOf(d)]),
        `${practice.id}: no closed working day within two weeks after now`,
      );
    }
  });

  it('has at least 6 customers in each practice, one of them without any package', () => {
    for (const { practice, customers } of data.practices) {
      assert.ok(customers.length >= 6, `${practice.id} has ${customers.length} customers`);
      assert.ok(customers.some((c) => c.packages.length === 0 && c.bonus === null), `${practice.id}: no visitor-like customer`);
    }
  });

  it('gives every customer a 6-digit login code, an example.com/.se address and demo tokens unique across the file', () => {
    const tokens = data.practices.flatMap((p) => p.customers.flatMap((c) => c.tokens));
    const emails = data.practices.flatMap((p) => p.customers.map((c) => c.email));
    for (const { customers } of data.practices) {
      for (const c of customers) {
        assert.ok(c.tokens.length >= 1, `${c.id} has no token`);
        assert.match(c.loginCode ?? '', /^\d{6}$/, `${c.id} login code`);
        assert.match(c.email, /@example\.(com|se)$/, `${c.id} email`);
      }
    }
    assert.equal(new Set(tokens).size, tokens.length, 'a token is used twice');
    assert.equal(new Set(emails).size, emails.length, 'an email address is used twice');
  });
});

// ------------------------------------------------------------------ catalog

describe('demo dataset: catalog coverage (SPEC 2.1, 2.3)', () => {
  it('uses every package rule: none, requires and prevented_by, each with a package type and with null (any package)', () => {
    const rules = new Set(allChains().map((c) => (c.packageRule.kind === 'none' ? 'none' : `${c.packageRule.kind}:${c.packageRule.packageTypeId === null ? 'any' : 'type'}`)));
    assert.deepEqual([...rules].sort(), ['none', 'prevented_by:any', 'prevented_by:type', 'requires:any', 'requires:type']);
  });

  it('uses every createsPackage condition, and no_usable_package_of_type names a package type', () => {
    const creates = allChains().flatMap((c) => (c.createsPackage ? [c.createsPackage] : []));
    assert.deepEqual([...new Set(creates.map((c) => c.condition))].sort(), ['always', 'no_usable_package', 'no_usable_package_of_type']);
    for (const c of creates.filter((c) => c.condition === 'no_usable_package_of_type')) assert.notEqual(c.packageTypeId, null);
  });

  it('has a multi-day chain, fixed and relative starts, per_participant steps and a chain for more than one participant', () => {
    const steps = allChains().flatMap((c) => c.steps);
    assert.ok(allChains().some((c) => c.steps.some((s) => s.day > 1)), 'no multi-day chain');
    assert.ok(steps.some((s) => s.start.kind === 'fixed'), 'no fixed start');
    assert.ok(steps.some((s) => s.start.kind === 'relative' && s.start.offsetMinutes > 0), 'no relative start with an offset');
    assert.ok(steps.some((s) => s.quantity === 'per_participant'), 'no per_participant step');
    assert.ok(allChains().some((c) => (c.maxParticipants ?? 1) > 1 && c.steps.some((s) => s.quantity === 'per_participant')), 'no group chain');
    assert.ok(allChains().some((c) => c.steps.some((s) => s.day > 1 && s.start.kind === 'fixed')), 'no fixed start on a later day');
  });

  it('uses value_card, entry, goods and service products and a service not bookable online in chains', () => {
    const used = servicesUsedInChains();
    for (const type of ['service', 'goods', 'value_card', 'entry'] as const) {
      assert.ok(used.some((s) => s.productType === type), `no ${type} in any chain`);
    }
    assert.ok(used.some((s) => s.productType === 'service' && !s.onlineBookable), 'no service with onlineBookable false in a chain');
  });

  it('gives a code (Ziffer) to every service named in a package budget', () => {
    for (const entry of data.practices) {
      const budgets = [...entry.catalog.packageTemplates.map((t) => t.budget), ...packagesOf(entry).map((p) => p.budget)];
      const ids = new Set(budgets.flatMap((b) => (b.services ?? []).map((s) => s.serviceId)));
      assert.ok(ids.size > 0, `${entry.practice.id}: no package budget names a service`);
      for (const id of ids) assert.notEqual(byId(entry.catalog.services, id).code, null, `${entry.practice.id}: ${id} has no code`);
    }
  });

  it('has package templates of every kind, activation and billing, with maxAmount and per-service budgets', () => {
    const templates = data.practices.flatMap((p) => p.catalog.packageTemplates);
    assert.deepEqual([...new Set(templates.map((t) => t.kind))].sort(), ['credits', 'group', 'time', 'unlimited']);
    assert.deepEqual([...new Set(templates.map((t) => t.validity.activation))].sort(), ['first_booking', 'immediate', 'manual']);
    assert.deepEqual([...new Set(templates.map((t) => t.billing))].sort(), ['per_appointment', 'per_package']);
    assert.ok(templates.some((t) => t.budget.maxAmount != null), 'no template with maxAmount');
    assert.ok(templates.some((t) => t.kind === 'credits' && t.budget.maxAppointments === 10 && t.validity.activation === 'immediate'), 'no 10-visit card');
    assert.ok(templates.some((t) => t.kind === 'time' && t.validity.activation === 'first_booking' && t.validity.durationDays !== null), 'no time pass');
    assert.ok(
      templates.some((t) => (t.budget.services ?? []).some((s) => s.maxCount === null) && (t.budget.services ?? []).some((s) => s.maxCount !== null)),
      'no template with finite and unlimited per-service budgets',
    );
  });
});

// ----------------------------------------------------------------- packages

describe('demo dataset: packages (SPEC 2.2)', () => {
  for (const id of ['physio-berlin', 'massage-stockholm']) {
    it(`${id}: packages cover every kind, status and activation state`, () => {
      const packages = packagesOf(practiceById(id));
      assert.deepEqual([...new Set(packages.map((p) => p.kind))].sort(), ['credits', 'group', 'time', 'unlimited']);
      assert.deepEqual([...new Set(packages.map((p) => p.status))].sort(), ['cancelled', 'closed', 'completed', 'confirmed', 'in_progress']);
      assert.deepEqual([...new Set(packages.map(activationState))].sort(), [
        'first_booking_activated',
        'first_booking_pending',
        'immediate',
        'manual_activated',
        'manual_pending',
      ]);
    });

    it(`${id}: has an expired package and ones with maxAmount, per-service budgets, one appointment left, a customer note and a staff note`, () => {
      const entry = practiceById(id);
      const packages = packagesOf(entry);
      const localToday = localParts(data.now, entry.practice.timeZone).date;
      assert.ok(packages.some((p) => p.validity.validUntil !== null && p.validity.validUntil < localToday), 'no expired package');
      assert.ok(packages.some((p) => p.budget.maxAmount != null), 'no package with maxAmount');
      assert.ok(
        packages.some((p) => (p.budget.services ?? []).some((s) => s.maxCount !== null) && (p.budget.services ?? []).some((s) => s.maxCount === null)),
        'no package with finite and unlimited per-service budgets',
      );
      assert.ok(packages.some((p) => p.status === 'in_progress' && remainingAppointments(p) === 1), 'no nearly exhausted package');
      assert.ok(packages.some((p) => p.customerNote), 'no package with a customerNote');
      assert.ok(packages.some((p) => p.internalNote), 'no package with an internalNote');
      assert.ok(packages.some((p) => p.billing === 'per_package') && packages.some((p) => p.billing === 'per_appointment'), 'not both billings');
    });
  }

  it('has a client with two packages that can both pay for the same offer, so the demo shows the choice', () => {
    const both = data.practices.some((entry) =>
      entry.customers.some((customer) =>
        offerings(entry.catalog, customer.packages, localParts(data.now, entry.practice.timeZone).date).some((o) => o.coveringPackages.length >= 2),
      ),
    );
    assert.ok(both, 'no client has two packages covering one offer today');
  });

  it('has a client whose card expires inside the bookable range, so the demo shows days it cannot pay for', () => {
    const found = data.practices.some((entry) => {
      const localToday = localParts(data.now, entry.practice.timeZone).date;
      const last = addDays(localToday, entry.practice.bookingPolicy.maxAdvanceDays);
      return entry.customers.some((customer) =>
        customer.packages.some(
          (p) => (p.status === 'in_progress' || p.status === 'confirmed') && p.validity.validUntil !== null && p.validity.validUntil >= localToday && p.validity.validUntil < last,
        ),
      );
    });
    assert.ok(found, 'no usable package ends within the booking window');
  });

  it('has unique package codes across the file, each ending in a five-character short code', () => {
    const codes = data.practices.flatMap((p) => packagesOf(p).map((pkg) => pkg.code));
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^PKG-[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    assert.equal(new Set(codes.map((c) => c.slice(-5))).size, codes.length, 'two packages share a short code');
  });

  it('has validity dates consistent with each activation', () => {
    for (const p of data.practices.flatMap(packagesOf)) {
      const v = p.validity;
      assert.notEqual(activationState(p), 'first_booking_inconsistent', `${p.id}: first_booking dates`);
      if (v.activatedOn !== null) assert.equal(v.validFrom, v.activatedOn, `${p.id}: validFrom ≠ activatedOn`);
      else assert.deepEqual([v.validFrom, v.validUntil], [null, null], `${p.id}: dates set before activation`);
      if (v.activation === 'immediate') {
        assert.notEqual(v.activatedOn, null, `${p.id}: immediate but not activated`);
        assert.equal(v.validUntil, v.durationDays === null ? null : addDays(v.validFrom!, v.durationDays - 1), `${p.id}: validUntil`);
      }
      if (v.validFrom !== null && v.validUntil !== null) assert.ok(v.validFrom <= v.validUntil, `${p.id}: validFrom after validUntil`);
    }
  });

  it('has plausible usage: within budget, adding up per service, unused when confirmed, used up when completed, none for groups', () => {
    for (const entry of data.practices) {
      for (const p of packagesOf(entry)) {
        const { usage, budget } = p;
        if (p.kind === 'group') {
          assert.deepEqual(usage, { appointments: 0, amount: 0, services: [] }, `${p.id}: a group consumed`);
          continue;
        }
        assert.equal(usage.appointments, usage.services.reduce((a, s) => a + s.count, 0), `${p.id}: appointments ≠ Σ counts`);
        assert.equal(
          usage.amount,
          usage.services.reduce((a, s) => a + s.count * byId(entry.catalog.services, s.serviceId).price, 0),
          `${p.id}: amount ≠ Σ count × price`,
        );
        if (budget.maxAppointments != null) assert.ok(usage.appointments <= budget.maxAppointments, `${p.id}: appointments over budget`);
        if (budget.maxAmount != null) assert.ok(usage.amount <= budget.maxAmount, `${p.id}: amount over budget`);
        const listed = budget.services ?? [];
        for (const s of usage.services) {
          if (listed.length === 0) continue;
          const limit = listed.find((l) => l.serviceId === s.serviceId);
          assert.ok(limit, `${p.id}: used ${s.serviceId}, which its budget does not list`);
          if (limit.maxCount !== null) assert.ok(s.count <= limit.maxCount, `${p.id}: ${s.serviceId} over budget`);
        }
        if (p.status === 'confirmed') assert.equal(usage.appointments, 0, `${p.id}: confirmed but used`);
        if (p.status === 'in_progress') assert.ok(usage.appointments > 0, `${p.id}: in progress but unused`);
        if (p.status === 'completed') {
          const finite = listed.filter((l) => l.maxCount !== null);
          const usedUp =
            remainingAppointments(p) === 0 ||
            (budget.maxAmount != null && budget.maxAmount - usage.amount === 0) ||
            (finite.length > 0 && finite.every((l) => countOf(p, l.serviceId) === l.maxCount));
          assert.ok(usedUp, `${p.id}: completed but budget left`);
        }
      }
    }
  });

  it('counts every booked appointment in the usage of its package, and activated first_booking packages on their first booking day', () => {
    let checked = 0;
    for (const entry of data.practices) {
      for (const customer of entry.customers) {
        for (const p of customer.packages.filter((p) => p.kind !== 'group')) {
          const assigned = customer.bookings.filter((b) => b.packageId === p.id && b.status === 'booked');
          const needed = new Map<string, number>();
          for (const b of assigned) {
            for (const s of byId(entry.catalog.chains, b.chainId).steps) {
              needed.set(s.serviceId, (needed.get(s.serviceId) ?? 0) + q(s.quantity, b.participants));
            }
          }
          for (const [serviceId, count] of needed) {
            assert.ok(countOf(p, serviceId) >= count, `${p.id}: usage of ${serviceId} misses booked appointments`);
            checked++;
          }
          if (p.validity.activation === 'first_booking' && p.validity.activatedOn !== null && assigned.length > 0) {
            const first = assigned.map((b) => localParts(b.steps[0]!.start, entry.practice.timeZone).date).sort()[0];
            assert.equal(p.validity.activatedOn, first, `${p.id}: not activated on its first booking day`);
          }
        }
      }
    }
    assert.ok(checked > 0, 'no booking is assigned to a package');
  });
});

// -------------------------------------------------------------------- bonus

describe('demo dataset: bonus accounts (SPEC 2.4)', () => {
  it('has in each practice a bonus amount expiring within its warning window of now, and one expiring later', () => {
    for (const entry of data.practices) {
      const localToday = localParts(data.now, entry.practice.timeZone).date;
      const accounts = entry.customers.flatMap((c) => (c.bonus ? [c.bonus] : []));
      const soon = accounts.some((b) => b.expiring.some((e) => daysBetween(localToday, e.expiresOn) >= 0 && daysBetween(localToday, e.expiresOn) <= b.warnDaysBeforeExpiry));
      const later = accounts.some((b) => b.expiring.some((e) => daysBetween(localToday, e.expiresOn) > b.warnDaysBeforeExpiry));
      assert.ok(soon, `${entry.practice.id}: nothing expires within the warning window`);
      assert.ok(later, `${entry.practice.id}: nothing expires after the warning window`);
      for (const b of accounts) assert.ok(b.balance >= b.expiring.reduce((a, e) => a + e.amount, 0), 'more expiring than the balance');
    }
  });
});

// ----------------------------------------------------------------- bookings

describe('demo dataset: bookings (SPEC 2.3, 4, 5)', () => {
  it('has in each practice at least 4 bookings: upcoming, past and cancelled ones', () => {
    for (const entry of data.practices) {
      const bookings = bookingsOf(entry).map((b) => b.booking);
      const now = Date.parse(data.now);
      assert.ok(bookings.length >= 4, `${entry.practice.id}: ${bookings.length} bookings`);
      assert.ok(bookings.some((b) => b.status === 'booked' && Date.parse(b.start) > now), `${entry.practice.id}: nothing upcoming`);
      assert.ok(bookings.some((b) => Date.parse(b.start) < now), `${entry.practice.id}: nothing past`);
      assert.ok(bookings.some((b) => b.status === 'cancelled'), `${entry.practice.id}: nothing cancelled`);
      assert.ok(bookings.some((b) => b.participants > 1), `${entry.practice.id}: no booking for several participants`);
    }
  });

  it("matches every booking's steps to its chain: one per step, same service, lasting the service's duration", () => {
    const bookings = allBookings();
    assert.ok(bookings.length > 0);
    for (const { entry, booking } of bookings) {
      const chain = byId(entry.catalog.chains, booking.chainId);
      assert.deepEqual(
        booking.steps.map((s) => s.serviceId),
        chain.steps.map((s) => s.serviceId),
        `${booking.id}: steps do not follow chain ${chain.id}`,
      );
      for (const s of booking.steps) {
        const minutes = (Date.parse(s.end) - Date.parse(s.start)) / 60_000;
        assert.equal(minutes, byId(entry.catalog.services, s.serviceId).durationMinutes, `${booking.id}: ${s.serviceId} lasts ${minutes} min`);
      }
    }
  });

  it("starts every step at the chain's day and local time in the practice time zone, written with that zone's UTC offset", () => {
    for (const { entry, booking } of allBookings()) {
      const tz = entry.practice.timeZone;
      const chain = byId(entry.catalog.chains, booking.chainId);
      const booked = localParts(booking.start, tz);
      assert.equal(booking.start.slice(-6), zoneOffset(booking.start, tz), `${booking.id}: start offset`);
      assert.equal(booking.steps[0]!.start, booking.start, `${booking.id}: the first step does not begin at the booked start`);
      booking.steps.forEach((s, i) => {
        const chainStep = chain.steps[i]!;
        const at = localParts(s.start, tz);
        assert.equal(at.date, addDays(booked.date, chainStep.day - 1), `${booking.id} step ${i}: day`);
        const expected = chainStep.start.kind === 'fixed' ? minutesOf(chainStep.start.time) : minutesOf(booked.time) + chainStep.start.offsetMinutes;
        assert.equal(minutesOf(at.time), expected, `${booking.id} step ${i}: local time ${at.time}`);
        assert.equal(s.start.slice(-6), zoneOffset(s.start, tz), `${booking.id} step ${i}: start offset`);
        assert.equal(s.end.slice(-6), zoneOffset(s.end, tz), `${booking.id} step ${i}: end offset`);
      });
    }
  });

  it('puts every step inside opening hours and off closed dates, with the booked start on the slot grid', () => {
    for (const { entry, booking } of allBookings()) {
      const { timeZone, schedule } = entry.practice;
      for (const s of booking.steps) {
        const from = localParts(s.start, timeZone);
        const to = localParts(s.end, timeZone);
        assert.equal(to.date, from.date, `${booking.id}: a step crosses midnight`);
        assert.ok(!schedule.closedDates.includes(from.date), `${booking.id}: on closed date ${from.date}`);
        const intervals = schedule.openingHours[weekdayOf(from.date)] ?? [];
        assert.ok(
          intervals.some(([open, close]) => open <= from.time && to.time <= close),
          `${booking.id}: ${s.serviceId} ${from.date} ${from.time}–${to.time} is outside opening hours`,
        );
      }
      const start = localParts(booking.start, timeZone);
      const interval = (schedule.openingHours[weekdayOf(start.date)] ?? []).find(([open, close]) => open <= start.time && start.time < close);
      assert.ok(interval, `${booking.id}: start outside opening hours`);
      assert.equal((minutesOf(start.time) - minutesOf(interval[0])) % schedule.slotMinutes, 0, `${booking.id}: start off the slot grid`);
    }
  });

  it('books no more participants than the chain allows', () => {
    for (const { entry, booking } of allBookings()) {
      assert.ok(booking.participants <= (byId(entry.catalog.chains, booking.chainId).maxParticipants ?? 1), booking.id);
    }
  });

  it('prices every booking at Σ q × service price (+ a created package) in the practice currency, due 0 on a per_package package', () => {
    for (const { entry, customer, booking } of allBookings()) {
      const chain = byId(entry.catalog.chains, booking.chainId);
      const services = chain.steps.reduce((a, s) => a + q(s.quantity, booking.participants) * byId(entry.catalog.services, s.serviceId).price, 0);
      const pkg = booking.packageId === null ? null : byId(customer.packages, booking.packageId);
      const created = booking.createdPackage !== null && pkg ? pkg.price : 0;
      assert.equal(booking.price.total, services + created, `${booking.id}: total`);
      assert.equal(booking.price.currency, entry.practice.currency, `${booking.id}: currency`);
      const due = (pkg?.billing === 'per_package' ? 0 : services) + created;
      assert.equal(booking.price.due, due, `${booking.id}: due`);
    }
  });

  it('assigns created packages to the booking that created them, copied from the chain template', () => {
    let created = 0;
    for (const { entry, customer, booking } of allBookings()) {
      if (booking.createdPackage === null) continue;
      created++;
      assert.equal(booking.packageId, booking.createdPackage, `${booking.id}: createdPackage ≠ packageId`);
      const chain = byId(entry.catalog.chains, booking.chainId);
      assert.ok(chain.createsPackage, `${booking.id}: chain ${chain.id} creates no package`);
      const template = byId(entry.catalog.packageTemplates, chain.createsPackage.templateId);
      const pkg = byId(customer.packages, booking.createdPackage);
      assert.deepEqual(
        [pkg.name, pkg.kind, pkg.packageTypeId, pkg.billing, pkg.price, pkg.validity.activation, pkg.validity.durationDays],
        [template.name, template.kind, template.packageTypeId, template.billing, template.price, template.validity.activation, template.validity.durationDays],
        `${booking.id}: ${pkg.id} is not a copy of ${template.id}`,
      );
      if (booking.status === 'cancelled' && customer.bookings.every((b) => b.id === booking.id || b.packageId !== pkg.id)) {
        assert.equal(pkg.status, 'cancelled', `${pkg.id}: its only booking was cancelled but it was not`);
      }
    }
    assert.ok(created > 0, 'no booking created a package');
  });
});
