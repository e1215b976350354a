/**
 * The conformance checks: each has an id, the SPEC section it holds the backend to, a level
 * (MUST fails the run, SHOULD is reported only), whether it books (`needsWrite`), and a run
 * function that throws through `fail`/`skip` or returns an optional note. Every body is judged
 * with the zod schemas of src/contract and every rule with src/rules, so the suite can never
 * drift from the contract the widget and the mock are built on.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  AuthTokenResponse,
  BookingResponse,
  BookingsResponse,
  CatalogResponse,
  MeResponse,
  PracticeResponse,
  SlotsResponse,
} from '../src/contract/api.ts';
import { Problem, type ProblemCode } from '../src/contract/problems.ts';
import { ROUTES } from '../src/contract/routes.ts';
import { remainingOf, indexServices, consumptionOf } from '../src/rules/budget.ts';
import { stepTimes } from '../src/rules/steps.ts';
import { addDays, daysBetween, formatInstant, localDateOf } from '../src/rules/time.ts';
import { isUsableOn } from '../src/rules/usability.ts';
import { firstStepMs, mayCancel } from '../src/rules/apply.ts';
import { differences, key, NO_SUCH, packagesNow, pretty, type Check } from './check-kit.ts';
import { RESCHEDULE_CHECKS } from './checks/reschedule.ts';
import { SESSION_CHECKS } from './checks/sessions.ts';
import { expectJson, expectProblem, fail, skip, type Context } from './context.ts';
import { describeExchange, SUITE_ORIGIN, truncate, type Exchange } from './http.ts';

export type { Check } from './check-kit.ts';

// ------------------------------------------------------------------ shapes

const shapes: Check[] = [
  {
    id: 'practice.shape',
    title: 'GET /practices/{p} answers the practice in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const practice = expectJson(await ctx.practiceExchange(), PracticeResponse);
      if (practice.id !== ctx.options.practice) fail(`practice.id is "${practice.id}", expected "${ctx.options.practice}"\n${describeExchange(await ctx.practiceExchange())}`);
      return `serverTime ${practice.serverTime} (${practice.timeZone})`;
    },
  },
  {
    id: 'catalog.shape',
    title: 'GET …/catalog answers services, package types, templates and chains in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const catalog = expectJson(await ctx.catalogExchange(), CatalogResponse);
      const services = new Set(catalog.services.map((s) => s.id));
      for (const chain of catalog.chains) {
        for (const [i, step] of chain.steps.entries()) {
          if (!services.has(step.serviceId)) fail(`chains[id=${chain.id}].steps[${i}].serviceId "${step.serviceId}" is not a service of the catalog\n${describeExchange(await ctx.catalogExchange())}`);
        }
      }
      return `${catalog.chains.length} chains, ${catalog.services.length} services`;
    },
  },
  {
    id: 'catalog.etag',
    title: 'the catalog carries an ETag and answers 304 to If-None-Match',
    section: '4',
    level: 'SHOULD',
    needsWrite: false,
    async run(ctx) {
      const first = await ctx.catalogExchange();
      const etag = first.headers.get('ETag');
      if (!etag) fail(`no ETag header on the catalog\n${describeExchange(first)}`);
      const again = await ctx.request('GET', '/catalog', { headers: { 'If-None-Match': etag } });
      if (again.status !== 304) fail(`expected 304 to If-None-Match: ${etag}, got ${again.status}\n${describeExchange(again)}`);
      if (again.text !== '') fail(`a 304 must have no body\n${describeExchange(again)}`);
    },
  },
  {
    id: 'me.shape',
    title: 'GET …/me answers the signed-in client, packages and bonus in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const me = expectJson(await ctx.request('GET', '/me', { token: await ctx.token() }), MeResponse);
      return `${me.customer.displayName}: ${me.packages.length} package(s)`;
    },
  },
  {
    id: 'bookings.shape',
    title: 'GET …/bookings answers the client’s bookings in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const { bookings } = expectJson(await ctx.request('GET', '/bookings', { token: await ctx.token() }), BookingsResponse);
      return `${bookings.length} booking(s)`;
    },
  },
];

// ------------------------------------------------------------------- auth

const auth: Check[] = [
  {
    id: 'auth.sign-in',
    title: 'POST …/auth/token exchanges email and code for a token in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const x = await ctx.signIn();
      if (x === null) skip('signed in with --token (use --email and --code to check the sign-in)');
      const body = expectJson(x, AuthTokenResponse);
      if (body.customer.email.toLowerCase() !== ctx.options.email!.toLowerCase()) {
        fail(`customer.email is "${body.customer.email}", expected "${ctx.options.email}"\n${describeExchange(x)}`);
      }
    },
  },
  {
    id: 'auth.code-request',
    title: 'POST …/auth/code answers 202 for an unknown address (reveals no client)',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const x = await ctx.request('POST', '/auth/code', { body: { email: `${NO_SUCH()}@example.invalid` } });
      if (x.status !== 202) fail(`expected 202, got ${x.status}\n${describeExchange(x)}`);
    },
  },
  {
    id: 'auth.invalid-code',
    title: 'a wrong sign-in code is 401 invalid_code',
    section: '4, 4.3',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      // An address nobody holds: the attempt cannot lock a real client's sign-in.
      const x = await ctx.request('POST', '/auth/token', { body: { email: `${NO_SUCH()}@example.invalid`, code: '000000' } });
      // A backend may also limit wrong codes per network address; earlier runs may have used them up.
      if (x.status === 429 && Problem.safeParse(x.json).data?.code === 'too_many_attempts') {
        skip('429 too_many_attempts: the backend limits wrong codes from this network address, and earlier runs used them up');
      }
      expectProblem(x, 'invalid_code');
    },
  },
  {
    id: 'auth.unauthorized',
    title: 'authenticated routes without a valid token are 401 unauthorized',
    section: '4, 4.3',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      expectProblem(await ctx.request('GET', '/me'), 'unauthorized', 'GET /me without a token');
      expectProblem(await ctx.request('GET', '/me', { token: NO_SUCH() }), 'unauthorized', 'GET /me with an unknown token');
      expectProblem(await ctx.request('GET', '/bookings'), 'unauthorized', 'GET /bookings without a token');
      // Writes too, before anything else is looked at (an id nobody holds: nothing can be changed).
      const cancel = `/bookings/${NO_SUCH()}/cancel`;
      expectProblem(await ctx.request('POST', cancel), 'unauthorized', 'POST …/cancel without a token');
      expectProblem(await ctx.request('POST', cancel, { token: NO_SUCH() }), 'unauthorized', 'POST …/cancel with an unknown token');
      const { today } = await ctx.practice();
      const book = { chainId: NO_SUCH(), start: `${addDays(today, 1)}T10:00:00Z`, participants: 1 };
      expectProblem(await ctx.request('POST', '/bookings', { token: NO_SUCH(), key: key(), body: book }), 'unauthorized', 'POST /bookings with an unknown token');
    },
  },
];

// ---------------------------------------------------------------- problems

const problems: Check[] = [
  {
    id: 'problem.unknown-practice',
    title: 'an unknown practice is 404 not_found (problem+json)',
    section: '4.3, 5',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      expectProblem(await ctx.http.request('GET', `/practices/${NO_SUCH()}`), 'not_found');
      expectProblem(await ctx.http.request('GET', `/practices/${NO_SUCH()}/catalog`), 'not_found');
    },
  },
  {
    id: 'problem.unknown-chain',
    title: 'the slots of an unknown chain are 404 not_found',
    section: '4.3, 5',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const { today } = await ctx.practice();
      expectProblem(await ctx.request('GET', `/chains/${NO_SUCH()}/slots?from=${today}&to=${today}`), 'not_found');
    },
  },
  {
    id: 'problem.unknown-booking',
    title: 'cancelling an unknown booking is 404 not_found',
    section: '4.3, 5',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      expectProblem(await ctx.request('POST', `/bookings/${NO_SUCH()}/cancel`, { token: await ctx.token() }), 'not_found');
    },
  },
  {
    id: 'problem.unknown-route',
    title: 'an unknown route under a practice is 404 not_found',
    section: '4.3',
    level: 'SHOULD',
    needsWrite: false,
    async run(ctx) {
      expectProblem(await ctx.request('GET', `/${NO_SUCH()}`), 'not_found');
    },
  },
  {
    id: 'problem.method-not-allowed',
    title: 'another method on a path of the contract is 405 method_not_allowed with an Allow header naming GET',
    section: '4.3, 4.4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const x = await ctx.request('PUT', '');
      expectProblem(x, 'method_not_allowed');
      const allow = (x.headers.get('Allow') ?? '').split(',').map((m) => m.trim().toUpperCase());
      if (!allow.includes('GET')) fail(`Allow must name GET for the practice, got "${x.headers.get('Allow') ?? ''}"\n${describeExchange(x)}`);
    },
  },
  {
    id: 'protocol.head',
    title: 'HEAD on the practice answers as GET does, without a body',
    section: '4.4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const get = await ctx.request('GET', '');
      const head = await ctx.request('HEAD', '');
      if (head.status !== get.status) fail(`HEAD answered ${head.status}, GET ${get.status}\n${describeExchange(head)}`);
      if (head.text !== '') fail(`a HEAD answer has no body\n${describeExchange(head)}`);
    },
  },
  {
    id: 'problem.slots-query',
    title: 'a bad slots query is 400 validation_failed naming every bad field',
    section: '4, 4.3',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const catalog = await ctx.catalog();
      const chain = catalog.chains[0];
      if (!chain) skip('the catalog has no chains');
      const x = await ctx.request('GET', `/chains/${encodeURIComponent(chain.id)}/slots?from=2026-13-45&to=tomorrow&participants=0`);
      const problem = expectProblem(x, 'validation_failed');
      const paths = 'errors' in problem ? problem.errors.map((e) => e.path) : [];
      const missing = ['from', 'to', 'participants'].filter((field) => !paths.some((path) => path.includes(field)));
      if (missing.length > 0) fail(`errors do not name ${missing.join(', ')} (named: ${JSON.stringify(paths)})\n${describeExchange(x)}`);
    },
  },
  {
    id: 'problem.missing-idempotency-key',
    title: 'a booking without Idempotency-Key is 400 validation_failed naming the header',
    section: '4, 4.3',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const { serverMs, timeZone } = await ctx.practice();
      // A chain that does not exist: a backend that ignores the missing key still books nothing.
      const body = { chainId: NO_SUCH(), start: formatInstant(serverMs + 7 * 86_400_000, timeZone), participants: 1 };
      const x = await ctx.request('POST', '/bookings', { token: await ctx.token(), body });
      const problem = expectProblem(x, 'validation_failed');
      const paths = 'errors' in problem ? problem.errors.map((e) => e.path) : [];
      if (!paths.some((path) => /idempotency-key/i.test(path))) fail(`errors do not name the Idempotency-Key header (named: ${JSON.stringify(paths)})\n${describeExchange(x)}`);
    },
  },
];

// ------------------------------------------------------------------- CORS

const REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'];

function allowsOrigin(x: Exchange): boolean {
  const origin = x.headers.get('Access-Control-Allow-Origin');
  return origin === '*' || origin === SUITE_ORIGIN;
}

const listed = (value: string | null) => (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);

const preflight: Check = {
  id: 'cors.preflight',
  title: 'a preflight allows GET and POST and the headers Authorization, Content-Type, Idempotency-Key, If-None-Match',
  section: '4',
  level: 'MUST',
  needsWrite: false,
  async run(ctx) {
    const probes: Array<[string, string]> = [
      ['/bookings', 'POST'],
      ['/catalog', 'GET'],
    ];
    for (const [path, method] of probes) {
      const x = await ctx.request('OPTIONS', path, {
        headers: { 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': REQUEST_HEADERS.join(',').toLowerCase() },
      });
      if (x.status < 200 || x.status >= 300) fail(`preflight answered ${x.status}, expected 2xx\n${describeExchange(x)}`);
      if (!allowsOrigin(x)) fail(`Access-Control-Allow-Origin is ${JSON.stringify(x.headers.get('Access-Control-Allow-Origin'))}, expected * or ${SUITE_ORIGIN}\n${describeExchange(x)}`);
      const methods = listed(x.headers.get('Access-Control-Allow-Methods'));
      const missingMethods = ['get', 'post'].filter((m) => !methods.includes(m) && !methods.includes('*'));
      if (missingMethods.length) fail(`Access-Control-Allow-Methods lacks ${missingMethods.join(', ').toUpperCase()}: ${JSON.stringify(x.headers.get('Access-Control-Allow-Methods'))}\n${describeExchange(x)}`);
      const headers = listed(x.headers.get('Access-Control-Allow-Headers'));
      const missingHeaders = REQUEST_HEADERS.filter((h) => !headers.includes(h.toLowerCase()) && !headers.includes('*'));
      if (missingHeaders.length) fail(`Access-Control-Allow-Headers lacks ${missingHeaders.join(', ')}: ${JSON.stringify(x.headers.get('Access-Control-Allow-Headers'))}\n${describeExchange(x)}`);
    }
  },
};

// ------------------------------------------------------------------ slots

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

// ----------------------------------------------------------------- offering

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

// -------------------------------------------------------- suite-wide scans

/** Makes sure the scans see the main bodies even when run alone (`--only`). */
async function baseline(ctx: Context): Promise<void> {
  const token = await ctx.token();
  await Promise.all([ctx.practiceExchange(), ctx.catalogExchange(), ctx.request('GET', '/me', { token }), ctx.request('GET', '/bookings', { token })]);
}

