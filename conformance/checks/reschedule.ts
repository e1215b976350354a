/**
 * Checks of changing a booking (docs/rules.md "Rescheduling"): a move keeps the booking's id and
 * the client's usage overall, frees the old start; a replayed key answers the first answer; the
 * slots query's `exceptBooking`; and the order in which a move is refused. Every check books its
 * own booking and cancels what it booked (`withCleanup`).
 */
import { isDeepStrictEqual } from 'node:util';
import { BookingResponse, BookingsResponse, SlotsResponse } from '../../src/contract/api.ts';
import type { Slot } from '../../src/contract/api.ts';
import type { Booking } from '../../src/contract/entities.ts';
import type { ProblemCode } from '../../src/contract/problems.ts';
import { firstStepMs, mayCancel } from '../../src/rules/apply.ts';
import { decideReschedule } from '../../src/rules/reschedule.ts';
import { formatInstant, localDateOf } from '../../src/rules/time.ts';
import { differences, key, NO_SUCH, packagesNow, pretty, type Check } from '../check-kit.ts';
import { expectJson, expectProblem, fail, skip, type Bookable, type Context } from '../context.ts';
import { describeExchange } from '../http.ts';

const overlap = (a: Slot, b: Slot) =>
  a.steps.some((x) => b.steps.some((y) => Date.parse(x.start) < Date.parse(y.end) && Date.parse(y.start) < Date.parse(x.end)));

/**
 * Two cancellable free starts of one offered chain whose steps do not overlap (so that moving from
 * one to the other frees the first), on the same package; paid by a package when there is one.
 */
async function twoStarts(ctx: Context): Promise<[Bookable, Bookable]> {
  for (const filter of [(kind: string) => kind === 'requires', (kind: string) => kind !== 'requires']) {
    const found = await ctx.bookables((c) => filter(c.packageRule.kind), undefined, 12);
    for (const a of found) {
      const b = found.find((other) => other.chain.id === a.chain.id && !overlap(a.slot, other.slot) && other.decision.plan.packageId === a.decision.plan.packageId);
      if (b) return [a, b];
    }
  }
  skip('no offered chain with two cancellable free starts apart that creates no package');
}

async function book(ctx: Context, { chain, slot }: Bookable): Promise<Booking> {
  const x = await ctx.request('POST', '/bookings', { token: await ctx.token(), key: key(), body: { chainId: chain.id, start: slot.start, participants: 1 } });
  return expectJson(x, BookingResponse, 201);
}

const reschedule = async (ctx: Context, id: string, body: unknown, idempotencyKey: string | null = key()) =>
  ctx.request('POST', `/bookings/${encodeURIComponent(id)}/reschedule`, { token: await ctx.token(), body, ...(idempotencyKey === null ? {} : { key: idempotencyKey }) });

/** The starts of a chain on one practice-local day, fresh (not the suite's memo). */
async function startsOn(ctx: Context, chainId: string, day: string, extra: Record<string, string> = {}, token?: string) {
  const query = new URLSearchParams({ from: day, to: day, ...extra });
  const x = await ctx.request('GET', `/chains/${encodeURIComponent(chainId)}/slots?${query}`, { token });
  return { x, starts: () => expectJson(x, SlotsResponse).slots.map((s) => Date.parse(s.start)) };
}

const sameSteps = (a: readonly Slot['steps'][number][], b: readonly Slot['steps'][number][]) =>
  a.length === b.length && a.every((s, i) => s.serviceId === b[i]!.serviceId && Date.parse(s.start) === Date.parse(b[i]!.start) && Date.parse(s.end) === Date.parse(b[i]!.end));

const usageOf = (state: Awaited<ReturnType<typeof packagesNow>>) => state.packages.map((p) => ({ id: p.id, status: p.status, usage: p.usage }));

