/**
 * What a booking costs the client, said one way everywhere: the offer card, the review, the
 * confirmation and "my bookings" render this, never a price of their own (docs/rules.md "Price").
 * Nothing is paid online: `due` is what the client pays at the practice.
 */
import type { CatalogResponse } from '../contract/api.ts';
import type { Booking, Chain, Package, PackageTemplate } from '../contract/entities.ts';
import type { ProblemDraft } from '../contract/problems.ts';
import { applyBooking } from '../rules/apply.ts';
import { consumptionOf, indexServices, type Consumption } from '../rules/budget.ts';
import { paymentFor } from '../rules/decide.ts';
import { inPickOrder } from '../rules/pick.ts';
import { coverageFailure, firstStepDay, isOfType, isUsableOn, validityWindow, type CoverageFailure } from '../rules/usability.ts';
import { meterFor, packageState, type MeterView, type PackageState } from './package-view.ts';

/** Why a package cannot pay, in terms the client understands. */
export type PackageFailure =
  /** Not usable on `day`; `date` is the end (expired) or start (not yet valid) of its validity. */
  | { kind: 'state'; state: PackageState; day: string; date: string | null }
  | { kind: 'service'; serviceId: string }
  | { kind: 'type' }
  | { kind: 'budget'; criterion: 'appointments' | 'amount' | 'service'; serviceId: string | null; remaining: number; required: number };

/** A refusal with what the rules know about it: which package, which limit or date, which state. */
export type Refusal =
  /** A package the client holds cannot pay (named by the client, or the one that would have). */
  | { code: 'package'; pkg: Package; failure: PackageFailure }
  /** The offer needs a package of a kind the client does not hold at all. */
  | { code: 'package_required'; typeName: string }
  /** The offer is not available while this package can still be used. */
  | { code: 'blocked_by_package'; pkg: Package }
  /** Any other refusal: said by the error sentences. */
  | { code: 'other'; problem: ProblemDraft };

export interface Pay {
  /** What the client pays at the practice, in minor units. */
  due: number;
  /** The package that pays or counts this booking, or null. */
  pkg: Package | null;
  /** True when `pkg` pays the services (`per_package`); false when it only counts them. */
  covers: boolean;
  /** A package this booking buys (`per_package` template: its price is `due`) or starts. */
  buys: { name: string; perPackage: boolean } | null;
  /** What the booking takes from `pkg`: a number of visits, or money. */
  use: { kind: 'appointments' | 'amount'; value: number } | null;
  /** The limit of `pkg` the booking draws on, after it; null when unknown or unlimited. */
  after: MeterView | null;
}

export type PaymentView = { ok: true; pay: Pay } | { ok: false; refusal: Refusal };

export interface PaymentContext {
  catalog: Pick<CatalogResponse, 'services' | 'packageTemplates' | 'packageTypes'>;
  packages: readonly Package[];
  currency: string;
}

const stateOf = (failure: CoverageFailure): PackageFailure | null =>
  failure.kind === 'budget'
    ? { kind: 'budget', criterion: failure.criterion, serviceId: failure.serviceId, remaining: failure.remaining, required: failure.required }
    : failure.kind === 'service_not_covered'
      ? { kind: 'service', serviceId: failure.serviceId }
      : null;

/** Why `pkg` cannot pay for `chain` booked on `day`, or null when it can. */
export function packageFailure(pkg: Package, chain: Chain, day: string, consumption: Consumption): PackageFailure | null {
  const rule = chain.packageRule;
  if (rule.kind === 'requires' && !isOfType(pkg, rule.packageTypeId)) return { kind: 'type' };
  const failure = coverageFailure(pkg, chain, day, consumption);
  if (!failure) return null;
  if (failure.kind !== 'not_usable') return stateOf(failure);
  // The window as this booking would see it: a `first_booking` package starts on its first step.
  const window = validityWindow(pkg, firstStepDay(chain, day));
  const { reason } = failure;
  const state: PackageState =
    reason === 'expired' || reason === 'not_yet_valid'
      ? reason
      : reason === 'not_activated'
        ? 'not_active_yet'
        : reason === 'exhausted'
          ? 'used_up'
          : packageState(pkg, failure.day);
  return { kind: 'state', state, day: failure.day, date: reason === 'expired' ? window.until : reason === 'not_yet_valid' ? window.from : null };
}

/**
 * A refusal of booking `chain` on `day`, explained with the client's packages: the package the
 * problem names, else the one of the required kind that would be used first, and why it fails.
 */
