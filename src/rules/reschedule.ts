/**
 * Moving a booking to another start (docs/rules.md "Rescheduling"): decided exactly as cancelling
 * it and then booking the new start with the same package would be, as one step. The old booking's
 * consumption is returned first, so a card used up by this booking alone still covers its new
 * time, and a `first_booking` activation that only this booking made follows it to its new day.
 *
 * Decisions of our own where the contract is silent: a reschedule never sells a package (the
 * booking keeps the one it has, or none), and a booking that sold a package keeps that package's
 * price in its own.
 */
import type { CatalogResponse, RescheduleRequest } from '../contract/api.ts';
import type { Booking, Chain, Package, Price } from '../contract/entities.ts';
import type { ProblemDraft } from '../contract/problems.ts';
import { applyBooking, cancelBookingOn, firstStepMs, mayCancel } from './apply.ts';
import { consumptionOf, indexServices, type Consumption } from './budget.ts';
import { paymentFor } from './decide.ts';
import { stepTimes, type StepTime } from './steps.ts';
import { localDateOf } from './time.ts';

export interface RescheduleInput {
  catalog: Pick<CatalogResponse, 'chains' | 'services'>;
  /** The client's packages, as they are with the booking in place. */
  packages: readonly Package[];
  booking: Booking;
  request: RescheduleRequest;
  timeZone: string;
  currency: string;
  nowMs: number;
  cancelUntilHours: number;
  /** Is this start offered for that many participants, ignoring the booking being moved? */
  isSlotOffered: (chain: Chain, startMs: number, participants: number) => boolean;
}

export interface ReschedulePlan {
  chain: Chain;
  participants: number;
  startMs: number;
  steps: StepTime[];
  consumption: Consumption;
  /** The package that pays after the move (usage, status, activation), or null when none does. */
  packageAfter: Package | null;
  price: Price;
}

export type RescheduleDecision = { ok: true; plan: ReschedulePlan } | { ok: false; problem: ProblemDraft };

/** The booking's package with everything the booking consumed returned (a package it sold stays). */
export function withBookingReturned(pkg: Package, booking: Booking, chain: Chain, catalog: Pick<CatalogResponse, 'services'>, timeZone: string): Package {
  const consumption = consumptionOf(chain, indexServices(catalog.services), booking.participants);
  return cancelBookingOn(pkg, consumption, localDateOf(firstStepMs(booking), timeZone));
}

/** Steps 5–9 of deciding a reschedule (docs/rules.md "Rescheduling"); 1–4 belong to the HTTP layer. */
export function decideReschedule(input: RescheduleInput): RescheduleDecision {
  const { catalog, packages, booking, request, timeZone, currency } = input;
  const refuse = (problem: ProblemDraft): RescheduleDecision => ({ ok: false, problem });
  // 5. a cancelled booking stays cancelled
  if (booking.status === 'cancelled') return refuse({ code: 'booking_cancelled', detail: `Booking "${booking.id}" is cancelled.` });
  // 6. until the cancellation deadline of its current start
  if (!mayCancel(input.nowMs, firstStepMs(booking), input.cancelUntilHours)) {
    return refuse({
      code: 'cancellation_window_passed',
      detail: `Bookings can be changed until ${input.cancelUntilHours} hours before the first appointment.`,
    });
  }
  const chain = catalog.chains.find((c) => c.id === booking.chainId);
  if (!chain) return refuse({ code: 'not_found', detail: `There is no chain "${booking.chainId}".` });
  // 7. participants
  const participants = request.participants ?? booking.participants;
  if (participants > chain.maxParticipants) {
    return refuse({
      code: 'too_many_participants',
      detail: `"${chain.name}" takes at most ${chain.maxParticipants} participant(s); ${participants} were asked for.`,
    });
  }
  // 8. the same package, judged with this booking's consumption returned
  const services = indexServices(catalog.services);
  const own = booking.packageId === null ? undefined : packages.find((pkg) => pkg.id === booking.packageId);
  const returned = own ? withBookingReturned(own, booking, chain, catalog, timeZone) : null;
  const judged = returned ? packages.map((pkg) => (pkg === own ? returned : pkg)) : packages;
  const startMs = Date.parse(request.start);
  const steps = stepTimes(chain, services, startMs, timeZone);
  const consumption = consumptionOf(chain, services, participants);
  const payment = paymentFor({
    chain,
    packages: judged,
    // No template: moving a booking never sells a package.
    templates: [],
    named: returned,
    dayOne: localDateOf(startMs, timeZone),
    consumption,
    currency,
  });
  if (!payment.ok) return refuse(payment.problem);
  // 9. the slot, without this booking's own occupancy
  if (!input.isSlotOffered(chain, startMs, participants)) {
    return refuse({ code: 'slot_unavailable', detail: `${request.start} is not offered for ${participants} participant(s).` });
  }
  const firstDay = localDateOf(Math.min(...steps.map((s) => s.startMs)), timeZone);
  // A booking that sold its package still sells it: the package's price stays in its price.
  const sold = returned && booking.createdPackage === returned.id ? returned.price : 0;
  const price = { ...payment.price, total: payment.price.total + sold, due: payment.price.due + sold };
  return {
    ok: true,
    plan: { chain, participants, startMs, steps, consumption, packageAfter: payment.payer ? applyBooking(payment.payer, consumption, firstDay) : null, price },
  };
}
