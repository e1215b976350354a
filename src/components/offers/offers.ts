import { html, nothing, type PropertyValues } from 'lit';
import type { Chain } from '../../contract/entities.ts';
import { indexServices, type ServiceIndex } from '../../rules/budget.ts';
import type { Offering } from '../../rules/offering.ts';
import { offerPayment, offeringsOf } from '../../state/selectors.ts';
import { payText, refusalText } from '../view.ts';
import type { ReadyState } from '../../state/store.ts';
import { PunchcardElement } from '../base.ts';
import { baseStyles } from '../shared.styles.ts';
import { offersStyles } from './offers.styles.ts';
import { loadBookingChunk } from '../portal/load-booking-chunk.ts';

/** What the portal around a visitor's offers does for "Sign in to book". */
interface SignInFocus {
  focusSignIn(): void;
}

/**
 * The service chains a practice's client may book online: for a signed-in client decided by
 * their packages, for a visitor those that need none (decided by src/rules, docs/rules.md "What is offered"). Inside a
 * `<punchcard-portal>` it shows the portal's client; alone it uses its own attributes.
 *
 * The theme: the CSS custom properties of src/components/tokens.ts (added to the manifest by
 * custom-elements-manifest.config.mjs).
 *
 * @tagname punchcard-offers
 * @summary The offered service chains, with duration, steps and what the client pays (and with which package).
 *
 * @event {PunchcardErrorEvent} punchcard-error - The offers cannot be shown; `detail` is `{ code, message, error }`.
 *
 * @csspart offer - One offered chain; contains its name.
 * @csspart error - The localized message shown in place when something went wrong.
 */
export class PunchcardOffers extends PunchcardElement {
  static override styles = [baseStyles, offersStyles];

  /** A chain whose "Book" button should take the focus as soon as it is shown. */
  #focusPending: string | null = null;

  /** On intent (a pointer over or the focus on "Book"): the booking steps' views and logic, so "Book" does not wait. */
  #prefetch = () => {
    void loadBookingChunk().catch(() => undefined);
    void this.stores.store.flow().catch(() => undefined);
  };

  /** A visitor in a portal: to the portal's sign-in form, where booking starts. */
  #toSignIn = () => ((this.getRootNode() as ShadowRoot).host as Partial<SignInFocus> | undefined)?.focusSignIn?.();

  /**
   * Focuses the "Book" button of `chainId` (the first one when that chain is no longer offered),
   * now or as soon as the offers are shown. The portal calls it when a checkout closes.
   */
  focusOffer(chainId: string): void {
    this.#focusPending = chainId;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const chainId = this.#focusPending;
    if (chainId === null) return;
    const root = this.renderRoot;
    const button = root.querySelector<HTMLElement>(`[data-chain-id="${CSS.escape(chainId)}"] .book`) ?? root.querySelector<HTMLElement>('.book');
    if (!button) return;
    this.#focusPending = null;
    button.focus();
  }

  protected override render() {
    return this.renderWhenReady((state) => {
      const offered = offeringsOf(state).filter((offering) => offering.offered);
      const services = indexServices(state.catalog.services);
      if (offered.length === 0) return html`<p class="status" role="status" lang=${this.i18n.lang}>${this.t.noOffers}</p>`;
      return html`<ul class="cards" aria-label=${this.t.offersLabel} lang=${this.i18n.lang}>
        ${offered.map((offering) => this.#offer(state, offering, services))}
      </ul>`;
    }, this.t.loadingOffers);
  }

  #offer(state: ReadyState, { chain }: Offering, services: ServiceIndex) {
    const { t, format } = this;
    const payment = offerPayment(state, chain);
    const multiDay = chain.steps.some((step) => step.day > 1);
    const minutes = chain.steps.reduce((sum, step) => sum + (services.get(step.serviceId)?.durationMinutes ?? 0), 0);
    return html`<li part="offer" data-chain-id=${chain.id}>
      <h3>${chain.name}</h3>
      ${chain.description ? html`<p>${chain.description}</p>` : nothing}
      ${multiDay ? this.#steps(services, chain) : nothing}
      <dl>
        ${multiDay ? nothing : html`<div><dt>${t.durationLabel}</dt><dd>${format.minutes(minutes)}</dd></div>`}
      </dl>
      <p class="pay">${payment.ok ? payText({ t, format }, payment.pay) : refusalText({ t, format }, payment.refusal, state.catalog)}</p>
      ${chain.maxParticipants > 1 ? html`<p class="note">${t.upToParticipants(chain.maxParticipants)}</p>` : nothing}
      ${this.stores.shared && !state.me
        ? html`<button type="button" class="to-sign-in secondary" @click=${this.#toSignIn}>${t.signInToBook}</button>`
        : nothing}
      ${this.stores.shared && state.me
        ? html`<button
            type="button"
            class="book"
            aria-label=${t.bookChain(chain.name)}
            @pointerenter=${this.#prefetch}
            @focus=${this.#prefetch}
            @click=${() => this.stores.store.startCheckout(chain.id)}
          >
            ${t.book}
          </button>`
        : nothing}
    </li>`;
  }

  /** A multi-day chain: every step with its day, its time when fixed, its service and duration. */
  #steps(services: ServiceIndex, chain: Chain) {
    const { t, format } = this;
    return html`<ol class="steps">
      ${chain.steps.map((step) => {
        const service = services.get(step.serviceId);
        const when = step.start.kind === 'fixed' ? `${t.dayN(step.day)}, ${t.atTime(format.clock(step.start.time))}` : t.dayN(step.day);
        return html`<li><span class="when">${when}</span> ${service?.name} (${format.minutes(service?.durationMinutes ?? 0)})</li>`;
      })}
    </ol>`;
  }
}
