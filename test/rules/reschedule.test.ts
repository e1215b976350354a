/**
 * Rescheduling (docs/rules.md "Rescheduling"): decided as cancel-then-book with the same package,
 * atomically; refusals in their order; a `first_booking` activation moving with
 * the booking; a package the booking sold staying with it; a card used up by this booking alone
 * covering its new time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RescheduleRequest } from '../../src/contract/api.ts';
import type { Booking, Package } from '../../src/contract/entities.ts';
import {
  applyBooking,
  bookedSteps,
  cancelBookingOn,
  consumptionOf,
  decideBooking,
  firstStepMs,
  indexServices,
  localDateOf,
  decideReschedule,
  packageFromTemplate,
  type BookingPlan,
  type RescheduleDecision,
  type RescheduleInput,
} from '../../src/rules/index.ts';
import { TIME_ZONE, TODAY, plusDays, worldArb, type World } from './arbitraries.ts';
import { START, TZ, catalog, chain, deepFreeze, freshPkg, pkg, template } from './builders.ts';

const RUNS = { numRuns: 300 };
/** Long before any generated start: every booking may still be changed. */
const EARLY_MS = Date.parse(`${plusDays(TODAY, -30)}T00:00:00+01:00`);

/** The booking a plan makes (as the mock stores it). */
function bookingOf(plan: BookingPlan, packageId: string | null, createdPackage: string | null): Booking {
  return {
    id: 'bk-1',
    chainId: plan.chain.id,
    status: 'booked',
    start: new Date(plan.startMs).toISOString(),
    participants: plan.participants,
    steps: bookedSteps(plan.steps, TIME_ZONE),
    packageId,
    createdPackage,
    price: plan.price,
    bonusEarned: null,
    note: null,
  };
}

/** Book `request` in `world`; the client's packages afterwards and the booking, or null when refused. */
function bookIn(world: World, chainId: string, start: string, participants: number): { packages: Package[]; booking: Booking } | null {
  const decision = decideBooking({ catalog: world.catalog, packages: world.packages, timeZone: TIME_ZONE, currency: 'EUR', request: { chainId, start, participants }, isSlotOffered: () => true });
  if (!decision.ok) return null;
  const { plan } = decision;
  if (plan.createFrom) {
    const created = packageFromTemplate(plan.createFrom, { id: 'created', code: 'PKG-AAAAA-BBBBB', today: TODAY });
    return { packages: [...world.packages, applyBooking(created, plan.consumption, plan.firstDay)], booking: bookingOf(plan, 'created', 'created') };
  }
  const packages = world.packages.map((p) => (p.id === plan.packageId ? applyBooking(p, plan.consumption, plan.firstDay) : p));
  return { packages, booking: bookingOf(plan, plan.packageId, null) };
}

const scenarioArb = worldArb.chain((world) =>
  fc.record({
    world: fc.constant(world),
    chainIndex: fc.nat(world.catalog.chains.length - 1),
    firstDay: fc.integer({ min: 0, max: 3 }),
    secondDay: fc.integer({ min: 0, max: 6 }),
    participants: fc.integer({ min: 1, max: 3 }),
    newParticipants: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 2 }),
  }),
);

