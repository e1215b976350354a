/**
 * The client's bookings as "my bookings" shows them: upcoming and past, what each cost, until when
 * it can be cancelled online and what a cancellation gives back (docs/rules.md "Cancellation").
 */
import type { Booking } from '../contract/entities.ts';
import { firstStepMs } from '../rules/apply.ts';
import { cancellationOf, type CancellationView } from './checkout-view.ts';
import { bookingPayment, type Pay } from './payment-view.ts';
import { paymentContext, serverNow } from './selectors.ts';
import type { ReadyState } from './store.ts';

/** What cancelling gives back: visits or money to a package, or the package bought with the booking is cancelled too. */
export type Return = { kind: 'appointments' | 'amount'; value: number; name: string } | { kind: 'created'; name: string } | null;

export interface BookingView {
  booking: Booking;
  chainName: string;
  /** Booked and not yet started. */
  open: boolean;
  /** For an open booking: until when it can be cancelled online, or that it no longer can. */
  cancellation: CancellationView | null;
  pay: Pay;
  returns: Return;
  /** Can be moved to another start online: open, before its deadline, its chain still offered in the catalog. */
  changeable: boolean;
}

export function bookingViews(state: ReadyState): { upcoming: BookingView[]; past: BookingView[] } {
  const { catalog } = state;
  const context = paymentContext(state);
  const now = serverNow(state);
  const views = [...(state.bookings ?? [])]
    .sort((a, b) => firstStepMs(a) - firstStepMs(b))
    .map((booking): BookingView => {
      const chain = catalog.chains.find((c) => c.id === booking.chainId);
      const first = firstStepMs(booking);
      const open = booking.status === 'booked' && first >= now;
      const pkg = context.packages.find((p) => p.id === booking.packageId);
      const pay = bookingPayment(booking, chain, context, false);
      // Cancelling gives back what the booking took (a package it bought is cancelled with it).
      const returns: Return =
        pkg && booking.createdPackage === pkg.id ? { kind: 'created', name: pkg.name } : pay.pkg && pay.use ? { ...pay.use, name: pay.pkg.name } : null;
      const cancellation = open ? cancellationOf(state, first) : null;
      return {
        booking,
        chainName: chain?.name ?? booking.chainId,
        open,
        cancellation,
        pay,
        returns,
        changeable: cancellation?.kind === 'until' && chain !== undefined,
      };
    });
  return { upcoming: views.filter((v) => v.open), past: views.filter((v) => !v.open).reverse() };
}
