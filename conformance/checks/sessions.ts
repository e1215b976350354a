/**
 * Checks of the sign-in lifecycle and HTTP details (docs/rules.md "Sessions") that a backend shows
 * without locking a real client: they use addresses nobody holds, so a lock they cause holds no one
 * out. (Signing out is checked last, in checks.ts: it revokes the suite's own token.)
 */
import { Problem } from '../../src/contract/problems.ts';
import { NO_SUCH, type Check } from '../check-kit.ts';
import { expectProblem, fail, skip, type Context } from '../context.ts';
import { describeExchange, type Exchange } from '../http.ts';

/** A made-up address, new for every run. */
const nobody = () => `${NO_SUCH()}@example.invalid`;

const isTooMany = (x: Exchange) => x.status === 429 && Problem.safeParse(x.json).data?.code === 'too_many_attempts';

/** A 429 says when to try again: `Retry-After` in whole seconds, more than 0. */
function expectRetryAfter(x: Exchange, what: string): number {
  const value = x.headers.get('Retry-After');
  const seconds = value !== null && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(seconds > 0)) fail(`${what}: a 429 needs Retry-After in seconds, got ${JSON.stringify(value)}\n${describeExchange(x)}`);
  return seconds;
}

/** Asks for a sign-in code for `email` `times` times; the answers in order. */
async function askForCodes(ctx: Context, email: string, times: number): Promise<Exchange[]> {
  const answers: Exchange[] = [];
  for (let i = 0; i < times; i++) answers.push(await ctx.request('POST', '/auth/code', { body: { email } }));
  return answers;
}

export const SESSION_CHECKS: readonly Check[] = [
  {
    id: 'auth.www-authenticate',
    title: 'a 401 unauthorized carries WWW-Authenticate: Bearer',
    section: '4.4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      for (const token of [undefined, NO_SUCH()]) {
        const x = await ctx.request('GET', '/me', { token });
        expectProblem(x, 'unauthorized', `GET /me ${token ? 'with an unknown token' : 'without a token'}`);
        if (!/^Bearer\b/i.test(x.headers.get('WWW-Authenticate') ?? '')) fail(`the 401 has no "WWW-Authenticate: Bearer"\n${describeExchange(x)}`);
      }
    },
  },
  {
    id: 'auth.code-request-limit',
    title: 'more than 5 code requests for one address within 15 minutes are 429 too_many_attempts with Retry-After (an unknown address too)',
    section: '4.4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const answers = await askForCodes(ctx, nobody(), 6);
      answers.slice(0, 5).forEach((x, i) => {
        if (x.status !== 202) fail(`code request ${i + 1} of 5 allowed: expected 202, got ${x.status}\n${describeExchange(x)}`);
      });
      const sixth = answers[5]!;
      expectProblem(sixth, 'too_many_attempts', 'the sixth code request for one address');
      return `Retry-After ${expectRetryAfter(sixth, 'the sixth code request')} s`;
    },
  },
  {
    id: 'auth.lockout',
    title: 'after 5 wrong codes for one address, sign-in for it is 429 too_many_attempts with Retry-After',
    section: '4.4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      // An address nobody holds: the lock it causes keeps no client out.
      const email = nobody();
      for (let i = 1; i <= 5; i++) {
        const x = await ctx.request('POST', '/auth/token', { body: { email, code: '000000' } });
        if (isTooMany(x)) skip(`wrong code ${i} was already 429: the backend limits wrong codes from this network address, and earlier runs used them up`);
        expectProblem(x, 'invalid_code', `wrong code ${i} of 5`);
      }
      const locked = await ctx.request('POST', '/auth/token', { body: { email, code: '000000' } });
      expectProblem(locked, 'too_many_attempts', 'a sixth code after 5 wrong ones');
      return `Retry-After ${expectRetryAfter(locked, 'the locked sign-in')} s`;
    },
  },
  {
    id: 'problem.own-parameters',
    title: 'query parameters are read as own, named parameters: ?constructor=1 and ?__proto__=x are 400 validation_failed',
    section: '4.4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const [chain] = (await ctx.catalog()).chains;
      if (!chain) skip('the catalog has no chains');
      const { today } = await ctx.practice();
      for (const extra of ['constructor=1', '__proto__=x', 'hasOwnProperty=1']) {
        const x = await ctx.request('GET', `/chains/${encodeURIComponent(chain.id)}/slots?from=${today}&to=${today}&${extra}`);
        expectProblem(x, 'validation_failed', `the slots query with ?${extra}`);
      }
    },
  },
];
