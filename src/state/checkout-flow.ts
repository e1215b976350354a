/**
 * The booking steps' logic (docs/booking-flow.md): choosing a day and a time, the review, booking
 * or moving a booking, what a refusal leads to, and the checkout saved for a reload. Loaded with
 * the booking chunk, not with the first paint; the store (src/state/store.ts) hands it a narrow
 * host: its state, the client, and how to change the state, reload and end the session.
 */
import type { ApiClient } from '../client/api-client.ts';
import type { Slot } from '../contract/api.ts';
import type { Booking } from '../contract/entities.ts';
import { addDays, localDateOf, monthOf, shiftMonths, todayOf } from '../rules/time.ts';
import { asApiError, BookingEvent, isPackageRefusal, isProblem, NO_CANCEL, type Checkout, type ClientState, type PortalState } from './store.ts';

/** What the flow may see and do of its store. */
export interface FlowHost {
  readonly state: PortalState;
  readonly client: ApiClient | null;
  /** Where the checkout is saved for a reload (sessionStorage, per API and practice). */
  readonly storageKey: string;
  update(patch: Partial<ClientState>): void;
  refresh(): Promise<boolean>;
  loadBookings(): Promise<void>;
  /** A refused token ends the session (true when it did). */
  endsSession(error: unknown): boolean;
  dispatchEvent(event: Event): boolean;
}

/**
 * The parts of a checkout that survive a reload (sessionStorage, per practice), with the client
 * they belong to: they come back for that client only.
 */
type SavedCheckout = Pick<Checkout, 'chainId' | 'moving' | 'participants' | 'month' | 'day' | 'slot' | 'packageId' | 'note' | 'key'> & { customerId: string };

const newKey = () => crypto.randomUUID();

const localDateOfSlot = (slot: Slot, timeZone: string) => localDateOf(Date.parse(slot.start), timeZone);

export class CheckoutFlow {
  readonly #host: FlowHost;
  /** Counts slot queries: only the answer to the latest one may change the checkout. */
  #slotQuery = 0;
  /** Set when a checkout opens: the calendar moves on to the first month with a free start. */
  #seekFreeDay = false;
  /** Set when the calendar's keyboard focus was not put on a day: it goes to the first free one. */
  #autoCursor = false;

  constructor(host: FlowHost) {
    this.#host = host;
  }

  /** Starts booking a chain: the calendar opens on the first day with a free start. */
  startCheckout(chainId: string): void {
    this.#host.update({ tab: 'overview', history: null });
    this.#openCheckout(chainId, null);
  }

  /**
   * Starts moving one of the client's bookings: the same steps, with the starts offered as if the
   * booking did not exist, its participants and its package; back and done lead to the bookings.
   */
  startReschedule(bookingId: string): void {
    const booking = this.#host.state.bookings?.find((b) => b.id === bookingId && b.status === 'booked');
    if (!booking || !this.#host.state.catalog?.chains.some((c) => c.id === booking.chainId)) return;
    this.#host.update({ tab: 'bookings', cancel: NO_CANCEL });
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
    const checkout = this.#host.state.checkout;
    if (!checkout || checkout.participants === participants) return;
    this.#patchCheckout({ participants, slot: null, preview: null, step: checkout.day ? 'time' : 'date', key: newKey(), error: null, before: null });
    void this.#loadSlots();
  }

  /**
   * Moves the calendar's keyboard focus to a day (arrow keys, Page Up/Down); a day of another month
   * shows that month. Days before today or after the last bookable day stay out of reach.
   */
  moveCursor(day: string): void {
    const checkout = this.#host.state.checkout;
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
    if (this.#host.state.checkout?.preview !== start) this.#patchCheckout({ preview: start });
  }

  chooseSlot(slot: Slot): void {
    this.#patchCheckout({ slot, preview: slot.start, step: 'review', key: newKey(), error: null, before: null });
  }

  /** Back one step: from the review to the times, from the times to the calendar. */
  back(): void {
    const checkout = this.#host.state.checkout;
    if (!checkout) return;
    if (checkout.step === 'review') this.backToSlots();
    else if (checkout.step === 'time') this.#patchCheckout({ step: 'date', error: null });
    else this.closeCheckout();
  }

  /** From the review back to the day's times. */
  backToSlots(): void {
    const checkout = this.#host.state.checkout;
    this.#patchCheckout({ step: checkout?.day ? 'time' : 'date', error: null, before: null });
  }

  /** The note for the practice: part of the request, so a changed note is a new request (new key). */
  setNote(note: string): void {
    if (this.#host.state.checkout?.note !== note) this.#patchCheckout({ note, key: newKey(), error: null, before: null });
  }

  choosePackage(packageId: string | null): void {
    this.#patchCheckout({ packageId, key: newKey(), error: null, before: null });
  }

  /** Sends the booking with the checkout's key; a retry after a failure sends the same key. */
  async confirmBooking(): Promise<void> {
    const checkout = this.#host.state.checkout;
    const { client } = this.#host;
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
      this.#host.dispatchEvent(new BookingEvent('booked', booking));
      // The confirmation states the credit left, so the client's data comes first.
      const fresh = await this.#host.refresh();
      this.#setCheckout(null);
      this.#host.update({ done: { kind: 'booked', booking, fresh } });
    } catch (error) {
      await this.#refused(checkout, error);
    }
  }

  /** Moves the booking to the chosen start (participants only when they changed). */
  async #confirmMove(checkout: Checkout, moving: Booking, slot: Slot): Promise<void> {
    try {
      const participants = checkout.participants === moving.participants ? {} : { participants: checkout.participants };
      const booking = await this.#host.client!.reschedule(moving.id, { start: slot.start, ...participants }, checkout.key);
      this.#host.dispatchEvent(new BookingEvent('rescheduled', booking, moving.start));
      const fresh = await this.#host.refresh();
      this.#setCheckout(null);
      this.#host.update({ done: { kind: 'rescheduled', booking, fresh, previousStart: moving.start } });
    } catch (error) {
      await this.#refused(checkout, error);
    }
  }

  /** A booking or move that failed: what the checkout shows next, and what is reloaded. */
  async #refused(checkout: Checkout, error: unknown): Promise<void> {
    const failure = asApiError(error);
    if (this.#host.endsSession(failure)) return;
    if (isPackageRefusal(failure)) {
      // The packages changed on the server (another booking used the last credit): reload them,
      // so the review, the meters and the offers tell the truth, and remember what they were.
      const before = this.#host.state.me?.packages ?? [];
      await this.#host.refresh();
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
      if (isProblem(failure, 'booking_cancelled') || isProblem(failure, 'cancellation_window_passed')) void this.#host.loadBookings();
    }
  }

  /** Practice-local "today" from the server clock. */
  #today(): string {
    const { practice } = this.#host.state;
    return practice ? todayOf(practice.serverTime, practice.timeZone) : '1970-01-01';
  }

