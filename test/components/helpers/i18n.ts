/** The four catalogs, so that tests and page objects read texts in the language an element renders. */
import type { WidgetLocale } from '../../../src/i18n/widget-locales.ts';
import type { Messages } from '../../../src/i18n/messages.ts';
import { messages as de } from '../../../src/i18n/locales/de.ts';
import { messages as enFirst } from '../../../src/i18n/locales/en.ts';
import { messages as enBooking } from '../../../src/i18n/locales/en-booking.ts';
import { messages as it } from '../../../src/i18n/locales/it.ts';
import { messages as sv } from '../../../src/i18n/locales/sv.ts';

/** English whole: the part bundled with the embed and the booking chunk's part. */
const en: Messages = { ...enFirst, ...enBooking };

export const catalogs: Record<WidgetLocale, Messages> = { de, en, it, sv };
export const LOCALES = Object.keys(catalogs) as WidgetLocale[];

/** The language an element renders in: the `lang` of the first element of its shadow root that states one. */
export function langOf(element: Element): WidgetLocale | null {
  const lang = element.shadowRoot?.querySelector('[lang]')?.getAttribute('lang');
  return lang && lang in catalogs ? (lang as WidgetLocale) : null;
}

/** The catalog of the language an element renders in (English until it says otherwise). */
export function messagesOf(element: Element): Messages {
  return catalogs[langOf(element) ?? 'en'];
}

/** Texts that mean "still loading" in any language. */
export const LOADING_TEXTS: ReadonlySet<string> = new Set(Object.values(catalogs).flatMap((t) => [t.loading, t.loadingOffers]));
