/** Connects an element to a PunchcardStore: re-renders on every change, lets go when removed. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PunchcardStore, type StoreConfig, type StoreState } from './store.ts';

export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #store: PunchcardStore | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get state(): StoreState {
    return this.#store?.state ?? { status: 'loading' };
  }

  /** Uses a store for this configuration: a new one, loading, whenever it changed. */
  use(config: StoreConfig): void {
    const current = this.#store?.config;
    if (current && current.api === config.api && current.practice === config.practice) return;
    this.#detach();
    this.#store?.dispose();
    this.#store = new PunchcardStore(config);
    this.#attach();
    void this.#store.load();
  }

  retry(): void {
    void this.#store?.load();
  }

  hostConnected(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  #attach(): void {
    if (!this.#store || this.#unsubscribe) return;
    this.#unsubscribe = this.#store.subscribe(() => this.#host.requestUpdate());
    this.#host.requestUpdate();
  }

  #detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