export function explainRefusal(problem: ProblemDraft, chain: Chain, day: string, consumption: Consumption, context: PaymentContext): Refusal {
  const { packages, catalog } = context;
  const rule = chain.packageRule;
  const named = 'packageId' in problem ? packages.find((pkg) => pkg.id === problem.packageId) : undefined;
  if (named || 'packageId' in problem) {
    const failure =
      problem.code === 'budget_exceeded'
        ? ({ kind: 'budget', criterion: problem.criterion, serviceId: problem.serviceId, remaining: problem.remaining, required: problem.required } as const)
        : named && packageFailure(named, chain, day, consumption);
    // A package the rules find nothing wrong with: the server knows more; say its own sentence.
    return named && failure ? { code: 'package', pkg: named, failure } : { code: 'other', problem };
  }
  if (problem.code === 'package_required') {
    const typeId = rule.kind === 'requires' ? rule.packageTypeId : null;
    // The package of the kind that would be used first, cancelled and closed ones last.
    const ofType = inPickOrder(packages.filter((pkg) => pkg.kind !== 'group' && isOfType(pkg, typeId)));
    const held = ofType.find((pkg) => pkg.status !== 'cancelled' && pkg.status !== 'closed') ?? ofType[0];
    const failure = held && packageFailure(held, chain, day, consumption);
    if (held) return failure ? { code: 'package', pkg: held, failure } : { code: 'other', problem };
    const type = catalog.packageTypes.find((t) => t.id === typeId);
    return type ? { code: 'package_required', typeName: type.name.replace(/^#/, '') } : { code: 'other', problem };
  }
  if (problem.code === 'blocked_by_package' && rule.kind === 'prevented_by') {
    const blocking = inPickOrder(packages.filter((pkg) => isOfType(pkg, rule.packageTypeId) && isUsableOn(pkg, day)))[0];
    if (blocking) return { code: 'blocked_by_package', pkg: blocking };
  }
  return { code: 'other', problem };
}

/** What a booking takes from `pkg` in the unit its meter counts: visits, else money; null when it limits neither. */
export function useOf(pkg: Package, consumption: Consumption): Pay['use'] {
  const meter = meterFor(pkg, consumption);
  if (meter?.kind === 'appointments') return { kind: 'appointments', value: consumption.appointments };
  if (meter?.kind === 'amount') return { kind: 'amount', value: consumption.amount };
  return null;
}

function payOf(pkg: Package | null, created: PackageTemplate | null, due: number, consumption: Consumption, dayOne: string): Pay {
  const buys = created && created.kind !== 'group' ? { name: created.name, perPackage: created.billing === 'per_package' } : null;
  if (!pkg) return { due, pkg: null, covers: false, buys, use: null, after: null };
  return {
    due,
    pkg,
    covers: pkg.billing === 'per_package',
    buys,
    use: useOf(pkg, consumption),
    after: meterFor(applyBooking(pkg, consumption, dayOne), consumption),
  };
}

export interface PaymentInput extends PaymentContext {
  chain: Chain;
  /** Day 1 of the booking (practice-local). */
  day: string;
  participants: number;
  /** The package the client chose; null: the default pick. */
  packageId: string | null;
}

/** What booking `chain` on `day` costs and takes, or why it is refused (docs/rules.md "Refusals", step 7). */
export function paymentView(input: PaymentInput): PaymentView {
  const { chain, day, participants, packageId, catalog, packages, currency } = input;
  const consumption = consumptionOf(chain, indexServices(catalog.services), participants);
  const named = packageId === null ? null : (packages.find((pkg) => pkg.id === packageId) ?? null);
  const payment = paymentFor({ chain, packages, templates: catalog.packageTemplates, named, dayOne: day, consumption, currency });
  if (!payment.ok) return { ok: false, refusal: explainRefusal(payment.problem, chain, day, consumption, input) };
  // A `first_booking` package activates on the first step's date.
  return { ok: true, pay: payOf(payment.payer, payment.createFrom, payment.price.due, consumption, firstStepDay(chain, day)) };
}

/**
 * What a booking made cost and took, from the server's answer (its `due` and package) and the
 * client's packages as they are now: `after` is the package's credit now, when `fresh`.
 */
export function bookingPayment(booking: Booking, chain: Chain | undefined, context: PaymentContext, fresh: boolean): Pay {
  const pkg = context.packages.find((p) => p.id === booking.packageId) ?? null;
  const consumption = chain ? consumptionOf(chain, indexServices(context.catalog.services), booking.participants) : null;
  const created = booking.createdPackage !== null && pkg !== null;
  return {
    due: booking.price.due,
    pkg: created ? null : pkg,
    covers: !!pkg && pkg.billing === 'per_package' && pkg.kind !== 'group',
    buys: created && pkg.kind !== 'group' ? { name: pkg.name, perPackage: pkg.billing === 'per_package' } : null,
    use: created || !pkg || !consumption ? null : useOf(pkg, consumption),
    after: fresh && pkg && consumption ? meterFor(pkg, consumption) : null,
  };
}
