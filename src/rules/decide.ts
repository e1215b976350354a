/**
 * Deciding a booking (docs/rules.md "Refusals"), steps 3 and 5–8; the first check that
 * fails decides. Steps 1, 2 and 4 (well-formed request, bearer token, idempotency replay) belong
 * to the HTTP layer. The slot check is an argument, so the rules stay free of schedules.
 */
import type { BookingRequest, CatalogResponse } from '../contract/api.ts';
import type { Chain, Package, PackageTemplate, Price } from '../contract/entities.ts';
import type { ProblemDraft } from '../contract/problems.ts';
import { consumptionOf, indexServices, type Consumption, type ServiceIndex } from './budget.ts';
import { isBookableOnline } from './offering.ts';
import { defaultPick, inPickOrder } from './pick.ts';
import { stepTimes, type StepTime } from './steps.ts';
import { localDateOf } from './time.ts';
import { coverageFailure, eligibilityFailure, isOfType, isUsableOn, type CoverageFailure } from './usability.ts';

export interface DecideInput {
  catalog: Pick<CatalogResponse, 'chains' | 'services' | 'packageTemplates'>;
  /** The signed-in client's packages. */
  packages: readonly Package[];
  timeZone: string;
  currency: string;
  request: BookingRequest;
  /** Step 8: is this start offered for that many participants? */
  isSlotOffered: (chain: Chain, startMs: number, participants: number) => boolean;
}

export interface BookingPlan {
  chain: Chain;
  participants: number;
  startMs: number;
  /** The practice-local date of the first step: activation day of a `first_booking` package. */
  firstDay: string;
  steps: StepTime[];
  consumption: Consumption;
  /** An existing package of the client that pays, or null. */
  packageId: string | null;
  /** A template to create a package from, which then pays; null when none is created. */
  createFrom: PackageTemplate | null;
  price: Price;
}

export type Decision = { ok: true; plan: BookingPlan } | { ok: false; problem: ProblemDraft };

const refuse = (problem: ProblemDraft): Decision => ({ ok: false, problem });

function describe(pkg: Package, failure: CoverageFailure): ProblemDraft {
  if (failure.kind === 'budget') {
    const { criterion, serviceId, remaining, required } = failure;
    const what = criterion === 'service' ? `uses of service ${serviceId}` : criterion;
    return {
      code: 'budget_exceeded',
      detail: `Package "${pkg.name}" has ${remaining} ${what} left; this booking needs ${required}.`,
      packageId: pkg.id,
      criterion,
      serviceId,
      remaining,
      required,
    };
  }
  const why =
    failure.kind === 'service_not_covered'
      ? `it does not cover service ${failure.serviceId}`
      : `it is not usable on ${failure.day} (${failure.reason.replace('_', ' ')})`;
  return { code: 'package_not_usable', detail: `Package "${pkg.name}" cannot pay for this booking: ${why}.`, packageId: pkg.id };
}

/** Step 7 for a named package: judged alone. */
function judgeNamed(pkg: Package, chain: Chain, firstDay: string, consumption: Consumption): ProblemDraft | null {
  const rule = chain.packageRule;
  if (rule.kind === 'requires' && !isOfType(pkg, rule.packageTypeId)) {
    return { code: 'package_not_usable', detail: `Package "${pkg.name}" is not of the type this chain requires.`, packageId: pkg.id };
  }
  const failure = coverageFailure(pkg, chain, firstDay, consumption);
  return failure ? describe(pkg, failure) : null;
}

/** Does the chain's `createsPackage` condition hold for this client on the booked day? */
function createsPackage(chain: Chain, packages: readonly Package[], firstDay: string): boolean {
  const creates = chain.createsPackage;
  if (!creates) return false;
  if (creates.condition === 'always') return true;
  const typeId = creates.condition === 'no_usable_package_of_type' ? creates.packageTypeId : null;
  return !packages.some((pkg) => isOfType(pkg, typeId) && isUsableOn(pkg, firstDay));
}

function priceOf(consumption: Consumption, payer: Package | PackageTemplate | null, created: PackageTemplate | null, currency: string): Price {
  const services = consumption.amount;
  const extra = created?.price ?? 0;
  // A package paid as a whole covers its appointments; a group package is never a credit.
  const due = payer?.billing === 'per_package' && payer.kind !== 'group' ? 0 : services;
  return { total: services + extra, due: due + extra, currency };
}

/**
 * Step 3 alone: the chain exists and a named package is one of this client's. The HTTP layer
 * runs it before the idempotency replay (step 4); decideBooking runs it again, harmlessly.
 */
export function referenceProblem(
  catalog: Pick<CatalogResponse, 'chains'>,
  packages: readonly Package[],
  request: Pick<BookingRequest, 'chainId' | 'packageId'>,
): ProblemDraft | null {
  if (!catalog.chains.some((c) => c.id === request.chainId)) return { code: 'not_found', detail: `There is no chain "${request.chainId}".` };
  if (request.packageId != null && !packages.some((pkg) => pkg.id === request.packageId)) {
    return { code: 'not_found', detail: `You hold no package "${request.packageId}".` };
  }
  return null;
}

