/**
 * The bonus account (SPEC 2.4; seed 004: "Verfallfrist", "Meldung ... Tage vor Verfall anzeigen"):
 * keep the balance, warn about amounts expiring within warnDaysBeforeExpiry days of today.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Bonus } from '../../src/contract/entities.ts';
import { bonusSummary } from '../../src/rules/index.ts';

const TODAY = '2026-11-24';

const bonus = (expiring: Bonus['expiring'], warnDaysBeforeExpiry = 14, balance = 500): Bonus => ({
  unit: 'points',
  balance,
  expiring,
  warnDaysBeforeExpiry,
});

describe('bonusSummary', () => {
  it('includes an amount expiring exactly warnDaysBeforeExpiry days ahead', () => {
    const s = bonusSummary(bonus([{ amount: 40, expiresOn: '2026-12-08' }]), TODAY);
    assert.deepEqual(s.expiringSoon, [{ amount: 40, expiresOn: '2026-12-08', daysLeft: 14 }]);
    assert.equal(s.expiringSoonTotal, 40);
  });

  it('leaves out an amount expiring warnDaysBeforeExpiry + 1 days ahead', () => {
    const s = bonusSummary(bonus([{ amount: 40, expiresOn: '2026-12-09' }]), TODAY);
    assert.deepEqual(s.expiringSoon, []);
    assert.equal(s.expiringSoonTotal, 0);
  });

  it('leaves out an amount that already expired, includes one expiring today', () => {
    const s = bonusSummary(bonus([{ amount: 7, expiresOn: '2026-11-23' }, { amount: 9, expiresOn: TODAY }]), TODAY);
    assert.deepEqual(s.expiringSoon, [{ amount: 9, expiresOn: TODAY, daysLeft: 0 }]);
    assert.equal(s.expiringSoonTotal, 9);
  });

  it('sums every amount within the window, soonest first, and keeps the balance and unit', () => {
    const s = bonusSummary(
      {
        unit: 'stamps',
        balance: 12,
        warnDaysBeforeExpiry: 30,
        expiring: [
          { amount: 3, expiresOn: '2026-12-20' },
          { amount: 2, expiresOn: '2026-11-30' },
          { amount: 4, expiresOn: '2027-01-31' },
          { amount: 1, expiresOn: '2026-12-24' },
        ],
      },
      TODAY,
    );
    assert.deepEqual(s.expiringSoon.map((e) => e.expiresOn), ['2026-11-30', '2026-12-20', '2026-12-24']);
    assert.equal(s.expiringSoonTotal, 6);
    assert.equal(s.balance, 12);
    assert.equal(s.unit, 'stamps');
  });

  it('warnDaysBeforeExpiry 0 warns only about what expires today', () => {
    const s = bonusSummary(bonus([{ amount: 5, expiresOn: TODAY }, { amount: 6, expiresOn: '2026-11-25' }], 0), TODAY);
    assert.equal(s.expiringSoonTotal, 5);
  });

  it('counts calendar days across a DST change and a year end', () => {
    assert.equal(bonusSummary(bonus([{ amount: 1, expiresOn: '2026-03-30' }], 2), '2026-03-28').expiringSoonTotal, 1);
    assert.equal(bonusSummary(bonus([{ amount: 1, expiresOn: '2027-01-07' }], 14), '2026-12-24').expiringSoonTotal, 1);
    assert.equal(bonusSummary(bonus([{ amount: 1, expiresOn: '2027-01-08' }], 14), '2026-12-24').expiringSoonTotal, 0);
  });

  it('property: the warned total is the sum of amounts with 0 ≤ days until expiry ≤ warnDays', () => {
    const dayMs = 86_400_000;
    const base = Date.UTC(2026, 0, 1);
    const iso = (n: number) => new Date(base + n * dayMs).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 1000 }), day: fc.integer({ min: 0, max: 800 }) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 800 }),
        (entries, warnDays, balance, todayN) => {
          const s = bonusSummary(bonus(entries.map((e) => ({ amount: e.amount, expiresOn: iso(e.day) })), warnDays, balance), iso(todayN));
          const expected = entries.filter((e) => e.day - todayN >= 0 && e.day - todayN <= warnDays);
          assert.equal(s.expiringSoonTotal, expected.reduce((sum, e) => sum + e.amount, 0));
          assert.equal(s.expiringSoon.length, expected.length);
          assert.equal(s.balance, balance);
          for (let i = 1; i < s.expiringSoon.length; i++) assert.ok(s.expiringSoon[i - 1]!.daysLeft <= s.expiringSoon[i]!.daysLeft);
        },
      ),
      { numRuns: 200 },
    );
  });
});
