/**
 * Which chains a client is offered (SPEC 2.3 "offered"), with the cases of seed 000 (Paket-Art
 * #Massage, "Voraussetzung" and "verhindert", "Paket automatisch anlegen") and seed 003 (value
 * cards and entry tickets are sold at the desk only).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Chain, Package, Service } from '../../src/contract/entities.ts';
import { indexServices, offeringOf, offerings } from '../../src/rules/index.ts';
import { MASSAGE, PHYSIO, TODAY, catalog, chain, freshPkg, pkg, service, step } from './builders.ts';

const services = [service(), service({ id: 'svc-physio', name: 'Physiotherapy', code: '2001', price: 3000 })];

/** Seed 000: a follow-up chain that needs any active package of type #Massage, whatever its name. */
const followUp = chain({ id: 'massage-follow-up', packageRule: { kind: 'requires', packageTypeId: MASSAGE } });

/** Seed 000: the chain that sells a new 10-visit card, hidden while the client still has a usable one. */
const sellCard = chain({
  id: 'sell-10x',
  name: 'Massage with a new 10x card',
  packageRule: { kind: 'prevented_by', packageTypeId: MASSAGE },
  createsPackage: { templateId: 'tpl-10x', condition: 'no_usable_package_of_type', packageTypeId: MASSAGE },
});

function offer(c: Chain, packages: Package[], svc: Service[] = services) {
  return offeringOf(c, indexServices(svc), packages, TODAY);
}

describe('requires #Massage: offered with any usable card of that type', () => {
  const cards: Array<[string, Package]> = [
    ['5x Massage', pkg({ id: 'p5', name: '5x Massage', budget: { maxAppointments: 5 } })],
    ['10x Massage', pkg({ id: 'p10', name: '10x Massage', budget: { maxAppointments: 10 } })],
    ['3x Full-body massage', pkg({ id: 'p3', name: '3x Full-body massage', budget: { maxAppointments: 3 } })],
    ['an unused (confirmed) 10x card', freshPkg({ id: 'pc' })],
    ['a first_booking card not yet activated', freshPkg({ id: 'pf', validity: { activation: 'first_booking', activatedOn: null, validFrom: null, validUntil: null, durationDays: 90 } })],
    ['a manual card activated by staff', pkg({ id: 'pm', validity: { activation: 'manual', activatedOn: '2026-11-01' } })],
    ['a card whose listed services include the massage', pkg({ id: 'pl', budget: { services: [{ serviceId: 'svc-massage', maxCount: 10 }] } })],
    ['a card listing the massage with unlimited count', pkg({ id: 'pu', budget: { services: [{ serviceId: 'svc-massage', maxCount: null }] } })],
    ['a time card without budget', pkg({ id: 'pt', kind: 'time', budget: {} })],
    ['an unlimited card', pkg({ id: 'pn', kind: 'unlimited', budget: {}, validity: { validUntil: null } })],
    ['a card valid until exactly today', pkg({ id: 'pe', validity: { validUntil: TODAY } })],
    ['a card valid from exactly today', pkg({ id: 'pv', validity: { validFrom: TODAY, activatedOn: TODAY } })],
  ];
  for (const [name, card] of cards) {
    it(`offers the follow-up with ${name}`, () => {
      const o = offer(followUp, [card]);
      assert.equal(o.offered, true);
      assert.equal(o.reason, null);
      assert.deepEqual(o.coveringPackages.map((p) => p.id), [card.id]);
    });
  }

  it('lists every covering card in default pick order (expires first, then fewest left, then id)', () => {
    const late = pkg({ id: 'a-late', validity: { validUntil: '2027-06-30' } });
    const soonMany = pkg({ id: 'c-soon-many', validity: { validUntil: '2026-12-01' }, usage: { appointments: 1 } });
    const soonFew = pkg({ id: 'd-soon-few', validity: { validUntil: '2026-12-01' }, usage: { appointments: 8 } });
    const soonFewB = pkg({ id: 'b-soon-few', validity: { validUntil: '2026-12-01' }, usage: { appointments: 8 } });
    const never = pkg({ id: '0-never', validity: { validUntil: null } });
    const o = offer(followUp, [late, never, soonMany, soonFew, soonFewB]);
    assert.deepEqual(o.coveringPackages.map((p) => p.id), ['b-soon-few', 'd-soon-few', 'c-soon-many', 'a-late', '0-never']);
  });
});