/** Every place `name` occurs as a key, with its value: `packages[0].internalNote = "…"`. */
function findKey(value: unknown, name: string, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findKey(v, name, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const here = path ? `${path}.${k}` : k;
      return [...(k === name ? [`${here} = ${truncate(JSON.stringify(v) ?? 'undefined', 120)}`] : []), ...findKey(v, name, here)];
    });
  }
  return [];
}

const scans: Check[] = [
  {
    id: 'cors.responses',
    title: 'every response carries CORS headers; the catalog exposes ETag',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      await baseline(ctx);
      const responses = ctx.http.log.filter((x) => x.method !== 'OPTIONS');
      const bad = responses.filter((x) => !allowsOrigin(x));
      if (bad.length) {
        fail(`${bad.length} of ${responses.length} responses lack Access-Control-Allow-Origin (* or ${SUITE_ORIGIN}); first:\n${describeExchange(bad[0]!, 200)}\n  Access-Control-Allow-Origin: ${JSON.stringify(bad[0]!.headers.get('Access-Control-Allow-Origin'))}`);
      }
      const catalog = await ctx.catalogExchange();
      const exposed = listed(catalog.headers.get('Access-Control-Expose-Headers'));
      if (!exposed.includes('etag') && !exposed.includes('*')) {
        fail(`the catalog does not expose ETag: Access-Control-Expose-Headers ${JSON.stringify(catalog.headers.get('Access-Control-Expose-Headers'))}\n${describeExchange(catalog, 100)}`);
      }
      return `${responses.length} responses`;
    },
  },
  {
    id: 'privacy.no-internal-note',
    title: 'no response body carries an internalNote field, anywhere',
    section: '2.2, 5',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      await baseline(ctx);
      for (const x of ctx.http.log) {
        const found = findKey(x.json, 'internalNote');
        if (found.length) fail(`internalNote at ${found.slice(0, 5).join(', ')}\n${describeExchange(x)}`);
      }
      return `${ctx.http.log.length} bodies scanned`;
    },
  },
];

