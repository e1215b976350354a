/** Page object of `<punchcard-offers>`: reads what a user sees, by part, role and text. */
import { API } from './mock-api.ts';
import { LOADING_TEXTS, messagesOf } from './i18n.ts';
import { byRole, mount, parts, text, until, type PunchcardEventLog } from './page.ts';

export interface OfferView {
  element: HTMLElement;
  /** The offer's heading: the chain's name. */
  name: string;
  /** Everything the offer says. */
  text: string;
}

export class OffersPage {
  constructor(
    readonly el: HTMLElement,
    readonly events?: PunchcardEventLog,
  ) {}

  /** A standalone `<punchcard-offers>` on the mock API. */
  static async open(attributes: { api?: string | null; practice?: string; token?: string; locale?: string }): Promise<OffersPage> {
    const { el, events } = await mount<HTMLElement>('punchcard-offers', { api: API, ...attributes });
    return new OffersPage(el, events);
  }

  get t() {
    return messagesOf(this.el);
  }

  /** A status line that says it is loading. */
  isLoading(): boolean {
    return byRole(this.el, 'status').some((status) => LOADING_TEXTS.has(text(status)));
  }

  /** Waits until the offers (or the message that there are none, or an error) are shown. */
  async settled(): Promise<this> {
    await until(() => (this.el.shadowRoot?.childElementCount ?? 0) > 0 && !this.isLoading(), `<punchcard-offers> still loading: "${text(this.el.shadowRoot?.firstElementChild ?? undefined)}"`);
    return this;
  }

  offers(): OfferView[] {
    return parts(this.el, 'offer').map((element) => ({
      element,
      name: text(element.querySelector('h1, h2, h3, h4, h5, h6, [role="heading"]') ?? undefined),
      text: text(element),
    }));
  }

  names(): string[] {
    return this.offers().map((offer) => offer.name);
  }

  offer(name: string): OfferView | undefined {
    return this.offers().find((offer) => offer.name === name);
  }

  error(): HTMLElement | undefined {
    return parts(this.el, 'error')[0];
  }
}
