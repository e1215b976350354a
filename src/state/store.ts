/**
 * The state of one portal (or of one standalone element): practice, catalog and the signed-in
 * client, loaded in parallel through the ApiClient, and the sign-in flow. Components subscribe
 * and render; they never fetch. Tokens live in memory only.
 */
import { ApiClient } from '../client/api-client.ts';
import type { CheckoutFlow } from './checkout-flow.ts';
import { ApiError, ConfigError, NetworkError, ProblemError, UnexpectedError } from '../client/errors.ts';
import type { CatalogResponse, MeResponse, Slot } from '../contract/api.ts';
import type { Booking, Customer, Package, Practice } from '../contract/entities.ts';
import { zoneFormatter } from '../contract/zone.ts';

export interface StoreConfig {
  api?: string | undefined;
  practice?: string | undefined;
  /** A session token the host page obtained; without it the client signs in by email code. */
  token?: string | null | undefined;
  /** Per-request timeout in milliseconds (the client's default when absent). */
  timeoutMs?: number | undefined;
}

/**
 * sending → (code-sent | requests-limited) → verifying → (signed in | wrong-code | too-many).
 * `requests-limited`: too many codes requested for the address; `signIn.retryMinutes` says how long.
 */
export type SignInStep = 'email' | 'sending' | 'code-sent' | 'verifying' | 'wrong-code' | 'too-many' | 'requests-limited';

/** The signed-in client's sections: the overview (with the offers), the bookings, the packages. */
export type PortalTab = 'overview' | 'bookings' | 'packages';

/** What a portal shows whatever its loading status: the sign-in flow, the client, bookings, booking. */
export interface ClientState {
  /** The section shown when no booking is in progress. */
  tab: PortalTab;
  /** The package whose history (the bookings that used it) "My packages" shows, or null. */
  history: string | null;
  signIn: { step: SignInStep; email: string; error: ApiError | null; retryMinutes?: number };
  /** A token was refused (expired, revoked): the client has to sign in again. */
  sessionEnded: boolean;
  /** The signed-in client's data; null for a visitor. */
  me: MeResponse | null;
  /** The signed-in client's bookings (null until loaded), or why they could not be loaded. */
  bookings: Booking[] | null;
  bookingsError: ApiError | null;
  /** The booking steps could not be fetched (offline for a moment): said in their place, with a retry. */
  flowError: ApiError | null;
  /** The booking being made, if any. */
  checkout: Checkout | null;
  /** Cancelling one of the client's bookings: which one asks for confirmation, and its answer. */
  cancel: CancelState;
  /**
   * The last booking made or cancelled, for the confirmation; `fresh` when the client's packages
   * were reloaded after it (else the credit shown would be the one from before).
   */
  done: { kind: 'booked' | 'cancelled' | 'rescheduled'; booking: Booking; fresh: boolean; previousStart?: string } | null;
}

export interface CancelState {
  /** The booking whose cancellation is being confirmed, or null. */
  bookingId: string | null;
  busy: boolean;
  error: ApiError | null;
}

/** Loading: the practice may already be known (it arrives before the catalog). */
export type LoadingState = ClientState & { status: 'loading'; practice: Practice | null; loadedAt: number; catalog: null; error: null };
/** What keeps the element from showing anything (config, practice, catalog, network). */
export type ErrorState = ClientState & { status: 'error'; practice: Practice | null; loadedAt: number; catalog: null; error: ApiError };
/** Practice and catalog loaded: everything a view model needs. */
export type ReadyState = ClientState & {
  status: 'ready';
  practice: Practice;
  /** The browser's clock when `practice.serverTime` arrived: the server clock runs on from there. */
  loadedAt: number;
  catalog: CatalogResponse;
  error: null;
};

/** A portal's state, keyed by status: only a ready state has a practice and a catalog for sure. */
export type PortalState = LoadingState | ErrorState | ReadyState;

/** The steps of booking: a day, a time on it, the review, and waiting for the server's answer. */
export type CheckoutStep = 'date' | 'time' | 'review' | 'booking';

