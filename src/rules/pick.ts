/**
 * The default package for a booking (docs/rules.md "Which package pays"): the one that
 * expires first (`validUntil`; none = last), then the fewest remaining appointments (unlimited =
 * last), then the lowest `id`.
 */
import type { Package } from '../contract/entities.ts';
import { remainingAppointments } from './budget.ts';

export function comparePick(a: Package, b: Package): number {
  const untilA = a.validity.validUntil;
  const untilB = b.validity.validUntil;
  if (untilA !== untilB) {
    if (untilA === null) return 1;
    if (untilB === null) return -1;
    return untilA < untilB ? -1 : 1;
  }
  const leftA = remainingAppointments(a) ?? Number.POSITIVE_INFINITY;
  const leftB = remainingAppointments(b) ?? Number.POSITIVE_INFINITY;
  if (leftA !== leftB) return leftA < leftB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The packages in default pick order (a new array). */
export function inPickOrder(packages: readonly Package[]): Package[] {
  return [...packages].sort(comparePick);
}

/** The default pick among `packages`, or null when there is none. */
export function defaultPick(packages: readonly Package[]): Package | null {
  let best: Package | null = null;
  for (const pkg of packages) if (best === null || comparePick(pkg, best) < 0) best = pkg;
  return best;
}