describe('reschedule ≡ cancel, then book the new start with the same package', () => {
  it('a successful move leaves every package exactly as cancel+book; a refusal has the same code', () => {
    let moved = 0;
    let refused = 0;
    fc.assert(
      fc.property(scenarioArb, ({ world, chainIndex, firstDay, secondDay, participants, newParticipants }) => {
        const chainOf = world.catalog.chains[chainIndex]!;
        const booked = bookIn(world, chainOf.id, `${plusDays(TODAY, firstDay)}T10:00:00+01:00`, Math.min(participants, chainOf.maxParticipants));
        if (!booked) return;
        const { booking } = booked;
        const packages = deepFreeze(booked.packages);
        const request: RescheduleRequest = { start: `${plusDays(TODAY, secondDay)}T11:00:00+01:00`, ...(newParticipants === null ? {} : { participants: newParticipants }) };
        const decision = decideReschedule({
          catalog: world.catalog,
          packages,
          booking: deepFreeze(booking),
          request,
          timeZone: TIME_ZONE,
          currency: 'EUR',
          nowMs: EARLY_MS,
          cancelUntilHours: 24,
          isSlotOffered: () => true,
        });

        // The oracle: cancel (a package the booking sold stays: it is not cancelled), then book
        // naming the same package, with no template to sell.
        // The package before the booking: the world's own (apply then cancel restores it exactly,
        // properties.test.ts), or the one the booking sold with the booking's use returned.
        const afterCancel = packages.map((p) => {
          if (p.id !== booking.packageId) return p;
          const original = world.packages.find((w) => w.id === p.id);
          const consumption = consumptionOf(chainOf, indexServices(world.catalog.services), booking.participants);
          return original ?? cancelBookingOn(p, consumption, localDateOf(firstStepMs(booking), TIME_ZONE));
        });
        const rebook = decideBooking({
          catalog: { ...world.catalog, packageTemplates: [] },
          packages: afterCancel,
          timeZone: TIME_ZONE,
          currency: 'EUR',
          request: { chainId: booking.chainId, start: request.start, participants: request.participants ?? booking.participants, ...(booking.packageId ? { packageId: booking.packageId } : {}) },
          isSlotOffered: () => true,
        });
        assert.equal(decision.ok, rebook.ok, `reschedule ${decision.ok ? 'moved' : decision.problem.code}, cancel+book ${rebook.ok ? 'booked' : rebook.problem.code}`);
        if (!decision.ok || !rebook.ok) {
          refused++;
          assert.equal(decision.ok ? null : decision.problem.code, rebook.ok ? null : rebook.problem.code);
          return;
        }
        moved++;
        const { plan } = decision;
        const expected = afterCancel.map((p) => (p.id === rebook.plan.packageId ? applyBooking(p, rebook.plan.consumption, rebook.plan.firstDay) : p));
        const actual = packages.map((p) => (p.id === plan.packageAfter?.id ? plan.packageAfter : p));
        assert.deepEqual(actual, expected);
        assert.equal(plan.packageAfter?.id ?? null, rebook.plan.packageId);
        assert.equal(plan.startMs, Date.parse(request.start));
        // The price is the new booking's, plus the package this booking sold.
        const sold = booking.createdPackage ? packages.find((p) => p.id === booking.createdPackage)!.price : 0;
        assert.deepEqual(plan.price, { ...rebook.plan.price, total: rebook.plan.price.total + sold, due: rebook.plan.price.due + sold });
      }),
      RUNS,
    );
    assert.ok(moved > 50, `only ${moved} moves`);
    assert.ok(refused > 10, `only ${refused} refusals`);
  });
});

// ------------------------------------------------------------------ examples

const requiresMassage = chain({ packageRule: { kind: 'requires', packageTypeId: 'type-massage' } });

function booked(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'bk-1',
    chainId: 'chain-1',
    status: 'booked',
    start: START,
    participants: 1,
    steps: [{ serviceId: 'svc-massage', start: START, end: '2026-11-24T11:00:00+01:00' }],
    packageId: 'pkg-1',
    createdPackage: null,
    price: { total: 4500, due: 0, currency: 'EUR' },
    bonusEarned: null,
    note: null,
    ...overrides,
  };
}

function reschedule(overrides: Partial<RescheduleInput> = {}): RescheduleDecision {
  return decideReschedule({
    catalog: catalog({ chains: [requiresMassage] }),
    packages: [pkg({ usage: { appointments: 3 } })],
    booking: booked(),
    request: { start: '2026-11-26T10:00:00+01:00' },
    timeZone: TZ,
    currency: 'EUR',
    nowMs: Date.parse('2026-11-20T10:00:00+01:00'),
    cancelUntilHours: 24,
    isSlotOffered: () => true,
    ...overrides,
  });
}

const codeOf = (decision: RescheduleDecision) => (decision.ok ? 'moved' : decision.problem.code);