/** One booking in the making (or one being moved): chain → participants and day → time → package → confirm. */
export interface Checkout {
  chainId: string;
  /** The booking being moved to another start (docs/rules.md "Rescheduling"); null: a new booking. */
  moving: Booking | null;
  participants: number;
  /** The first day (`YYYY-MM-01`) of the month the calendar shows. */
  month: string;
  /** The day with the calendar's keyboard focus (its one Tab stop), in the month shown. */
  cursor: string;
  /** The day chosen, whose starts the time step lists. */
  day: string | null;
  /** The free starts of the month shown, from today to the last bookable day. */
  slots: { status: 'loading' | 'ready' | 'error'; items: Slot[]; error: ApiError | null };
  /** The start whose steps the time step spells out (the focused or hovered one). */
  preview: string | null;
  slot: Slot | null;
  /** The package chosen to pay; null: the default pick. */
  packageId: string | null;
  /** The client's note for the practice, as typed ('' for none). */
  note: string;
  /** Generated once per selection and kept for retries, so a retry never books twice. */
  key: string;
  step: CheckoutStep;
  /** Why the last attempt failed (a refusal, the network), or that the chosen slot was taken. */
  error: ApiError | null;
  /** After a package refusal: the client's packages before they were reloaded, to say what changed. */
  before: Package[] | null;
}

const SIGNED_OUT: PortalState['signIn'] = { step: 'email', email: '', error: null };

export const NO_CANCEL: CancelState = { bookingId: null, busy: false, error: null };

/** Before anything is loaded. */
export const INITIAL_STATE: PortalState = {
  status: 'loading',
  practice: null,
  loadedAt: 0,
  catalog: null,
  me: null,
  error: null,
  tab: 'overview',
  history: null,
  signIn: SIGNED_OUT,
  sessionEnded: false,
  bookings: null,
  bookingsError: null,
  flowError: null,
  checkout: null,
  cancel: NO_CANCEL,
  done: null,
};

export class SignedInEvent extends Event {
  readonly customer: Customer;
  constructor(customer: Customer) {
    super('signed-in');
    this.customer = customer;
  }
}

export class BookingEvent extends Event {
  readonly booking: Booking;
  /** For `rescheduled`: where the booking started before it moved. */
  readonly previousStart: string | null;
  constructor(type: 'booked' | 'cancelled' | 'rescheduled', booking: Booking, previousStart: string | null = null) {
    super(type);
    this.booking = booking;
    this.previousStart = previousStart;
  }
}

export const asApiError = (error: unknown) => (error instanceof ApiError ? error : new UnexpectedError(error));
export const isProblem = (error: unknown, code: string) => error instanceof ProblemError && error.code === code;

const PACKAGE_PROBLEMS = new Set(['budget_exceeded', 'package_not_usable', 'package_required', 'blocked_by_package']);

/** Is this failure a package refusal, after which the client's packages must be reloaded? */
export const isPackageRefusal = (error: unknown): error is ProblemError => error instanceof ProblemError && PACKAGE_PROBLEMS.has(error.code);

export class PortalStore extends EventTarget {
  /** What the store was made with, but the token: that lives only, privately, in the client. */
  readonly config: Readonly<Omit<StoreConfig, 'token'>>;
  readonly client: ApiClient | null;
  #state: PortalState = INITIAL_STATE;
  #abort = new AbortController();