const move: Check = {
  id: 'reschedule.move',
  title: 'a move keeps the booking’s id, takes the new start and steps, frees the old start and leaves the client’s usage unchanged',
  section: '2.5, 4',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const [a, b] = await twoStarts(ctx);
    const before = await packagesNow(ctx);
    const { timeZone } = await ctx.practice();
    return ctx.withCleanup(async () => {
      const booked = await book(ctx, a);
      const during = await packagesNow(ctx);
      const x = await reschedule(ctx, booked.id, { start: b.slot.start });
      const moved = expectJson(x, BookingResponse);
      const wrong = (what: string) => fail(`the moved booking ${what}\n${describeExchange(x)}`);
      if (moved.id !== booked.id) wrong(`has id ${moved.id}, expected the same booking ${booked.id}`);
      if (moved.status !== 'booked') wrong(`has status "${moved.status}"`);
      if (Date.parse(moved.start) !== Date.parse(b.slot.start)) wrong(`starts at ${moved.start}, moved to ${b.slot.start}`);
      if (!sameSteps(moved.steps, b.slot.steps)) wrong(`has steps ${pretty(moved.steps)}, the slot's are ${pretty(b.slot.steps)}`);
      if (moved.packageId !== booked.packageId) wrong(`is on package ${moved.packageId}, it was on ${booked.packageId}`);
      const listed = (await ctx.fetchBookings()).filter((bk) => bk.id === booked.id);
      if (listed.length !== 1 || Date.parse(listed[0]!.start) !== Date.parse(b.slot.start)) fail(`GET …/bookings lists ${pretty(listed)} for ${booked.id}, expected it once at ${b.slot.start}`);
      const diff = differences(usageOf(during), usageOf(await packagesNow(ctx)));
      if (diff.length) fail(`moving ${booked.id} changed the usage of the client's packages:\n  ${diff.slice(0, 10).join('\n  ')}`);
      const { starts } = await startsOn(ctx, a.chain.id, localDateOf(Date.parse(a.slot.start), timeZone));
      if (!starts().includes(Date.parse(a.slot.start))) fail(`the old start ${a.slot.start} is not offered again after the booking moved away from it`);
      expectJson(await ctx.request('POST', `/bookings/${encodeURIComponent(booked.id)}/cancel`, { token: await ctx.token() }), BookingResponse);
      const after = differences(before, await packagesNow(ctx));
      if (after.length) fail(`GET …/me after booking, moving and cancelling differs from before:\n  ${after.slice(0, 10).join('\n  ')}`);
      return `moved ${a.chain.id} from ${a.slot.start} to ${b.slot.start}${booked.packageId ? ` on package ${booked.packageId}` : ''}`;
    });
  },
};

const idempotency: Check = {
  id: 'reschedule.idempotency',
  title: 'a replayed reschedule answers the first answer and moves once; the key with another body is 422 idempotency_key_reused',
  section: '4.3',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const [a, b] = await twoStarts(ctx);
    return ctx.withCleanup(async () => {
      const booked = await book(ctx, a);
      const k = key();
      const one = await reschedule(ctx, booked.id, { start: b.slot.start }, k);
      expectJson(one, BookingResponse);
      const two = await reschedule(ctx, booked.id, { start: b.slot.start }, k);
      if (two.status !== one.status || !isDeepStrictEqual(two.json, one.json)) {
        fail(`the replay with the same Idempotency-Key and body answered differently:\nfirst ${describeExchange(one)}\nreplay ${describeExchange(two)}`);
      }
      const three = await reschedule(ctx, booked.id, { start: a.slot.start }, k);
      expectProblem(three, 'idempotency_key_reused', 'the same Idempotency-Key with another start');
      const now = (await ctx.fetchBookings()).find((bk) => bk.id === booked.id);
      if (!now || Date.parse(now.start) !== Date.parse(b.slot.start)) fail(`after the refused reuse, booking ${booked.id} starts at ${now?.start}, expected ${b.slot.start}`);
      return `replayed the move of ${booked.id}`;
    });
  },
};

const exceptBooking: Check = {
  id: 'slots.except-booking',
  title: 'slots with exceptBooking offer the booking’s own start to its client; without a token 401, an unknown booking 404',
  section: '4',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const [a] = await twoStarts(ctx);
    const { timeZone } = await ctx.practice();
    const day = localDateOf(Date.parse(a.slot.start), timeZone);
    return ctx.withCleanup(async () => {
      const booked = await book(ctx, a);
      const own = await startsOn(ctx, a.chain.id, day, { exceptBooking: booked.id }, await ctx.token());
      if (!own.starts().includes(Date.parse(a.slot.start))) fail(`with exceptBooking=${booked.id}, the booking's own start ${a.slot.start} is not offered\n${describeExchange(own.x)}`);
      expectProblem((await startsOn(ctx, a.chain.id, day, { exceptBooking: booked.id })).x, 'unauthorized', 'exceptBooking without a token');
      expectProblem((await startsOn(ctx, a.chain.id, day, { exceptBooking: NO_SUCH() }, await ctx.token())).x, 'not_found', 'exceptBooking of an unknown booking');
      return `${a.chain.id} at ${a.slot.start} offered for moving ${booked.id}`;
    });
  },
};