describe('requires #Massage: hidden with package_required without a usable card', () => {
  const cases: Array<[string, Package[]]> = [
    ['no package at all (a visitor who is not signed in)', []],
    ['a card of another type (#Physio)', [pkg({ packageTypeId: PHYSIO, name: '10x Physio' })]],
    ['a card without type', [pkg({ packageTypeId: null })]],
    ['an exhausted card (10 of 10 appointments used)', [pkg({ usage: { appointments: 10 } })]],
    ['a card whose money budget is used up', [pkg({ budget: { maxAmount: 45000 }, usage: { amount: 45000 } })]],
    ['a card whose money budget is less than the service price', [pkg({ budget: { maxAmount: 45000 }, usage: { amount: 41000 } })]],
    ['a card whose listed services are all used up', [pkg({ budget: { services: [{ serviceId: 'svc-massage', maxCount: 2 }] } })]],
    ['a completed card', [pkg({ status: 'completed', usage: { appointments: 10 } })]],
    ['an expired card (valid until yesterday)', [pkg({ validity: { validUntil: '2026-11-23' } })]],
    ['a card not valid before tomorrow', [pkg({ validity: { validFrom: '2026-11-25', activatedOn: '2026-11-25' } })]],
    ['a cancelled card', [pkg({ status: 'cancelled' })]],
    ['a closed card', [pkg({ status: 'closed' })]],
    ['a group package', [pkg({ kind: 'group', budget: {} })]],
    ['a manual card that staff have not activated', [freshPkg({ validity: { activation: 'manual', activatedOn: null, validFrom: null, validUntil: null, durationDays: 30 } })]],
    ["a card whose listed services do not include the chain's service", [pkg({ budget: { services: [{ serviceId: 'svc-physio', maxCount: 10 } ] }, usage: { services: [] } })]],
  ];
  for (const [name, packages] of cases) {
    it(`hides the follow-up with ${name}`, () => {
      const o = offer(followUp, packages);
      assert.equal(o.offered, false);
      assert.equal(o.reason, 'package_required');
      assert.deepEqual(o.coveringPackages, []);
    });
  }

  it('hides a two-day follow-up when the only card expires before day 2 (usable on every step day)', () => {
    const twoDay = chain({ ...followUp, steps: [step(), step({ day: 2, start: { kind: 'fixed', time: '09:00' } })] });
    assert.equal(offer(twoDay, [pkg({ validity: { validUntil: TODAY } })]).reason, 'package_required');
    assert.equal(offer(twoDay, [pkg({ validity: { validUntil: '2026-11-25' } })]).offered, true);
  });

  it('hides a two-day follow-up when the card has one appointment left but the chain needs two', () => {
    const twoDay = chain({ ...followUp, steps: [step(), step({ day: 2 })] });
    assert.equal(offer(twoDay, [pkg({ usage: { appointments: 9 } })]).reason, 'package_required');
    assert.equal(offer(twoDay, [pkg({ usage: { appointments: 8 } })]).offered, true);
  });

  it('judges with one participant: a per_participant chain is offered with one credit left', () => {
    const group = chain({ ...followUp, maxParticipants: 4, steps: [step({ quantity: 'per_participant' })] });
    assert.equal(offer(group, [pkg({ usage: { appointments: 9 } })]).offered, true);
  });

  it('requires any package (packageTypeId null): any usable card of any type or none', () => {
    const anyPkg = chain({ packageRule: { kind: 'requires', packageTypeId: null } });
    assert.equal(offer(anyPkg, [pkg({ packageTypeId: PHYSIO })]).offered, true);
    assert.equal(offer(anyPkg, [pkg({ packageTypeId: null })]).offered, true);
    assert.equal(offer(anyPkg, []).reason, 'package_required');
    assert.equal(offer(anyPkg, [pkg({ status: 'cancelled' })]).reason, 'package_required');
  });
});

describe('prevented_by #Massage: the chain selling a new 10-visit card', () => {
  it('is hidden with blocked_by_package while the client holds a usable #Massage card', () => {
    for (const card of [pkg(), freshPkg(), pkg({ name: '3x Full-body massage', budget: { maxAppointments: 3 } })]) {
      const o = offer(sellCard, [card]);
      assert.equal(o.offered, false);
      assert.equal(o.reason, 'blocked_by_package');
    }
  });

  const notBlocking: Array<[string, Package[]]> = [
    ['no package', []],
    ['a used-up card (completed)', [pkg({ status: 'completed', usage: { appointments: 10 } })]],
    ['a used-up card still marked in_progress', [pkg({ usage: { appointments: 10 } })]],
    ['an expired card', [pkg({ validity: { validUntil: '2026-11-23' } })]],
    ['a cancelled card', [pkg({ status: 'cancelled' })]],
    ['a closed card', [pkg({ status: 'closed' })]],
    ['a group package of type #Massage', [pkg({ kind: 'group' })]],
    ['a usable card of another type', [pkg({ packageTypeId: PHYSIO })]],
    ['a manual card not yet activated', [freshPkg({ validity: { activation: 'manual', activatedOn: null, validFrom: null, validUntil: null } })]],
  ];
  for (const [name, packages] of notBlocking) {
    it(`is offered with ${name}`, () => {
      const o = offer(sellCard, packages);
      assert.equal(o.offered, true);
      assert.equal(o.reason, null);
    });
  }

  it('prevented_by any package (null) is blocked by a usable package of any type, not by an unusable one', () => {
    const anyBlocks = chain({ packageRule: { kind: 'prevented_by', packageTypeId: null } });
    assert.equal(offer(anyBlocks, [pkg({ packageTypeId: PHYSIO })]).reason, 'blocked_by_package');
    assert.equal(offer(anyBlocks, [pkg({ packageTypeId: null })]).reason, 'blocked_by_package');
    assert.equal(offer(anyBlocks, [pkg({ packageTypeId: PHYSIO, status: 'closed' })]).offered, true);
    assert.equal(offer(anyBlocks, []).offered, true);
  });

  it('a chain without package rule is offered whatever the client holds', () => {
    assert.equal(offer(chain(), []).offered, true);
    assert.equal(offer(chain(), [pkg()]).offered, true);
  });
});