  /** The last day a start may be booked on (`maxAdvanceDays` after today). */
  #lastDay(): string {
    return addDays(this.#today(), this.#host.state.practice?.bookingPolicy.maxAdvanceDays ?? 0);
  }

  /** A day moved into the bookable range: from today to the last bookable day. */
  #withinPolicy(day: string): string {
    const today = this.#today();
    const last = this.#lastDay();
    return day < today ? today : day > last ? last : day;
  }

  async #loadSlots(): Promise<void> {
    const checkout = this.#host.state.checkout;
    if (!checkout || !this.#host.client) return;
    const { chainId, participants, month, moving } = checkout;
    // A slower answer to an earlier query (another chain, month or party size) must not land here.
    const query = ++this.#slotQuery;
    this.#patchCheckout({ slots: { status: 'loading', items: checkout.slots.items, error: null } });
    const from = this.#withinPolicy(month);
    const next = shiftMonths(month, 1);
    const to = this.#withinPolicy(addDays(next, -1));
    try {
      const { slots } = await this.#host.client.slots(chainId, { from, to, participants, ...(moving ? { exceptBooking: moving.id } : {}) });
      if (query !== this.#slotQuery) return;
      // Opening: a month without a free start moves on to the next bookable one.
      if (this.#seekFreeDay && slots.length === 0 && next <= this.#lastDay()) return this.showMonth(next);
      this.#seekFreeDay = false;
      // The keyboard focus opens on the first free day, unless it was put on a day.
      const first = slots[0] && localDateOfSlot(slots[0], this.#host.state.practice!.timeZone);
      const cursor = this.#autoCursor && first ? first : (this.#host.state.checkout?.cursor ?? from);
      this.#autoCursor = false;
      this.#patchCheckout({ slots: { status: 'ready', items: slots, error: null }, cursor });
    } catch (error) {
      if (query === this.#slotQuery) this.#patchCheckout({ slots: { status: 'error', items: [], error: asApiError(error) } });
    }
  }

  get #storageKey(): string {
    return this.#host.storageKey;
  }

  #setCheckout(checkout: Checkout | null): void {
    this.#host.update({ checkout, done: checkout ? null : this.#host.state.done });
    const customerId = this.#host.state.me?.customer.id;
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
    if (this.#host.state.checkout) this.#setCheckout({ ...this.#host.state.checkout, ...patch });
  }

  /**
   * Brings back a checkout saved before a reload, if it is this client's and its chain still
   * exists. Another client's (a shared tablet at the front desk) is dropped, never shown.
   */
  restoreCheckout(): void {
    let saved: SavedCheckout | null;
    try {
      saved = JSON.parse(sessionStorage.getItem(this.#storageKey) ?? 'null') as SavedCheckout | null;
    } catch {
      return;
    }
    if (!saved) return;
    if (saved.customerId !== this.#host.state.me?.customer.id) return this.#forgetSavedCheckout();
    const { customerId: _customerId, ...checkout } = saved;
    if (!this.#host.state.catalog?.chains.some((chain) => chain.id === checkout.chainId)) return;
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
}
