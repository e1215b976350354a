/**
 * What every punchcard element shares: the `api`, `practice`, `locale` and `token` attributes,
 * its store (its own, or its portal's), its language, and the error rule of docs/booking-flow.md — a
 * localized message in place and one `punchcard-error` per error, never an exception.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ApiError } from '../client/errors.ts';
import { PunchcardErrorEvent } from '../events.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatFor, type Format } from '../i18n/format.ts';
import { LocaleController } from '../i18n/locale-controller.ts';
import type { FirstMessages } from '../i18n/messages.ts';
import { StoreController } from '../state/store-controller.ts';
import { INITIAL_STATE, type PortalState, type PortalStore, type ReadyState } from '../state/store.ts';

export abstract class PunchcardElement extends LitElement {
  // Declared without decorators: the decorator helpers would cost the embed about half a kilobyte.
  static override properties = {
    api: { reflect: true },
    practice: { reflect: true },
    locale: { reflect: true },
    token: { attribute: 'token' },
    timeout: { type: Number, reflect: true },
  };

  /** The API base URL of the practice backend, e.g. `https://api.example/portal/v1`. */
  declare api?: string;

  /** The practice id. */
  declare practice?: string;

  /** `de`, `en`, `it` or `sv`; default: the practice's default, else the browser's, else English. */
  declare locale?: string;

  /** A session token the host page obtained for the client (kept in memory only). */
  declare token?: string;

  /** Milliseconds before a request to the backend is given up (then tried again, for reads); default 15000. */
  declare timeout?: number;

  protected readonly stores: StoreController;
  protected readonly i18n = new LocaleController(this, () => [
    this.locale,
    this.state.practice?.defaultLocale,
    ...navigator.languages,
  ]);
  readonly #reported = new WeakSet<ApiError>();

  constructor(options: { provide?: boolean; onStore?: (store: PortalStore) => void } = {}) {
    super();
    this.stores = new StoreController(this, () => ({ api: this.api, practice: this.practice, token: this.token, timeoutMs: this.timeout }), options);
  }

  protected get state(): PortalState {
    return this.stores.store?.state ?? INITIAL_STATE;
  }

  protected get t(): FirstMessages {
    return this.i18n.messages;
  }

  /** Formatters in the element's language and the practice's zone and currency (once the practice is known). */
  protected get format(): Format {
    const { practice } = this.state;
    if (!practice) throw new Error('punchcard: formatting before the practice is known');
    return formatFor(this.i18n.lang, practice.timeZone, practice.currency);
  }

  /** Reports an error once as `punchcard-error` with the sentence the element shows for it. */
  protected report(error: ApiError | null): void {
    if (!error || this.#reported.has(error) || !this.i18n.ready) return;
    this.#reported.add(error);
    this.dispatchEvent(new PunchcardErrorEvent({ code: error.code, message: errorMessage(error, this.t), error }));
  }

  protected override updated(_changed: PropertyValues): void {
    this.report(this.state.error);
  }

  /**
   * Loading (a live status line) or the error (an alert with a retry where it helps) until the
   * practice, the catalog and the language are ready; then `ready(state)`. Never a blank box.
   */
  protected renderWhenReady(ready: (state: ReadyState) => TemplateResult | typeof nothing, loading = this.t.loading): TemplateResult | typeof nothing {
    const { state } = this;
    if (state.status === 'error' && this.i18n.ready) {
      const { error } = state;
      return html`<div part="error" role="alert" lang=${this.i18n.lang}>
        <p>${errorMessage(error, this.t)}</p>
        ${error.code === 'config' ? nothing : html`<button type="button" @click=${() => this.stores.store.load()}>${this.t.retry}</button>`}
      </div>`;
    }
    if (state.status !== 'ready' || !this.i18n.ready) return html`<p class="status" role="status" lang=${this.i18n.lang}>${loading}</p>`;
    return ready(state);
  }
}
