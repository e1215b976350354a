/**
 * Resolves an element's locale from its candidates (attribute, practice default, browser) and
 * loads that catalog. Each element has its own, so two widgets in two languages share a page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WidgetLocale } from './widget-locales.ts';
import { englishMessages, loadMessages, resolveLocale, type FirstMessages, type Messages } from './messages.ts';

export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #candidates: () => readonly (string | null | undefined)[];
  #wanted: WidgetLocale | null = null;
  #loaded: { locale: WidgetLocale; messages: Messages } | null = null;

  constructor(host: ReactiveControllerHost, candidates: () => readonly (string | null | undefined)[]) {
    this.#host = host;
    this.#candidates = candidates;
    host.addController(this);
  }

  /**
   * Warms the catalog the element will most likely need — its `locale`, else the page's `lang` —
   * while the practice (which decides when no `locale` is set) is still loading.
   */
  hostConnected(): void {
    const [attribute] = this.#candidates();
    void loadMessages(resolveLocale(attribute, document.documentElement.lang));
  }

  /** Before each render: start loading the catalog of the locale the element should speak now. */
  hostUpdate(): void {
    const locale = this.locale;
    if (locale === this.#wanted) return;
    this.#wanted = locale;
    void loadMessages(locale).then((messages) => {
      if (this.#wanted !== locale) return; // superseded by a newer choice
      this.#loaded = { locale, messages };
      this.#host.requestUpdate();
    });
  }

  /** The locale the element should speak now. */
  get locale(): WidgetLocale {
    return resolveLocale(...this.#candidates());
  }

  /** True once the catalog of the current locale is loaded. */
  get ready(): boolean {
    return this.#loaded?.locale === this.locale;
  }

  /** The current catalog; until it is loaded, the last one (or English): never nothing to show. */
  get messages(): FirstMessages {
    return this.#loaded?.messages ?? englishMessages;
  }

  /** The language of `messages`, for the `lang` attribute. */
  get lang(): WidgetLocale {
    return this.#loaded?.locale ?? 'en';
  }
}
