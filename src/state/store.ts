/**
 * The state of one portal (or of one standalone element): practice, catalog and the signed-in
 * client, loaded in parallel through the ApiClient, and the sign-in flow. Components subscribe
 * and render; they never fetch. Tokens live in memory only.
 */
import { ApiClient } from '../client/api-client.ts';
import { ApiError, ConfigError, ProblemError, UnexpectedError } from '../client/errors.ts';
import type { CatalogResponse, MeResponse } from '../contract/api.ts';
import type { Customer, Practice } from '../contract/entities.ts';

export interface StoreConfig {
  api?: string | undefined;
  practice?: string | undefined;
  /** A session token the host page obtained; without it the client signs in by email code. */
  token?: string | null | undefined;
}

/** sending → code-sent → verifying → (signed in | wrong-code | too-many) */
export type SignInStep = 'email' | 'sending' | 'code-sent' | 'verifying' | 'wrong-code' | 'too-many';

export interface PortalState {
  status: 'loading' | 'ready' | 'error';
  practice: Practice | null;
  catalog: CatalogResponse | null;
  /** The signed-in client's data; null for a visitor. */
  me: MeResponse | null;
  /** What keeps the element from showing anything (config, practice, catalog, network). */
  error: ApiError | null;
  signIn: { step: SignInStep; email: string; error: ApiError | null };
  /** A token was refused (expired, revoked): the client has to sign in again. */
  sessionEnded: boolean;
}

const SIGNED_OUT: PortalState['signIn'] = { step: 'email', email: '', error: null };

export class SignedInEvent extends Event {
  readonly customer: Customer;
  constructor(customer: Customer) {
    super('signed-in');
    this.customer = customer;
  }
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new UnexpectedError(error));
const isProblem = (error: unknown, code: string) => error instanceof ProblemError && error.code === code;

export class PortalStore extends EventTarget {
  readonly config: Readonly<StoreConfig>;
  readonly client: ApiClient | null;
  #state: PortalState = { status: 'loading', practice: null, catalog: null, me: null, error: null, signIn: SIGNED_OUT, sessionEnded: false };
  #abort = new AbortController();

  constructor(config: StoreConfig) {
    super();
    this.config = { ...config };
    this.client = config.api && config.practice ? new ApiClient({ baseUrl: config.api, practiceId: config.practice }) : null;
    if (this.client) this.client.token = config.token || null;
  }

  get state(): PortalState {
    return this.#state;
  }

  get signedIn(): boolean {
    return this.#state.me !== null;
  }

  /** Loads practice, catalog and (with a token) the client, all at once: one round trip deep. */
  async load(): Promise<void> {
    const { client } = this;
    if (!client) return this.#set({ status: 'error', error: new ConfigError(this.config.api ? 'practice' : 'api') });
    this.#abort.abort();
    const abort = (this.#abort = new AbortController());
    const options = { signal: abort.signal };
    this.#set({ status: 'loading', error: null });
    try {
      const [practice, catalog, me] = await Promise.all([
        client.practice(options),
        client.catalog(options),
        client.token ? this.#fetchMe(options) : null,
      ]);
      if (abort.signal.aborted) return;
      this.#set({ status: 'ready', practice, catalog });
      if (me) this.#signedIn(me);
    } catch (error) {
      if (!abort.signal.aborted) this.#set({ status: 'error', error: asApiError(error) });
    }
  }

  async requestCode(email: string): Promise<void> {
    if (!this.client) return;
    this.#set({ signIn: { step: 'sending', email, error: null } });
    try {
      await this.client.requestCode(email);
      this.#set({ signIn: { step: 'code-sent', email, error: null } });
    } catch (error) {
      this.#set({ signIn: { step: 'email', email, error: asApiError(error) } });
    }
  }

  async verifyCode(code: string): Promise<void> {
    const { client } = this;
    const { email } = this.#state.signIn;
    if (!client) return;
    this.#set({ signIn: { step: 'verifying', email, error: null } });
    try {
      const { token } = await client.signIn(email, code);
      client.token = token;
      const me = await this.#fetchMe({});
      if (me) this.#signedIn(me);
    } catch (error) {
      const step = isProblem(error, 'too_many_attempts') ? 'too-many' : isProblem(error, 'invalid_code') ? 'wrong-code' : 'code-sent';
      this.#set({ signIn: { step, email, error: step === 'code-sent' ? asApiError(error) : null } });
    }
  }

  /** Back to entering an email address (a new code, another address). */
  restartSignIn(): void {
    this.#set({ signIn: { ...SIGNED_OUT, email: this.#state.signIn.email } });
  }

  /** Forgets the token and the client's data. */
  signOut(): void {
    if (this.client) this.client.token = null;
    this.#set({ me: null, signIn: SIGNED_OUT, sessionEnded: false });
  }

  dispose(): void {
    this.#abort.abort();
  }

  /** /me; a refused token ends the session instead of failing the whole element. */
  async #fetchMe(options: { signal?: AbortSignal }): Promise<MeResponse | null> {
    try {
      return await this.client!.me(options);
    } catch (error) {
      if (!isProblem(error, 'unauthorized')) throw error;
      this.client!.token = null;
      this.#set({ me: null, sessionEnded: true, signIn: SIGNED_OUT });
      return null;
    }
  }

  #signedIn(me: MeResponse): void {
    this.#set({ me, sessionEnded: false, signIn: SIGNED_OUT });
    this.dispatchEvent(new SignedInEvent(me.customer));
  }

  #set(patch: Partial<PortalState>): void {
    this.#state = { ...this.#state, ...patch };
    this.dispatchEvent(new Event('change'));
  }
}