describe('offering rule 1: not_bookable_online (seed 003: value cards and entry tickets at the desk only)', () => {
  const cases: Array<[string, Service]> = [
    ['a value card (Värdekort)', service({ id: 'svc-x', productType: 'value_card' })],
    ['an entry ticket (Entré)', service({ id: 'svc-x', productType: 'entry' })],
    ['a service with onlineBookable false', service({ id: 'svc-x', onlineBookable: false })],
  ];
  for (const [name, bad] of cases) {
    it(`hides a chain with ${name} in any step`, () => {
      const c = chain({ steps: [step(), step({ serviceId: 'svc-x', day: 2 })] });
      assert.equal(offer(c, [], [...services, bad]).reason, 'not_bookable_online');
    });
  }

  it('goods and services are bookable online', () => {
    const c = chain({ steps: [step(), step({ serviceId: 'svc-coffee', start: { kind: 'fixed', time: '09:00' } })] });
    const o = offer(c, [], [...services, service({ id: 'svc-coffee', productType: 'goods', durationMinutes: 0 })]);
    assert.equal(o.offered, true);
  });

  it('a step naming a service missing from the catalog is not bookable online', () => {
    assert.equal(offer(chain({ steps: [step({ serviceId: 'svc-missing' })] }), []).reason, 'not_bookable_online');
  });

  it('not_bookable_online wins over package_required and blocked_by_package', () => {
    const desk = [...services, service({ id: 'svc-x', productType: 'value_card' })];
    const requires = chain({ steps: [step({ serviceId: 'svc-x' })], packageRule: { kind: 'requires', packageTypeId: MASSAGE } });
    const prevented = chain({ steps: [step({ serviceId: 'svc-x' })], packageRule: { kind: 'prevented_by', packageTypeId: MASSAGE } });
    assert.equal(offer(requires, [], desk).reason, 'not_bookable_online');
    assert.equal(offer(prevented, [pkg()], desk).reason, 'not_bookable_online');
  });
});

describe('offerings over a catalog', () => {
  it('judges every chain in catalog order, on the given today', () => {
    const cat = catalog({ chains: [followUp, sellCard, chain({ id: 'plain' })] });
    const card = pkg({ validity: { validUntil: TODAY } });
    const onToday = offerings(cat, [card], TODAY);
    assert.deepEqual(onToday.map((o) => [o.chain.id, o.reason]), [
      ['massage-follow-up', null],
      ['sell-10x', 'blocked_by_package'],
      ['plain', null],
    ]);
    const tomorrow = offerings(cat, [card], '2026-11-25');
    assert.deepEqual(tomorrow.map((o) => [o.chain.id, o.reason]), [
      ['massage-follow-up', 'package_required'],
      ['sell-10x', null],
      ['plain', null],
    ]);
  });

  it('a chain whose only step is on day 2 is judged on tomorrow, activating a first_booking card on tomorrow', () => {
    const dayTwoOnly = chain({ ...followUp, id: 'day-two', steps: [step({ day: 2, start: { kind: 'fixed', time: '08:00' } })] });
    const cat = catalog({ chains: [dayTwoOnly] });
    assert.equal(offerings(cat, [pkg({ validity: { validUntil: TODAY } })], TODAY)[0]!.reason, 'package_required');
    assert.equal(offerings(cat, [pkg({ validity: { validUntil: '2026-11-25' } })], TODAY)[0]!.offered, true);
    const oneDay = freshPkg({ validity: { activation: 'first_booking', activatedOn: null, validFrom: null, validUntil: null, durationDays: 1 } });
    assert.equal(offerings(cat, [oneDay], TODAY)[0]!.offered, true);
  });

  it('a first_booking card is judged as if activated today: a 1-day card covers a 1-day chain but not a 2-day one', () => {
    const card = freshPkg({ validity: { activation: 'first_booking', activatedOn: null, validFrom: null, validUntil: null, durationDays: 1 } });
    const twoDay = chain({ ...followUp, id: 'two-day', steps: [step(), step({ day: 2 })] });
    const cat = catalog({ chains: [followUp, twoDay] });
    assert.deepEqual(offerings(cat, [card], TODAY).map((o) => o.offered), [true, false]);
  });
});
