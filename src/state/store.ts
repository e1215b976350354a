/**
 * The state of one portal (or of one standalone element): practice, catalog and the signed-in
 * client, loaded in parallel through the ApiClient, and the sign-in flow. Components subscribe
 * and render; they never fetch. Tokens live in memory only.
 */
import { ApiClient } from '../client/api-client.ts';
import { ApiError, ConfigError, ProblemError, UnexpectedError } from '../client/errors.ts';
import type { CatalogResponse, MeResponse, Slot } from '../contract/api.ts';
import type { Booking, Customer, Package, Practice } from '../contract/entities.ts';
import { zoneFormatter } from '../contract/zone.ts';
import { addDays, localDateOf, monthOf, shiftMonths, todayOf } from '../rules/time.ts';

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

/**
 * The parts of a checkout that survive a reload (sessionStorage, per practice), with the client
 * they belong to: they come back for that client only.
 */
type SavedCheckout = Pick<Checkout, 'chainId' | 'moving' | 'participants' | 'month' | 'day' | 'slot' | 'packageId' | 'note' | 'key'> & { customerId: string };

const newKey = () => crypto.randomUUID();

const localDateOfSlot = (slot: Slot, timeZone: string) => localDateOf(Date.parse(slot.start), timeZone);

const SIGNED_OUT: PortalState['signIn'] = { step: 'email', email: '', error: null };

const NO_CANCEL: CancelState = { bookingId: null, busy: false, error: null };

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

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new UnexpectedError(error));
const isProblem = (error: unknown, code: string) => error instanceof ProblemError && error.code === code;

const PACKAGE_PROBLEMS = new Set(['budget_exceeded', 'package_not_usable', 'package_required', 'blocked_by_package']);

/** Is this failure a package refusal, after which the client's packages must be reloaded? */
export const isPackageRefusal = (error: unknown): error is ProblemError => error instanceof ProblemError && PACKAGE_PROBLEMS.has(error.code);

