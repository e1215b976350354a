/**
 * What the client is shown of a package: its state in one word, its validity, and one meter per
 * distinct limit — decided here from src/rules, once, for the credits, the review and the
 * confirmation alike (docs/rules.md "A package's state").
 */
import type { Package } from '../contract/entities.ts';
import { isExhausted, remainingOf, type Consumption } from '../rules/budget.ts';
import { comparePick } from '../rules/pick.ts';
import { isActivated, unusableReason } from '../rules/usability.ts';

/**
 * `active`: usable today; every other state says why it is not. A package that is usable today
 * but not yet used (`confirmed`) is `unused`.
 */
export type PackageState = 'active' | 'unused' | 'not_active_yet' | 'not_yet_valid' | 'expired' | 'used_up' | 'cancelled' | 'closed';

export function packageState(pkg: Package, today: string): PackageState {
  if (pkg.status === 'cancelled' || pkg.status === 'closed') return pkg.status;
  if (pkg.status === 'completed' || isExhausted(pkg)) return 'used_up';
  if (!isActivated(pkg)) return 'not_active_yet';
  const reason = unusableReason(pkg, today);
  if (reason === 'expired' || reason === 'not_yet_valid') return reason;
  return pkg.status === 'confirmed' ? 'unused' : 'active';
}

/** Usable today: may pay for a booking (docs/rules.md "When a package is usable"). */
export const isUsableState = (state: PackageState) => state === 'active' || state === 'unused';

/** One limit of a package: what is left of it, out of how much. */
export interface MeterView {
  kind: 'appointments' | 'amount' | 'service';
  /** The service, for `kind: 'service'`. */
  serviceId: string | null;
  left: number;
  max: number;
}

/**
 * One meter per distinct limit: appointments, amount, each listed service with a limit. A
 * service limit equal to the appointment limit of a package that lists only that service is the
 * same limit (every appointment is of that service) and gets no second meter.
 */
export function metersOf(pkg: Package): MeterView[] {
  const { maxAppointments, maxAmount, services = [] } = pkg.budget;
  const remaining = remainingOf(pkg);
  const meters: MeterView[] = [];
  if (maxAppointments != null) meters.push({ kind: 'appointments', serviceId: null, left: remaining.appointments!, max: maxAppointments });
  if (maxAmount != null) meters.push({ kind: 'amount', serviceId: null, left: remaining.amount!, max: maxAmount });
  const listed = services ?? [];
  for (const { serviceId, maxCount } of listed) {
    if (maxCount === null) continue;
    if (listed.length === 1 && maxCount === maxAppointments) continue;
    meters.push({ kind: 'service', serviceId, left: remaining.services!.get(serviceId)!, max: maxCount });
  }
  return meters;
}

/**
 * The meter a booking with `consumption` draws on: appointments, else money, else the first
 * limited service it uses; null when the package limits none of them.
 */
export function meterFor(pkg: Package, consumption: Consumption): MeterView | null {
  const meters = metersOf(pkg);
  return (
    meters.find((m) => m.kind === 'appointments') ??
    meters.find((m) => m.kind === 'amount') ??
    meters.find((m) => m.serviceId !== null && consumption.services.has(m.serviceId)) ??
    null
  );
}

export type ValidityView =
  | { kind: 'first_booking'; days: number | null }
  | { kind: 'until'; date: string }
  | { kind: 'from'; date: string }
  | { kind: 'expired'; date: string }
  | { kind: 'always' };

export function validityOf(pkg: Package, state: PackageState): ValidityView | null {
  const { activation, activatedOn, validFrom, validUntil, durationDays } = pkg.validity;
  if (state === 'cancelled' || state === 'closed' || state === 'not_active_yet') return null;
  if (state === 'expired') return { kind: 'expired', date: validUntil! };
  if (state === 'not_yet_valid') return { kind: 'from', date: validFrom! };
  if (activation === 'first_booking' && activatedOn === null) return { kind: 'first_booking', days: durationDays };
  return validUntil === null ? { kind: 'always' } : { kind: 'until', date: validUntil };
}

export interface PackageView {
  pkg: Package;
  state: PackageState;
  usable: boolean;
  validity: ValidityView | null;
  /** Cancelled and closed packages have no meters: what is left of them can no longer be used. */
  meters: MeterView[];
  /** The package a booking uses by default (docs/rules.md "Which package pays") among those usable today. */
  usedFirst: boolean;
}

/**
 * The packages the client is shown (group packages are bookkeeping, never a credit): the usable
 * ones first, in the order they are used, then the others.
 */
export function packageViews(packages: readonly Package[], today: string): PackageView[] {
  const views = packages
    .filter((pkg) => pkg.kind !== 'group')
    .map((pkg) => {
      const state = packageState(pkg, today);
      const usable = isUsableState(state);
      const meters = state === 'cancelled' || state === 'closed' ? [] : metersOf(pkg);
      return { pkg, state, usable, validity: validityOf(pkg, state), meters, usedFirst: false };
    })
    .sort((a, b) => Number(b.usable) - Number(a.usable) || comparePick(a.pkg, b.pkg));
  if (views[0]?.usable) views[0].usedFirst = true;
  return views;
}
