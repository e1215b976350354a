/**
 * What the booking steps show, decided from the store's state with src/rules: which days the
 * client's packages can pay for, what the review says about paying, the packages to choose
 * from, the cancellation deadline and what a refusal means. The checkout renders this only.
 */
import type { ApiError } from '../client/errors.ts';
import type { Slot } from '../contract/api.ts';
import type { Chain, Package } from '../contract/entities.ts';
import { applyBooking, cancellationDeadlineMs, firstStepMs, mayCancel } from '../rules/apply.ts';
import { consumptionOf, indexServices } from '../rules/budget.ts';
import { coveringPackages } from '../rules/offering.ts';
import { firstStepDay } from '../rules/usability.ts';
import { addDays, localDateOf, weekdayIndex } from '../rules/time.ts';
import { meterFor, metersOf, type MeterView } from './package-view.ts';
import { explainRefusal, paymentView, type PaymentView, type Refusal } from './payment-view.ts';
import { paymentContext, practiceToday, serverNow } from './selectors.ts';
import { isPackageRefusal, type Checkout, type ReadyState } from './store.ts';

/** A practice-local day of the slot picker: its free starts, or why the client cannot book it. */
export interface DayView {
  day: string;
  slots: Slot[];
  /** Set when no package of the client can pay for this chain on this day: then no start is offered. */
  refusal: Refusal | null;
}

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
}

const chainOf = (state: ReadyState, checkout: Checkout) => state.catalog.chains.find((c) => c.id === checkout.chainId)!;

/** The cancellation deadline of a booking whose first step starts at `firstStepMs`, judged now. */
export function cancellationOf(state: ReadyState, firstStepMs: number): CancellationView {
  const hours = state.practice.bookingPolicy.cancelUntilHours;
  return mayCancel(serverNow(state), firstStepMs, hours) ? { kind: 'until', deadlineMs: cancellationDeadlineMs(firstStepMs, hours) } : { kind: 'not_online', hours };
}

/** The week the slot picker shows, and whether the weeks before and after it can be shown. */
export interface WeekView {
  from: string;
  to: string;
  /** The first day of the week before, or null when that week lies wholly in the past. */
  previous: string | null;
  /** The first day of the week after, or null when it lies beyond `maxAdvanceDays`. */
  next: string | null;
}

export function weekOf(state: ReadyState, checkout: Checkout): WeekView {
  const today = practiceToday(state);
  const { week } = checkout;
  const to = addDays(week, 6 - weekdayIndex(week));
  const next = addDays(to, 1);
  return {
    from: week,
    to,
    previous: week <= today ? null : addDays(week, -7),
    next: next > addDays(today, state.practice.bookingPolicy.maxAdvanceDays) ? null : next,
  };
}

/** The days of the checkout's week from today on, each with its starts or the reason it cannot be paid. */
export function weekDays(state: ReadyState, checkout: Checkout): DayView[] {
  const { practice } = state;
  const today = practiceToday(state);
  const chain = chainOf(state, checkout);
  const { from, to } = weekOf(state, checkout);
  const byDay = new Map<string, Slot[]>();
  for (const slot of checkout.slots.items) {
    const day = localDateOf(Date.parse(slot.start), practice.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const days: DayView[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (day < today) continue;
    const payment = paymentView({ ...paymentContext(state), chain, day, participants: checkout.participants, packageId: null });
    days.push({ day, slots: payment.ok ? (byDay.get(day) ?? []) : [], refusal: payment.ok ? null : payment.refusal });
  }
  return days;
}

export function reviewOf(state: ReadyState, checkout: Checkout): ReviewView {
  const ctx = paymentContext(state);
  const chain = chainOf(state, checkout);
  const slot = checkout.slot!;
  const { participants } = checkout;
  const day = localDateOf(Date.parse(slot.start), state.practice.timeZone);
  const services = indexServices(state.catalog.services);
  const consumption = consumptionOf(chain, services, participants);
  const rule = chain.packageRule;
  const covering = rule.kind === 'requires' ? coveringPackages(chain, services, ctx.packages, rule.packageTypeId, day, participants) : [];
  // A choice that no longer covers this day (another slot, a changed package) falls back to the default.
  const packageId = covering.some((pkg) => pkg.id === checkout.packageId) ? checkout.packageId : null;
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
  };
}
