/**
 * The state behind a widget: practice and catalog for one `api` + `practice`, loaded in
 * parallel through the ApiClient. Components subscribe and render; they never fetch.
 */
import { ApiClient } from '../client/api-client.ts';
import { ApiError, ConfigError, UnexpectedError } from '../client/errors.ts';
import type { CatalogResponse } from '../contract/api.ts';
import type { Practice } from '../contract/entities.ts';

export interface StoreConfig {
  api: string | undefined;
  practice: string | undefined;
}

export type StoreState =
  | { status: 'loading' }
  | { status: 'ready'; practice: Practice; catalog: CatalogResponse }
  | { status: 'error'; error: ApiError };

export class PunchcardStore {
  readonly config: StoreConfig;
  #state: StoreState = { status: 'loading' };
  readonly #listeners = new Set<() => void>();
  #abort: AbortController | undefined;

  constructor(config: StoreConfig) {
    this.config = config;
  }

  get state(): StoreState {
    return this.#state;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** (Re)loads practice and catalog; a newer load supersedes an older one still under way. */
  async load(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const { api, practice } = this.config;
    if (!api) return this.#set({ status: 'error', error: new ConfigError('api') });
    if (!practice) return this.#set({ status: 'error', error: new ConfigError('practice') });
    this.#set({ status: 'loading' });
    const client = new ApiClient({ baseUrl: api });
    try {
      const options = { signal: abort.signal };
      const [practiceData, catalog] = await Promise.all([
        client.getPractice(practice, options),
        client.getCatalog(practice, options),
      ]);
      if (!abort.signal.aborted) this.#set({ status: 'ready', practice: practiceData, catalog });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#set({ status: 'error', error: error instanceof ApiError ? error : new UnexpectedError(error) });
    }
  }

  /** Stops what is under way; the store stays usable. */
  dispose(): void {
    this.#abort?.abort();
  }

  #set(state: StoreState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
