/** Conformance checks: Offering and booking: what the rules offer, booking and cancelling, idempotency, the decision order, a race for the last credit, the cancellation window. */
import { isDeepStrictEqual } from 'node:util';
import { BookingResponse } from '../../src/contract/api.ts';
import { type ProblemCode } from '../../src/contract/problems.ts';
import { remainingOf, indexServices, consumptionOf } from '../../src/rules/budget.ts';
import { formatInstant } from '../../src/rules/time.ts';
import { isUsableOn } from '../../src/rules/usability.ts';
import { firstStepMs, mayCancel } from '../../src/rules/apply.ts';
import { differences, key, NO_SUCH, packagesNow, pretty, type Check } from '../check-kit.ts';
import { expectJson, expectProblem, fail, skip } from '../context.ts';
import { describeExchange, truncate } from '../http.ts';

const offering: Check = {
  id: 'offering.rules',
  title: 'the backend offers and refuses chains as src/rules decides for the signed-in client',
  section: '2.3',
  level: 'MUST',
  needsWrite: false,
  async run(ctx) {
    const list = await ctx.offerings();
    const summary = list.map((o) => `${o.chain.id}: ${o.offered ? 'offered' : `hidden (${o.reason})`}`).join('; ');
    if (!ctx.options.write) return `computed offering (read-only; --write books the hidden chains to compare): ${summary}`;
    const notes: string[] = [];
    const token = await ctx.token();
    await ctx.withCleanup(async () => {
      for (const o of list) {
        if (o.reason !== 'package_required' && o.reason !== 'blocked_by_package') continue;
        const all = await ctx.slotsOf(o.chain.id);
        const slot = (await Promise.all(all.map(async (s) => ((await ctx.cancellable(s)) ? s : null)))).find(Boolean) ?? all[0];
        if (!slot) {
          notes.push(`${o.chain.id}: no slot to try`);
          continue;
        }
        const request = { chainId: o.chain.id, start: slot.start, participants: 1 };
        const decision = await ctx.decide(request, true);
        const expected: ProblemCode = decision.ok ? o.reason : decision.problem.code;
        const x = await ctx.request('POST', '/bookings', { token, key: key(), body: request });
        expectProblem(x, expected, `${o.chain.id} is hidden by src/rules (${o.reason})`);
        notes.push(`${o.chain.id}: ${expected} as expected`);
      }
    });
    return `${summary}${notes.length ? `\nbooked the hidden chains: ${notes.join('; ')}` : ''}`;
  },
};

// ----------------------------------------------------------------- booking

const bookAndCancel: Check = {
  id: 'booking.book-and-cancel',
  title: 'booking an offered chain at a free slot (with a note) and cancelling it restores the client’s usage exactly',
  section: '2.3, 2.5, 4',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const token = await ctx.token();
    // A chain that consumes a package shows most; else any offered chain that creates none.
    const [found] = [
      ...(await ctx.bookables((c) => c.packageRule.kind === 'requires')),
      ...(await ctx.bookables((c) => c.packageRule.kind !== 'requires')),
    ];
    if (!found) skip('no offered chain with a cancellable free slot that creates no package');
    const { chain, slot, decision } = found;
    const before = await packagesNow(ctx);
    return ctx.withCleanup(async () => {
      // docs/rules.md "Rescheduling": the note comes back trimmed, its line break kept.
      const request = { chainId: chain.id, start: slot.start, participants: 1, note: '  Conformance check: please ignore.\nThank you.  ' };
      const note = 'Conformance check: please ignore.\nThank you.';
      const x = await ctx.request('POST', '/bookings', { token, key: key(), body: request });
      const booking = expectJson(x, BookingResponse, 201);
      const wrong = (what: string) => fail(`the booking ${what}\n${describeExchange(x)}`);
      if (booking.status !== 'booked') wrong(`has status "${booking.status}", expected "booked"`);
      if (booking.chainId !== chain.id) wrong(`has chainId "${booking.chainId}", expected "${chain.id}"`);
      if (Date.parse(booking.start) !== Date.parse(slot.start)) wrong(`starts at ${booking.start}, booked ${slot.start}`);
      const stepsDiffer = booking.steps.length !== slot.steps.length || booking.steps.some((s, i) => s.serviceId !== slot.steps[i]!.serviceId || Date.parse(s.start) !== Date.parse(slot.steps[i]!.start) || Date.parse(s.end) !== Date.parse(slot.steps[i]!.end));
      if (stepsDiffer) wrong(`steps ${pretty(booking.steps)} differ from the slot's ${pretty(slot.steps)}`);
      if (booking.packageId !== decision.plan.packageId) wrong(`is assigned to package ${booking.packageId}, src/rules picks ${decision.plan.packageId}`);
      if (booking.participants !== 1) wrong(`has ${booking.participants} participants, 1 was booked`);
      if (booking.note !== note) wrong(`has the note ${JSON.stringify(booking.note)}, expected ${JSON.stringify(note)}`);
      if (!isDeepStrictEqual(booking.price, decision.plan.price)) wrong(`costs ${pretty(booking.price)}, the rules (src/rules) give ${pretty(decision.plan.price)}`);
      const listedNow = await ctx.fetchBookings();
      if (!listedNow.some((b) => b.id === booking.id && b.status === 'booked')) fail(`GET …/bookings does not list booking ${booking.id} as booked`);
      if (listedNow.find((b) => b.id === booking.id)?.note !== note) fail(`GET …/bookings lists booking ${booking.id} without its note`);
      if (decision.plan.packageId) {
        const during = (await ctx.fetchMe()).packages.find((p) => p.id === decision.plan.packageId);
        const was = before.packages.find((p) => p.id === decision.plan.packageId)!;
        const want = was.usage.appointments + decision.plan.consumption.appointments;
        if (during?.usage.appointments !== want) {
          fail(`after the booking, package ${decision.plan.packageId} shows usage.appointments ${during?.usage.appointments}, expected ${want}`);
        }
      }
      const c = await ctx.request('POST', `/bookings/${encodeURIComponent(booking.id)}/cancel`, { token });
      const cancelled = expectJson(c, BookingResponse);
      if (cancelled.id !== booking.id || cancelled.status !== 'cancelled') fail(`the cancel answer is not the cancelled booking\n${describeExchange(c)}`);
      const after = await packagesNow(ctx);
      const diff = differences(before, after);
      if (diff.length) fail(`GET …/me after booking and cancelling ${chain.id} at ${slot.start} differs from before:\n  ${diff.slice(0, 10).join('\n  ')}`);
      return `booked and cancelled ${chain.id} at ${slot.start}${booking.packageId ? ` on package ${booking.packageId}` : ''}`;
    });
  },
};