export interface PaymentInput {
  chain: Chain;
  packages: readonly Package[];
  templates: readonly PackageTemplate[];
  /** The package the request names, or null to let the rules pick. */
  named: Package | null;
  /** The booked day (day 1 of the chain). */
  dayOne: string;
  consumption: Consumption;
  currency: string;
}

export type Payment = { ok: false; problem: ProblemDraft } | { ok: true; payer: Package | null; createFrom: PackageTemplate | null; price: Price };

/**
 * Step 7 of deciding a booking, and what the widget shows before booking: which package pays
 * (docs/rules.md "Which package pays"), which is created, the price — or the refusal.
 */
export function paymentFor({ chain, packages, templates, named, dayOne, consumption, currency }: PaymentInput): Payment {
  let payer: Package | null = null;
  let createFrom: PackageTemplate | null = null;
  const rule = chain.packageRule;
  if (named) {
    const problem = judgeNamed(named, chain, dayOne, consumption);
    if (problem) return { ok: false, problem };
    payer = named;
  } else if (rule.kind === 'requires') {
    const ofType = packages.filter((pkg) => isOfType(pkg, rule.packageTypeId));
    const covering = ofType.filter((pkg) => coverageFailure(pkg, chain, dayOne, consumption) === null);
    payer = defaultPick(covering);
    if (!payer) {
      // Short on budget: name the package the default order would pick among the eligible ones.
      const short = inPickOrder(ofType.filter((pkg) => eligibilityFailure(pkg, chain, dayOne) === null))[0];
      if (short) return { ok: false, problem: describe(short, coverageFailure(short, chain, dayOne, consumption)!) };
      return { ok: false, problem: { code: 'package_required', detail: `"${chain.name}" needs a package you do not hold, or none covers it.` } };
    }
  }
  // A usable package of the type blocks the chain, whether or not the request names a package.
  if (rule.kind === 'prevented_by') {
    const blocking = defaultPick(packages.filter((pkg) => isOfType(pkg, rule.packageTypeId) && isUsableOn(pkg, dayOne)));
    if (blocking) {
      return { ok: false, problem: { code: 'blocked_by_package', detail: `"${chain.name}" is not offered while you hold the usable package "${blocking.name}".` } };
    }
  }
  if (!payer && createsPackage(chain, packages, dayOne)) {
    const templateId = chain.createsPackage!.templateId;
    createFrom = templates.find((t) => t.id === templateId) ?? null;
  }
  return { ok: true, payer, createFrom, price: priceOf(consumption, payer ?? createFrom, createFrom, currency) };
}

export function decideBooking({ catalog, packages, timeZone, currency, request, isSlotOffered }: DecideInput): Decision {
  // 3. the chain exists, and a named package is one of this client's
  const missing = referenceProblem(catalog, packages, request);
  if (missing) return refuse(missing);
  const chain = catalog.chains.find((c) => c.id === request.chainId)!;
  const named = request.packageId == null ? null : packages.find((pkg) => pkg.id === request.packageId)!;

  const services: ServiceIndex = indexServices(catalog.services);
  // 5. offering rule 1
  if (!isBookableOnline(chain, services)) {
    return refuse({ code: 'not_bookable_online', detail: `"${chain.name}" cannot be booked online.` });
  }
  // 6. participants
  const { participants } = request;
  if (participants > chain.maxParticipants) {
    return refuse({
      code: 'too_many_participants',
      detail: `"${chain.name}" takes at most ${chain.maxParticipants} participant(s); ${participants} were asked for.`,
    });
  }

  // 7. packages
  const startMs = Date.parse(request.start);
  const steps = stepTimes(chain, services, startMs, timeZone);
  // Day 1 is the booked day; a `first_booking` package activates on the first step's date.
  const dayOne = localDateOf(startMs, timeZone);
  const firstDay = localDateOf(Math.min(...steps.map((s) => s.startMs)), timeZone);
  const consumption = consumptionOf(chain, services, participants);
  const payment = paymentFor({ chain, packages, templates: catalog.packageTemplates, named, dayOne, consumption, currency });
  if (!payment.ok) return refuse(payment.problem);
  const { payer, createFrom } = payment;

  // 8. the slot
  if (!isSlotOffered(chain, startMs, participants)) {
    return refuse({ code: 'slot_unavailable', detail: `${request.start} is not offered for ${participants} participant(s).` });
  }

  return {
    ok: true,
    plan: {
      chain,
      participants,
      startMs,
      firstDay,
      steps,
      consumption,
      packageId: payer?.id ?? null,
      createFrom,
      price: payment.price,
    },
  };
}
