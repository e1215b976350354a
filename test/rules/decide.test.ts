/**
 * Deciding a booking (SPEC 2.3 "Deciding a booking", checks 3 and 5–8; "Price"; "Which package a
 * booking uses"), with the budgets of seed 000 (max. Anzahl Termine, max. Gesamtbetrag,
 * spezifische Leistungen; "ist ein Buchen nicht möglich") and seed 003 (per-participant quantities).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Chain, Package } from '../../src/contract/entities.ts';
import { MASSAGE, PHYSIO, START, catalog, chain, decide, freshPkg, pkg, planOf, problemOf, service, step, template } from './builders.ts';

const requiresMassage = (overrides: Partial<Chain> = {}) =>
  chain({ packageRule: { kind: 'requires', packageTypeId: MASSAGE }, ...overrides });

const withChains = (...chains: Chain[]) => catalog({ chains });

describe('check 3: not_found', () => {
  it('an unknown chain is not_found', () => {
    assert.equal(problemOf(decide({ request: { chainId: 'nope' } })).code, 'not_found');
  });
  it("a named packageId that is not one of this client's packages (another client's) is not_found", () => {
    const mine = pkg({ id: 'mine' });
    const problem = problemOf(decide({ catalog: withChains(requiresMassage()), packages: [mine], request: { packageId: 'someone-elses' } }));
    assert.equal(problem.code, 'not_found');
  });
  it('packageId null means the server picks (docs/decisions.md)', () => {
    const plan = planOf(decide({ catalog: withChains(requiresMassage()), packages: [pkg()], request: { packageId: null } }));
    assert.equal(plan.packageId, 'pkg-1');
  });
});

describe('check 5: not_bookable_online', () => {
  it('a value card, an entry product or a service not bookable online in any step refuses the booking', () => {
    for (const bad of [service({ id: 'svc-x', productType: 'value_card' }), service({ id: 'svc-x', productType: 'entry' }), service({ id: 'svc-x', onlineBookable: false })]) {
      const cat = catalog({ services: [...catalog().services, bad], chains: [chain({ steps: [step(), step({ serviceId: 'svc-x' })] })] });
      assert.equal(problemOf(decide({ catalog: cat })).code, 'not_bookable_online');
    }
  });
});

describe('check 6: too_many_participants', () => {
  it('participants above maxParticipants are refused; equal is fine', () => {
    const cat = withChains(chain({ maxParticipants: 2 }));
    assert.equal(problemOf(decide({ catalog: cat, request: { participants: 3 } })).code, 'too_many_participants');
    assert.equal(decide({ catalog: cat, request: { participants: 2 } }).ok, true);
  });
});

describe('check 7 without packageId: requires', () => {
  it('uses the default pick among covering packages', () => {
    const late = pkg({ id: 'late', validity: { validUntil: '2027-01-31' } });
    const soon = pkg({ id: 'soon', validity: { validUntil: '2026-12-15' } });
    const physio = pkg({ id: 'aaa-physio', packageTypeId: PHYSIO, validity: { validUntil: '2026-11-30' } });
    const plan = planOf(decide({ catalog: withChains(requiresMassage()), packages: [late, physio, soon] }));
    assert.equal(plan.packageId, 'soon');
  });

  it('package_required when no package of the type could pay at all', () => {
    for (const packages of [[], [pkg({ packageTypeId: PHYSIO })], [pkg({ status: 'cancelled' })], [pkg({ validity: { validUntil: '2026-11-23' } })]]) {
      assert.equal(problemOf(decide({ catalog: withChains(requiresMassage()), packages })).code, 'package_required');
    }
  });

  it('package_required when the only card does not list the chain\'s service', () => {
    const physioOnly = pkg({ budget: { services: [{ serviceId: 'svc-physio', maxCount: 10 }] }, usage: { services: [] } });
    assert.equal(problemOf(decide({ catalog: withChains(requiresMassage()), packages: [physioOnly] })).code, 'package_required');
  });

  it('budget_exceeded, criterion appointments: a 2-step chain with 1 appointment left', () => {
    const twoSteps = requiresMassage({ steps: [step(), step({ serviceId: 'svc-physio', start: { kind: 'relative', offsetMinutes: 30 } })] });
    const problem = problemOf(decide({ catalog: withChains(twoSteps), packages: [pkg({ usage: { appointments: 9 } })] }));
    assert.deepEqual(problem, { ...problem, code: 'budget_exceeded', packageId: 'pkg-1', criterion: 'appointments', serviceId: null, remaining: 1, required: 2 });
  });

  it('budget_exceeded, criterion amount: 20.00 left for a 45.00 massage', () => {
    const card = pkg({ budget: { maxAmount: 50000 }, usage: { amount: 48000 } });
    const problem = problemOf(decide({ catalog: withChains(requiresMassage()), packages: [card] }));
    assert.deepEqual(problem, { ...problem, code: 'budget_exceeded', packageId: 'pkg-1', criterion: 'amount', serviceId: null, remaining: 2000, required: 4500 });
  });

  it('budget_exceeded, criterion service: 1 massage left for 2 participants of a per_participant step', () => {
    const card = pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: 3 }] } });
    const group = requiresMassage({ maxParticipants: 2, steps: [step({ quantity: 'per_participant' })] });
    const problem = problemOf(decide({ catalog: withChains(group), packages: [card], request: { participants: 2 } }));
    assert.deepEqual(problem, { ...problem, code: 'budget_exceeded', packageId: 'pkg-1', criterion: 'service', serviceId: 'svc-massage', remaining: 1, required: 2 });
    assert.equal(decide({ catalog: withChains(group), packages: [card], request: { participants: 1 } }).ok, true);
  });

  it('budget_exceeded names the package the default order would pick among the eligible ones', () => {
    const twoSteps = requiresMassage({ steps: [step(), step()] });
    const lateShort = pkg({ id: 'a-late', usage: { appointments: 9 }, validity: { validUntil: '2027-03-01' } });
    const soonShort = pkg({ id: 'z-soon', usage: { appointments: 9 }, validity: { validUntil: '2026-12-01' } });
    const wrongService = pkg({ id: '0-physio-only', budget: { services: [{ serviceId: 'svc-physio', maxCount: 1 }] }, usage: { services: [] }, validity: { validUntil: '2026-11-25' } });
    const problem = problemOf(decide({ catalog: withChains(twoSteps), packages: [lateShort, wrongService, soonShort] }));
    assert.equal(problem.code, 'budget_exceeded');
    assert.equal(problem.code === 'budget_exceeded' && problem.packageId, 'z-soon');
  });

  it('a covering package wins over a short one that expires earlier', () => {
    const twoSteps = requiresMassage({ steps: [step(), step()] });
    const shortSoon = pkg({ id: 'short', usage: { appointments: 9 }, validity: { validUntil: '2026-11-30' } });
    const fits = pkg({ id: 'fits', validity: { validUntil: '2027-03-01' } });
    assert.equal(planOf(decide({ catalog: withChains(twoSteps), packages: [shortSoon, fits] })).packageId, 'fits');
  });
});

describe('check 7 with a named packageId: judged alone', () => {
  it('package_not_usable when the named package is of another type than the requires chain asks for', () => {
    const physio = pkg({ id: 'physio', packageTypeId: PHYSIO });
    const problem = problemOf(decide({ catalog: withChains(requiresMassage()), packages: [pkg(), physio], request: { packageId: 'physio' } }));
    assert.deepEqual(problem, { ...problem, code: 'package_not_usable', packageId: 'physio' });
  });

  it('package_not_usable when the named package is not usable on day 2 of a 2-day chain', () => {
    const twoDay = requiresMassage({ steps: [step(), step({ day: 2, start: { kind: 'fixed', time: '08:00' } })] });
    const endsToday = pkg({ id: 'ends-today', validity: { validUntil: '2026-11-24' } });
    const problem = problemOf(decide({ catalog: withChains(twoDay), packages: [endsToday], request: { packageId: 'ends-today' } }));
    assert.deepEqual(problem, { ...problem, code: 'package_not_usable', packageId: 'ends-today' });
    const endsTomorrow = pkg({ id: 'ends-tomorrow', validity: { validUntil: '2026-11-25' } });
    assert.equal(planOf(decide({ catalog: withChains(twoDay), packages: [endsTomorrow], request: { packageId: 'ends-tomorrow' } })).packageId, 'ends-tomorrow');
  });

  it('package_not_usable when the named package is cancelled, closed, completed, a group or not activated', () => {
    const bad: Package[] = [
      pkg({ status: 'cancelled' }),
      pkg({ status: 'closed' }),
      pkg({ status: 'completed', usage: { appointments: 10 } }),
      pkg({ kind: 'group' }),
      freshPkg({ validity: { activation: 'manual', activatedOn: null, validFrom: null, validUntil: null } }),
    ];
    for (const p of bad) {
      assert.equal(problemOf(decide({ catalog: withChains(requiresMassage()), packages: [p], request: { packageId: p.id } })).code, 'package_not_usable');
    }
  });

  it('package_not_usable when the named package does not cover the chain\'s services', () => {
    const physioOnly = pkg({ id: 'physio-only', budget: { services: [{ serviceId: 'svc-physio', maxCount: 10 }] }, usage: { services: [] } });
    const problem = problemOf(decide({ catalog: withChains(requiresMassage()), packages: [physioOnly], request: { packageId: 'physio-only' } }));
    assert.deepEqual(problem, { ...problem, code: 'package_not_usable', packageId: 'physio-only' });
  });

  it('budget_exceeded when the named package is usable but a budget is too small, even if another one would cover', () => {
    const short = pkg({ id: 'short', usage: { appointments: 9 } });
    const full = pkg({ id: 'full', usage: { appointments: 0 } });
    const twoSteps = requiresMassage({ steps: [step(), step()] });
    const problem = problemOf(decide({ catalog: withChains(twoSteps), packages: [full, short], request: { packageId: 'short' } }));
    assert.deepEqual(problem, { ...problem, code: 'budget_exceeded', packageId: 'short', criterion: 'appointments', serviceId: null, remaining: 1, required: 2 });
  });

  it('a named covering package pays even when the default pick would be another', () => {
    const soon = pkg({ id: 'soon', validity: { validUntil: '2026-11-30' } });
    const late = pkg({ id: 'late', validity: { validUntil: '2027-11-30' } });
    assert.equal(planOf(decide({ catalog: withChains(requiresMassage()), packages: [soon, late], request: { packageId: 'late' } })).packageId, 'late');
  });
});

describe('check 7: prevented_by', () => {
  const sellCard = chain({
    packageRule: { kind: 'prevented_by', packageTypeId: MASSAGE },
    createsPackage: { templateId: 'tpl-10x', condition: 'no_usable_package_of_type', packageTypeId: MASSAGE },
  });
  it('blocked_by_package while a usable package of that type exists', () => {
    assert.equal(problemOf(decide({ catalog: withChains(sellCard), packages: [pkg()] })).code, 'blocked_by_package');
  });
  it('accepted, creating the card, once the old card is used up or expired', () => {
    for (const old of [pkg({ status: 'completed', usage: { appointments: 10 } }), pkg({ validity: { validUntil: '2026-11-23' } })]) {
      const plan = planOf(decide({ catalog: withChains(sellCard), packages: [old] }));
      assert.equal(plan.packageId, null);
      assert.equal(plan.createFrom?.id, 'tpl-10x');
    }
  });
  it('prevented_by #Massage is not blocked by a usable package of another type', () => {
    const plan = planOf(decide({ catalog: withChains(sellCard), packages: [pkg({ packageTypeId: PHYSIO }), pkg({ id: 'untyped', packageTypeId: null })] }));
    assert.equal(plan.createFrom?.id, 'tpl-10x');
  });
  it('naming the usable card that blocks the chain does not open it (docs/decisions.md)', () => {
    const problem = problemOf(decide({ catalog: withChains(sellCard), packages: [pkg()], request: { packageId: 'pkg-1' } }));
    assert.equal(problem.code, 'blocked_by_package');
  });
  it('the blocking package named in the detail does not depend on input order', () => {
    const a = pkg({ id: 'a', name: 'Card A', validity: { validUntil: '2026-12-01' } });
    const b = pkg({ id: 'b', name: 'Card B', validity: { validUntil: '2027-06-01' } });
    const details = [[a, b], [b, a]].map((packages) => problemOf(decide({ catalog: withChains(sellCard), packages })).detail);
    assert.equal(details[0], details[1]);
    assert.match(details[0]!, /Card A/);
  });
  it('prevented_by null is blocked by a usable package of any type', () => {
    const anyBlocks = chain({ packageRule: { kind: 'prevented_by', packageTypeId: null } });
    assert.equal(problemOf(decide({ catalog: withChains(anyBlocks), packages: [pkg({ packageTypeId: PHYSIO })] })).code, 'blocked_by_package');
    assert.equal(decide({ catalog: withChains(anyBlocks), packages: [pkg({ packageTypeId: PHYSIO, status: 'closed' })] }).ok, true);
  });
});

describe('check 8: slot_unavailable', () => {
  it('a start that is not offered is refused, and the slot check gets the chain, the start and the participants', () => {
    const calls: Array<[string, number, number]> = [];
    const cat = withChains(chain({ maxParticipants: 3 }));
    const problem = problemOf(
      decide({ catalog: cat, request: { participants: 2 }, isSlotOffered: (c, startMs, p) => (calls.push([c.id, startMs, p]), false) }),
    );
    assert.equal(problem.code, 'slot_unavailable');
    assert.deepEqual(calls, [['chain-1', Date.parse(START), 2]]);
  });
});

describe('the first failing check decides', () => {
  const desk = [...catalog().services, service({ id: 'svc-card', productType: 'value_card' })];

  it('unknown chain beats everything', () => {
    assert.equal(problemOf(decide({ request: { chainId: 'nope', packageId: 'nope', participants: 99 }, isSlotOffered: () => false })).code, 'not_found');
  });
  it('an unknown named package (not_found) beats not_bookable_online', () => {
    const cat = catalog({ services: desk, chains: [chain({ steps: [step({ serviceId: 'svc-card' })] })] });
    assert.equal(problemOf(decide({ catalog: cat, request: { packageId: 'nope' } })).code, 'not_found');
  });
  it('not_bookable_online beats too_many_participants', () => {
    const cat = catalog({ services: desk, chains: [chain({ steps: [step({ serviceId: 'svc-card' })], maxParticipants: 1 })] });
    assert.equal(problemOf(decide({ catalog: cat, request: { participants: 5 } })).code, 'not_bookable_online');
  });
  it('too_many_participants beats a short budget', () => {
    const group = requiresMassage({ maxParticipants: 2, steps: [step({ quantity: 'per_participant' })] });
    const card = pkg({ usage: { appointments: 9 } });
    assert.equal(problemOf(decide({ catalog: withChains(group), packages: [card], request: { participants: 3 } })).code, 'too_many_participants');
    assert.equal(problemOf(decide({ catalog: withChains(group), packages: [card], request: { participants: 2 } })).code, 'budget_exceeded');
  });
  it('too_many_participants beats package_required and blocked_by_package', () => {
    assert.equal(problemOf(decide({ catalog: withChains(requiresMassage()), request: { participants: 2 } })).code, 'too_many_participants');
    const blocked = chain({ packageRule: { kind: 'prevented_by', packageTypeId: null } });
    assert.equal(problemOf(decide({ catalog: withChains(blocked), packages: [pkg()], request: { participants: 2 } })).code, 'too_many_participants');
  });
  it('a short budget beats slot_unavailable', () => {
    const twoSteps = requiresMassage({ steps: [step(), step()] });
    const problem = problemOf(decide({ catalog: withChains(twoSteps), packages: [pkg({ usage: { appointments: 9 } })], isSlotOffered: () => false }));
    assert.equal(problem.code, 'budget_exceeded');
  });
  it('package_required, blocked_by_package and package_not_usable beat slot_unavailable', () => {
    const noSlot = () => false;
    assert.equal(problemOf(decide({ catalog: withChains(requiresMassage()), isSlotOffered: noSlot })).code, 'package_required');
    const blocked = chain({ packageRule: { kind: 'prevented_by', packageTypeId: null } });
    assert.equal(problemOf(decide({ catalog: withChains(blocked), packages: [pkg()], isSlotOffered: noSlot })).code, 'blocked_by_package');
    const closed = pkg({ status: 'closed' });
    assert.equal(problemOf(decide({ catalog: withChains(requiresMassage()), packages: [closed], request: { packageId: closed.id }, isSlotOffered: noSlot })).code, 'package_not_usable');
  });
});

describe('price: Σ q × service price; due 0 on a per_package package; a created package adds its template price', () => {
  // massage 45.00 per participant + physio 30.00 once, 3 participants: 3 × 4500 + 3000
  const steps = [step({ quantity: 'per_participant' }), step({ serviceId: 'svc-physio', start: { kind: 'relative', offsetMinutes: 30 } })];
  const services = 3 * 4500 + 3000;

  it('without a package: total = due = Σ q × price, in the practice currency', () => {
    const plan = planOf(decide({ catalog: withChains(chain({ steps, maxParticipants: 3 })), request: { participants: 3 } }));
    assert.deepEqual(plan.price, { total: services, due: services, currency: 'EUR' });
  });

  it('assigned to a per_package package: total as usual, due 0', () => {
    const card = pkg({ billing: 'per_package', budget: {} });
    const plan = planOf(decide({ catalog: withChains(requiresMassage({ steps, maxParticipants: 3 })), packages: [card], request: { participants: 3 } }));
    assert.deepEqual(plan.price, { total: services, due: 0, currency: 'EUR' });
  });

  it('assigned to a per_appointment package: due = total', () => {
    const card = pkg({ billing: 'per_appointment', budget: {} });
    const plan = planOf(decide({ catalog: withChains(requiresMassage({ steps, maxParticipants: 3 })), packages: [card], request: { participants: 3 } }));
    assert.deepEqual(plan.price, { total: services, due: services, currency: 'EUR' });
  });

  it('a chain creating a per_package package: total and due both add the template price, the services are covered', () => {
    const sells = chain({ steps, maxParticipants: 3, createsPackage: { templateId: 'tpl-10x', condition: 'always', packageTypeId: null } });
    const plan = planOf(decide({ catalog: catalog({ chains: [sells], packageTemplates: [template({ price: 40000, billing: 'per_package' })] }), request: { participants: 3 } }));
    assert.deepEqual(plan.price, { total: services + 40000, due: 40000, currency: 'EUR' });
  });

  it('a chain creating a per_appointment package: due is the services plus the template price', () => {
    const sells = chain({ steps, maxParticipants: 3, createsPackage: { templateId: 'tpl-10x', condition: 'always', packageTypeId: null } });
    const plan = planOf(decide({ catalog: catalog({ chains: [sells], packageTemplates: [template({ price: 40000, billing: 'per_appointment' })] }), request: { participants: 3 } }));
    assert.deepEqual(plan.price, { total: services + 40000, due: services + 40000, currency: 'EUR' });
  });
});

describe('createsPackage conditions decide whether plan.createFrom is set', () => {
  const creating = (condition: 'always' | 'no_usable_package' | 'no_usable_package_of_type', packageTypeId: string | null = MASSAGE) =>
    withChains(chain({ createsPackage: { templateId: 'tpl-10x', condition, packageTypeId } }));
  const created = (cat: ReturnType<typeof withChains>, packages: Package[]) => planOf(decide({ catalog: cat, packages })).createFrom?.id ?? null;

  it('always: created whatever the client holds', () => {
    assert.equal(created(creating('always'), []), 'tpl-10x');
    assert.equal(created(creating('always'), [pkg()]), 'tpl-10x');
  });
  it('no_usable_package: created only when no package of any type is usable', () => {
    assert.equal(created(creating('no_usable_package'), []), 'tpl-10x');
    assert.equal(created(creating('no_usable_package'), [pkg({ status: 'closed' }), pkg({ id: 'old', validity: { validUntil: '2026-01-31' } })]), 'tpl-10x');
    assert.equal(created(creating('no_usable_package'), [pkg({ packageTypeId: PHYSIO })]), null);
  });
  it('no_usable_package_of_type: created unless a usable package of that type exists', () => {
    assert.equal(created(creating('no_usable_package_of_type'), [pkg({ packageTypeId: PHYSIO })]), 'tpl-10x');
    assert.equal(created(creating('no_usable_package_of_type'), [pkg({ usage: { appointments: 10 } })]), 'tpl-10x');
    assert.equal(created(creating('no_usable_package_of_type'), [pkg()]), null);
  });
  it('no createsPackage: nothing is created', () => {
    assert.equal(created(withChains(chain()), []), null);
  });
});

describe('a chain whose first step is on day 2 (day 1 = the booked day)', () => {
  // booked today at 10:00; the only step is tomorrow at 08:00
  const dayTwoOnly = requiresMassage({ steps: [step({ day: 2, start: { kind: 'fixed', time: '08:00' } })] });

  it('judges the package on the step\'s own date, not a day later', () => {
    const untilTomorrow = pkg({ validity: { validUntil: '2026-11-25' } });
    const plan = planOf(decide({ catalog: withChains(dayTwoOnly), packages: [untilTomorrow] }));
    assert.equal(plan.packageId, 'pkg-1');
    assert.equal(plan.firstDay, '2026-11-25');
    const untilToday = pkg({ validity: { validUntil: '2026-11-24' } });
    assert.equal(problemOf(decide({ catalog: withChains(dayTwoOnly), packages: [untilToday] })).code, 'package_required');
  });

  it('activates a first_booking package on the date of that first step', () => {
    const oneDay = freshPkg({ validity: { activation: 'first_booking', activatedOn: null, validFrom: null, validUntil: null, durationDays: 1 } });
    const plan = planOf(decide({ catalog: withChains(dayTwoOnly), packages: [oneDay] }));
    assert.equal(plan.firstDay, '2026-11-25');
    const twoDaysLater = requiresMassage({ steps: [step({ day: 2 }), step({ day: 3 })] });
    assert.equal(problemOf(decide({ catalog: withChains(twoDaysLater), packages: [oneDay] })).code, 'package_required');
  });
});

describe('the plan', () => {
  it('carries the steps, the first day, the consumption and the participants', () => {
    const c = chain({ maxParticipants: 2, steps: [step({ quantity: 'per_participant' }), step({ day: 2, serviceId: 'svc-physio', start: { kind: 'fixed', time: '08:00' } })] });
    const plan = planOf(decide({ catalog: withChains(c), request: { participants: 2 } }));
    assert.equal(plan.firstDay, '2026-11-24');
    assert.equal(plan.participants, 2);
    assert.equal(plan.startMs, Date.parse(START));
    assert.deepEqual(plan.steps.map((s) => [s.serviceId, new Date(s.startMs).toISOString()]), [
      ['svc-massage', '2026-11-24T09:00:00.000Z'],
      ['svc-physio', '2026-11-25T07:00:00.000Z'],
    ]);
    assert.deepEqual([plan.consumption.appointments, plan.consumption.amount], [3, 2 * 4500 + 3000]);
  });
});
