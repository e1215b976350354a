/** Conformance checks: signing in (a token for a code, a wrong code, no token) and, last of the whole suite, signing out. */
import { AuthTokenResponse } from '../../src/contract/api.ts';
import { Problem } from '../../src/contract/problems.ts';
import { addDays } from '../../src/rules/time.ts';
import { key, NO_SUCH, type Check } from '../check-kit.ts';
import { expectJson, expectProblem, fail, skip } from '../context.ts';
import { describeExchange } from '../http.ts';

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

export const AUTH_CHECKS: readonly Check[] = auth;

/** Last of the whole suite: it revokes the suite's own token. */
export { signOut as SIGN_OUT_CHECK };

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
