import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogResponse, PracticeResponse } from '../../src/contract/api.ts';
import * as entities from '../../src/contract/entities.ts';
import { Booking, Package } from '../../src/contract/entities.ts';
import { Dataset } from '../../src/contract/dataset.ts';
import { fieldErrors } from '../../src/contract/issues.ts';
import { Problem } from '../../src/contract/problems.ts';
import { readDemo } from '../support/demo.ts';

/** The paths of every issue, sorted, for comparing with what we broke. */
function badPaths(schema: { safeParse(input: unknown): { success: boolean; error?: unknown } }, input: unknown): string[] {
  const result = schema.safeParse(input) as ReturnType<typeof Dataset.safeParse>;
  assert.equal(result.success, false, 'the malformed input was accepted');
  return [...new Set(fieldErrors(result.error!).map((e) => e.path))].sort();
}

describe('dataset schema', () => {
  it('accepts the demo dataset', () => {
    const result = Dataset.safeParse(readDemo());
    assert.ok(result.success, result.success ? '' : JSON.stringify(fieldErrors(result.error), null, 1));
  });

  it('names the path of every bad field at once', () => {
    const demo = readDemo() as any;
    demo.practices[0].catalog.services[0].price = -100;
    demo.practices[0].catalog.services[1].durationMinutes = '30';
    delete demo.practices[0].catalog.chains[0].name;
    demo.practices[0].practice.timeZone = 'Mars/Olympus_Mons';
    demo.practices[1].practice.currency = 'kronor';
    demo.practices[1].customers[0].email = 'not-an-email';
    demo.now = '2026-11-24 09:00';
    assert.deepEqual(badPaths(Dataset, demo), [
      'now',
      'practices[0].catalog.chains[0].name',
      'practices[0].catalog.services[0].price',
      'practices[0].catalog.services[1].durationMinutes',
      'practices[0].practice.timeZone',
      'practices[1].customers[0].email',
      'practices[1].practice.currency',
    ]);
  });

  it('rejects references to ids that do not exist, and duplicate ids', () => {
    const demo = readDemo() as any;
    const catalog = demo.practices[0].catalog;
    catalog.chains[0].steps[0].serviceId = 'no-such-service';
    catalog.services[1].id = catalog.services[0].id;
    demo.practices[0].customers[0].bookings.push({
      ...demo.practices[0].customers.flatMap((c: any) => c.bookings)[0],
      id: 'bk-new',
      chainId: 'no-such-chain',
      packageId: 'someone-elses-package',
    });
    const paths = badPaths(Dataset, demo);
    const at = `practices[0].customers[0].bookings[${demo.practices[0].customers[0].bookings.length - 1}]`;
    for (const path of [
      'practices[0].catalog.chains[0].steps[0].serviceId',
      'practices[0].catalog.services[1].id',
      `${at}.chainId`,
      `${at}.packageId`,
    ]) {
      assert.ok(paths.includes(path), `${path} not reported; got ${paths.join(', ')}`);
    }
  });

  it('rejects a token given to two clients, a createdPackage that is not the booking\'s package, and overlapping hours', () => {
    const demo = readDemo() as any;
    const [first, second] = demo.practices[0].customers;
    second.tokens = [first.tokens[0]];
    const created = demo.practices.flatMap((p: any) => p.customers.flatMap((c: any) => c.bookings)).find((b: any) => b.createdPackage);
    assert.ok(created, 'the demo has a booking that created a package');
    created.packageId = null;
    demo.practices[1].practice.schedule.openingHours.mon = [['08:00', '12:00'], ['11:00', '15:00']];
    const paths = badPaths(Dataset, demo);
    assert.ok(paths.includes('practices[0].customers[1].tokens[0]'), paths.join(', '));
    assert.ok(paths.some((p) => p.endsWith('.createdPackage')), paths.join(', '));
    assert.ok(paths.includes('practices[1].practice.schedule.openingHours.mon'), paths.join(', '));
  });

  it('keeps the staff-only internalNote in the dataset but no response schema carries it', () => {
    const demo = readDemo();
    const withNote = demo.practices.flatMap((p) => p.customers.flatMap((c) => c.packages)).find((p) => p.internalNote);
    assert.ok(withNote, 'the demo dataset has a package with an internalNote');
    assert.equal('internalNote' in Package.parse(withNote), false);
    assert.equal(JSON.stringify(Package.parse(withNote)).includes(withNote.internalNote!), false);
  });
});