describe('deciding a reschedule, in order', () => {
  it('a cancelled booking: booking_cancelled, before the window', () => {
    assert.equal(codeOf(reschedule({ booking: booked({ status: 'cancelled' }), nowMs: Date.parse(START) })), 'booking_cancelled');
  });
  it('inside the current start’s cancellation window: cancellation_window_passed (inclusive deadline)', () => {
    const deadline = Date.parse(START) - 24 * 3_600_000;
    assert.equal(codeOf(reschedule({ nowMs: deadline })), 'moved');
    assert.equal(codeOf(reschedule({ nowMs: deadline + 1 })), 'cancellation_window_passed');
  });
  it('too many participants before the package and the slot', () => {
    const decision = reschedule({ request: { start: '2026-11-26T10:00:00+01:00', participants: 2 }, isSlotOffered: () => false });
    assert.equal(codeOf(decision), 'too_many_participants');
  });
  it('the package before the slot: a card that expires before the new day is package_not_usable, naming it', () => {
    const decision = reschedule({ packages: [pkg({ validity: { validUntil: '2026-11-25' } })], isSlotOffered: () => false });
    assert.equal(codeOf(decision), 'package_not_usable');
    assert.equal(!decision.ok && 'packageId' in decision.problem && decision.problem.packageId, 'pkg-1');
  });
  it('a start not offered: slot_unavailable', () => {
    assert.equal(codeOf(reschedule({ isSlotOffered: () => false })), 'slot_unavailable');
  });
  it('the slot check is asked for the new start and participants', () => {
    const asked: [number, number][] = [];
    reschedule({ isSlotOffered: (_chain, startMs, participants) => (asked.push([startMs, participants]), true) });
    assert.deepEqual(asked, [[Date.parse('2026-11-26T10:00:00+01:00'), 1]]);
  });
});

describe('what a move does to the package', () => {
  it('a card used up by this booking alone still covers its new time; its usage is unchanged overall', () => {
    const usedUp = pkg({ status: 'completed', budget: { maxAppointments: 1 }, usage: { appointments: 1, amount: 4500, services: [{ serviceId: 'svc-massage', count: 1 }] } });
    const decision = reschedule({ packages: [usedUp] });
    assert.ok(decision.ok, codeOf(decision));
    assert.deepEqual(decision.plan.packageAfter!.usage, usedUp.usage);
    assert.equal(decision.plan.packageAfter!.status, 'completed');
  });
  it('a first_booking activation made by this booking follows it to the new day', () => {
    const activated = pkg({
      status: 'in_progress',
      usage: { appointments: 1, amount: 4500, services: [{ serviceId: 'svc-massage', count: 1 }] },
      validity: { activation: 'first_booking', activatedOn: '2026-11-24', validFrom: '2026-11-24', validUntil: '2026-12-23', durationDays: 30 },
    });
    const decision = reschedule({ packages: [activated] });
    assert.ok(decision.ok, codeOf(decision));
    assert.deepEqual(decision.plan.packageAfter!.validity, { ...activated.validity, activatedOn: '2026-11-26', validFrom: '2026-11-26', validUntil: '2026-12-25' });
  });
  it('an activation shared with another booking stays where it is', () => {
    const shared = pkg({
      usage: { appointments: 2, amount: 9000, services: [{ serviceId: 'svc-massage', count: 2 }] },
      validity: { activation: 'first_booking', activatedOn: '2026-11-24', validFrom: '2026-11-24', validUntil: '2026-12-23', durationDays: 30 },
    });
    const decision = reschedule({ packages: [shared] });
    assert.ok(decision.ok, codeOf(decision));
    assert.deepEqual(decision.plan.packageAfter!.validity, shared.validity);
  });
  it('a package the booking sold stays its package, and its price stays in the booking’s', () => {
    const sold = { ...packageFromTemplate(template(), { id: 'pkg-new', code: 'PKG-AAAAA-BBBBB', today: '2026-11-20' }) };
    const soldAndUsed = applyBooking(sold, { appointments: 1, amount: 4500, services: new Map([['svc-massage', 1]]) }, '2026-11-24');
    const sells = chain({ createsPackage: { templateId: 'tpl-10x', condition: 'always', packageTypeId: null } });
    const decision = reschedule({
      catalog: catalog({ chains: [sells] }),
      packages: [freshPkg({ id: 'other' }), soldAndUsed],
      booking: booked({ packageId: 'pkg-new', createdPackage: 'pkg-new', price: { total: 44500, due: 40000, currency: 'EUR' } }),
    });
    assert.ok(decision.ok, codeOf(decision));
    assert.equal(decision.plan.packageAfter!.id, 'pkg-new');
    assert.equal(decision.plan.packageAfter!.status, 'in_progress');
    assert.equal(decision.plan.packageAfter!.validity.activatedOn, '2026-11-26');
    assert.deepEqual(decision.plan.price, { total: 44500, due: 40000, currency: 'EUR' });
  });
});
