/** Conformance checks: Problem answers: the exact code and status for what cannot be answered. */
import { formatInstant } from '../../src/rules/time.ts';
import { NO_SUCH, type Check } from '../check-kit.ts';
import { expectProblem, fail, skip } from '../context.ts';
import { describeExchange } from '../http.ts';

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

export const PROBLEM_CHECKS: readonly Check[] = problems;