/** Paths of `original` that the contract does not define (what parsing with the schema drops). */
function extraFields(original: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(original) && Array.isArray(parsed)) {
    return original.flatMap((item, i) => extraFields(item, parsed[i], `${path}[${i}]`));
  }
  if (!original || typeof original !== 'object' || !parsed || typeof parsed !== 'object') return [];
  return Object.entries(original).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    return k in parsed ? extraFields(v, (parsed as Record<string, unknown>)[k], here) : [here];
  });
}

/** The contract schema of an exchange's body: the route's success schema, or Problem for errors. */
function schemaOf(x: Exchange, api: string) {
  if (x.status >= 400) return Problem;
  const path = new URL(x.url).pathname.slice(new URL(api).pathname.replace(/\/$/, '').length);
  const route = ROUTES.find(
    (r) => r.method.toUpperCase() === x.method && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  return route && x.status === route.success.status ? route.success.schema : null;
}

const extraFieldsCheck: Check = {
  id: 'contract.no-extra-fields',
  title: 'answers carry only the fields the contract defines',
  section: '2, 4',
  level: 'SHOULD',
  needsWrite: false,
  async run(ctx) {
    await baseline(ctx);
    let judged = 0;
    for (const x of ctx.http.log) {
      const schema = x.json === undefined ? null : schemaOf(x, ctx.options.api);
      if (!schema) continue;
      const result = schema.safeParse(x.json);
      if (!result.success) continue; // a shape check reports that
      judged += 1;
      const extra = extraFields(x.json, result.data);
      if (extra.length) fail(`fields the contract does not define: ${extra.slice(0, 8).join(', ')}\n${describeExchange(x, 300)}`);
    }
    return `${judged} bodies compared with their schemas`;
  },
};

/** Every check, in the order they run (the scans last, so that they see every response). */
/**
 * Last of all: it revokes the suite's token. Only with --email and --code (the token is then the
 * suite's own); a token given with --token belongs to the integrator and is left alone.
 */
const signOut: Check = {
  id: 'auth.sign-out',
  title: 'POST …/auth/signout answers 204, and the token is 401 unauthorized from then on',
  section: '4, 4.4',
  level: 'MUST',
  needsWrite: false,
  async run(ctx) {
    if ((await ctx.signIn()) === null) skip('signed in with a given token, which signing out would revoke (use --email and --code to check it)');
    const token = await ctx.token();
    const me = await ctx.request('GET', '/me', { token });
    if (me.status !== 200) fail(`GET /me before signing out answered ${me.status}\n${describeExchange(me)}`);
    const out = await ctx.request('POST', '/auth/signout', { token });
    if (out.status !== 204) fail(`expected 204, got ${out.status}\n${describeExchange(out)}`);
    expectProblem(await ctx.request('GET', '/me', { token }), 'unauthorized', 'GET /me with the token after signing out');
  },
};

export const CHECKS: readonly Check[] = [
  ...shapes,
  ...auth,
  ...SESSION_CHECKS,
  ...problems,
  preflight,
  ...slots,
  offering,
  bookAndCancel,
  idempotency,
  decisionOrder,
  lastCredit,
  cancelWindow,
  ...RESCHEDULE_CHECKS,
  ...scans,
  extraFieldsCheck,
  signOut,
];
