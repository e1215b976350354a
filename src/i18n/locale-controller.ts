/**
 * Resolves an element's locale from its candidates (attribute, practice default, browser) and
 * loads that catalog. Each element has its own, so two widgets in two languages share a page.
 */
import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { WidgetLocale } from '../contract/primitives.ts';
import { englishMessages, loadMessages, resolveLocale, type Messages } from './messages.ts';

export interface LoadedLocale {
  locale: WidgetLocale;
  messages: Messages;
}

export class LocaleController {
  readonly #candidates: () => readonly (string | null | undefined)[];
  readonly #task: Task<[WidgetLocale], LoadedLocale>;

  constructor(host: ReactiveControllerHost, candidates: () => readonly (string | null | undefined)[]) {
    this.#candidates = candidates;
    this.#task = new Task(host, {
      task: async ([locale]) => ({ locale, messages: await loadMessages(locale) }),
      args: () => [this.locale],
    });
  }

  /** The locale the element should speak now. */
  get locale(): WidgetLocale {
    return resolveLocale(...this.#candidates());
  }

  /** True once the catalog of the current locale is loaded. */
  get ready(): boolean {
    return this.#task.value?.locale === this.locale;
  }

  /** The current catalog; until it is loaded, the last one (or English): never nothing to show. */
  get messages(): Messages {
    return this.#task.value?.messages ?? englishMessages;
  }

  /** The language of `messages`, for the `lang` attribute. */
  get lang(): WidgetLocale {
    return this.#task.value?.locale ?? 'en';
  }
}
