/**
 * The localization layer: every visible string comes from a catalog of this shape. English is
 * bundled as the fallback, in two parts: what paints first here, and the booking steps' texts,
 * which the booking chunk adds (`completeEnglish`) before it renders. de, it and sv are separate
 * chunks, each whole, loaded when first needed.
 */
import { WIDGET_LOCALES, type WidgetLocale } from './widget-locales.ts';
import { messages as en } from './locales/en.ts';
import type { messages as enBooking } from './locales/en-booking.ts';

type Catalog = typeof en & typeof enBooking;
export type Messages = {
  readonly [K in keyof Catalog]: Catalog[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
/** The texts the embed's own code (everything outside the booking chunk) may use. */
export type FirstMessages = Pick<Messages, keyof typeof en>;

export const FALLBACK_LOCALE: WidgetLocale = 'en';
/** English; complete once the booking chunk has added its part. */
const english = { ...en } as Messages;
export const englishMessages: FirstMessages = english;

/** Adds the booking chunk's English texts (its part two) to the English catalog. */
export function completeEnglish(part: typeof enBooking): void {
  Object.assign(english, part);
}

const loaders: Record<Exclude<WidgetLocale, 'en'>, () => Promise<{ messages: Messages }>> = {
  de: () => import('./locales/de.ts'),
  it: () => import('./locales/it.ts'),
  sv: () => import('./locales/sv.ts'),
};

const loaded = new Map<WidgetLocale, Promise<Messages>>([['en', Promise.resolve(english)]]);

/** The catalog of a locale; each is fetched once per page. A failed load falls back to English. */
export function loadMessages(locale: WidgetLocale): Promise<Messages> {
  let promise = loaded.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<WidgetLocale, 'en'>]()
      .then((module) => module.messages)
      .catch(() => {
        loaded.delete(locale);
        return english;
      });
    loaded.set(locale, promise);
  }
  return promise;
}

/**
 * The first supported locale among the candidates, matched by primary language subtag
 * (`de-AT` → `de`); English when none is supported.
 */
export function resolveLocale(...candidates: readonly (string | null | undefined)[]): WidgetLocale {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split('-')[0];
    const match = WIDGET_LOCALES.find((locale) => locale === primary);
    if (match) return match;
  }
  return FALLBACK_LOCALE;
}
