/**
 * What the booking steps show, decided from the store's state with src/rules: the month calendar
 * (which days have free starts and which the client's packages can pay for), a day's times, what the review says about paying, the packages to choose
 * from, the cancellation deadline and what a refusal means. The checkout renders this only.
 */
import type { ApiError } from '../client/errors.ts';
import type { Slot } from '../contract/api.ts';
import type { Chain, Package } from '../contract/entities.ts';
import { applyBooking, cancellationDeadlineMs, firstStepMs, mayCancel } from '../rules/apply.ts';
import { consumptionOf, indexServices } from '../rules/budget.ts';
import { coveringPackages } from '../rules/offering.ts';
import { firstStepDay } from '../rules/usability.ts';
import { addDays, localDateOf, localMinutesOf, shiftMonths, weekdayIndex } from '../rules/time.ts';
import { meterFor, metersOf, type MeterView } from './package-view.ts';
import { explainRefusal, paymentView, type PaymentContext, type PaymentView, type Refusal } from './payment-view.ts';
import { withBookingReturned } from '../rules/reschedule.ts';
import type { Booking } from '../contract/entities.ts';
import { paymentContext, practiceToday, serverNow } from './selectors.ts';
import { isPackageRefusal, type Checkout, type ReadyState } from './store.ts';

/** Until when a booking can be cancelled online, or that it cannot once booked. */
export type CancellationView = { kind: 'until'; deadlineMs: number } | { kind: 'not_online'; hours: number };

export interface PackageChoice {
  pkg: Package;
  /** The limit the booking draws on, after it. */
  after: MeterView | null;
  selected: boolean;
}

/** A package's credit changed on the server since the review showed it (another booking used it). */
export interface ChangedPackage {
  pkg: Package;
  /** Its credit now; 0 left means the last one was used in the meantime. */
  meter: MeterView | null;
}

export interface ReviewView {
  chain: Chain;
  slot: Slot;
  participants: number;
  payment: PaymentView;
  /** The packages that could pay, when there is a choice (more than one). */
  choices: PackageChoice[];
  cancellation: CancellationView;
  /** Why booking is refused: foreseen by the rules, else the server's answer explained. */
  refusal: Refusal | null;
  /** A failure that is not a refusal (network, timeout, a slot just taken …). */
  failure: ApiError | null;
  changed: ChangedPackage[];
  /** The booking being moved, whose current steps the review shows beside the new ones. */
  moving: Booking | null;
}

const chainOf = (state: ReadyState, checkout: Checkout) => state.catalog.chains.find((c) => c.id === checkout.chainId)!;

const movingContexts = new WeakMap<Booking, { packages: readonly Package[]; context: PaymentContext }>();

/**
 * What pays for the checkout's starts. Moving a booking (docs/rules.md "Rescheduling"): its own
 * package with what the booking took given back, and no package to sell; else the client's packages.
 */
function checkoutContext(state: ReadyState, checkout: Checkout): PaymentContext {
  const context = paymentContext(state);
  const { moving } = checkout;
  if (!moving) return context;
  const cached = movingContexts.get(moving);
  if (cached?.packages === context.packages) return cached.context;
  const chain = chainOf(state, checkout);
  const packages = context.packages.map((pkg) => (pkg.id === moving.packageId ? withBookingReturned(pkg, moving, chain, state.catalog, state.practice.timeZone) : pkg));
  const moved = { ...context, packages, catalog: { ...context.catalog, packageTemplates: [] } };
  movingContexts.set(moving, { packages: context.packages, context: moved });
  return moved;
}

/** The cancellation deadline of a booking whose first step starts at `firstStepMs`, judged now. */
export function cancellationOf(state: ReadyState, firstStepMs: number): CancellationView {
  const hours = state.practice.bookingPolicy.cancelUntilHours;
  return mayCancel(serverNow(state), firstStepMs, hours) ? { kind: 'until', deadlineMs: cancellationDeadlineMs(firstStepMs, hours) } : { kind: 'not_online', hours };
}

