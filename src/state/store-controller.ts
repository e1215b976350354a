/**
 * Connects an element to a PortalStore and re-renders it on every change. Inside a portal the
 * element uses the portal's store (@lit/context); alone it owns a store made from its own
 * attributes, replaced (and reloaded) whenever they change. A portal owns its store and provides it.
 */
import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { storeContext } from './context.ts';
import { PortalStore, type StoreConfig } from './store.ts';

export class StoreController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #config: () => StoreConfig;
  readonly #provider: ContextProvider<typeof storeContext> | undefined;
  #provided: PortalStore | undefined;
  #own: PortalStore | undefined;
  /** The token the own store was made with (the store itself does not keep it readable). */
  #ownToken: string | null = null;
  #listening: PortalStore | undefined;
  readonly #onChange = () => this.#host.requestUpdate();

  readonly #onStore: ((store: PortalStore) => void) | undefined;

  constructor(
    host: ReactiveElement,
    config: () => StoreConfig,
    { provide = false, onStore }: { provide?: boolean; onStore?: (store: PortalStore) => void } = {},
  ) {
    this.#host = host;
    this.#config = config;
    this.#onStore = onStore;
    host.addController(this);
    if (provide) {
      this.#provider = new ContextProvider(host, { context: storeContext });
    } else {
      new ContextConsumer(host, {
        context: storeContext,
        subscribe: true,
        callback: (store) => {
          this.#provided = store;
          this.#listen();
        },
      });
    }
  }

  /** The store this element renders: the portal's, or its own. */
  get store(): PortalStore {
    return (this.#provided ?? this.#own)!;
  }

  /** True when the element renders a portal's store rather than one of its own. */
  get shared(): boolean {
    return this.#provided !== undefined;
  }

  hostUpdate(): void {
    if (this.#provided) return;
    const config = this.#config();
    const own = this.#own?.config;
    const token = config.token || null;
    const same = own && own.api === config.api && own.practice === config.practice && this.#ownToken === token && own.timeoutMs === config.timeoutMs;
    if (same) return;
    this.#own?.dispose();
    this.#own = new PortalStore(config);
    this.#ownToken = token;
    this.#onStore?.(this.#own);
    this.#provider?.setValue(this.#own);
    this.#listen();
    void this.#own.load();
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#listening?.removeEventListener('change', this.#onChange);
    this.#listening = undefined;
  }

  #listen(): void {
    const store = this.#provided ?? this.#own;
    if (!store || store === this.#listening || !this.#host.isConnected) return;
    this.#listening?.removeEventListener('change', this.#onChange);
    store.addEventListener('change', this.#onChange);
    this.#listening = store;
    this.#host.requestUpdate();
  }
}