const idempotency: Check = {
  id: 'booking.idempotency',
  title: 'a replayed Idempotency-Key returns the first answer and books once; another body is 422 idempotency_key_reused',
  section: '4.3',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const token = await ctx.token();
    const found = [
      ...(await ctx.bookables((c) => c.packageRule.kind !== 'requires', undefined, 2)),
      ...(await ctx.bookables((c) => c.packageRule.kind === 'requires', undefined, 2)),
    ];
    const first = found[0];
    if (!first) skip('no offered chain with a cancellable free slot that creates no package');
    const other = found.find((b) => b.chain.id === first.chain.id && b.slot.start !== first.slot.start);
    const before = new Set((await ctx.fetchBookings()).map((b) => b.id));
    return ctx.withCleanup(async () => {
      const k = key();
      const body = { chainId: first.chain.id, start: first.slot.start, participants: 1 };
      const one = await ctx.request('POST', '/bookings', { token, key: k, body });
      expectJson(one, BookingResponse, 201);
      const two = await ctx.request('POST', '/bookings', { token, key: k, body });
      // The same JSON value; a store may hand the keys back in another order (e.g. jsonb).
      if (two.status !== one.status || !isDeepStrictEqual(two.json, one.json)) {
        fail(`the replay with the same Idempotency-Key and body answered differently:\nfirst ${describeExchange(one)}\nreplay ${describeExchange(two)}`);
      }
      const created = (await ctx.fetchBookings()).filter((b) => !before.has(b.id) && b.status === 'booked');
      if (created.length !== 1) fail(`two requests with one Idempotency-Key made ${created.length} bookings: ${created.map((b) => b.id).join(', ')}`);
      const changed = other ? { ...body, start: other.slot.start } : { ...body, participants: 2 };
      const three = await ctx.request('POST', '/bookings', { token, key: k, body: changed });
      expectProblem(three, 'idempotency_key_reused', 'the same Idempotency-Key with another body');
      return `replayed ${first.chain.id} at ${first.slot.start}`;
    });
  },
};

