/**
 * A package's life (SPEC 2.2, 2.3 "usable on day D", "Status changes", "Cancellation"), with the
 * activation kinds and statuses of seed 002 (Immediata / Alla prima prenotazione / Manuale;
 * In corso, Confermato, Annullato, Completato, Chiuso).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../../src/contract/entities.ts';
import {
  applyBooking,
  cancelBookingOn,
  cancellationDeadlineMs,
  consumptionOf,
  indexServices,
  isUsableOn,
  mayCancel,
  packageFromTemplate,
  remainingOf,
  unusableReason,
} from '../../src/rules/index.ts';
import { TODAY, catalog, chain, decide, freshPkg, pkg, planOf, service, step, template } from './builders.ts';

const services = indexServices(catalog().services);
const oneMassage = consumptionOf(chain(), services, 1);

const firstBookingCard = (durationDays: number | null = 30): Package =>
  freshPkg({ validity: { activation: 'first_booking', activatedOn: null, validFrom: null, validUntil: null, durationDays } });

describe('usable on day D: status and kind', () => {
  for (const status of ['confirmed', 'in_progress'] as const) {
    it(`a ${status} package is usable`, () => {
      const p = status === 'confirmed' ? freshPkg() : pkg();
      assert.equal(unusableReason(p, TODAY), null);
      assert.equal(isUsableOn(p, TODAY), true);
    });
  }
  for (const status of ['completed', 'cancelled', 'closed'] as const) {
    it(`a ${status} package is not usable, even with budget left`, () => {
      assert.equal(unusableReason(pkg({ status }), TODAY), 'status');
      assert.equal(isUsableOn(pkg({ status }), TODAY), false);
    });
  }
  it('a group package is never usable (no consumption, never a credit)', () => {
    assert.equal(unusableReason(pkg({ kind: 'group', budget: {} }), TODAY), 'group');
  });
  for (const kind of ['credits', 'time', 'unlimited'] as const) {
    it(`a ${kind} package is usable`, () => assert.equal(isUsableOn(pkg({ kind }), TODAY), true));
  }
});

describe('usable on day D: activation kinds', () => {
  it('immediate is usable within its window', () => {
    assert.equal(isUsableOn(pkg({ validity: { activation: 'immediate' } }), TODAY), true);
  });
  it('manual without activatedOn is not usable', () => {
    const p = freshPkg({ validity: { activation: 'manual', activatedOn: null, validFrom: null, validUntil: null, durationDays: 30 } });
    assert.equal(unusableReason(p, TODAY), 'not_activated');
  });
  it('manual with activatedOn is usable', () => {
    assert.equal(isUsableOn(pkg({ validity: { activation: 'manual', activatedOn: '2026-11-20', validFrom: '2026-11-20' } }), TODAY), true);
  });
  it('first_booking not yet activated counts as usable', () => {
    assert.equal(unusableReason(firstBookingCard(), TODAY), null);
    assert.equal(unusableReason(firstBookingCard(null), TODAY), null);
  });
  it('first_booking not yet activated is judged by the window its first booking would open', () => {
    // activated on the 24th for 2 days: valid 24th and 25th, not 26th
    assert.equal(unusableReason(firstBookingCard(2), '2026-11-25', TODAY), null);
    assert.equal(unusableReason(firstBookingCard(2), '2026-11-26', TODAY), 'expired');
  });
  it('first_booking already activated is judged by its stored window', () => {
    const p = pkg({ validity: { activation: 'first_booking', activatedOn: '2026-10-01', validFrom: '2026-10-01', validUntil: '2026-10-30', durationDays: 30 } });
    assert.equal(unusableReason(p, TODAY), 'expired');
  });
});

describe('usable on day D: validity window (inclusive)', () => {
  const p = pkg({ validity: { validFrom: '2026-11-10', activatedOn: '2026-11-10', validUntil: '2026-11-30' } });
  it('usable on validFrom and on validUntil', () => {
    assert.equal(isUsableOn(p, '2026-11-10'), true);
    assert.equal(isUsableOn(p, '2026-11-30'), true);
  });
  it('not usable the day before validFrom', () => assert.equal(unusableReason(p, '2026-11-09'), 'not_yet_valid'));
  it('not usable the day after validUntil', () => assert.equal(unusableReason(p, '2026-12-01'), 'expired'));
  it('an open window (nulls) is usable any day', () => {
    const open = pkg({ validity: { validFrom: null, validUntil: null } });
    assert.equal(isUsableOn(open, '1999-01-01'), true);
    assert.equal(isUsableOn(open, '2099-12-31'), true);
  });
});

describe('usable on day D: not exhausted', () => {
  const cases: Array<[string, Package, boolean]> = [
    ['1 appointment left', pkg({ usage: { appointments: 9 } }), true],
    ['0 appointments left', pkg({ usage: { appointments: 10 } }), false],
    ['amount left', pkg({ budget: { maxAmount: 10000 }, usage: { amount: 9999 } }), true],
    ['amount used up', pkg({ budget: { maxAmount: 10000 }, usage: { amount: 10000 } }), false],
    ['amount limit of 0', pkg({ budget: { maxAmount: 0 }, usage: { amount: 0 } }), false],
    ['one of two listed services left', pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: 2 }, { serviceId: 'svc-physio', maxCount: 1 }] } }), true],
    ['every listed service used up', pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: 2 }, { serviceId: 'svc-physio', maxCount: 0 }] } }), false],
    ['a listed service with unlimited count', pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: null }] }, usage: { appointments: 500 } }), true],
    ['no limits at all', pkg({ budget: {}, usage: { appointments: 500, amount: 10 ** 9 } }), true],
    ['null limits mean unlimited', pkg({ budget: { maxAppointments: null, maxAmount: null }, usage: { appointments: 500 } }), true],
  ];
  for (const [name, p, usable] of cases) {
    it(`${usable ? 'usable' : 'exhausted'} with ${name}`, () => {
      assert.equal(unusableReason(p, TODAY), usable ? null : 'exhausted');
    });
  }
});

describe('applyBooking: activation and status changes', () => {
  it('first_booking is activated on the practice-local date of the first step, validUntil = date + durationDays − 1', () => {
    // 23:30 UTC on the 23rd is 00:30 on the 24th in Berlin: the local date counts, not the UTC one
    const card = firstBookingCard(30);
    const plan = planOf(decide({ packages: [card], request: { start: '2026-11-23T23:30:00Z' }, catalog: catalog({ chains: [chain({ packageRule: { kind: 'requires', packageTypeId: null } })] }) }));
    assert.equal(plan.firstDay, '2026-11-24');
    assert.equal(plan.packageId, card.id);
    const after = applyBooking(card, plan.consumption, plan.firstDay);
    assert.deepEqual(after.validity, {
      activation: 'first_booking',
      activatedOn: '2026-11-24',
      validFrom: '2026-11-24',
      validUntil: '2026-12-23',
      durationDays: 30,
    });
  });

  it('first_booking with durationDays 1 is valid only on its activation day; without duration it never expires', () => {
    assert.equal(applyBooking(firstBookingCard(1), oneMassage, '2026-12-31').validity.validUntil, '2026-12-31');
    assert.equal(applyBooking(firstBookingCard(null), oneMassage, '2026-12-31').validity.validUntil, null);
  });

  it('first_booking activation crosses month and year ends by calendar days', () => {
    assert.equal(applyBooking(firstBookingCard(3), oneMassage, '2026-12-30').validity.validUntil, '2027-01-01');
    assert.equal(applyBooking(firstBookingCard(2), oneMassage, '2028-02-28').validity.validUntil, '2028-02-29');
  });

  it('an already activated first_booking package keeps its window', () => {
    const p = pkg({ validity: { activation: 'first_booking', activatedOn: '2026-11-01', validFrom: '2026-11-01', validUntil: '2026-11-30', durationDays: 30 } });
    assert.deepEqual(applyBooking(p, oneMassage, TODAY).validity, p.validity);
  });

  it('immediate and manual packages keep their window', () => {
    const p = pkg({ validity: { activation: 'manual', activatedOn: '2026-11-02', validFrom: '2026-11-02' } });
    assert.deepEqual(applyBooking(p, oneMassage, TODAY).validity, p.validity);
    assert.deepEqual(applyBooking(pkg(), oneMassage, TODAY).validity, pkg().validity);
  });

  it('confirmed → in_progress on the first assigned booking, adding the consumption to usage', () => {
    const after = applyBooking(freshPkg(), oneMassage, TODAY);
    assert.equal(after.status, 'in_progress');
    assert.deepEqual(after.usage, { appointments: 1, amount: 4500, services: [{ serviceId: 'svc-massage', count: 1 }] });
  });

  it('in_progress → completed when the remaining appointments reach 0', () => {
    assert.equal(applyBooking(pkg({ usage: { appointments: 8 } }), oneMassage, TODAY).status, 'in_progress');
    assert.equal(applyBooking(pkg({ usage: { appointments: 9 } }), oneMassage, TODAY).status, 'completed');
  });

  it('in_progress → completed when the remaining amount reaches 0', () => {
    const p = pkg({ budget: { maxAmount: 9000 }, usage: { appointments: 1, amount: 4500 } });
    assert.equal(applyBooking(p, oneMassage, TODAY).status, 'completed');
  });

  it('in_progress → completed when every listed finite service is used up, not while one is unlimited', () => {
    const finite = pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: 3 }] } });
    assert.equal(applyBooking(finite, oneMassage, TODAY).status, 'completed');
    const withUnlimited = pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: 3 }, { serviceId: 'svc-physio', maxCount: null }] } });
    assert.equal(applyBooking(withUnlimited, oneMassage, TODAY).status, 'in_progress');
  });

  it('a confirmed package used up by its first booking goes straight to completed', () => {
    assert.equal(applyBooking(freshPkg({ budget: { maxAppointments: 1 } }), oneMassage, TODAY).status, 'completed');
  });

  it('per_participant steps count once per participant (seed 003 "En för varje deltagare")', () => {
    const group = chain({ maxParticipants: 4, steps: [step({ quantity: 'per_participant' }), step({ serviceId: 'svc-physio' })] });
    const after = applyBooking(pkg({ budget: {}, usage: { appointments: 0, amount: 0, services: [] } }), consumptionOf(group, services, 3), TODAY);
    assert.deepEqual(after.usage, {
      appointments: 4,
      amount: 3 * 4500 + 3000,
      services: [
        { serviceId: 'svc-massage', count: 3 },
        { serviceId: 'svc-physio', count: 1 },
      ],
    });
  });
});

describe('cancelBookingOn: returns everything the booking consumed', () => {
  it('returns usage and moves completed back to in_progress', () => {
    const before = pkg({ usage: { appointments: 9, amount: 40500, services: [{ serviceId: 'svc-massage', count: 9 }] } });
    const completed = applyBooking(before, oneMassage, TODAY);
    assert.equal(completed.status, 'completed');
    const back = cancelBookingOn(completed, oneMassage, TODAY);
    assert.equal(back.status, 'in_progress');
    assert.deepEqual(back.usage, before.usage);
    assert.deepEqual(remainingOf(back).appointments, 1);
  });

  it('returns every step of a multi-day chain with its per-participant quantities', () => {
    const twoDay = chain({ maxParticipants: 3, steps: [step({ quantity: 'per_participant' }), step({ day: 2, serviceId: 'svc-physio' })] });
    const consumption = consumptionOf(twoDay, services, 3);
    const before = pkg({ budget: {}, usage: { appointments: 5, amount: 20000, services: [{ serviceId: 'svc-massage', count: 5 }] } });
    assert.deepEqual(cancelBookingOn(applyBooking(before, consumption, TODAY), consumption, TODAY).usage, before.usage);
  });

  it('a package the booking created, with no other booking, is cancelled with it', () => {
    const created = applyBooking(packageFromTemplate(template(), { id: 'new', code: 'PKG-NEW00-AAAAA', today: TODAY }), oneMassage, TODAY);
    const back = cancelBookingOn(created, oneMassage, TODAY, { createdByThisBooking: true, otherBookings: 0 });
    assert.equal(back.status, 'cancelled');
    assert.equal(back.usage.appointments, 0);
  });

  it('a package the booking created that has other bookings stays in use', () => {
    const created = packageFromTemplate(template({ validity: { activation: 'immediate', durationDays: 365 } }), { id: 'new', code: 'PKG-NEW00-AAAAA', today: TODAY });
    const twice = applyBooking(applyBooking(created, oneMassage, TODAY), oneMassage, TODAY);
    const back = cancelBookingOn(twice, oneMassage, TODAY, { createdByThisBooking: true, otherBookings: 1 });
    assert.equal(back.status, 'in_progress');
    assert.equal(back.usage.appointments, 1);
  });

  it('a package that was not created by the booking is never cancelled by it', () => {
    const after = applyBooking(freshPkg(), oneMassage, TODAY);
    assert.notEqual(cancelBookingOn(after, oneMassage, TODAY).status, 'cancelled');
  });

  it('returning the only use of a first_booking package un-activates it (confirmed and unused again)', () => {
    const card = firstBookingCard(30);
    const back = cancelBookingOn(applyBooking(card, oneMassage, TODAY), oneMassage, TODAY);
    assert.deepEqual(back, card);
  });
});

describe('mayCancel: allowed until cancelUntilHours before the first step', () => {
  const firstStep = Date.parse('2026-11-26T10:00:00+01:00');
  it('allowed exactly at the deadline', () => {
    assert.equal(mayCancel(Date.parse('2026-11-25T10:00:00+01:00'), firstStep, 24), true);
    assert.equal(cancellationDeadlineMs(firstStep, 24), Date.parse('2026-11-25T10:00:00+01:00'));
  });
  it('refused one minute after the deadline', () => {
    assert.equal(mayCancel(Date.parse('2026-11-25T10:01:00+01:00'), firstStep, 24), false);
  });
  it('allowed long before, refused after the start', () => {
    assert.equal(mayCancel(Date.parse('2026-11-01T10:00:00+01:00'), firstStep, 24), true);
    assert.equal(mayCancel(firstStep + 1, firstStep, 0), false);
    assert.equal(mayCancel(firstStep, firstStep, 0), true);
  });
  it('counts real hours across a daylight-saving change (48 h before 2026-03-30 10:00 CEST is 2026-03-28 09:00 CET)', () => {
    const start = Date.parse('2026-03-30T10:00:00+02:00');
    assert.equal(mayCancel(Date.parse('2026-03-28T09:00:00+01:00'), start, 48), true);
    assert.equal(mayCancel(Date.parse('2026-03-28T09:01:00+01:00'), start, 48), false);
  });
});

describe('packageFromTemplate: the package a chain creates', () => {
  it('immediate activates today with validUntil = today + durationDays − 1, status in_progress, nothing used', () => {
    const p = packageFromTemplate(template({ validity: { activation: 'immediate', durationDays: 10 } }), { id: 'n1', code: 'PKG-AAAAA-BBBBB', today: TODAY });
    assert.equal(p.status, 'in_progress');
    assert.deepEqual(p.usage, { appointments: 0, amount: 0, services: [] });
    assert.deepEqual(p.validity, { activation: 'immediate', activatedOn: TODAY, validFrom: TODAY, validUntil: '2026-12-03', durationDays: 10 });
    assert.equal(p.code, 'PKG-AAAAA-BBBBB');
    assert.equal(p.customerNote, null);
  });
  it('first_booking and manual are not activated at creation', () => {
    for (const activation of ['first_booking', 'manual'] as const) {
      const p = packageFromTemplate(template({ validity: { activation, durationDays: 10 } }), { id: 'n1', code: 'PKG-AAAAA-BBBBB', today: TODAY });
      assert.deepEqual([p.validity.activatedOn, p.validity.validFrom, p.validity.validUntil], [null, null, null]);
    }
  });
  it('copies the template: later template changes never affect the package', () => {
    const tpl = template({ budget: { maxAppointments: 10, services: [{ serviceId: 'svc-massage', maxCount: 10 }] } });
    const p = packageFromTemplate(tpl, { id: 'n1', code: 'PKG-AAAAA-BBBBB', today: TODAY });
    tpl.budget.maxAppointments = 5;
    tpl.budget.services![0]!.maxCount = 1;
    tpl.price = 1;
    assert.equal(p.budget.maxAppointments, 10);
    assert.equal(p.budget.services![0]!.maxCount, 10);
    assert.equal(p.price, 40000);
    assert.equal(p.name, '10x Massage');
    assert.equal(p.packageTypeId, 'type-massage');
  });
});

describe('consumption (SPEC 2.3, first paragraph)', () => {
  it('q = p for per_participant steps and 1 otherwise: appointments, amount and per-service counts', () => {
    const c = chain({
      maxParticipants: 5,
      steps: [
        step({ quantity: 'per_participant' }),
        step({ serviceId: 'svc-physio', quantity: 'one' }),
        step({ day: 2, quantity: 'one' }),
        step({ day: 2, serviceId: 'svc-coffee', quantity: 'per_participant' }),
      ],
    });
    const idx = indexServices([...catalog().services, service({ id: 'svc-coffee', productType: 'goods', price: 350, durationMinutes: 0 })]);
    const c3 = consumptionOf(c, idx, 3);
    assert.equal(c3.appointments, 3 + 1 + 1 + 3);
    assert.equal(c3.amount, 3 * 4500 + 3000 + 4500 + 3 * 350);
    assert.deepEqual([...c3.services], [
      ['svc-massage', 4],
      ['svc-physio', 1],
      ['svc-coffee', 3],
    ]);
    const c1 = consumptionOf(c, idx, 1);
    assert.deepEqual([c1.appointments, c1.amount], [4, 4500 + 3000 + 4500 + 350]);
  });
});

describe('a group package created by a chain (SPEC 2.2: "no consumption, never a credit")', () => {
  const groupTemplate = template({ id: 'tpl-series', name: 'Treatment series', kind: 'group', budget: {}, billing: 'per_package', price: 0 });
  const sells = chain({ createsPackage: { templateId: 'tpl-series', condition: 'always', packageTypeId: null } });

  it('groups the booking but consumes nothing, and cancelling leaves its usage alone too', () => {
    const group = freshPkg({ kind: 'group', budget: {} });
    const booked = applyBooking(group, oneMassage, TODAY);
    assert.deepEqual(booked.usage, group.usage);
    assert.deepEqual(cancelBookingOn(booked, oneMassage, TODAY).usage, group.usage);
  });

  it('does not make the booking free even when billed per package', () => {
    const plan = planOf(decide({ catalog: catalog({ chains: [sells], packageTemplates: [groupTemplate] }) }));
    assert.equal(plan.createFrom?.id, 'tpl-series');
    assert.equal(plan.price.due, plan.price.total);
    assert.ok(plan.price.due > 0);
  });
});
