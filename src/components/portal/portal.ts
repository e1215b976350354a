import { adoptStyles, html, nothing, type PropertyValues } from 'lit';
import { PunchcardBookedEvent, PunchcardCancelledEvent, PunchcardRescheduledEvent, PunchcardSignedInEvent, PunchcardSignedOutEvent } from '../../events.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { BookingEvent, SignedInEvent, type ReadyState } from '../../state/store.ts';
import { FocusController } from './focus-controller.ts';
import { signInValue } from '../../state/selectors.ts';
import type { View } from '../view.ts';
import type { Messages } from '../../i18n/messages.ts';
import { PunchcardElement } from '../base.ts';
import { baseStyles } from '../shared.styles.ts';
import { portalStyles } from './portal.styles.ts';
import { loadBookingChunk, type BookingChunk } from './load-booking-chunk.ts';

/**
 * The whole self-service flow for a practice's client: sign-in by emailed code (or a `token` from
 * the host page), the client's packages and credits, the offered service chains, booking them and
 * the client's bookings with cancellation. Shares one
 * store with the `<punchcard-credits>` and `<punchcard-offers>` it contains.
 *
 * The theme: the CSS custom properties of src/components/tokens.ts (added to the manifest by
 * custom-elements-manifest.config.mjs).
 *
 * @tagname punchcard-portal
 * @summary The client portal: sign-in, credits, offers, booking and cancelling.
 *
 * @event {PunchcardSignedInEvent} punchcard-signed-in - The client is signed in; `detail` is `{ customer }`.
 * @event {PunchcardSignedOutEvent} punchcard-signed-out - The client signed out (the backend revoked the token); `detail` is `{}`.
 * @event {PunchcardBookedEvent} punchcard-booked - A booking was made; `detail` is `{ booking }`.
 * @event {PunchcardRescheduledEvent} punchcard-rescheduled - A booking was moved to another start; `detail` is `{ booking, previousStart }`.
 * @event {PunchcardCancelledEvent} punchcard-cancelled - A booking was cancelled; `detail` is `{ booking }`.
 * @event {PunchcardErrorEvent} punchcard-error - Something cannot be shown or done; `detail` is `{ code, message, error }`.
 *
 * @csspart error - The localized message shown in place when something went wrong.
 * @csspart slot - One free start of the chosen day, labelled with its full date and time.
 * @csspart sign-in - The sign-in form.
 * @csspart account - The signed-in client's name and the sign-out button.
 * @csspart offer - One offered chain (of the `<punchcard-offers>` inside, exported).
 * @csspart package - One package (of the `<punchcard-credits>` inside, exported).
 * @csspart credit-meter - One budget meter (of the `<punchcard-credits>` inside, exported).
 * @csspart booking - One of the client's bookings: its chain's name, steps, what it cost and its actions.
 */
export class PunchcardPortal extends PunchcardElement {
  static override styles = [baseStyles, portalStyles];

  // Moves the focus with the flow (code field, headings, back to "Book", cancel confirmation).
  // A controller works through the host's lifecycle: holding it is all the portal does with it.
  // eslint-disable-next-line no-unused-private-class-members
  readonly #focus = new FocusController(this, () => this.state);
  /** The sign-in field whose value was refused before sending, if any. */
  #invalid: 'email' | 'code' | null = null;
  /** The booking steps and the client's bookings, once their chunk is here. */
  #chunk: BookingChunk | null = null;
  #chunkFailed = false;

  constructor() {
    super({
      provide: true,
      onStore: (store) => {
        store.addEventListener('signed-in', (event) => {
          this.dispatchEvent(new PunchcardSignedInEvent({ customer: (event as SignedInEvent).customer }));
        });
        store.addEventListener('signed-out', () => this.dispatchEvent(new PunchcardSignedOutEvent()));
        store.addEventListener('booked', (event) => this.dispatchEvent(new PunchcardBookedEvent({ booking: (event as BookingEvent).booking })));
        store.addEventListener('rescheduled', (event) => {
          const { booking, previousStart } = event as BookingEvent;
          this.dispatchEvent(new PunchcardRescheduledEvent({ booking, previousStart: previousStart! }));
        });
        store.addEventListener('cancelled', (event) => {
          this.dispatchEvent(new PunchcardCancelledEvent({ booking: (event as BookingEvent).booking }));
        });
      },
    });
  }

