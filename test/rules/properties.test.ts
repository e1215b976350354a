/**
 * Properties of the rules over generated catalogs and clients' packages (see arbitraries.ts for
 * the invariants the generated data keeps).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { BookingRequest } from '../../src/contract/api.ts';
import type { Bonus, Chain, Package } from '../../src/contract/entities.ts';
import {
  applyBooking,
  bonusSummary,
  cancelBookingOn,
  coveringPackages,
  decideBooking,
  defaultPick,
  eligibilityFailure,
  indexServices,
  offerings,
  packageFromTemplate,
  type Decision,
} from '../../src/rules/index.ts';
import {
  START_TODAY,
  TIME_ZONE,
  TODAY,
  isBookableOnlineOracle,
  oracleCovers,
  oracleEligible,
  oracleUsable,
  oraclePick,
  packagesArb,
  plusDays,
  withinBudget,
  worldArb,
  type World,
} from './arbitraries.ts';
import { deepFreeze } from './builders.ts';

const RUNS = { numRuns: 200 };

function decideIn(world: World, request: BookingRequest, packages: readonly Package[] = world.packages): Decision {
  return decideBooking({
    catalog: world.catalog,
    packages,
    timeZone: TIME_ZONE,
    currency: 'EUR',
    request,
    isSlotOffered: () => true,
  });
}

const todayRequest = (chain: Chain): BookingRequest => ({ chainId: chain.id, start: START_TODAY, participants: 1 });

/** A request for one of the world's chains: 1..maxParticipants (sometimes one more), maybe naming a package. */
const requestArb = (world: World, startDays = 0): fc.Arbitrary<BookingRequest> =>
  fc
    .record({
      chain: fc.constantFrom(...world.catalog.chains),
      extra: fc.integer({ min: 0, max: 3 }),
      named: fc.option(fc.constantFrom(...world.packages.map((p) => p.id), 'not-mine'), { freq: 4 }),
      day: fc.integer({ min: 0, max: startDays }),
    })
    .map(({ chain, extra, named, day }) => ({
      chainId: chain.id,
      start: `${plusDays(TODAY, day)}T10:00:00+01:00`,
      participants: Math.min(1 + extra, chain.maxParticipants + 1),
      ...(named === null ? {} : { packageId: named }),
    }));

const worldWithRequestArb = worldArb.chain((world) => requestArb(world).map((request) => ({ world, request })));

describe('offerings agree with an independent reading of SPEC 2.3', () => {
  it('offered, the hidden reason and the covering packages (in default pick order) match the oracle', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { services } = world.catalog;
        for (const o of offerings(world.catalog, world.packages, TODAY)) {
          const c = o.chain;
          const rule = c.packageRule;
          const ofType = (p: Package, t: string | null) => t === null || p.packageTypeId === t;
          let reason: string | null = null;
          let covering: Package[] = [];
          if (!isBookableOnlineOracle(c, services)) reason = 'not_bookable_online';
          else if (rule.kind === 'requires') {
            covering = world.packages.filter((p) => ofType(p, rule.packageTypeId) && oracleCovers(p, c, services, 1, TODAY));
            if (covering.length === 0) reason = 'package_required';
          } else if (rule.kind === 'prevented_by') {
            if (world.packages.some((p) => ofType(p, rule.packageTypeId) && oracleUsable(p, TODAY, TODAY))) reason = 'blocked_by_package';
          }
          assert.equal(o.reason, reason, `chain ${c.id}`);
          assert.equal(o.offered, reason === null);
          assert.deepEqual(
            o.coveringPackages.map((p) => p.id).sort(),
            reason === null ? covering.map((p) => p.id).sort() : [],
          );
          if (o.coveringPackages.length > 0) assert.equal(o.coveringPackages[0]!.id, oraclePick(covering)!.id);
        }
      }),
      RUNS,
    );
  });
});

