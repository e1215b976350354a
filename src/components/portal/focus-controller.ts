/**
 * Moves the keyboard focus with the portal's flow, so a keyboard or screen-reader user is never
 * left at the top of the page: to the code field when it appears, to a new view's or step's
 * heading, to the new booking after "Done", back to the chain's "Book" button when a checkout
 * closes (to the booking's "Change" when it was moving one), and between a booking's "Cancel" and
 * its confirmation.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { PortalState, PortalTab, SignInStep } from '../../state/store.ts';

/** Where the portal is, as far as the focus is concerned. */
export type Place =
  | { kind: 'sign-in'; step: SignInStep }
  | { kind: 'overview'; tab: PortalTab; confirming: string | null; history: string | null }
  | { kind: 'checkout'; chainId: string; step: 'date' | 'time' | 'review'; moving: string | null }
  | { kind: 'done'; chainId: string; bookingId: string; what: 'booked' | 'cancelled' | 'rescheduled' };

export function placeOf({ me, signIn, checkout, done, cancel, tab, history }: PortalState): Place {
  if (!me) return { kind: 'sign-in', step: signIn.step };
  if (done) return { kind: 'done', chainId: done.booking.chainId, bookingId: done.booking.id, what: done.kind };
  if (checkout) return { kind: 'checkout', chainId: checkout.chainId, step: checkout.step === 'booking' ? 'review' : checkout.step, moving: checkout.moving?.id ?? null };
  return { kind: 'overview', tab, confirming: cancel.bookingId, history };
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

/** An element that can focus a package's history button (`<punchcard-credits>`). */
interface PackageFocus extends Element {
  focusPackage?(packageId: string): void;
}

export class FocusController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #state: () => PortalState;
  #last: Place | null = null;
  /** A place's target that is not rendered yet (its view is in the booking chunk, on its way). */
  #pending: string | null = null;

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
    const root = this.#host.renderRoot;
    if (last && samePlace(last, place)) {
      if (this.#pending) this.#showOrWait(this.#pending);
      return;
    }
    this.#pending = null;
    if (!last) return;
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
      this.#showOrWait(target);
    } else if (place.kind === 'checkout' || place.kind === 'done') {
      this.#showOrWait('h2[tabindex]');
    } else if (last.kind === 'done' && root.querySelector(`[data-booking-id="${CSS.escape(last.bookingId)}"]`)) {
      // "Done": on the booking just made, moved or cancelled, in the client's bookings.
      show(root.querySelector<HTMLElement>(`[data-booking-id="${CSS.escape(last.bookingId)}"]`));
    } else if (last.kind === 'checkout' && last.moving) {
      // Not moving it after all: back on that booking's "Change".
      root.querySelector<HTMLElement>(`[data-booking-id="${CSS.escape(last.moving)}"] .change`)?.focus();
    } else if (last.kind === 'checkout' || last.kind === 'done') {
      // Back to the overview: to that chain's "Book" button, not to the page's start.
      root.querySelector<OfferFocus>('punchcard-offers')?.focusOffer?.(last.chainId);
    } else if (last.kind === 'overview' && place.history !== last.history && (place.history !== null || place.tab === last.tab)) {
      // A package's history: its heading; back from it: that package's history button.
      if (place.history) this.#showOrWait('#history-title');
      else root.querySelector<PackageFocus>('punchcard-credits')?.focusPackage?.(last.history!);
    } else if (last.kind === 'overview' && place.confirming !== last.confirming && place.tab === last.tab) {
      // Asking to confirm a cancellation: its first answer; keeping the booking: its button again.
      const id = place.confirming ?? last.confirming!;
      const item = root.querySelector(`[data-booking-id="${CSS.escape(id)}"]`);
      item?.querySelector<HTMLElement>(place.confirming ? '.confirm button' : 'button.cancel')?.focus();
    }
  }

  /** Shows the element `selector` finds now, or as soon as a later update renders it. */
  #showOrWait(selector: string): void {
    const element = this.#host.renderRoot.querySelector<HTMLElement>(selector);
    this.#pending = element ? null : selector;
    show(element);
  }
}
