/**
 * A booking's effect on a package, and its undoing (docs/rules.md "Packages" (status changes), "Cancellation").
 * Every function returns a new package; none mutates its input.
 *
 * Invariant kept here: `confirmed` means sold and unused. So returning the last use of a package
 * puts it back to `confirmed`, and a `first_booking` package activated by that very booking is
 * deactivated again: apply then cancel restores usage, status and validity exactly.
 */
import type { Booking, Package, PackageTemplate } from '../contract/entities.ts';
import { addToUsage, isExhausted, isUnused, type Consumption } from './budget.ts';
import { addDays } from './time.ts';

/** Usage and status after a booking on `firstDay` is assigned to the package. */
export function applyBooking(pkg: Package, consumption: Consumption, firstDay: string): Package {
  let validity = pkg.validity;
  if (validity.activation === 'first_booking' && validity.activatedOn === null) {
    validity = {
      ...validity,
      activatedOn: firstDay,
      validFrom: firstDay,
      validUntil: validity.durationDays === null ? null : addDays(firstDay, validity.durationDays - 1),
    };
  }
  // A group package only groups appointments for the practice's bookkeeping: nothing is consumed.
  const next: Package = { ...pkg, validity, usage: pkg.kind === 'group' ? pkg.usage : addToUsage(pkg.usage, consumption, 1) };
  if (next.status === 'confirmed') next.status = 'in_progress';
  if (next.status === 'in_progress' && isExhausted(next)) next.status = 'completed';
  return next;
}

/**
 * Usage and status after a booking on `firstDay` is cancelled: everything it consumed comes
 * back; `completed` becomes `in_progress` again (or `confirmed` when nothing is used any more).
 * A package that the booking created and that no other booking uses is cancelled with it.
 */
export function cancelBookingOn(
  pkg: Package,
  consumption: Consumption,
  firstDay: string,
  { createdByThisBooking = false, otherBookings = 0 }: { createdByThisBooking?: boolean; otherBookings?: number } = {},
): Package {
  const usage = pkg.kind === 'group' ? pkg.usage : addToUsage(pkg.usage, consumption, -1);
  const next: Package = { ...pkg, usage };
  if (createdByThisBooking && otherBookings === 0) {
    next.status = 'cancelled';
    return next;
  }
  if (next.status === 'in_progress' || next.status === 'completed') {
    next.status = isUnused(usage) ? 'confirmed' : isExhausted(next) ? 'completed' : 'in_progress';
  }
  if (isUnused(usage) && pkg.validity.activation === 'first_booking' && pkg.validity.activatedOn === firstDay) {
    next.validity = { ...pkg.validity, activatedOn: null, validFrom: null, validUntil: null };
  }
  return next;
}

/**
 * A new package from a template (docs/rules.md "Which package pays"): status `in_progress`, nothing used yet; `immediate`
 * activates it `today`, `first_booking` waits for its booking (applyBooking), `manual` for staff.
 */
export function packageFromTemplate(template: PackageTemplate, { id, code, today }: { id: string; code: string; today: string }): Package {
  const { activation, durationDays } = template.validity;
  const activeFrom = activation === 'immediate' ? today : null;
  return {
    id,
    code,
    name: template.name,
    packageTypeId: template.packageTypeId,
    status: 'in_progress',
    kind: template.kind,
    budget: structuredClone(template.budget),
    usage: { appointments: 0, amount: 0, services: [] },
    validity: {
      activation,
      activatedOn: activeFrom,
      validFrom: activeFrom,
      validUntil: activeFrom !== null && durationDays !== null ? addDays(activeFrom, durationDays - 1) : null,
      durationDays,
    },
    billing: template.billing,
    price: template.price,
    customerNote: null,
  };
}

/** When a booking's first step starts (its steps need not be in order). */
export function firstStepMs(booking: Pick<Booking, 'steps'>): number {
  return Math.min(...booking.steps.map((step) => Date.parse(step.start)));
}

/** The last instant a booking whose first step starts at `firstStepMs` may be cancelled. */
export function cancellationDeadlineMs(firstStepMs: number, cancelUntilHours: number): number {
  return firstStepMs - cancelUntilHours * 3_600_000;
}

/** Allowed until `cancelUntilHours` before the first step (inclusive). */
export function mayCancel(nowMs: number, firstStepMs: number, cancelUntilHours: number): boolean {
  return nowMs <= cancellationDeadlineMs(firstStepMs, cancelUntilHours);
}