const decisionOrder: Check = {
  id: 'reschedule.decision-order',
  title: 'crafted moves get the code of the first failing check: token, booking, booking_cancelled, window, participants, package, slot',
  section: '2.5, 4.3',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const [catalog, practice, list] = await Promise.all([ctx.catalog(), ctx.practice(), ctx.fetchBookings()]);
    const { serverMs, bookingPolicy, timeZone, currency } = practice;
    const past = formatInstant(serverMs - 86_400_000, timeZone);
    const notes: string[] = [];
    const expectCode = async (label: string, code: ProblemCode, id: string, body: unknown, idempotencyKey: string | null = key()) => {
      expectProblem(await reschedule(ctx, id, body, idempotencyKey), code, label);
      notes.push(`${label} → ${code}`);
    };
    const noToken = await ctx.request('POST', `/bookings/${NO_SUCH()}/reschedule`, { key: key(), body: { start: past } });
    expectProblem(noToken, 'unauthorized', '2 before 3: no token, an unknown booking');
    expectProblem(await reschedule(ctx, NO_SUCH(), { start: 'tomorrow' }, null), 'validation_failed', '1: no Idempotency-Key and a malformed start');
    await expectCode('3: an unknown booking', 'not_found', NO_SUCH(), { start: past });
    const late = (b: Booking) => !mayCancel(serverMs, firstStepMs(b), bookingPolicy.cancelUntilHours);
    const cancelledLate = list.find((b) => b.status === 'cancelled' && late(b));
    const lateBooked = list.filter((b) => b.status === 'booked' && late(b)).sort((x, y) => firstStepMs(y) - firstStepMs(x))[0];
    if (lateBooked) {
      const chain = catalog.chains.find((c) => c.id === lateBooked.chainId);
      await expectCode(`6 before 7: ${lateBooked.id}, past its deadline, for too many participants`, 'cancellation_window_passed', lateBooked.id, { start: past, participants: (chain?.maxParticipants ?? 1) + 1 });
    } else notes.push('no booked booking past its deadline: step 6 not tried');
    const [a] = await twoStarts(ctx);
    await ctx.withCleanup(async () => {
      const booked = await book(ctx, a);
      await expectCode(`7 before 8 and 9: ${booked.id} for ${a.chain.maxParticipants + 1} participants`, 'too_many_participants', booked.id, { start: past, participants: a.chain.maxParticipants + 1 });
      // 8 or 9 at a start nobody offers: what src/rules decides with this client's packages.
      const { packages } = await ctx.fetchMe();
      const want = decideReschedule({ catalog, packages, booking: booked, request: { start: past }, timeZone, currency, nowMs: serverMs, cancelUntilHours: bookingPolicy.cancelUntilHours, isSlotOffered: () => false });
      if (want.ok) fail('src/rules accepted a move to a start that is not offered');
      await expectCode(`8 or 9: ${booked.id} to ${past} (not offered)`, want.problem.code, booked.id, { start: past });
      expectJson(await ctx.request('POST', `/bookings/${encodeURIComponent(booked.id)}/cancel`, { token: await ctx.token() }), BookingResponse);
      // A cancelled booking: 5, before the window when it has passed too.
      const cancelled = cancelledLate ?? booked;
      await expectCode(`5${cancelledLate ? ' before 6' : ''}: the cancelled ${cancelled.id}`, 'booking_cancelled', cancelled.id, { start: a.slot.start });
      const still = expectJson(await ctx.request('GET', '/bookings', { token: await ctx.token() }), BookingsResponse).bookings.find((b) => b.id === booked.id);
      if (still?.status !== 'cancelled') fail(`after the refused move, ${booked.id} has status ${still?.status}, expected cancelled`);
    });
    return notes.join('; ');
  },
};

export const RESCHEDULE_CHECKS: readonly Check[] = [move, idempotency, exceptBooking, decisionOrder];
