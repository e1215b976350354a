/**
 * The money and package view model says what the booking that follows will do: for random
 * catalogs, packages and requests, "pays at the practice / covered by / left afterwards" equals
 * what decideBooking and applyBooking produce, and every refusal names what the server names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { BookingRequest } from '../../src/contract/api.ts';
import { applyBooking, decideBooking, isUsableOn, isOfType, remainingOf } from '../../src/rules/index.ts';
import { packageState, packageViews } from '../../src/state/package-view.ts';
import { paymentView } from '../../src/state/payment-view.ts';
import { TIME_ZONE, TODAY, TYPE_IDS, plusDays, worldArb, type World } from '../rules/arbitraries.ts';

const RUNS = { numRuns: 300 };
const PACKAGE_CODES = new Set(['budget_exceeded', 'package_not_usable', 'package_required', 'blocked_by_package']);

const requestArb = (world: World): fc.Arbitrary<BookingRequest> =>
  fc
    .record({
      chain: fc.constantFrom(...world.catalog.chains),
      extra: fc.integer({ min: 0, max: 2 }),
      named: fc.option(fc.constantFrom(...world.packages.map((p) => p.id)), { freq: 3 }),
      day: fc.integer({ min: 0, max: 40 }),
    })
    .map(({ chain, extra, named, day }) => ({
      chainId: chain.id,
      start: `${plusDays(TODAY, day)}T10:00:00+01:00`,
      participants: Math.min(1 + extra, chain.maxParticipants),
      ...(named === null ? {} : { packageId: named }),
    }));

const casesArb = worldArb.filter((w) => w.packages.length > 0).chain((world) => requestArb(world).map((request) => ({ world, request })));

const packageTypes = TYPE_IDS.map((id) => ({ id, name: `#${id}` }));

describe('paymentView agrees with decideBooking and applyBooking', () => {
  it('pays, covers, buys and leaves afterwards exactly what the booking does; refuses exactly when it is refused', () => {
    fc.assert(
      fc.property(casesArb, ({ world, request }) => {
        const decision = decideBooking({ catalog: world.catalog, packages: world.packages, timeZone: TIME_ZONE, currency: 'EUR', request, isSlotOffered: () => true });
        // Steps 3, 5 and 6 come before the packages; the view model speaks of step 7 only.
        fc.pre(decision.ok || PACKAGE_CODES.has(decision.problem.code));
        const chain = world.catalog.chains.find((c) => c.id === request.chainId)!;
        const day = request.start.slice(0, 10);
        const view = paymentView({
          catalog: { ...world.catalog, packageTypes },
          packages: world.packages,
          currency: 'EUR',
          chain,
          day,
          participants: request.participants,
          packageId: request.packageId ?? null,
        });
        assert.equal(view.ok, decision.ok, 'refused exactly when the booking is');
        if (!decision.ok || !view.ok) {
          if (view.ok || decision.ok) return;
          const { problem } = decision;
          const { refusal } = view;
          if (problem.code === 'budget_exceeded') {
            assert.equal(refusal.code, 'package');
            assert.ok(refusal.code === 'package' && refusal.failure.kind === 'budget');
            assert.equal(refusal.pkg.id, problem.packageId, 'the package the server names');
            assert.deepEqual(
              { criterion: refusal.failure.criterion, remaining: refusal.failure.remaining, required: refusal.failure.required },
              { criterion: problem.criterion, remaining: problem.remaining, required: problem.required },
            );
          } else if (problem.code === 'package_not_usable') {
            assert.equal(refusal.code, 'package', 'names the package and why');
            assert.ok(refusal.code === 'package' && refusal.pkg.id === problem.packageId && refusal.failure.kind !== 'budget');
          } else if (problem.code === 'blocked_by_package') {
            assert.equal(refusal.code, 'blocked_by_package');
            assert.ok(refusal.code === 'blocked_by_package' && isUsableOn(refusal.pkg, day));
            const rule = chain.packageRule;
            assert.ok(rule.kind === 'prevented_by' && isOfType(refusal.pkg, rule.packageTypeId));
          } else {
            // package_required: a package of the kind that cannot pay, and why; else the kind missing.
            assert.ok(refusal.code === 'package' || refusal.code === 'package_required' || refusal.code === 'other', refusal.code);
            if (refusal.code === 'package') assert.notEqual(refusal.failure, null);
          }
          return;
        }
        const { plan } = decision;
        const { pay } = view;
        assert.equal(pay.due, plan.price.due, 'what the client pays at the practice');
        if (plan.createFrom) {
          assert.equal(pay.pkg, null);
          assert.equal(pay.buys?.name ?? null, plan.createFrom.kind === 'group' ? null : plan.createFrom.name);
          return;
        }
        assert.equal(pay.pkg?.id ?? null, plan.packageId, 'the package that pays or counts it');
        assert.equal(pay.buys, null);
        if (!pay.pkg) return assert.equal(pay.use, null);
        assert.equal(pay.covers, pay.pkg.billing === 'per_package');
        if (pay.covers) assert.equal(pay.due, 0, 'a per_package package leaves nothing to pay');
        const applied = applyBooking(pay.pkg, plan.consumption, plan.firstDay);
        const left = remainingOf(applied);
        if (pay.use) assert.equal(pay.use.value, pay.use.kind === 'appointments' ? plan.consumption.appointments : plan.consumption.amount);
        if (pay.after) {
          const expected =
            pay.after.kind === 'appointments' ? left.appointments : pay.after.kind === 'amount' ? left.amount : left.services?.get(pay.after.serviceId!);
          assert.equal(pay.after.left, expected, `left afterwards (${pay.after.kind})`);
        } else {
          assert.equal(pay.pkg.budget.maxAppointments ?? pay.pkg.budget.maxAmount ?? null, null, 'only a package without those limits has no meter');
        }
      }),
      RUNS,
    );
  });
});

describe('package states', () => {
  it('a package is listed as usable exactly when the rules let it pay today, usable ones first', () => {
    fc.assert(
      fc.property(worldArb, ({ packages }) => {
        const views = packageViews(packages, TODAY);
        assert.equal(views.length, packages.filter((p) => p.kind !== 'group').length);
        for (const view of views) {
          assert.equal(view.usable, isUsableOn(view.pkg, TODAY), `${view.pkg.id}: ${view.state}`);
          if (view.state === 'cancelled' || view.state === 'closed') assert.deepEqual(view.meters, []);
        }
        const firstUnusable = views.findIndex((v) => !v.usable);
        if (firstUnusable >= 0) assert.ok(views.slice(firstUnusable).every((v) => !v.usable), 'usable ones first');
        assert.equal(views.filter((v) => v.usedFirst).length, views.some((v) => v.usable) ? 1 : 0);
      }),
      RUNS,
    );
  });

  it('states are said by status first, then activation, then validity', () => {
    fc.assert(
      fc.property(worldArb, ({ packages }) => {
        // Group packages are never shown (bookkeeping, never a credit).
        for (const pkg of packages.filter((p) => p.kind !== 'group')) {
          const state = packageState(pkg, TODAY);
          if (pkg.status === 'cancelled' || pkg.status === 'closed') assert.equal(state, pkg.status);
          else if (pkg.status === 'completed') assert.equal(state, 'used_up');
          else if (pkg.validity.validUntil !== null && pkg.validity.validUntil < TODAY && state !== 'used_up' && state !== 'not_active_yet') assert.equal(state, 'expired');
        }
      }),
      RUNS,
    );
  });
});
