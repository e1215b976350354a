/**
 * Whether a package may pay for something on a day (docs/rules.md "When a package is usable"), and whether it
 * covers a whole booking (every step's day, its services, every budget).
 */
import type { Chain, Package } from '../contract/entities.ts';
import {
  budgetShortfall,
  isExhausted,
  uncoveredService,
  type BudgetShortfall,
  type Consumption,
} from './budget.ts';
import { addDays } from './time.ts';

export type UnusableReason = 'status' | 'group' | 'not_activated' | 'not_yet_valid' | 'expired' | 'exhausted';

export interface ValidityWindow {
  from: string | null;
  until: string | null;
}

/**
 * The inclusive window a package is valid in. A `first_booking` package not yet activated is
 * activated by the booking being judged, on `activationDay` (its first step's date).
 */
export function validityWindow(pkg: Package, activationDay: string): ValidityWindow {
  const { validity } = pkg;
  if (validity.activation === 'first_booking' && validity.activatedOn === null) {
    return {
      from: activationDay,
      until: validity.durationDays === null ? null : addDays(activationDay, validity.durationDays - 1),
    };
  }
  return { from: validity.validFrom, until: validity.validUntil };
}

export function isActivated(pkg: Package): boolean {
  const { activation, activatedOn } = pkg.validity;
  // first_booking not yet activated counts: the booking activates it.
  return activation !== 'manual' || activatedOn !== null;
}

/**
 * Why `pkg` is not usable on `day`, or null when it is. `activationDay` is the first step's
 * date of the booking being judged (it equals `day` when judging one day alone).
 */
export function unusableReason(pkg: Package, day: string, activationDay: string = day): UnusableReason | null {
  if (pkg.status !== 'confirmed' && pkg.status !== 'in_progress') return 'status';
  if (pkg.kind === 'group') return 'group';
  if (!isActivated(pkg)) return 'not_activated';
  const valid = validityWindow(pkg, activationDay);
  if (valid.from !== null && day < valid.from) return 'not_yet_valid';
  if (valid.until !== null && day > valid.until) return 'expired';
  if (isExhausted(pkg)) return 'exhausted';
  return null;
}

export function isUsableOn(pkg: Package, day: string): boolean {
  return unusableReason(pkg, day) === null;
}

export type CoverageFailure =
  | { kind: 'not_usable'; day: string; reason: UnusableReason }
  | { kind: 'service_not_covered'; serviceId: string }
  | ({ kind: 'budget' } & BudgetShortfall);

/** The date of a chain's earliest step when its day 1 is `firstDay` (`firstDay` itself unless no step is on day 1). */
export function firstStepDay(chain: Chain, firstDay: string): string {
  let minDay = Number.POSITIVE_INFINITY;
  for (const step of chain.steps) if (step.day < minDay) minDay = step.day;
  return minDay === 1 ? firstDay : addDays(firstDay, minDay - 1);
}

/** Usable on every step's day and covering every step's service: the package could pay. */
export function eligibilityFailure(pkg: Package, chain: Chain, firstDay: string): CoverageFailure | null {
  // a first_booking package not yet activated is activated on the date of the booking's first step
  const activationDay = firstStepDay(chain, firstDay);
  let judgedDay = 0;
  for (const step of chain.steps) {
    if (step.day === judgedDay) continue; // consecutive steps on one day: judged once
    judgedDay = step.day;
    const day = step.day === 1 ? firstDay : addDays(firstDay, step.day - 1);
    const reason = unusableReason(pkg, day, activationDay);
    if (reason) return { kind: 'not_usable', day, reason };
  }
  const serviceId = uncoveredService(pkg, chain);
  if (serviceId !== null) return { kind: 'service_not_covered', serviceId };
  return null;
}

/**
 * Why `pkg` does not cover booking `chain` on `firstDay` with `consumption`, or null when it
 * does: usable on every step's day, every step's service listed (when it lists any), and the
 * consumption fits every remaining budget.
 */
export function coverageFailure(pkg: Package, chain: Chain, firstDay: string, consumption: Consumption): CoverageFailure | null {
  const ineligible = eligibilityFailure(pkg, chain, firstDay);
  if (ineligible) return ineligible;
  const shortfall = budgetShortfall(pkg, consumption);
  return shortfall ? { kind: 'budget', ...shortfall } : null;
}

/** Does a package match a rule's type (`null`: any package)? */
export function isOfType(pkg: Package, packageTypeId: string | null): boolean {
  return packageTypeId === null || pkg.packageTypeId === packageTypeId;
}