describe('response schemas', () => {
  const practice = {
    id: 'physio-berlin',
    name: 'Physio',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    locales: ['de'],
    defaultLocale: 'de',
    serverTime: '2026-11-24T09:00:00+01:00',
    bookingPolicy: { minLeadMinutes: 60, maxAdvanceDays: 30, cancelUntilHours: 24 },
  };

  it('accepts every budget limit absent or null, as docs/decisions.md says (both mean "not limited")', () => {
    const { Budget } = entities;
    for (const budget of [{}, { maxAppointments: null, maxAmount: null, services: null }, { maxAppointments: 10, services: [] }]) {
      assert.ok(Budget.safeParse(budget).success, JSON.stringify(budget));
    }
    assert.equal(Budget.safeParse({ services: 'all' }).success, false);
  });

  it('accepts a well-formed practice', () => {
    assert.equal(PracticeResponse.safeParse(practice).success, true);
  });

  it('rejects a practice whose serverTime has no offset and whose policy is negative', () => {
    assert.deepEqual(
      badPaths(PracticeResponse, { ...practice, serverTime: '2026-11-24T09:00:00', bookingPolicy: { ...practice.bookingPolicy, maxAdvanceDays: -1 } }),
      ['bookingPolicy.maxAdvanceDays', 'serverTime'],
    );
  });

  it('rejects a chain step with both kinds of start mixed up, and a step on day 0', () => {
    const catalog = readDemo().practices[0]!.catalog as any;
    catalog.chains[0].steps[0].start = { kind: 'fixed', offsetMinutes: 30 };
    catalog.chains[0].steps[0].day = 0;
    catalog.chains[0].packageRule = { kind: 'requires' };
    assert.deepEqual(badPaths(CatalogResponse, catalog), [
      'chains[0].packageRule.packageTypeId',
      'chains[0].steps[0].day',
      'chains[0].steps[0].start.time',
    ]);
  });

  it('defaults maxParticipants to 1', () => {
    const catalog = readDemo().practices[0]!.catalog as any;
    delete catalog.chains[0].maxParticipants;
    assert.equal(CatalogResponse.parse(catalog).chains[0]!.maxParticipants, 1);
  });

  it('rejects money that is not whole minor units', () => {
    const booking = readDemo().practices.flatMap((p) => p.customers.flatMap((c) => c.bookings))[0] as any;
    booking.price.total = 45.5;
    booking.price.currency = 'eur';
    assert.deepEqual(badPaths(Booking, booking), ['price.currency', 'price.total']);
  });

  it('accepts every problem code with its status and extension fields, and rejects a wrong status', () => {
    const budget = {
      status: 422,
      code: 'budget_exceeded',
      title: 't',
      detail: 'd',
      packageId: 'pkg-1',
      criterion: 'appointments',
      serviceId: null,
      remaining: 1,
      required: 2,
    };
    assert.equal(Problem.safeParse(budget).success, true);
    assert.deepEqual(badPaths(Problem, { ...budget, status: 409, criterion: 'time' }), ['criterion', 'status']);
    assert.deepEqual(badPaths(Problem, { status: 400, code: 'validation_failed', title: 't', detail: 'd', errors: [] }), ['errors']);
    assert.equal(Problem.safeParse({ status: 418, code: 'teapot', title: 't', detail: 'd' }).success, false);
  });
});
