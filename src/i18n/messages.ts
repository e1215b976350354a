/**
 * The localization layer: every visible string comes from a catalog of this shape. English is
 * bundled as the fallback; de, it and sv are separate chunks loaded when first needed.
 */
import { WIDGET_LOCALES, type WidgetLocale } from './widget-locales.ts';
import { messages as en } from './locales/en.ts';

type Catalog = typeof en;
export type Messages = {
  readonly [K in keyof Catalog]: Catalog[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

export const FALLBACK_LOCALE: WidgetLocale = 'en';
export const englishMessages: Messages = en;

const loaders: Record<Exclude<WidgetLocale, 'en'>, () => Promise<{ messages: Messages }>> = {
  de: () => import('./locales/de.ts'),
  it: () => import('./locales/it.ts'),
  sv: () => import('./locales/sv.ts'),
};

const loaded = new Map<WidgetLocale, Promise<Messages>>([['en', Promise.resolve(en)]]);

/** The catalog of a locale; each is fetched once per page. A failed load falls back to English. */
export function loadMessages(locale: WidgetLocale): Promise<Messages> {
  let promise = loaded.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<WidgetLocale, 'en'>]()
      .then((module) => module.messages)
      .catch(() => {
        loaded.delete(locale);
        return en;
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