export class PortalStore extends EventTarget {
  /** What the store was made with, but the token: that lives only, privately, in the client. */
  readonly config: Readonly<Omit<StoreConfig, 'token'>>;
  readonly client: ApiClient | null;
  #state: PortalState = INITIAL_STATE;
  #abort = new AbortController();
  /** Counts slot queries: only the answer to the latest one may change the checkout. */
  #slotQuery = 0;
  /** Set when a checkout opens: the calendar moves on to the first month with a free start. */
  #seekFreeDay = false;
  /** Set when the calendar's keyboard focus was not put on a day: it goes to the first free one. */
  #autoCursor = false;

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
    this.#set({ me: null, bookings: null, bookingsError: null, checkout: null, cancel: NO_CANCEL, done: null, tab: 'overview', history: null, signIn: SIGNED_OUT, sessionEnded: false });
    this.dispatchEvent(new Event('signed-out'));
    await signOut?.catch(() => undefined);
  }

  // ------------------------------------------------------------------ booking

  /** Starts booking a chain: the calendar opens on the first day with a free start. */
  startCheckout(chainId: string): void {
    this.#set({ tab: 'overview', history: null });
    this.#openCheckout(chainId, null);
  }

  /**
   * Starts moving one of the client's bookings: the same steps, with the starts offered as if the
   * booking did not exist, its participants and its package; back and done lead to the bookings.
   */
  startReschedule(bookingId: string): void {
    const booking = this.#state.bookings?.find((b) => b.id === bookingId && b.status === 'booked');
    if (!booking || !this.#state.catalog?.chains.some((c) => c.id === booking.chainId)) return;
    this.#set({ tab: 'bookings', cancel: NO_CANCEL });
    this.#openCheckout(booking.chainId, booking);
  }

  #openCheckout(chainId: string, moving: Booking | null): void {
    const today = this.#today();
    this.#seekFreeDay = true;
    this.#autoCursor = true;
    this.#setCheckout({
      chainId,
      moving,
      participants: moving?.participants ?? 1,
      month: monthOf(today),
      cursor: today,
      day: null,
      slots: { status: 'loading', items: [], error: null },
      preview: null,
      slot: null,
      packageId: moving?.packageId ?? null,
      note: '',
      key: newKey(),
      step: 'date',
      error: null,
      before: null,
    });
    void this.#loadSlots();
  }

  closeCheckout(): void {
    this.#setCheckout(null);
  }

  setParticipants(participants: number): void {
    const checkout = this.#state.checkout;
    if (!checkout || checkout.participants === participants) return;
    this.#patchCheckout({ participants, slot: null, preview: null, step: checkout.day ? 'time' : 'date', key: newKey(), error: null, before: null });
    void this.#loadSlots();
  }

  /**
   * Moves the calendar's keyboard focus to a day (arrow keys, Page Up/Down); a day of another month
   * shows that month. Days before today or after the last bookable day stay out of reach.
   */
  moveCursor(day: string): void {
    const checkout = this.#state.checkout;
    if (!checkout) return;
    const cursor = this.#withinPolicy(day);
    const month = monthOf(cursor);
    this.#autoCursor = false;
    this.#patchCheckout({ cursor });
    if (month !== checkout.month) this.showMonth(month, cursor);
  }

  /** Shows a month (its first bookable day gets the keyboard focus unless `cursor` says otherwise). */
  showMonth(month: string, cursor?: string): void {
    this.#seekFreeDay = false;
    this.#autoCursor = cursor === undefined;
    this.#patchCheckout({ month, cursor: cursor ?? this.#withinPolicy(month), slots: { status: 'loading', items: [], error: null } });
    void this.#loadSlots();
  }

  /** Chooses a day: the time step lists its starts. */
  chooseDay(day: string): void {
    this.#autoCursor = false;
    this.#patchCheckout({ day, cursor: day, step: 'time', preview: null, error: null });
  }

  /** The start whose steps the time step spells out. */
  previewSlot(start: string | null): void {
    if (this.#state.checkout?.preview !== start) this.#patchCheckout({ preview: start });
  }

  chooseSlot(slot: Slot): void {
    this.#patchCheckout({ slot, preview: slot.start, step: 'review', key: newKey(), error: null, before: null });
  }

  /** Back one step: from the review to the times, from the times to the calendar. */
  back(): void {
    const checkout = this.#state.checkout;
    if (!checkout) return;
    if (checkout.step === 'review') this.backToSlots();
    else if (checkout.step === 'time') this.#patchCheckout({ step: 'date', error: null });
    else this.closeCheckout();
  }

  /** From the review back to the day's times. */
  backToSlots(): void {
    const checkout = this.#state.checkout;
    this.#patchCheckout({ step: checkout?.day ? 'time' : 'date', error: null, before: null });
  }

  /** The note for the practice: part of the request, so a changed note is a new request (new key). */
  setNote(note: string): void {
    if (this.#state.checkout?.note !== note) this.#patchCheckout({ note, key: newKey(), error: null, before: null });
  }

  choosePackage(packageId: string | null): void {
    this.#patchCheckout({ packageId, key: newKey(), error: null, before: null });
  }

  /** Sends the booking with the checkout's key; a retry after a failure sends the same key. */
  async confirmBooking(): Promise<void> {
    const checkout = this.#state.checkout;
    const { client } = this;
    if (!checkout?.slot || !client || checkout.step === 'booking') return;
    this.#patchCheckout({ step: 'booking', error: null });
    if (checkout.moving) return this.#confirmMove(checkout, checkout.moving, checkout.slot);
    try {
      const booking = await client.book(
        {
          chainId: checkout.chainId,
          start: checkout.slot.start,
          participants: checkout.participants,
          packageId: checkout.packageId ?? undefined,
          note: checkout.note.trim() || undefined,
        },
        checkout.key,
      );
      this.dispatchEvent(new BookingEvent('booked', booking));
      // The confirmation states the credit left, so the client's data comes first.
      const fresh = await this.refresh();
      this.#setCheckout(null);
      this.#set({ done: { kind: 'booked', booking, fresh } });
    } catch (error) {
      await this.#refused(checkout, error);
    }
  }

  /** Moves the booking to the chosen start (participants only when they changed). */
  async #confirmMove(checkout: Checkout, moving: Booking, slot: Slot): Promise<void> {
    try {
      const participants = checkout.participants === moving.participants ? {} : { participants: checkout.participants };
      const booking = await this.client!.reschedule(moving.id, { start: slot.start, ...participants }, checkout.key);
      this.dispatchEvent(new BookingEvent('rescheduled', booking, moving.start));
      const fresh = await this.refresh();
      this.#setCheckout(null);
      this.#set({ done: { kind: 'rescheduled', booking, fresh, previousStart: moving.start } });
    } catch (error) {
      await this.#refused(checkout, error);
    }
  }

  /** A booking or move that failed: what the checkout shows next, and what is reloaded. */
  async #refused(checkout: Checkout, error: unknown): Promise<void> {
    const failure = asApiError(error);
    if (this.#endsSession(failure)) return;
    if (isPackageRefusal(failure)) {
      // The packages changed on the server (another booking used the last credit): reload them,
      // so the review, the meters and the offers tell the truth, and remember what they were.
      const before = this.#state.me?.packages ?? [];
      await this.refresh();
      this.#patchCheckout({ step: 'review', error: failure, key: newKey(), before });
    } else if (isProblem(failure, 'slot_unavailable')) {
      // Someone was faster: back to the day's times, refreshed, saying why.
      this.#patchCheckout({ step: checkout.day ? 'time' : 'date', slot: null, error: failure, key: newKey() });
      void this.#loadSlots();
    } else {
      // The server holds this key for another request: confirming again needs a new one.
      const key = isProblem(failure, 'idempotency_key_reused') ? newKey() : checkout.key;
      this.#patchCheckout({ step: 'review', error: failure, key });
      // A booking being moved was cancelled or came too close meanwhile: the bookings say so too.
      if (isProblem(failure, 'booking_cancelled') || isProblem(failure, 'cancellation_window_passed')) void this.loadBookings();
    }
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

  /** Practice-local "today" from the server clock. */
  #today(): string {
    const { practice } = this.#state;
    return practice ? todayOf(practice.serverTime, practice.timeZone) : '1970-01-01';
  }

  /** The last day a start may be booked on (`maxAdvanceDays` after today). */
  #lastDay(): string {
    return addDays(this.#today(), this.#state.practice?.bookingPolicy.maxAdvanceDays ?? 0);
  }

  /** A day moved into the bookable range: from today to the last bookable day. */
  #withinPolicy(day: string): string {
    const today = this.#today();
    const last = this.#lastDay();
    return day < today ? today : day > last ? last : day;
  }

  async #loadSlots(): Promise<void> {
    const checkout = this.#state.checkout;
    if (!checkout || !this.client) return;
    const { chainId, participants, month, moving } = checkout;
    // A slower answer to an earlier query (another chain, month or party size) must not land here.
    const query = ++this.#slotQuery;
    this.#patchCheckout({ slots: { status: 'loading', items: checkout.slots.items, error: null } });
    const from = this.#withinPolicy(month);
    const next = shiftMonths(month, 1);
    const to = this.#withinPolicy(addDays(next, -1));
    try {
      const { slots } = await this.client.slots(chainId, { from, to, participants, ...(moving ? { exceptBooking: moving.id } : {}) });
      if (query !== this.#slotQuery) return;
      // Opening: a month without a free start moves on to the next bookable one.
      if (this.#seekFreeDay && slots.length === 0 && next <= this.#lastDay()) return this.showMonth(next);
      this.#seekFreeDay = false;
      // The keyboard focus opens on the first free day, unless it was put on a day.
      const first = slots[0] && localDateOfSlot(slots[0], this.#state.practice!.timeZone);
      const cursor = this.#autoCursor && first ? first : (this.#state.checkout?.cursor ?? from);
      this.#autoCursor = false;
      this.#patchCheckout({ slots: { status: 'ready', items: slots, error: null }, cursor });
    } catch (error) {
      if (query === this.#slotQuery) this.#patchCheckout({ slots: { status: 'error', items: [], error: asApiError(error) } });
    }
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

  get #storageKey(): string {
    return `punchcard:checkout:${this.config.api}|${this.config.practice}`;
  }

  #setCheckout(checkout: Checkout | null): void {
    this.#set({ checkout, done: checkout ? null : this.#state.done });
    const customerId = this.#state.me?.customer.id;
    if (!checkout || !customerId) return this.#forgetSavedCheckout();
    try {
      const { chainId, moving, participants, month, day, slot, packageId, note, key } = checkout;
      const saved: SavedCheckout = { chainId, moving, participants, month, day, slot, packageId, note, key, customerId };
      sessionStorage.setItem(this.#storageKey, JSON.stringify(saved));
    } catch {
      // Storage may be unavailable (privacy mode, sandboxed frame): the checkout just isn't saved.
    }
  }

  #forgetSavedCheckout(): void {
    try {
      sessionStorage.removeItem(this.#storageKey);
    } catch {
      // No storage, nothing saved.
    }
  }

  #patchCheckout(patch: Partial<Checkout>): void {
    if (this.#state.checkout) this.#setCheckout({ ...this.#state.checkout, ...patch });
  }

  /**
   * Brings back a checkout saved before a reload, if it is this client's and its chain still
   * exists. Another client's (a shared tablet at the front desk) is dropped, never shown.
   */
  #restoreCheckout(): void {
    let saved: SavedCheckout | null;
    try {
      saved = JSON.parse(sessionStorage.getItem(this.#storageKey) ?? 'null') as SavedCheckout | null;
    } catch {
      return;
    }
    if (!saved) return;
    if (saved.customerId !== this.#state.me?.customer.id) return this.#forgetSavedCheckout();
    const { customerId: _customerId, ...checkout } = saved;
    if (!this.#state.catalog?.chains.some((chain) => chain.id === checkout.chainId)) return;
    const today = this.#today();
    // A day that has passed meanwhile is chosen no more.
    const day = checkout.day && checkout.day >= today ? checkout.day : null;
    const month = checkout.month < monthOf(today) ? monthOf(today) : checkout.month;
    const step = checkout.slot && day ? 'review' : day ? 'time' : 'date';
    this.#autoCursor = day === null;
    this.#setCheckout({
      ...checkout,
      moving: checkout.moving ?? null,
      note: typeof checkout.note === 'string' ? checkout.note : '',
      day,
      slot: day ? checkout.slot : null,
      month,
      cursor: day ?? this.#withinPolicy(month),
      preview: null,
      slots: { status: 'loading', items: [], error: null },
      step,
      error: null,
      before: null,
    });
    void this.#loadSlots();
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
