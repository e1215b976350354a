/**
 * A package's history (docs/rules.md "A package's history"): the client's bookings that used it,
 * upcoming and past, with what each took from it, and whether its chain can be booked again now.
 */
import type { Booking, Package } from '../contract/entities.ts';
import { firstStepMs } from '../rules/apply.ts';
import { consumptionOf, indexServices } from '../rules/budget.ts';
import { useOf, type Pay } from './payment-view.ts';
import { offeringsOf, serverNow } from './selectors.ts';
import type { ReadyState } from './store.ts';

export interface HistoryEntry {
  booking: Booking;
  chainName: string;
  /** What the booking took from the package: visits or money; null when that is not counted. */
  use: Pay['use'];
  /** The chain is offered to the client now: "Book again" opens its booking steps. */
  bookAgain: boolean;
}

export interface PackageHistory {
  pkg: Package;
  upcoming: HistoryEntry[];
  past: HistoryEntry[];
}

/** The history of the package `state.history` names, or null when there is none such. */
export function packageHistory(state: ReadyState): PackageHistory | null {
  const pkg = state.me?.packages.find((p) => p.id === state.history);
  if (!pkg) return null;
  const services = indexServices(state.catalog.services);
  const offered = new Set(offeringsOf(state).filter((o) => o.offered).map((o) => o.chain.id));
  const now = serverNow(state);
  // A cancelled booking gave back what it took: it is not part of what the package paid for.
  const entries = (state.bookings ?? [])
    .filter((booking) => booking.packageId === pkg.id && booking.status === 'booked')
    .sort((a, b) => firstStepMs(a) - firstStepMs(b))
    .map((booking): HistoryEntry => {
      const chain = state.catalog.chains.find((c) => c.id === booking.chainId);
      return {
        booking,
        chainName: chain?.name ?? booking.chainId,
        use: chain ? useOf(pkg, consumptionOf(chain, services, booking.participants)) : null,
        bookAgain: offered.has(booking.chainId),
      };
    });
  return {
    pkg,
    upcoming: entries.filter((entry) => firstStepMs(entry.booking) >= now),
    past: entries.filter((entry) => firstStepMs(entry.booking) < now).reverse(),
  };
}