describe('offered ⇔ decideBooking does not refuse on package grounds (booking today, 1 participant, every slot free)', () => {
  it('offered → accepted (the default pick is the first covering package); hidden → refused with the matching code', () => {
    let offered = 0;
    let required = 0;
    let short = 0;
    let blocked = 0;
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const o of offerings(world.catalog, world.packages, TODAY)) {
          const decision = decideIn(world, todayRequest(o.chain));
          const rule = o.chain.packageRule;
          if (o.offered) {
            offered++;
            assert.ok(decision.ok, `offered chain ${o.chain.id} was refused: ${decision.ok ? '' : decision.problem.code}`);
            if (o.chain.packageRule.kind === 'requires') assert.equal(decision.plan.packageId, o.coveringPackages[0]!.id);
            else assert.equal(decision.plan.packageId, null);
            continue;
          }
          assert.equal(decision.ok, false, `hidden chain ${o.chain.id} (${o.reason}) was accepted`);
          const { problem } = decision;
          if (o.reason === 'not_bookable_online' || o.reason === 'blocked_by_package') {
            if (o.reason === 'blocked_by_package') blocked++;
            assert.equal(problem.code, o.reason);
            continue;
          }
          // package_required on the offer: the booking names the default pick among the eligible packages (budget_exceeded), or there is none (package_required)
          assert.equal(rule.kind, 'requires');
          const typeId = rule.kind === 'requires' ? rule.packageTypeId : null;
          const eligible = world.packages.filter(
            (p) => (typeId === null || p.packageTypeId === typeId) && oracleEligible(p, o.chain, TODAY),
          );
          assert.deepEqual(
            eligible.map((p) => p.id).sort(),
            world.packages.filter((p) => (typeId === null || p.packageTypeId === typeId) && eligibilityFailure(p, o.chain, TODAY) === null).map((p) => p.id).sort(),
          );
          if (eligible.length === 0) {
            required++;
            assert.equal(problem.code, 'package_required');
          } else {
            short++;
            assert.equal(problem.code, 'budget_exceeded');
            if (problem.code === 'budget_exceeded') {
              assert.equal(problem.packageId, oraclePick(eligible)!.id);
              assert.ok(problem.required > problem.remaining);
            }
          }
        }
      }),
      RUNS,
    );
    // the property must have seen every branch, or it proves little
    assert.ok(offered > 0 && required > 0 && short > 0 && blocked > 0, JSON.stringify({ offered, required, short, blocked }));
  });
});

describe('applyBooking then cancelBookingOn', () => {
  it('restores usage, status and validity exactly (deepEqual) for every accepted booking with a package', () => {
    let applied = 0;
    fc.assert(
      fc.property(worldWithRequestArb, ({ world, request }) => {
        for (const req of [request, ...world.catalog.chains.map(todayRequest)]) {
          const decision = decideIn(world, req);
          if (!decision.ok || decision.plan.packageId === null) continue;
          applied++;
          const { plan } = decision;
          const before = world.packages.find((p) => p.id === plan.packageId)!;
          const booked = applyBooking(before, plan.consumption, plan.firstDay);
          assert.notDeepEqual(booked.usage, before.usage);
          assert.deepEqual(cancelBookingOn(booked, plan.consumption, plan.firstDay), before);
        }
      }),
      RUNS,
    );
    assert.ok(applied > 20, `only ${applied} bookings were applied`);
  });
});

describe('budgets', () => {
  it('no sequence of accepted bookings drives any usage above a budget', () => {
    let accepted = 0;
    const scenario = worldArb.chain((world) =>
      fc.array(requestArb(world, 3), { minLength: 1, maxLength: 8 }).map((requests) => ({ world, requests })),
    );
    fc.assert(
      fc.property(scenario, ({ world, requests }) => {
        let packages = world.packages;
        for (const p of packages) assert.equal(withinBudget(p), null, 'the generator made a package over budget');
        for (const request of requests) {
          const decision = decideIn(world, request, packages);
          if (!decision.ok || decision.plan.packageId === null) continue;
          accepted++;
          const { plan } = decision;
          packages = packages.map((p) => (p.id === plan.packageId ? applyBooking(p, plan.consumption, plan.firstDay) : p));
          for (const p of packages) assert.equal(withinBudget(p), null, `package ${p.id} went over budget`);
        }
      }),
      RUNS,
    );
    assert.ok(accepted > 20, `only ${accepted} bookings were accepted`);
  });
});

