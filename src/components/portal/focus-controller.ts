/**
 * Moves the keyboard focus with the portal's flow, so a keyboard or screen-reader user is never
 * left at the top of the page: to the code field when it appears, to a new view's or step's
 * heading, to the new booking after "Done", back to the chain's "Book" button when a checkout
 * closes, and between a booking's "Cancel" and its confirmation.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { PortalState, PortalTab, SignInStep } from '../../state/store.ts';

/** Where the portal is, as far as the focus is concerned. */
export type Place =
  | { kind: 'sign-in'; step: SignInStep }
  | { kind: 'overview'; tab: PortalTab; confirming: string | null }
  | { kind: 'checkout'; chainId: string; step: 'date' | 'time' | 'review' }
  | { kind: 'done'; chainId: string; bookingId: string; what: 'booked' | 'cancelled' };

export function placeOf({ me, signIn, checkout, done, cancel, tab }: PortalState): Place {
  if (!me) return { kind: 'sign-in', step: signIn.step };
  if (done) return { kind: 'done', chainId: done.booking.chainId, bookingId: done.booking.id, what: done.kind };
  if (checkout) return { kind: 'checkout', chainId: checkout.chainId, step: checkout.step === 'booking' ? 'review' : checkout.step };
  return { kind: 'overview', tab, confirming: cancel.bookingId };
}

const samePlace = (a: Place, b: Place) => JSON.stringify(a) === JSON.stringify(b);

/** Focuses an element and scrolls it just into view: the host page does not jump. */
function show(element: HTMLElement | null): void {
  element?.focus({ preventScroll: true });
  element?.scrollIntoView({ block: 'nearest' });
}

/** An element that can focus an offer's "Book" button (`<punchcard-offers>`). */
interface OfferFocus extends Element {
  focusOffer?(chainId: string): void;
}

export class FocusController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #state: () => PortalState;
  #last: Place | null = null;

  constructor(host: ReactiveElement, state: () => PortalState) {
    this.#host = host;
    this.#state = state;
    host.addController(this);
  }

  hostUpdated(): void {
    const state = this.#state();
    if (state.status !== 'ready') return;
    const place = placeOf(state);
    const last = this.#last;
    this.#last = place;
    if (!last || samePlace(last, place)) return;
    const root = this.#host.renderRoot;
    if (place.kind === 'sign-in') {
      // The code field once it appears, again (selected) after a wrong code; the email field after
      // signing out or when the session ended.
      if (last.kind === 'sign-in' && !['code-sent', 'wrong-code', 'email', 'requests-limited'].includes(place.step)) return;
      const input = root.querySelector('input');
      input?.focus();
      if (place.step === 'wrong-code') input?.select();
    } else if (place.kind === 'checkout' && last.kind === 'checkout') {
      // Another step: its heading (the day's times, the review), or back on the calendar its day.
      const target = { date: '[role="grid"] button[tabindex="0"]', time: '#times-title', review: '#review-title' }[place.step];
      show(root.querySelector<HTMLElement>(target));
    } else if (place.kind === 'checkout' || place.kind === 'done') {
      show(root.querySelector<HTMLElement>('h2[tabindex]'));
    } else if (last.kind === 'done' && root.querySelector(`[data-booking-id="${CSS.escape(last.bookingId)}"]`)) {
      // "Done": on the booking just made or cancelled, in the client's bookings.
      show(root.querySelector<HTMLElement>(`[data-booking-id="${CSS.escape(last.bookingId)}"]`));
    } else if (last.kind === 'checkout' || last.kind === 'done') {
      // Back to the overview: to that chain's "Book" button, not to the page's start.
      root.querySelector<OfferFocus>('punchcard-offers')?.focusOffer?.(last.chainId);
    } else if (last.kind === 'overview' && place.confirming !== last.confirming && place.tab === last.tab) {
      // Asking to confirm a cancellation: its first answer; keeping the booking: its button again.
      const id = place.confirming ?? last.confirming!;
      const item = root.querySelector(`[data-booking-id="${CSS.escape(id)}"]`);
      item?.querySelector<HTMLElement>(place.confirming ? '.confirm button' : 'button')?.focus();
    }
  }
}