  /**
   * Moves the focus to the sign-in form (its field, or "Request a new code" after too many wrong
   * codes), scrolling it into view. A visitor's "Sign in to book" on an offer calls it; so may
   * the host page, for a sign-in link of its own. Does nothing while a client is signed in.
   */
  focusSignIn(): void {
    this.renderRoot.querySelector<HTMLElement>('.sign-in input, .sign-in button')?.focus();
  }

  protected override firstUpdated(): void {
    // After the first paint, when the browser has nothing else to do (Safari has no requestIdleCallback).
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => {
      void this.#loadChunk();
      // The steps' logic too; if it cannot be fetched now, "Book" tries again and says so (flowError).
      void this.stores.store.flow().catch(() => undefined);
    });
  }

  /**
   * The views of the booking steps and of the client's bookings. Apart from the steps' logic: a
   * failure of one must not hide the other once it is here.
   */
  async #loadChunk(): Promise<void> {
    if (this.#chunk) return;
    try {
      const chunk = await loadBookingChunk();
      if (this.#chunk) return;
      this.#chunk = chunk;
      this.#chunkFailed = false;
      adoptStyles(this.renderRoot as ShadowRoot, [...PunchcardPortal.elementStyles, ...chunk.styles]);
    } catch {
      this.#chunkFailed = true;
    }
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { signIn, checkout, bookingsError, cancel } = this.state;
    // Refusals and failures of sign-in, booking and cancelling reach the host page too.
    for (const error of [signIn.error, checkout?.error ?? null, checkout?.slots.error ?? null, bookingsError, cancel.error, this.state.flowError]) this.report(error);
  }

  protected override render() {
    return this.renderWhenReady((state) => {
      const { me } = state;
      const locale = this.i18n.lang;
      return html`<section class="portal" aria-label=${this.t.portalLabel} lang=${locale}>
        ${me
          ? html`<div part="account" class="account">
                <p>${this.t.signedInAs(me.customer.displayName)}</p>
                <button type="button" class="secondary" @click=${() => void this.stores.store.signOut()}>${this.t.signOut}</button>
              </div>`
          : this.#signIn()}
        ${this.#main(state, locale)}
      </section>`;
    });
  }

  /** Signed in: the confirmation, the booking steps, or the client's sections as tabs. */
  #main(state: ReadyState, locale: string) {
    const { me, checkout, done, tab } = state;
    if (!me) return html`<punchcard-offers locale=${locale} exportparts="offer, error"></punchcard-offers>`;
    const { t } = this;
    // The views it is for are the booking chunk's, which completed the English catalog on arrival.
    const view: View = { t: t as Messages, format: this.format, state, store: this.stores.store };
    const chunk = this.#chunk;
    // The booking steps could not be fetched: said where they would be, with a retry.
    if (state.flowError) {
      return html`<div part="error" role="alert"><p>${errorMessage(state.flowError, t)}</p>
        <button type="button" @click=${this.#retryFlow}>${t.retry}</button></div>`;
    }
    // The booking steps stand alone (the review says what the client's packages pay and keep).
    if (done || checkout) return chunk ? (done ? chunk.renderConfirmation(view) : chunk.renderCheckout(view, checkout!)) : this.#waitForChunk();
    const tabs = [
      ['overview', t.tabOverview],
      ['bookings', t.tabBookings],
      ['packages', t.tabPackages],
    ] as const;
    return html`<div class="tabs" role="tablist" aria-label=${t.sectionsLabel} @keydown=${this.#onTabKey}>
        ${tabs.map(
          ([id, name]) => html`<button
            type="button"
            role="tab"
            id="tab-${id}"
            aria-selected=${id === tab}
            aria-controls="panel"
            tabindex=${id === tab ? 0 : -1}
            @click=${() => this.stores.store.showTab(id)}
          >
            ${name}
          </button>`,
        )}
      </div>
      <div class="panel" role="tabpanel" id="panel" aria-labelledby="tab-${tab}">
        ${tab === 'bookings'
          ? chunk
            ? chunk.renderMyBookings(view)
            : this.#waitForChunk()
          : tab === 'packages' && state.history
            ? chunk
              ? chunk.renderPackageHistory(view)
              : this.#waitForChunk()
            : tab === 'packages'
            ? html`<section aria-labelledby="packages-title">
                <h2 id="packages-title">${t.creditsLabel}</h2>
                <punchcard-credits locale=${locale} exportparts="package, credit-meter, error"></punchcard-credits>
              </section>`
            : html`<section aria-labelledby="packages-title">
                  <h2 id="packages-title">${t.creditsLabel}</h2>
                  <punchcard-credits usable-only locale=${locale} exportparts="package, credit-meter, error"></punchcard-credits>
                </section>
                ${chunk ? chunk.renderNextBooking(view) : nothing}
                <section aria-labelledby="offers-title">
                  <h2 id="offers-title">${t.offersTitle}</h2>
                  <punchcard-offers locale=${locale} exportparts="offer, error"></punchcard-offers>
                </section>`}
      </div>`;
  }

  /** Arrow keys, Home and End move between the tabs and show the one they reach (WAI-ARIA tabs). */
  #onTabKey = async (event: KeyboardEvent): Promise<void> => {
    const order = ['overview', 'bookings', 'packages'] as const;
    const index = order.indexOf(this.state.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: order.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.stores.store.showTab(order[(next + order.length) % order.length]!);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  };

  /** Fetches the booking steps again (their views and their logic), then runs the step that was asked for. */
  #retryFlow = async (): Promise<void> => {
    this.#chunkFailed = false;
    await this.#loadChunk();
    this.stores.store.retryFlow();
  };

  /** The booking chunk is on its way (or failed to arrive: then a retry). */
  #waitForChunk() {
    if (!this.#chunkFailed) {
      void this.#loadChunk();
      return html`<p class="status" role="status">${this.t.loading}</p>`;
    }
    return html`<div part="error" role="alert"><p>${this.t.errorNetwork}</p>
      <button type="button" @click=${() => void this.#loadChunk()}>${this.t.retry}</button></div>`;
  }

  #signIn() {
    const { t } = this;
    const store = this.stores.store;
    const { step, email, error, retryMinutes } = this.state.signIn;
    const busy = step === 'sending' || step === 'verifying';
    const alert = this.state.sessionEnded
      ? t.sessionEnded
      : step === 'wrong-code'
        ? t.wrongCode
        : step === 'too-many'
          ? t.tooManyAttempts
          : step === 'requests-limited'
            ? t.tooManyCodeRequests(retryMinutes ?? 15)
            : error
            ? errorMessage(error, t)
            : null;
    const codeStep = step === 'code-sent' || step === 'verifying' || step === 'wrong-code';
    const invalid = this.#invalid === (codeStep ? 'code' : 'email');
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const kind = codeStep ? 'code' : 'email';
      const value = signInValue(kind, String(new FormData(event.target as HTMLFormElement).get('value') ?? ''));
      this.#invalid = value === null ? kind : null;
      this.requestUpdate();
      if (value === null) return void this.renderRoot.querySelector('input')?.focus();
      void (codeStep ? store.verifyCode(value) : store.requestCode(value));
    };
    const described = invalid ? 'value-error' : nothing;
    return html`<div part="sign-in" class="sign-in">
      <h2>${t.signInTitle}</h2>
      <div role="alert">${alert ? html`<p part="error">${alert}</p>` : nothing}</div>
      ${step === 'too-many'
        ? html`<button type="button" @click=${() => store.restartSignIn()}>${t.newCode}</button>`
        : html`<form @submit=${submit} novalidate>
            ${codeStep ? html`<p>${t.codeSent(email)}</p>` : html`<p>${t.signInIntro}</p>`}
            <label for="value">${codeStep ? t.codeLabel : t.emailLabel}</label>
            ${codeStep
              ? html`<input id="value" name="value" inputmode="numeric" autocomplete="one-time-code" required aria-invalid=${invalid} aria-describedby=${described} ?disabled=${busy} />`
              : html`<input id="value" name="value" type="email" autocomplete="email" required aria-invalid=${invalid} aria-describedby=${described} .value=${email} ?disabled=${busy} />`}
            ${invalid ? html`<p id="value-error" class="invalid">${codeStep ? t.invalidCode : t.invalidEmail}</p>` : nothing}
            <div class="actions">
              <button type="submit" ?disabled=${busy}>${codeStep ? t.verify : t.sendCode}</button>
              ${codeStep ? html`<button type="button" class="secondary" @click=${() => store.restartSignIn()}>${t.newCode}</button>` : nothing}
            </div>
            <p class="status" role="status">${step === 'sending' ? t.sending : step === 'verifying' ? t.verifying : ''}</p>
          </form>`}
    </div>`;
  }
}
