/** Conformance checks: The free starts of every chain: sorted, within the booking policy, with the steps of the rules. */
import { isDeepStrictEqual } from 'node:util';
import { SlotsResponse } from '../../src/contract/api.ts';
import { indexServices } from '../../src/rules/budget.ts';
import { stepTimes } from '../../src/rules/steps.ts';
import { addDays, daysBetween, formatInstant, localDateOf } from '../../src/rules/time.ts';
import { pretty, type Check } from '../check-kit.ts';
import { expectJson, fail, skip, type Context } from '../context.ts';
import { describeExchange, type Exchange } from '../http.ts';

async function slotQueriesOk(ctx: Context) {
  const queries = await ctx.slotQueries();
  if (queries.length === 0) skip('the catalog has no chains');
  return queries;
}

const slots: Check[] = [
  {
    id: 'slots.participants-default',
    title: '`participants` defaults to 1: the same slots with and without participants=1',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const [catalog, windows] = await Promise.all([ctx.catalog(), ctx.slotWindows()]);
      const [from, to] = windows[0]!;
      let compared = 0;
      for (const chain of catalog.chains.slice(0, 4)) {
        const path = `/chains/${encodeURIComponent(chain.id)}/slots?from=${from}&to=${to}`;
        const [implicit, explicit] = [await ctx.request('GET', path), await ctx.request('GET', `${path}&participants=1`)];
        const starts = (x: Exchange) => expectJson(x, SlotsResponse).slots.map((slot) => Date.parse(slot.start));
        if (!isDeepStrictEqual(starts(implicit), starts(explicit))) {
          fail(`chain ${chain.id} has other slots without participants than with participants=1\nwithout ${describeExchange(implicit)}\nwith ${describeExchange(explicit)}`);
        }
        compared += 1;
      }
      return `${compared} chains compared`;
    },
  },
  {
    id: 'slots.any',
    title: 'a test practice has free slots in the next two weeks (else the booking checks cannot run)',
    section: '4',
    level: 'SHOULD',
    needsWrite: false,
    async run(ctx) {
      const queries = await slotQueriesOk(ctx);
      const first = queries.filter((query, i) => queries.findIndex((q) => q.chainId === query.chainId) === i);
      const count = first.reduce((sum, query) => sum + (query.slots?.length ?? 0), 0);
      if (count === 0) fail(`no chain has a free slot from today to the next two weeks\n${describeExchange(first[0]!.exchange)}`);
      return `${count} slots`;
    },
  },
  {
    id: 'slots.shape',
    title: 'GET …/chains/{c}/slots answers slots in the contract shape, for every chain',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      let count = 0;
      for (const query of await slotQueriesOk(ctx)) count += expectJson(query.exchange, SlotsResponse).slots.length;
      return `${count} slots`;
    },
  },
  {
    id: 'slots.sorted',
    title: 'slots are sorted by start',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      for (const query of await slotQueriesOk(ctx)) {
        const list = query.slots ?? [];
        for (let i = 1; i < list.length; i++) {
          if (Date.parse(list[i]!.start) < Date.parse(list[i - 1]!.start)) {
            fail(`slots[${i}].start ${list[i]!.start} comes before slots[${i - 1}].start ${list[i - 1]!.start}\n${describeExchange(query.exchange)}`);
          }
        }
      }
    },
  },
  {
    id: 'slots.policy',
    title: 'slots lie within the booking policy (minLeadMinutes, maxAdvanceDays)',
    section: '4, 5',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const { serverMs, serverTime, today, timeZone, bookingPolicy } = await ctx.practice();
      const earliest = serverMs + bookingPolicy.minLeadMinutes * 60_000;
      const horizon = addDays(today, bookingPolicy.maxAdvanceDays);
      for (const query of await slotQueriesOk(ctx)) {
        for (const [i, slot] of (query.slots ?? []).entries()) {
          const startMs = Date.parse(slot.start);
          if (startMs < earliest) {
            fail(`slots[${i}].start ${slot.start} is before serverTime ${serverTime} + minLeadMinutes ${bookingPolicy.minLeadMinutes}\n${describeExchange(query.exchange)}`);
          }
          if (daysBetween(horizon, localDateOf(startMs, timeZone)) > 0) {
            fail(`slots[${i}].start ${slot.start} is after today ${today} + maxAdvanceDays ${bookingPolicy.maxAdvanceDays} (${horizon})\n${describeExchange(query.exchange)}`);
          }
        }
      }
    },
  },
  {
    id: 'slots.steps',
    title: 'slot step times are consistent: the chain’s steps in order, each at its defined time, end after start',
    section: '2.1, 4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const [catalog, { timeZone }] = await Promise.all([ctx.catalog(), ctx.practice()]);
      const services = indexServices(catalog.services);
      for (const query of await slotQueriesOk(ctx)) {
        const chain = catalog.chains.find((c) => c.id === query.chainId)!;
        for (const [i, slot] of (query.slots ?? []).entries()) {
          const where = `slots[${i}] (start ${slot.start}) of chain ${chain.id}`;
          const startMs = Date.parse(slot.start);
          const expected = stepTimes(chain, services, startMs, timeZone);
          if (slot.steps.length !== expected.length) fail(`${where} has ${slot.steps.length} steps, the chain has ${expected.length}\n${describeExchange(query.exchange)}`);
          for (const [j, step] of slot.steps.entries()) {
            const s = Date.parse(step.start);
            const e = Date.parse(step.end);
            const at = `${where}, steps[${j}] ${pretty(step)}`;
            if (j === 0 && s < startMs) fail(`${at}: the first step starts before the slot\n${describeExchange(query.exchange)}`);
            if (j > 0 && s < Date.parse(slot.steps[j - 1]!.start)) fail(`${at}: starts before the step before it\n${describeExchange(query.exchange)}`);
            const want = expected[j]!;
            if (step.serviceId !== want.serviceId) fail(`${at}: serviceId should be ${want.serviceId} (the chain's step ${j + 1})\n${describeExchange(query.exchange)}`);
            if (s !== want.startMs) {
              fail(`${at}: should start at ${formatInstant(want.startMs, timeZone)} (step ${j + 1} of the chain, ${JSON.stringify(chain.steps[j]!.start)} on day ${chain.steps[j]!.day}, ${timeZone})\n${describeExchange(query.exchange)}`);
            }
            if (e !== want.endMs) {
              fail(`${at}: should end at ${formatInstant(want.endMs, timeZone)}, after the service's ${(want.endMs - want.startMs) / 60_000} minutes\n${describeExchange(query.exchange)}`);
            }
          }
        }
      }
    },
  },
];

export const SLOT_CHECKS: readonly Check[] = slots;
