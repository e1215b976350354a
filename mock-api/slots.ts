/**
 * Bookable starts in the mock (docs/backend.md "The mock API"): opening hours in the practice's time
 * zone, closed dates, the booking policy and capacity. Step times come from src/rules, so a
 * daylight-saving change moves nothing on the practice's wall clock.
 */
import type { Booking, Chain } from '../src/contract/entities.ts';
import type { Schedule } from '../src/contract/dataset.ts';
import { WEEKDAYS } from '../src/contract/dataset.ts';
import { type ServiceIndex } from '../src/rules/budget.ts';
import { stepTimes, type StepTime } from '../src/rules/steps.ts';
import { addDays, daysBetween, instantAt, localDateOf, minutesOfClock, weekdayIndex } from '../src/rules/time.ts';

export interface SlotContext {
  chain: Chain;
  services: ServiceIndex;
  timeZone: string;
  schedule: Schedule;
  policy: { minLeadMinutes: number; maxAdvanceDays: number };
  nowMs: number;
  /** Every booking of the practice (all clients); cancelled ones are ignored. */
  bookings: readonly Booking[];
}

export interface SlotCandidate {
  startMs: number;
  steps: StepTime[];
}

interface Interval {
  from: number;
  to: number;
}

/**
 * What one query computes once (a 62-day query looks at thousands of candidate steps): the
 * opening intervals of each date, and the practice's booked steps as instants.
 */
interface QueryCache {
  intervals: Map<string, Interval[]>;
  booked: { chainId: string; participants: number; steps: { startMs: number; endMs: number }[] }[];
}

function queryCache(ctx: SlotContext): QueryCache {
  const booked = ctx.bookings
    .filter((booking) => booking.status === 'booked')
    .map((booking) => ({ chainId: booking.chainId, participants: booking.participants, steps: booking.steps.map((s) => ({ startMs: Date.parse(s.start), endMs: Date.parse(s.end) })) }));
  return { intervals: new Map(), booked };
}

function openIntervalsCached(cache: QueryCache, schedule: Schedule, date: string, timeZone: string): Interval[] {
  let intervals = cache.intervals.get(date);
  if (!intervals) cache.intervals.set(date, (intervals = openIntervals(schedule, date, timeZone)));
  return intervals;
}

/** The opening intervals of a practice-local date as instants; none on a closed date. */
function openIntervals(schedule: Schedule, date: string, timeZone: string): Interval[] {
  if (schedule.closedDates.includes(date)) return [];
  const hours = schedule.openingHours[WEEKDAYS[weekdayIndex(date)]!] ?? [];
  return hours.map(([from, to]) => ({
    from: instantAt(date, minutesOfClock(from), timeZone),
    to: instantAt(date, minutesOfClock(to), timeZone),
  }));
}

function insideOpeningHours(step: StepTime, ctx: SlotContext, cache: QueryCache): boolean {
  const date = localDateOf(step.startMs, ctx.timeZone);
  return openIntervalsCached(cache, ctx.schedule, date, ctx.timeZone).some((open) => step.startMs >= open.from && step.endMs <= open.to);
}

const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) =>
  a.startMs < b.endMs && b.startMs < a.endMs;

/** Participants of overlapping bookings of the same chain, or Infinity when another chain's booking overlaps. */
function occupancy(steps: readonly StepTime[], ctx: SlotContext, cache: QueryCache): number {
  let participants = 0;
  for (const booking of cache.booked) {
    if (!steps.some((step) => booking.steps.some((other) => overlaps(step, other)))) continue;
    if (booking.chainId !== ctx.chain.id) return Number.POSITIVE_INFINITY;
    participants += booking.participants;
  }
  return participants;
}

/** Is this start offered for `participants`? Policy, hours and capacity, as docs/backend.md "The mock API" says. */
function isOffered(candidate: SlotCandidate, participants: number, ctx: SlotContext, today: string, cache: QueryCache): boolean {
  if (candidate.startMs < ctx.nowMs + ctx.policy.minLeadMinutes * 60_000) return false;
  const bookedDay = localDateOf(candidate.startMs, ctx.timeZone);
  if (daysBetween(today, bookedDay) > ctx.policy.maxAdvanceDays) return false;
  if (!candidate.steps.every((step) => insideOpeningHours(step, ctx, cache))) return false;
  return occupancy(candidate.steps, ctx, cache) + participants <= ctx.chain.maxParticipants;
}

/** Candidate starts of one day: the slot grid of each opening interval; identical step plans once. */
function candidatesOn(date: string, ctx: SlotContext, cache: QueryCache): SlotCandidate[] {
  const seen = new Set<string>();
  const out: SlotCandidate[] = [];
  for (const open of openIntervalsCached(cache, ctx.schedule, date, ctx.timeZone)) {
    for (let startMs = open.from; startMs < open.to; startMs += ctx.schedule.slotMinutes * 60_000) {
      const steps = stepTimes(ctx.chain, ctx.services, startMs, ctx.timeZone);
      // A chain whose steps are all at fixed times has one plan per day, whatever the grid start.
      const key = steps.map((s) => `${s.startMs}`).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ startMs, steps });
    }
  }
  return out;
}

/** Offered starts between two practice-local dates (inclusive), sorted by start. */
export function slotsBetween(from: string, to: string, participants: number, ctx: SlotContext): SlotCandidate[] {
  const today = localDateOf(ctx.nowMs, ctx.timeZone);
  const first = from < today ? today : from;
  const horizon = addDays(today, ctx.policy.maxAdvanceDays);
  const last = to > horizon ? horizon : to;
  const slots: SlotCandidate[] = [];
  const cache = queryCache(ctx);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const candidate of candidatesOn(date, ctx, cache)) {
      if (isOffered(candidate, participants, ctx, today, cache)) slots.push(candidate);
    }
  }
  return slots.sort((a, b) => a.startMs - b.startMs);
}

/**
 * Step 8 of deciding a booking: is exactly this start offered for that many participants? The
 * same answer as looking it up in slotsBetween, computing only this start's plan.
 */
export function isStartOffered(startMs: number, participants: number, ctx: SlotContext): boolean {
  const date = localDateOf(startMs, ctx.timeZone);
  const intervals = openIntervals(ctx.schedule, date, ctx.timeZone);
  const slotMs = ctx.schedule.slotMinutes * 60_000;
  if (!intervals.some((open) => startMs >= open.from && startMs < open.to && (startMs - open.from) % slotMs === 0)) return false;
  // A chain with fixed steps only has one plan per day: the one of the day's first grid start.
  if (ctx.chain.steps.every((step) => step.start.kind === 'fixed') && startMs !== intervals[0]!.from) return false;
  const candidate = { startMs, steps: stepTimes(ctx.chain, ctx.services, startMs, ctx.timeZone) };
  return isOffered(candidate, participants, ctx, localDateOf(ctx.nowMs, ctx.timeZone), queryCache(ctx));
}
