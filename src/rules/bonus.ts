/** The bonus account (docs/rules.md "Bonus"): balance, and what expires within the warning window of today. */
import type { Bonus } from '../contract/entities.ts';
import { daysBetween } from './time.ts';

export interface ExpiringAmount {
  amount: number;
  expiresOn: string;
  /** Days from today to `expiresOn` (0 = expires today). */
  daysLeft: number;
}

export interface BonusSummary {
  unit: Bonus['unit'];
  balance: number;
  /** Amounts expiring within `warnDaysBeforeExpiry` days of today, soonest first. */
  expiringSoon: ExpiringAmount[];
  /** Their sum: what the widget warns about. */
  expiringSoonTotal: number;
}

export function bonusSummary(bonus: Bonus, today: string): BonusSummary {
  const expiringSoon = bonus.expiring
    .map((entry) => ({ ...entry, daysLeft: daysBetween(today, entry.expiresOn) }))
    .filter((entry) => entry.daysLeft >= 0 && entry.daysLeft <= bonus.warnDaysBeforeExpiry)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.amount - b.amount);
  return {
    unit: bonus.unit,
    balance: bonus.balance,
    expiringSoon,
    expiringSoonTotal: expiringSoon.reduce((sum, entry) => sum + entry.amount, 0),
  };
}