/** One day of the month calendar. */
export interface CalendarDay {
  day: string;
  /**
   * `free`: has free starts; `full`: bookable, but no free start (booked out, or the practice is
   * closed: the contract does not tell the two apart); `unpayable`: no package of the client can
   * pay for it (`refusal` says why); `outside`: before today or after the last bookable day;
   * `loading`: its starts are on their way.
   */
  kind: 'free' | 'full' | 'unpayable' | 'outside' | 'loading';
  /** Its free starts. */
  count: number;
  refusal: Refusal | null;
  today: boolean;
  selected: boolean;
  /** The grid's one Tab stop. */
  cursor: boolean;
}

/** The month calendar of the date step: weeks from Monday, the months before and after when bookable. */
export interface MonthView {
  month: string;
  /** The first day of the month before, or null when it lies wholly in the past. */
  previous: string | null;
  /** The first day of the month after, or null when it lies beyond `maxAdvanceDays`. */
  next: string | null;
  /** Seven cells a week; null before the 1st and after the month's last day. */
  weeks: (CalendarDay | null)[][];
  /** A Monday to Sunday, to name the columns. */
  weekdays: string[];
  loading: boolean;
}

/** The starts of one day by part of day, in practice-local time: before 12:00, before 17:00, later. */
export interface TimesView {
  day: string;
  groups: { period: 'morning' | 'afternoon' | 'evening'; slots: Slot[] }[];
  /** Set when no package of the client can pay for this chain on this day. */
  refusal: Refusal | null;
  /** The start whose steps are spelled out (a chain of several steps), with them. */
  preview: Slot | null;
  /** The start that has the group's one Tab stop. */
  cursor: string | null;
}

const slotsByDay = new WeakMap<readonly Slot[], Map<string, Slot[]>>();