const decisionOrder: Check = {
  id: 'booking.decision-order',
  title: 'crafted bookings get the code of the first failing check of the booking decision',
  section: '2.3',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const token = await ctx.token();
    const [catalog, practice, list] = await Promise.all([ctx.catalog(), ctx.practice(), ctx.offerings()]);
    const offered = list.filter((o) => o.offered).map((o) => o.chain);
    const anyChain = offered[0] ?? catalog.chains[0];
    if (!anyChain) skip('the catalog has no chains');
    // A start no backend offers: this time yesterday.
    const past = formatInstant(practice.serverMs - 86_400_000, practice.timeZone);
    const notes: string[] = [];
    const expect = async (label: string, code: ProblemCode, body: unknown, opts: { token?: string; key?: string | null } = {}) => {
      const x = await ctx.request('POST', '/bookings', {
        token: opts.token,
        body,
        ...(opts.key === null ? {} : { key: opts.key ?? key() }),
      });
      expectProblem(x, code, label);
      notes.push(`${label} → ${code}`);
    };
    await ctx.withCleanup(async () => {
      const bad = await ctx.request('POST', '/bookings', { key: key(), body: { chainId: anyChain.id, start: 'tomorrow', participants: 0 } });
      const problem = expectProblem(bad, 'validation_failed', '1 before 2: a malformed body without a token');
      const paths = 'errors' in problem ? problem.errors.map((e) => e.path) : [];
      const unnamed = ['start', 'participants'].filter((f) => !paths.some((p) => p.includes(f)));
      if (unnamed.length) fail(`validation_failed must list every bad field; missing ${unnamed.join(', ')} (named ${JSON.stringify(paths)})\n${describeExchange(bad)}`);
      notes.push('malformed body, no token → validation_failed');
      await expect('2: no token', 'unauthorized', { chainId: anyChain.id, start: past, participants: 1 });
      await expect('3 before 6: an unknown chain with 99 participants', 'not_found', { chainId: NO_SUCH(), start: past, participants: 99 }, { token });
      await expect('3: an unknown packageId', 'not_found', { chainId: anyChain.id, start: past, participants: 1, packageId: NO_SUCH() }, { token });
      const services = indexServices(catalog.services);
      const desk = list.find((o) => o.reason === 'not_bookable_online');
      if (desk) {
        await expect(`5 before 6: ${desk.chain.id} (not bookable online) with too many participants`, 'not_bookable_online', { chainId: desk.chain.id, start: past, participants: desk.chain.maxParticipants + 1 }, { token });
      } else notes.push('no chain that is not bookable online: step 5 not tried');
      // Step 6 before 7 and 8: prefer a chain hidden by its package rule.
      const sixCandidates = [...list.filter((o) => o.reason === 'package_required' || o.reason === 'blocked_by_package'), ...list.filter((o) => o.offered)];
      let six = null;
      for (const o of sixCandidates) {
        const req = { chainId: o.chain.id, start: past, participants: o.chain.maxParticipants + 1 };
        const d = await ctx.decide(req, false);
        if (!d.ok && d.problem.code === 'too_many_participants') {
          six = { o, req };
          break;
        }
      }
      if (six) await expect(`6 before 7 and 8: ${six.o.chain.id} (${six.o.offered ? 'offered' : six.o.reason}) for ${six.req.participants} participants`, 'too_many_participants', six.req, { token });
      else notes.push('no chain for step 6');
      // Step 7 before 8: a named package that cannot pay, at a start nobody offers; a short budget
      // must say which one and by how much (docs/rules.md).
      const { packages } = await ctx.me();
      let seven: { req: { chainId: string; start: string; participants: number; packageId: string }; problem: Record<string, unknown> & { code: ProblemCode } } | null = null;
      search: for (const code of ['budget_exceeded', 'package_not_usable'] as const) {
        for (const pkg of packages) {
          for (const chain of catalog.chains) {
            for (let participants = 1; participants <= chain.maxParticipants; participants++) {
              const req = { chainId: chain.id, start: past, participants, packageId: pkg.id };
              const d = await ctx.decide(req, false);
              if (!d.ok && d.problem.code === code) {
                seven = { req, problem: d.problem };
                break search;
              }
            }
          }
        }
      }
      if (seven) {
        const { req, problem: want } = seven;
        const label = `7 before 8: ${req.chainId} for ${req.participants} on package ${req.packageId}`;
        const x = await ctx.request('POST', '/bookings', { token, key: key(), body: req });
        const got = expectProblem(x, want.code, label) as Record<string, unknown>;
        for (const field of ['packageId', 'criterion', 'serviceId', 'remaining', 'required']) {
          if (field in want && got[field] !== want[field]) fail(`${label}: ${field} is ${JSON.stringify(got[field])}, the rules (src/rules) give ${JSON.stringify(want[field])}\n${describeExchange(x)}`);
        }
        notes.push(`${label} → ${want.code}`);
      } else notes.push('no package and chain for step 7');
      // Step 8: an offered chain whose package checks pass, at a start that is not offered.
      let eight = null;
      for (const chain of offered) {
        const req = { chainId: chain.id, start: past, participants: 1 };
        const d = await ctx.decide(req, false);
        if (!d.ok && d.problem.code === 'slot_unavailable' && consumptionOf(chain, services, 1).appointments > 0) {
          eight = req;
          break;
        }
      }
      if (eight) await expect(`8: ${eight.chainId} at ${past} (not offered)`, 'slot_unavailable', eight, { token });
      else notes.push('no offered chain for step 8');
    });
    return notes.join('; ');
  },
};

