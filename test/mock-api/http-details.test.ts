/**
 * SPEC 4.4's HTTP details in the mock's handlers: every 401 says how to authenticate, every 429
 * when to try again, sign-out revokes, and query parameters are read as own, named ones only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getResponse } from 'msw';
import { Problem } from '../../src/contract/problems.ts';
import { createHandlers } from '../../mock-api/handlers.ts';
import { ATTEMPT_LOCK_MS, CODE_LIFETIME_MS, CODE_REQUEST_WINDOW_MS, MAX_CODE_REQUESTS, MockStore } from '../../mock-api/store.ts';
import { readDemo } from '../support/demo.ts';
import { readFixture } from './support.ts';

const BASE = 'http://127.0.0.1:4010/practices/physio-berlin';

function setup() {
  const store = new MockStore(readDemo());
  const handlers = createHandlers(store);
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await getResponse(handlers, new Request(`${BASE}${path}`, init));
    assert.ok(response, `no response for ${path}`);
    return response;
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { store, call, post };
}

const codeOf = async (response: Response) => Problem.parse(await response.json()).code;

describe('mock API: HTTP details of SPEC 4.4', () => {
  it('every 401 carries WWW-Authenticate: Bearer (no token, an unknown token, a wrong code)', async () => {
    const { call, post } = setup();
    for (const response of [
      await call('/me'),
      await call('/bookings', { headers: { Authorization: 'Bearer nobody' } }),
      await post('/auth/token', { email: 'anna.schmidt@example.com', code: '000000' }),
    ]) {
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('WWW-Authenticate'), 'Bearer');
    }
    const ok = await call('/me', { headers: { Authorization: 'Bearer demo-berlin-anna' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('WWW-Authenticate'), null, 'only on a 401');
  });

  it('a 429 says in Retry-After how many seconds the lock still lasts', async () => {
    const { post } = setup();
    const wrong = { email: 'anna.schmidt@example.com', code: '000000' };
    for (let i = 0; i < 5; i++) assert.equal((await post('/auth/token', wrong)).status, 401);
    const locked = await post('/auth/token', wrong);
    assert.equal(locked.status, 429);
    assert.equal(await codeOf(locked), 'too_many_attempts');
    const seconds = Number(locked.headers.get('Retry-After'));
    assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= ATTEMPT_LOCK_MS / 1000, `Retry-After: ${locked.headers.get('Retry-After')}`);
  });

  it('POST …/auth/signout answers 204 and the token is refused from then on; without a token it is 401', async () => {
    const { call, post } = setup();
    const signIn = await post('/auth/token', { email: 'anna.schmidt@example.com', code: '482913' });
    const { token } = (await signIn.json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    assert.equal((await call('/me', { headers: auth })).status, 200);
    const out = await call('/auth/signout', { method: 'POST', headers: auth });
    assert.equal(out.status, 204);
    assert.equal(await out.text(), '');
    const after = await call('/me', { headers: auth });
    assert.equal(after.status, 401);
    assert.equal(await codeOf(after), 'unauthorized');
    assert.equal((await call('/auth/signout', { method: 'POST', headers: auth })).status, 401, 'a revoked token cannot sign out again');
    assert.equal((await call('/auth/signout', { method: 'POST' })).status, 401);
    assert.equal((await call('/me', { headers: { Authorization: 'Bearer demo-berlin-jonas' } })).status, 200, "another client's session lives on");
  });

  it('reads query parameters as own, named ones: ?constructor=1 and ?__proto__= are unknown parameters', async () => {
    const { call } = setup();
    for (const extra of ['constructor=1', '__proto__=x', 'toString=1', 'hasOwnProperty=', 'foo=1']) {
      const response = await call(`/chains/massage-folgetermin/slots?from=2026-11-25&to=2026-11-26&${extra}`);
      assert.equal(response.status, 400, extra);
      const body = (await response.json()) as { code: string; errors: { path: string }[] };
      assert.equal(body.code, 'validation_failed');
      assert.deepEqual(body.errors.map((e) => e.path), [`query.${extra.split('=')[0]}`], extra);
    }
    assert.equal((await call('/chains/massage-folgetermin/slots?from=2026-11-25&to=2026-11-26&participants=1')).status, 200);
  });
});

describe('mock API: the sign-in lifecycle of SPEC 4.4 (on an injected security clock)', () => {
  const P = 'http://mock/practices/test-physio';
  function lifecycle() {
    let clock = Date.parse('2026-12-01T12:00:00Z');
    const codes: string[] = [];
    const store = new MockStore(readFixture(), { securityClock: () => clock, onLoginCode: ({ code }) => codes.push(code) });
    const handlers = createHandlers(store);
    const post = async (path: string, body: unknown) => (await getResponse(handlers, new Request(`${P}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })))!;
    const email = 'lisa.last@example.test'; // no fixed loginCode: codes are emailed
    return {
      advance: (ms: number) => (clock += ms),
      codes,
      requestCode: (address = email) => post('/auth/code', { email: address }),
      signIn: (code: string, address = email) => post('/auth/token', { email: address, code }),
    };
  }

  it('an emailed code is valid for 10 minutes', async () => {
    const x = lifecycle();
    assert.equal((await x.requestCode()).status, 202);
    x.advance(CODE_LIFETIME_MS);
    assert.equal((await x.signIn(x.codes[0]!)).status, 401, 'expired after 10 minutes');
    assert.equal((await x.requestCode()).status, 202);
    x.advance(CODE_LIFETIME_MS - 1);
    assert.equal((await x.signIn(x.codes[1]!)).status, 200, 'valid just before');
  });

  it('a code signs in once; a new code replaces the earlier ones', async () => {
    const x = lifecycle();
    await x.requestCode();
    await x.requestCode();
    const [first, second] = x.codes;
    // (Two random codes are equal once in a million: then there is nothing to tell apart.)
    if (first !== second) assert.equal((await x.signIn(first!)).status, 401, 'the earlier code no longer works');
    assert.equal((await x.signIn(second!)).status, 200);
    assert.equal((await x.signIn(second!)).status, 401, 'used once');
  });

  it('5 wrong codes invalidate the emailed code and lock the address for 15 minutes', async () => {
    const x = lifecycle();
    await x.requestCode();
    for (let i = 0; i < 5; i++) assert.equal((await x.signIn(x.codes[0] === '000000' ? '111111' : '000000')).status, 401);
    assert.equal((await x.signIn(x.codes[0]!)).status, 429, 'locked, even with the right code');
    x.advance(ATTEMPT_LOCK_MS);
    assert.equal((await x.signIn(x.codes[0]!)).status, 401, 'the lock ended, but that code was invalidated');
    await x.requestCode();
    assert.equal((await x.signIn(x.codes[1]!)).status, 200, 'a new code works');
  });

  it('at most 5 code requests per address per 15 minutes, answered alike for known and unknown addresses', async () => {
    const x = lifecycle();
    for (const address of ['lisa.last@example.test', 'nobody@example.invalid']) {
      for (let i = 0; i < MAX_CODE_REQUESTS; i++) assert.equal((await x.requestCode(address)).status, 202, `${address} #${i + 1}`);
      const limited = await x.requestCode(address);
      assert.equal(limited.status, 429, address);
      assert.equal(await codeOf(limited), 'too_many_attempts');
      assert.ok(Number(limited.headers.get('Retry-After')) >= 1, 'says when to ask again');
    }
    assert.equal(x.codes.length, MAX_CODE_REQUESTS, 'the limited requests emailed nothing');
    assert.equal((await x.requestCode('LISA.Last@example.test')).status, 429, 'the same address in other letter case');
    x.advance(CODE_REQUEST_WINDOW_MS);
    assert.equal((await x.requestCode()).status, 202, 'again after 15 minutes');
  });
});
