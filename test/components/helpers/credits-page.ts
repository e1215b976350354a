/** Page object of `<punchcard-credits>`: packages, meters and bonus as a user sees them. */
import { API } from './mock-api.ts';
import { LOADING_TEXTS, messagesOf } from './i18n.ts';
import { byRole, mount, nameOf, parts, text, until, type PunchcardEventLog } from './page.ts';

export interface MeterView {
  /** The visible "n of m left". */
  text: string;
  /** The meter's accessible name. */
  name: string;
  value: number;
  max: number;
  min: number;
}

export interface PackageView {
  element: HTMLElement;
  /** The package's heading (its name and short code). */
  heading: string;
  text: string;
  meters: MeterView[];
}

/** A meter as assistive technology reads it: role, name and value (native or ARIA). */
function meterOf(part: HTMLElement): MeterView {
  const meter = part.querySelector<HTMLElement>('meter, [role="meter"]');
  if (!meter) throw new Error(`part="credit-meter" without a meter: ${part.outerHTML}`);
  const number = (native: number | undefined, aria: string) => (meter instanceof HTMLMeterElement ? native! : Number(meter.getAttribute(aria)));
  const native = meter instanceof HTMLMeterElement ? meter : undefined;
  return { text: text(part), name: nameOf(meter), value: number(native?.value, 'aria-valuenow'), max: number(native?.max, 'aria-valuemax'), min: number(native?.min, 'aria-valuemin') };
}

export class CreditsPage {
  constructor(
    readonly el: HTMLElement,
    readonly events?: PunchcardEventLog,
  ) {}

  /** A standalone `<punchcard-credits>` on the mock API. */
  static async open(attributes: { api?: string | null; practice?: string; token?: string; locale?: string }): Promise<CreditsPage> {
    const { el, events } = await mount<HTMLElement>('punchcard-credits', { api: API, ...attributes });
    return new CreditsPage(el, events);
  }

  get t() {
    return messagesOf(this.el);
  }

  isLoading(): boolean {
    return byRole(this.el, 'status').some((status) => LOADING_TEXTS.has(text(status)));
  }

  async settled(): Promise<this> {
    await until(() => (this.el.shadowRoot?.childElementCount ?? 0) > 0 && !this.isLoading(), '<punchcard-credits> still loading');
    return this;
  }

  packages(): PackageView[] {
    return parts(this.el, 'package').map((element) => ({
      element,
      heading: text(element.querySelector('h1, h2, h3, h4, h5, h6, [role="heading"]') ?? undefined),
      text: text(element),
      meters: parts(this.el, 'credit-meter').filter((meter) => element.contains(meter)).map(meterOf),
    }));
  }

  /** The package whose short code (the last five characters of its code) is shown. */
  package(shortCode: string): PackageView | undefined {
    return this.packages().find((pkg) => pkg.heading.includes(shortCode));
  }

  meters(): MeterView[] {
    return parts(this.el, 'credit-meter').map(meterOf);
  }

  /** The bonus account: the region named like the catalog's bonus label. */
  bonus(): { element: HTMLElement; text: string } | null {
    const name = this.t.bonusLabel;
    const element = [...(this.el.shadowRoot?.querySelectorAll<HTMLElement>('section[aria-label], [role="region"]') ?? [])].find((region) => nameOf(region) === name);
    return element ? { element, text: text(element) } : null;
  }

  error(): HTMLElement | undefined {
    return parts(this.el, 'error')[0];
  }
}