const lastCredit: Check = {
  id: 'booking.last-credit',
  title: '10 concurrent bookings for a last credit give exactly one success',
  section: '4.3',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const token = await ctx.token();
    const [me, practice, list] = await Promise.all([ctx.me(), ctx.practice(), ctx.offerings()]);
    const lastOnes = me.packages.filter((p) => remainingOf(p).appointments === 1 && isUsableOn(p, practice.today));
    let setup = null;
    for (const pkg of lastOnes) {
      for (const o of list) {
        if (!o.offered || o.chain.packageRule.kind !== 'requires' || !o.coveringPackages.some((p) => p.id === pkg.id)) continue;
        const starts = (await ctx.bookables((c) => c.id === o.chain.id, pkg.id, 10)).filter((b) => b.decision.plan.packageId === pkg.id);
        if (starts.length >= 2) {
          setup = { pkg, chain: o.chain, starts };
          break;
        }
      }
      if (setup) break;
    }
    if (!setup) skip('the client holds no package with exactly 1 appointment left that covers an offered requires-chain at 2 or more cancellable free slots');
    const { pkg, chain, starts } = setup;
    const before = await packagesNow(ctx);
    return ctx.withCleanup(async () => {
      const answers = await Promise.all(
        starts.map(({ slot }) => ctx.request('POST', '/bookings', { token, key: key(), body: { chainId: chain.id, start: slot.start, participants: 1, packageId: pkg.id } })),
      );
      const won = answers.filter((x) => x.status === 201);
      if (won.length !== 1) {
        fail(`${answers.length} concurrent bookings of ${chain.id} on package ${pkg.id} (1 appointment left) gave ${won.length} successes, expected exactly 1:\n${answers.map((x) => `  ${x.status} ${truncate(x.text, 160)}`).join('\n')}`);
      }
      for (const x of won) expectJson(x, BookingResponse, 201);
      // The losers find the package used up: not usable any more, or short of its budget (docs/rules.md).
      for (const x of answers.filter((a) => a.status !== 201)) {
        const code = (x.json as { code?: unknown } | undefined)?.code === 'budget_exceeded' ? 'budget_exceeded' : 'package_not_usable';
        const problem = expectProblem(x, code, `a losing booking (the package's last appointment is taken)`) as { packageId?: string };
        if (problem.packageId !== pkg.id) fail(`a losing booking's ${code} names package ${problem.packageId}, expected ${pkg.id}\n${describeExchange(x)}`);
      }
      const booked = (await ctx.fetchMe()).packages.find((p) => p.id === pkg.id);
      if (booked?.usage.appointments !== pkg.usage.appointments + 1) {
        fail(`package ${pkg.id} shows usage.appointments ${booked?.usage.appointments} after the race, expected ${pkg.usage.appointments + 1}`);
      }
      const winner = won[0]!.json as { id: string };
      expectJson(await ctx.request('POST', `/bookings/${encodeURIComponent(winner.id)}/cancel`, { token }), BookingResponse);
      const diff = differences(before, await packagesNow(ctx));
      if (diff.length) fail(`GET …/me after cancelling the winner differs from before:\n  ${diff.slice(0, 10).join('\n  ')}`);
      return `${answers.length} concurrent bookings on ${pkg.id}: 1 success`;
    });
  },
};

const cancelWindow: Check = {
  id: 'booking.cancel-window',
  title: 'cancelling after the cancellation deadline is 409 cancellation_window_passed',
  section: '2.3, 4.3',
  level: 'MUST',
  needsWrite: true,
  async run(ctx) {
    const token = await ctx.token();
    const [{ serverMs, bookingPolicy }, bookings] = await Promise.all([ctx.practice(), ctx.fetchBookings()]);
    // The latest booked one the rules no longer let the client cancel.
    const late = bookings
      .filter((b) => b.status === 'booked' && !mayCancel(serverMs, firstStepMs(b), bookingPolicy.cancelUntilHours))
      .sort((a, b) => firstStepMs(b) - firstStepMs(a))[0];
    if (!late) skip('the client has no booked booking past its cancellation deadline');
    const x = await ctx.request('POST', `/bookings/${encodeURIComponent(late.id)}/cancel`, { token });
    expectProblem(x, 'cancellation_window_passed', `cancelling ${late.id} (first step ${late.steps[0]!.start}, ${bookingPolicy.cancelUntilHours} h before it has passed)`);
    return `${late.id} stays booked`;
  },
};

export const BOOKING_CHECKS: readonly Check[] = [offering, bookAndCancel, idempotency, decisionOrder, lastCredit, cancelWindow];