describe('defaultPick', () => {
  it('is the minimum of the covering set under the SPEC order (validUntil none last, fewest appointments left, lowest id)', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom<string | null>('T1', 'T2', null), (world, typeId) => {
        const services = indexServices(world.catalog.services);
        for (const chain of world.catalog.chains) {
          const covering = coveringPackages(chain, services, world.packages, typeId, TODAY);
          const pick = defaultPick(covering);
          const expected = oraclePick(covering);
          assert.equal(pick?.id ?? null, expected?.id ?? null);
          if (pick) assert.ok(covering.includes(pick), 'the pick is not one of the covering packages');
          // and coveringPackages lists them in that order
          assert.deepEqual(
            covering.map((p) => p.id),
            [...covering].sort((a, b) => (oraclePick([a, b]) === a ? -1 : 1)).map((p) => p.id),
          );
        }
      }),
      RUNS,
    );
  });

  it('is the minimum of any set of packages, with ties on validUntil and remaining appointments', () => {
    fc.assert(
      fc.property(packagesArb(), (packages) => {
        const pick = defaultPick(packages);
        assert.equal(pick?.id ?? null, oraclePick(packages)?.id ?? null);
        if (pick) assert.ok(packages.includes(pick));
      }),
      RUNS,
    );
  });
});

describe('order independence', () => {
  it('shuffling packages and chains changes no offering, covering set or decision', () => {
    const scenario = worldWithRequestArb.chain(({ world, request }) =>
      fc
        .tuple(
          fc.shuffledSubarray(world.packages, { minLength: world.packages.length, maxLength: world.packages.length }),
          fc.shuffledSubarray(world.catalog.chains, { minLength: world.catalog.chains.length, maxLength: world.catalog.chains.length }),
        )
        .map(([packages, chains]) => ({ world, request, shuffled: { catalog: { ...world.catalog, chains }, packages } })),
    );
    const summary = (world: World) =>
      Object.fromEntries(
        offerings(world.catalog, world.packages, TODAY).map((o) => [o.chain.id, { reason: o.reason, covering: o.coveringPackages.map((p) => p.id) }]),
      );
    /** A decision without the free-text detail, which may name a different but equally blocking package. */
    const outcome = (d: Decision) => {
      if (d.ok) return { ok: true, packageId: d.plan.packageId, createFrom: d.plan.createFrom?.id ?? null, price: d.plan.price, firstDay: d.plan.firstDay };
      const { detail: _detail, ...rest } = d.problem;
      return { ok: false, ...rest };
    };
    fc.assert(
      fc.property(scenario, ({ world, request, shuffled }) => {
        assert.deepEqual(summary(shuffled), summary(world));
        assert.deepEqual(outcome(decideIn(shuffled, request, shuffled.packages)), outcome(decideIn(world, request)));
      }),
      RUNS,
    );
  });
});

describe('no input is mutated', () => {
  it('offerings, decideBooking, applyBooking, cancelBookingOn, packageFromTemplate and bonusSummary work on deep-frozen inputs', () => {
    const bonusArb: fc.Arbitrary<Bonus> = fc.record({
      unit: fc.constantFrom('points' as const, 'stamps' as const),
      balance: fc.nat(1000),
      expiring: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 50 }), expiresOn: fc.integer({ min: -5, max: 40 }).map((n) => plusDays(TODAY, n)) }), { maxLength: 4 }),
      warnDaysBeforeExpiry: fc.nat(30),
    });
    let applied = 0;
    fc.assert(
      fc.property(worldWithRequestArb, bonusArb.map((b) => structuredClone(b)), ({ world, request }, bonus) => {
        const snapshot = structuredClone({ world, request, bonus });
        deepFreeze(world);
        deepFreeze(request);
        deepFreeze(bonus);
        offerings(world.catalog, world.packages, TODAY);
        for (const req of [request, ...world.catalog.chains.map(todayRequest)]) {
          const decision = decideIn(world, deepFreeze(req));
          if (!decision.ok || decision.plan.packageId === null) continue;
          applied++;
          const { plan } = decision;
          const before = world.packages.find((p) => p.id === plan.packageId)!;
          const booked = deepFreeze(applyBooking(before, plan.consumption, plan.firstDay));
          cancelBookingOn(booked, plan.consumption, plan.firstDay);
          cancelBookingOn(booked, plan.consumption, plan.firstDay, { createdByThisBooking: true, otherBookings: 0 });
        }
        const created = deepFreeze(packageFromTemplate(world.catalog.packageTemplates[0]!, { id: 'new', code: 'PKG-NEW00-00000', today: TODAY }));
        applyBooking(created, { appointments: 1, amount: 100, services: new Map([['s1', 1]]) }, TODAY);
        bonusSummary(bonus, TODAY);
        assert.deepEqual({ world, request, bonus }, snapshot);
      }),
      RUNS,
    );
    assert.ok(applied > 20, `only ${applied} bookings were applied`);
  });
});
