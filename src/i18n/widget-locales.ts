/** The languages the widget itself is translated into; English is built in, the others load on demand. */
export const WIDGET_LOCALES = ['de', 'en', 'it', 'sv'] as const;
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];