  constructor(config: StoreConfig) {
    super();
    const { token, ...rest } = config;
    this.config = rest;
    const timeoutMs = config.timeoutMs && config.timeoutMs > 0 ? config.timeoutMs : undefined;
    this.client = config.api && config.practice ? new ApiClient({ baseUrl: config.api, practiceId: config.practice, timeoutMs }) : null;
    this.client?.useToken(token ?? null);
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
    if (!client) return this.#status({ status: 'error', practice: null, loadedAt: 0, catalog: null, error: new ConfigError(this.config.api ? 'practice' : 'api') });
    this.#abort.abort();
    const abort = (this.#abort = new AbortController());
    const options = { signal: abort.signal };
    this.#status({ status: 'loading', practice: this.#state.practice, loadedAt: this.#state.loadedAt, catalog: null, error: null });
    // The first time-zone formatter of a page loads the zone data (tens of milliseconds): do that
    // while the answers are on their way, not after. The browser's zone is usually the practice's.
    setTimeout(() => zoneFormatter(Intl.DateTimeFormat().resolvedOptions().timeZone));
    try {
      const [practice, catalog, me] = await Promise.all([
        // The practice alone already tells the element its language: publish it at once, so the
        // locale chunk loads while the catalog is still on its way.
        client.practice(options).then((practice) => {
          if (abort.signal.aborted) return practice;
          // Still loading, or already failed (the catalog was faster to fail): the status stays.
          const state = this.#state;
          const loadedAt = Date.now();
          this.#status(state.status === 'error' ? { ...state, practice, loadedAt } : { status: 'loading', practice, loadedAt, catalog: null, error: null });
          return practice;
        }),
        client.catalog(options),
        client.signedIn ? this.#fetchMe(options) : null,
      ]);
      if (abort.signal.aborted) return;
      this.#status({ status: 'ready', practice, catalog, loadedAt: Date.now(), error: null });
      if (me) this.#signedIn(me);
    } catch (error) {
      const { practice, loadedAt } = this.#state;
      if (!abort.signal.aborted) this.#status({ status: 'error', practice, loadedAt, catalog: null, error: asApiError(error) });
    }
  }

  async requestCode(email: string): Promise<void> {
    if (!this.client) return;
    // Signing in again: the "session ended" notice has done its job.
    this.#set({ signIn: { step: 'sending', email, error: null }, sessionEnded: false });
    try {
      await this.client.requestCode(email);
      this.#set({ signIn: { step: 'code-sent', email, error: null } });
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'too_many_attempts') {
        // The limit on code requests (docs/rules.md "Sessions"), not wrong codes: say when to try again.
        const retryMinutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 15 * 60) / 60));
        return this.#set({ signIn: { step: 'requests-limited', email, error: null, retryMinutes } });
      }
      this.#set({ signIn: { step: 'email', email, error: asApiError(error) } });
    }
  }

  async verifyCode(code: string): Promise<void> {
    const { client } = this;
    const { email } = this.#state.signIn;
    if (!client) return;
    this.#set({ signIn: { step: 'verifying', email, error: null } });
    try {
      await client.signIn(email, code);
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

  /**
   * Signs out: the backend revokes the token (docs/rules.md "Sessions"), the page forgets it, the client's data
   * and a saved checkout; `signed-out` follows. When the backend cannot be told, the client is
   * signed out here all the same (the token then only lives on until it expires).
   */
  async signOut(): Promise<void> {
    const signOut = this.client?.signOut();
    this.#forgetSavedCheckout();
    this.#set({ me: null, bookings: null, bookingsError: null, flowError: null, checkout: null, cancel: NO_CANCEL, done: null, tab: 'overview', history: null, signIn: SIGNED_OUT, sessionEnded: false });
    this.dispatchEvent(new Event('signed-out'));
    await signOut?.catch(() => undefined);
  }

  // ------------------------------------------------------------------ booking

  /** Starts booking a chain: the calendar opens on the first day with a free start. */
  startCheckout(chainId: string): void {
    this.#withFlow((flow) => flow.startCheckout(chainId));
  }

  /** Starts moving one of the client's bookings (docs/booking-flow.md "Moving a booking"). */
  startReschedule(bookingId: string): void {
    this.#withFlow((flow) => flow.startReschedule(bookingId));
  }

  /**
   * The booking steps' logic (src/state/checkout-flow.ts): loaded with the booking chunk, not
   * with the first paint. Every step below exists only while a checkout is open, so the flow is
   * here by then.
   */
  flow(): Promise<CheckoutFlow> {
    const state = () => this.#state;
    this.#flow ??= import('./checkout-flow.ts').then(({ CheckoutFlow }) => {
      if (this.#state.flowError) this.#set({ flowError: null });
      return (this.#flowReady = new CheckoutFlow({
        get state() {
          return state();
        },
        client: this.client,
        storageKey: `punchcard:checkout:${this.config.api}|${this.config.practice}`,
        update: (patch) => this.#set(patch),
        refresh: () => this.refresh(),
        loadBookings: () => this.loadBookings(),
        endsSession: (error) => this.#endsSession(error),
        dispatchEvent: (event) => this.dispatchEvent(event),
      }));
    }, (error: unknown) => {
      // Tried again at the next request.
      this.#flow = undefined;
      throw error;
    });
    return this.#flow;
  }

  #flow: Promise<CheckoutFlow> | undefined;
  #flowReady: CheckoutFlow | null = null;

  /**
   * Runs a step on the flow: at once when it is here (a click's effect is rendered with it), else
   * once it is. When it cannot be fetched, `flowError` says so and `retryFlow` runs the step again.
   */
  #withFlow(run: (flow: CheckoutFlow) => void): void {
    if (this.#flowReady) return run(this.#flowReady);
    this.#pendingStep = run;
    void this.flow().then(
      (flow) => {
        this.#pendingStep = null;
        run(flow);
      },
      (error: unknown) => this.#set({ flowError: new NetworkError('the booking steps', { cause: error }) }),
    );
  }

  #pendingStep: ((flow: CheckoutFlow) => void) | null = null;

  /** After `flowError`: fetch the booking steps again and run the step that was asked for. */
  retryFlow(): void {
    this.#set({ flowError: null });
    if (this.#pendingStep) this.#withFlow(this.#pendingStep);
  }

  closeCheckout(): void {
    this.#withFlow((flow) => flow.closeCheckout());
  }

  setParticipants(participants: number): void {
    this.#withFlow((flow) => flow.setParticipants(participants));
  }

  moveCursor(day: string): void {
    this.#withFlow((flow) => flow.moveCursor(day));
  }

  showMonth(month: string, cursor?: string): void {
    this.#withFlow((flow) => flow.showMonth(month, cursor));
  }

  chooseDay(day: string): void {
    this.#withFlow((flow) => flow.chooseDay(day));
  }

  previewSlot(start: string | null): void {
    this.#withFlow((flow) => flow.previewSlot(start));
  }

  chooseSlot(slot: Slot): void {
    this.#withFlow((flow) => flow.chooseSlot(slot));
  }

  back(): void {
    this.#withFlow((flow) => flow.back());
  }

  backToSlots(): void {
    this.#withFlow((flow) => flow.backToSlots());
  }

  setNote(note: string): void {
    this.#withFlow((flow) => flow.setNote(note));
  }

  choosePackage(packageId: string | null): void {
    this.#withFlow((flow) => flow.choosePackage(packageId));
  }

  /** Sends the booking (or the move) with the checkout's key; a retry after a failure sends the same key. */
  async confirmBooking(): Promise<void> {
    await (this.#flowReady ?? (await this.flow())).confirmBooking();
  }

  /** Loads the signed-in client's bookings. */
  async loadBookings(): Promise<void> {
    if (!this.client?.signedIn) return;
    try {
      const { bookings } = await this.client.bookings();
      this.#set({ bookings, bookingsError: null });
    } catch (error) {
      if (!this.#endsSession(error)) this.#set({ bookingsError: asApiError(error) });
    }
  }

  /** Asks the client to confirm cancelling a booking (null: keep it, close the question). */
  askToCancel(bookingId: string | null): void {
    this.#set({ cancel: { ...NO_CANCEL, bookingId } });
  }

  /** Cancels the booking being confirmed; a refusal stays in `cancel.error`. */
  async cancelBooking(): Promise<void> {
    const { bookingId, busy } = this.#state.cancel;
    if (!this.client || !bookingId || busy) return;
    this.#set({ cancel: { bookingId, busy: true, error: null } });
    try {
      const booking = await this.client.cancel(bookingId);
      this.dispatchEvent(new BookingEvent('cancelled', booking));
      const fresh = await this.refresh();
      this.#set({ done: { kind: 'cancelled', booking, fresh }, cancel: NO_CANCEL });
    } catch (error) {
      if (!this.#endsSession(error)) this.#set({ cancel: { bookingId, busy: false, error: asApiError(error) } });
    }
  }

  /** Closes the confirmation: the client lands in their bookings, where the booking now is. */
  dismissDone(): void {
    this.#set({ done: null, tab: 'bookings', cancel: NO_CANCEL });
  }

  showTab(tab: PortalTab): void {
    this.#set({ tab, cancel: NO_CANCEL, history: null });
  }

  /** Opens a package's history in "My packages" (null: back to the packages). */
  showHistory(packageId: string | null): void {
    this.#set({ tab: 'packages', cancel: NO_CANCEL, history: packageId });
  }

  /**
   * The client's packages and bookings from the server again (after a booking or cancellation,
   * or a retry). False when the packages could not be reloaded: that error then stands in
   * `bookingsError`, shown with a retry and reported, instead of being lost.
   */
  async refresh(): Promise<boolean> {
    let failure: ApiError | null = null;
    const me = await this.#fetchMe({}).catch((error: unknown) => ((failure = asApiError(error)), null));
    // Fresh packages: an earlier failure to load them no longer stands (the bookings may set their own).
    if (me) this.#set({ me, bookingsError: null });
    await this.loadBookings();
    if (failure) this.#set({ bookingsError: failure });
    return !failure;
  }

  #forgetSavedCheckout(): void {
    try {
      sessionStorage.removeItem(`punchcard:checkout:${this.config.api}|${this.config.practice}`);
    } catch {
      // No storage, nothing saved.
    }
  }

  /** A checkout saved before a reload comes back (for this client only: the flow checks). */
  #restoreCheckout(): void {
    let saved: string | null;
    try {
      saved = sessionStorage.getItem(`punchcard:checkout:${this.config.api}|${this.config.practice}`);
    } catch {
      return;
    }
    if (saved) this.#withFlow((flow) => flow.restoreCheckout());
  }

  dispose(): void {
    this.#abort.abort();
  }

  /** /me; a refused token ends the session instead of failing the whole element. */
  async #fetchMe(options: { signal?: AbortSignal }): Promise<MeResponse | null> {
    try {
      return await this.client!.me(options);
    } catch (error) {
      if (!this.#endsSession(error)) throw error;
      return null;
    }
  }

  /**
   * A refused token (401 at any step): back to sign-in with "your session has ended". A checkout
   * in progress stays saved and comes back after the next sign-in. True when that happened.
   */
  #endsSession(error: unknown): boolean {
    if (!isProblem(error, 'unauthorized')) return false;
    this.client!.useToken(null);
    this.#set({ me: null, bookings: null, checkout: null, cancel: NO_CANCEL, done: null, tab: 'overview', history: null, sessionEnded: true, signIn: SIGNED_OUT });
    return true;
  }

  #signedIn(me: MeResponse): void {
    this.#set({ me, sessionEnded: false, signIn: SIGNED_OUT });
    this.dispatchEvent(new SignedInEvent(me.customer));
    this.#restoreCheckout();
    void this.loadBookings();
  }

  /** Changes what the client sees; the loading status stays. */
  #set(patch: Partial<ClientState>): void {
    this.#state = { ...this.#state, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  /** Moves to another loading status, with the practice and catalog that status has. */
  #status(next: Omit<LoadingState, keyof ClientState> | Omit<ErrorState, keyof ClientState> | Omit<ReadyState, keyof ClientState>): void {
    this.#state = { ...this.#state, ...next } as PortalState;
    this.dispatchEvent(new Event('change'));
  }
}
