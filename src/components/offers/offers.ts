import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApiError } from '../../client/errors.ts';
import { PunchcardErrorEvent } from '../../events.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { LocaleController } from '../../i18n/locale-controller.ts';
import { offerings } from '../../rules/offering.ts';
import { todayOf } from '../../rules/time.ts';
import { StoreController } from '../../state/store-controller.ts';
import { baseStyles } from '../shared.styles.ts';
import { offersStyles } from './offers.styles.ts';

/**
 * The service chains a practice's client may book online.
 *
 * @summary Lists the offered service chains of a practice.
 *
 * @event punchcard-error - {PunchcardErrorEvent} The offers cannot be shown; `detail` is `{ code, message }`.
 *
 * @csspart offer - One offered chain; contains its name.
 * @csspart error - The localized message shown in place when something went wrong.
 *
 * @cssproperty --punchcard-font-family - Font of all text. Default: system-ui.
 * @cssproperty --punchcard-font-size - Base font size. Default: 1rem.
 * @cssproperty --punchcard-color-text - Text colour.
 * @cssproperty --punchcard-color-muted - Colour of secondary text such as the loading line.
 * @cssproperty --punchcard-color-background - Background of the element.
 * @cssproperty --punchcard-color-surface - Background of an offer card.
 * @cssproperty --punchcard-color-border - Border colour of an offer card.
 * @cssproperty --punchcard-color-accent - Buttons' background.
 * @cssproperty --punchcard-color-on-accent - Buttons' text.
 * @cssproperty --punchcard-color-focus - The focus ring.
 * @cssproperty --punchcard-color-error - Text and border of error messages.
 * @cssproperty --punchcard-color-error-background - Background of error messages.
 * @cssproperty --punchcard-radius - Corner radius.
 * @cssproperty --punchcard-spacing - Padding and gaps.
 */
export class PunchcardOffers extends LitElement {
  static override styles = [baseStyles, offersStyles];

  /** The API base URL, e.g. `https://api.example/portal/v1`. */
  @property({ reflect: true }) api?: string;

  /** The practice id. */
  @property({ reflect: true }) practice?: string;

  /** `de`, `en`, `it` or `sv`; default: the practice's default, else the browser's, else English. */
  @property({ reflect: true }) locale?: string;

  readonly #store = new StoreController(this);
  readonly #i18n = new LocaleController(this, () => {
    const state = this.#store.state;
    return [this.locale, state.status === 'ready' ? state.practice.defaultLocale : null, ...navigator.languages];
  });
  #reported: ApiError | undefined;

  protected override willUpdate(): void {
    this.#store.use({ api: this.api, practice: this.practice });
  }

  protected override updated(_changed: PropertyValues): void {
    const state = this.#store.state;
    if (state.status === 'error' && this.#i18n.ready && this.#reported !== state.error) {
      this.#reported = state.error;
      this.dispatchEvent(new PunchcardErrorEvent({ code: state.error.code, message: errorMessage(state.error, this.#i18n.messages) }));
    }
  }

  protected override render() {
    const t = this.#i18n.messages;
    const state = this.#store.state;
    if (state.status === 'loading' || !this.#i18n.ready) {
      return html`<p class="status" role="status" lang=${this.#i18n.lang}>${t.loadingOffers}</p>`;
    }
    if (state.status === 'error') {
      return html`<div part="error" role="alert" lang=${this.#i18n.lang}>
        <p>${errorMessage(state.error, t)}</p>
        ${state.error.code === 'config'
          ? nothing
          : html`<button type="button" @click=${() => this.#store.retry()}>${t.retry}</button>`}
      </div>`;
    }
    // A visitor holds no packages; the practice's clock decides what "today" is.
    const today = todayOf(state.practice.serverTime, state.practice.timeZone);
    const chains = offerings(state.catalog, [], today)
      .filter((offering) => offering.offered)
      .map((offering) => offering.chain);
    if (chains.length === 0) return html`<p class="status" role="status" lang=${this.#i18n.lang}>${t.noOffers}</p>`;
    return html`<ul aria-label=${t.offersLabel} lang=${this.#i18n.lang}>
      ${chains.map(
        (chain) => html`<li part="offer" data-chain-id=${chain.id}>
          <h3>${chain.name}</h3>
          <p>${chain.description}</p>
        </li>`,
      )}
    </ul>`;
  }
}