/** The checkout's free starts by practice-local day (once per answer). */
function slotsByDayOf(state: ReadyState, checkout: Checkout): Map<string, Slot[]> {
  const items = checkout.slots.items;
  let byDay = slotsByDay.get(items);
  if (byDay) return byDay;
  byDay = new Map<string, Slot[]>();
  for (const slot of items) {
    const day = localDateOf(Date.parse(slot.start), state.practice.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  slotsByDay.set(items, byDay);
  return byDay;
}

/** Refusals by chain, participants and day, per catalog and packages (new ones after every reload). */
const refusals = new WeakMap<object, WeakMap<object, Map<string, Refusal | null>>>();

/** Why no package of the client can pay for the checkout's chain on `day`, or null. */
function refusalOn(state: ReadyState, checkout: Checkout, day: string): Refusal | null {
  const ctx = checkoutContext(state, checkout);
  let byPackages = refusals.get(state.catalog);
  if (!byPackages) refusals.set(state.catalog, (byPackages = new WeakMap()));
  let memo = byPackages.get(ctx.packages);
  if (!memo) byPackages.set(ctx.packages, (memo = new Map()));
  const key = `${checkout.chainId}|${checkout.participants}|${day}`;
  if (!memo.has(key)) {
    const payment = paymentView({ ...ctx, chain: chainOf(state, checkout), day, participants: checkout.participants, packageId: checkout.moving?.packageId ?? null });
    memo.set(key, payment.ok ? null : payment.refusal);
  }
  return memo.get(key)!;
}

export function monthView(state: ReadyState, checkout: Checkout): MonthView {
  const today = practiceToday(state);
  const last = addDays(today, state.practice.bookingPolicy.maxAdvanceDays);
  const { month } = checkout;
  const next = shiftMonths(month, 1);
  const previous = shiftMonths(month, -1);
  const byDay = slotsByDayOf(state, checkout);
  const loading = checkout.slots.status !== 'ready';
  const cells: (CalendarDay | null)[] = Array.from({ length: weekdayIndex(month) }, () => null);
  for (let day = month; day < next; day = addDays(day, 1)) {
    const refusal = day < today || day > last ? null : refusalOn(state, checkout, day);
    const count = refusal ? 0 : (byDay.get(day)?.length ?? 0);
    const kind = day < today || day > last ? 'outside' : refusal ? 'unpayable' : loading ? 'loading' : count > 0 ? 'free' : 'full';
    cells.push({ day, kind, count, refusal, today: day === today, selected: day === checkout.day, cursor: day === checkout.cursor });
  }
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const monday = addDays(month, -weekdayIndex(month));
  const weekdays = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return { month, previous: month > today ? previous : null, next: next <= last ? next : null, weeks, weekdays, loading };
}

export function timesView(state: ReadyState, checkout: Checkout): TimesView | null {
  const { day } = checkout;
  if (!day) return null;
  const refusal = refusalOn(state, checkout, day);
  const slots = refusal ? [] : (slotsByDayOf(state, checkout).get(day) ?? []);
  const groups: TimesView['groups'] = [
    { period: 'morning', slots: [] },
    { period: 'afternoon', slots: [] },
    { period: 'evening', slots: [] },
  ];
  for (const slot of slots) {
    const minutes = localMinutesOf(Date.parse(slot.start), state.practice.timeZone);
    groups[minutes < 12 * 60 ? 0 : minutes < 17 * 60 ? 1 : 2]!.slots.push(slot);
  }
  const chain = chainOf(state, checkout);
  const preview = chain.steps.length > 1 ? (slots.find((slot) => slot.start === checkout.preview) ?? slots[0] ?? null) : null;
  const cursor = slots.find((slot) => slot.start === checkout.preview)?.start ?? slots[0]?.start ?? null;
  return { day, groups: groups.filter((group) => group.slots.length > 0), refusal, preview, cursor };
}

export function reviewOf(state: ReadyState, checkout: Checkout): ReviewView {
  const ctx = checkoutContext(state, checkout);
  const chain = chainOf(state, checkout);
  const slot = checkout.slot!;
  const { participants } = checkout;
  const day = localDateOf(Date.parse(slot.start), state.practice.timeZone);
  const services = indexServices(state.catalog.services);
  const consumption = consumptionOf(chain, services, participants);
  const rule = chain.packageRule;
  // A booking being moved keeps its package: no choice.
  const covering = rule.kind === 'requires' && !checkout.moving ? coveringPackages(chain, services, ctx.packages, rule.packageTypeId, day, participants) : [];
  // A choice that no longer covers this day (another slot, a changed package) falls back to the default.
  const packageId = checkout.moving ? checkout.moving.packageId : covering.some((pkg) => pkg.id === checkout.packageId) ? checkout.packageId : null;
  const payment = paymentView({ ...ctx, chain, day, participants, packageId });
  const payer = payment.ok ? payment.pay.pkg : null;
  const firstDay = firstStepDay(chain, day);
  const choices =
    covering.length > 1 ? covering.map((pkg) => ({ pkg, after: meterFor(applyBooking(pkg, consumption, firstDay), consumption), selected: pkg.id === payer?.id })) : [];
  const error = checkout.error;
  // The server refused although the rules (on the packages then known) did not: explain its answer.
  const served = isPackageRefusal(error) ? explainRefusal(error.problem, chain, day, consumption, ctx) : null;
  const changed = (checkout.before ?? []).flatMap((before) => {
    const now = ctx.packages.find((pkg) => pkg.id === before.id);
    if (!now || JSON.stringify(now.usage) === JSON.stringify(before.usage)) return [];
    return [{ pkg: now, meter: meterFor(now, consumption) ?? metersOf(now)[0] ?? null }];
  });
  return {
    chain,
    slot,
    participants,
    payment,
    choices,
    cancellation: cancellationOf(state, firstStepMs(slot)),
    refusal: payment.ok ? served : payment.refusal,
    failure: error && !isPackageRefusal(error) ? error : null,
    changed,
    moving: checkout.moving,
  };
}

/**
 * Where a key moves the calendar's focus (the WAI-ARIA date-picker grid): arrows by a day or a
 * week, Home and End to the week's Monday and Sunday, Page Up/Down by a month (with Shift: a year).
 * Null: the key does not move it.
 */
export function cursorAfterKey(day: string, key: string, shift: boolean): string | null {
  switch (key) {
    case 'ArrowLeft':
      return addDays(day, -1);
    case 'ArrowRight':
      return addDays(day, 1);
    case 'ArrowUp':
      return addDays(day, -7);
    case 'ArrowDown':
      return addDays(day, 7);
    case 'Home':
      return addDays(day, -weekdayIndex(day));
    case 'End':
      return addDays(day, 6 - weekdayIndex(day));
    case 'PageUp':
      return shiftMonths(day, shift ? -12 : -1);
    case 'PageDown':
      return shiftMonths(day, shift ? 12 : 1);
    default:
      return null;
  }
}
