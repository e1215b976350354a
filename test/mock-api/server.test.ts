/**
 * Black-box tests of the standalone mock API (SPEC 4 and 5): the real `mock-api/cli.ts` process on
 * a free port, serving test/mock-api/fixtures/test-dataset.json, spoken to with global fetch.
 *
 * The fixture (all times Europe/Berlin):
 * - practice `test-physio`: open every day 08:00–12:00 and 13:15–18:00, 30-minute grid, closed on
 *   2026-03-31; minLeadMinutes 120, maxAdvanceDays 30, cancelUntilHours 24. The dataset clock is
 *   Friday 2026-03-27 09:00 +01:00, two days before the spring change (Sunday 2026-03-29).
 *   A second server runs with `--now 2026-10-23T09:10:00+02:00`, two days before the autumn change.
 * - chains: `single` (massage 30 min), `long` (60 min), `followup` (requires a #Massage package),
 *   `card-start` (prevented by #Massage, always creates a "5x Massage" package), `intensive`
 *   (day 1 assessment at the start, day 2 training fixed 09:00, day 3 massage at the start's clock
 *   time), `group` (yoga per participant, up to 3), `desk` (a value card: desk only).
 * - practice `other-practice`: a second practice whose client has the same email as Alice.
 *
 * Every test starts its own server from the fixture and makes the bookings it reads: none depends
 * on another's state or on the order the tests run in. (The practice is one shared calendar: any
 * booking blocks other chains' overlapping starts.)
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import {
  AuthTokenResponse,
  BookingResponse,
  BookingsResponse,
  CatalogResponse,
  MeResponse,
  PracticeResponse,
  SlotsResponse,
} from '../../src/contract/api.ts';
import { Dataset } from '../../src/contract/dataset.ts';
import { Booking, Package } from '../../src/contract/entities.ts';
import { PROBLEM_CODES } from '../../src/contract/problems.ts';
import {
  Api,
  at,
  describeReply,
  expectBody,
  expectInvalid,
  expectProblem,
  FIXTURE_PATH,
  grid,
  internalNotes,
  problemCodesSeen,
  readFixture,
  recorded,
  runCli,
  startServer,
  type MockServer,
} from './support.ts';

const fixture = readFixture();
const physio = fixture.practices.find((p) => p.practice.id === 'test-physio')!;
const customer = (id: string) => physio.customers.find((c) => c.id === id)!;

const P = '/practices/test-physio';
const OTHER = '/practices/other-practice';
const HOUR = 3_600_000;

const TOKEN = {
  lisa: 'tok-lisa-0001',
  bruno: 'tok-bruno-0001',
  paula: 'tok-paula-0001',
  nora: 'tok-nora-0001',
  carl: 'tok-carl-0001',
  rita: 'tok-rita-0001',
  cleo: 'tok-cleo-0001',
  otto: 'tok-otto-0001',
  elsewhere: 'tok-elsewhere-0001',
} as const;

/** Starts of a 30-minute step on an ordinary day: 08:00 … 11:30 and 13:15 … 17:15 (17 starts). */
const DAY_30 = [...grid('08:00', '12:00', 30, 30), ...grid('13:15', '18:00', 30, 30)];
/** Starts of a 60-minute step: 08:00 … 11:00 and 13:15 … 16:45 (15 starts). */
const DAY_60 = [...grid('08:00', '12:00', 30, 60), ...grid('13:15', '18:00', 30, 60)];

const key = () => randomUUID();

function booking(chainId: string, start: string, participants = 1, packageId?: string | null) {
  return packageId === undefined ? { chainId, start, participants } : { chainId, start, participants, packageId };
}

describe('test dataset', () => {
  it('is a valid dataset (Dataset schema) with the layout the tests rely on', () => {
    const parsed = Dataset.safeParse(fixture);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(DAY_30.length, 17);
    assert.equal(DAY_60.length, 15);
    assert.equal(internalNotes(fixture).length, 7);
  });
});

describe('mock API CLI', () => {
  it('--help exits 0 and prints usage naming --data, --port, --host and --now', async () => {
    const result = await runCli(['--help']);
    assert.equal(result.code, 0, result.stderr);
    for (const flag of ['--data', '--port', '--host', '--now']) assert.ok(result.stdout.includes(flag), `usage lacks ${flag}:\n${result.stdout}`);
  });

  it('--port abc exits 2 with usage on stderr', async () => {
    const result = await runCli(['--port', 'abc', '--data', FIXTURE_PATH]);
    assert.equal(result.code, 2, result.stderr);
    assert.ok(result.stderr.includes('--port'), result.stderr);
    assert.ok(!result.stdout.includes('API base URL'), 'it must not start serving');
  });

  it('an unknown flag exits 2 with usage on stderr', async () => {
    const result = await runCli(['--bogus']);
    assert.equal(result.code, 2, result.stderr);
    assert.ok(result.stderr.includes('--data'), `usage expected on stderr:\n${result.stderr}`);
  });

  it('a dataset with a bad field exits 1 naming the file and the JSON path, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-mock-'));
    try {
      const file = join(dir, 'broken-dataset.json');
      const broken = readFixture();
      (broken.practices[0]!.catalog.services[0] as { price: unknown }).price = -5;
      writeFileSync(file, JSON.stringify(broken));
      const result = await runCli(['--port', '0', '--data', file]);
      assert.equal(result.code, 1, `exit ${result.code}\n${result.stderr}`);
      assert.ok(result.stderr.includes(file), `stderr does not name ${file}:\n${result.stderr}`);
      assert.ok(result.stderr.includes('practices[0].catalog.services[0].price'), `stderr does not name the path:\n${result.stderr}`);
      assert.ok(!result.stderr.includes('    at '), `stack trace on stderr:\n${result.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing dataset file exits 1 naming it', async () => {
    const file = join(tmpdir(), `punchcard-no-such-${randomUUID()}.json`);
    const result = await runCli(['--port', '0', '--data', file]);
    assert.equal(result.code, 1, result.stderr);
    assert.ok(result.stderr.includes(file), result.stderr);
    assert.ok(!result.stderr.includes('    at '), result.stderr);
  });
});

// =====================================================================================
describe('mock API server on the dataset clock (Fri 2026-03-27 09:00 +01:00)', () => {
  let server: MockServer;
  let api: Api;

  // A server of its own for every test, started from the fixture: no test sees another's
  // bookings, codes or locks, whatever the order.
  beforeEach(async () => {
    server = await startServer();
    api = new Api(server.base, { secrets: internalNotes(fixture) });
  });
  afterEach(async () => {
    await server?.stop();
  });

  const slots = async (chainId: string, from: string, to: string, participants?: number, token?: string) => {
    const query = `from=${from}&to=${to}${participants === undefined ? '' : `&participants=${participants}`}`;
    const body = expectBody(await api.get(`${P}/chains/${chainId}/slots?${query}`, { token }), SlotsResponse);
    const times = body.slots.map((s) => Date.parse(s.start));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'slots must be sorted by start');
    return body;
  };
  const starts = async (chainId: string, from: string, to: string, participants?: number) =>
    (await slots(chainId, from, to, participants)).slots.map((s) => s.start);
  const me = async (token: string) => expectBody(await api.get(`${P}/me`, { token }), MeResponse);
  const myBookings = async (token: string) => expectBody(await api.get(`${P}/bookings`, { token }), BookingsResponse).bookings;
  const book = (token: string, body: unknown, idempotencyKey = key()) => api.post(`${P}/bookings`, body, { token, key: idempotencyKey });
  const cancel = (token: string | undefined, bookingId: string) => api.call('POST', `${P}/bookings/${bookingId}/cancel`, { token });

  // ------------------------------------------------------------------ practice, catalog
  describe('practice, catalog, routing, CORS', () => {
    it('GET /practices/{p} answers the practice with serverTime from the dataset clock and no schedule', async () => {
      const reply = await api.get(P);
      const body = expectBody(reply, PracticeResponse);
      const { schedule: _schedule, ...expected } = physio.practice;
      // The test dataset gives no contact: null, not left out.
      assert.deepEqual(body, { ...expected, contact: null, serverTime: '2026-03-27T09:00:00+01:00' });
      assert.equal((reply.json as { contact?: unknown }).contact, null);
      assert.equal('schedule' in (reply.json as object), false);
    });

    it('GET /practices/{p}/catalog answers the whole catalog with an ETag; If-None-Match answers 304 with an empty body', async () => {
      const first = await api.get(`${P}/catalog`);
      assert.deepEqual(expectBody(first, CatalogResponse), CatalogResponse.parse(physio.catalog));
      const etag = first.headers.get('ETag');
      assert.ok(etag, 'no ETag');
      const second = await api.get(`${P}/catalog`);
      assert.equal(second.headers.get('ETag'), etag, 'the ETag must be stable while the catalog is');
      const notModified = await api.get(`${P}/catalog`, { headers: { 'If-None-Match': etag } });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.text, '');
      const stale = await api.get(`${P}/catalog`, { headers: { 'If-None-Match': '"not-the-etag"' } });
      assert.equal(stale.status, 200);
      const otherTag = (await api.get(`${OTHER}/catalog`)).headers.get('ETag');
      assert.notEqual(otherTag, etag, 'another catalog needs another ETag');
    });

    const unknown: [string, string][] = [
      ['GET', '/practices/nowhere'],
      ['GET', '/practices/nowhere/catalog'],
      ['GET', '/practices/nowhere/chains/single/slots?from=2026-04-01&to=2026-04-01'],
      ['GET', `${P}/chains/no-such-chain/slots?from=2026-04-01&to=2026-04-01`],
      ['GET', `${P}/no-such-route`],
      ['GET', '/no-such-route'],
      ['POST', `${P}/bookings/bk-no-such-booking/cancel`],
    ];
    for (const [method, path] of unknown) {
      it(`answers an unknown practice, chain, booking or route with 404 not_found: ${method} ${path}`, async () => {
        expectProblem(await api.call(method, path, { token: TOKEN.bruno }), 'not_found');
      });
    }

    const wrongMethods: [string, string, string][] = [
      ['PUT', `${P}/bookings`, 'GET, HEAD, POST, OPTIONS'],
      ['DELETE', P, 'GET, HEAD, OPTIONS'],
      ['PATCH', `${P}/me`, 'GET, HEAD, OPTIONS'],
      ['GET', `${P}/auth/code`, 'POST, OPTIONS'],
      ['HEAD', `${P}/bookings/bk-carl-late/cancel`, 'POST, OPTIONS'],
      ['DELETE', '/practices/nowhere/catalog', 'GET, HEAD, OPTIONS'],
    ];
    for (const [method, path, allow] of wrongMethods) {
      it(`answers a path of the contract asked with another method with 405 method_not_allowed and Allow: ${method} ${path}`, async () => {
        const reply = await api.call(method, path, { token: TOKEN.bruno });
        assert.equal(reply.status, 405, describeReply(reply));
        assert.equal(reply.headers.get('Allow'), allow);
        if (method !== 'HEAD') expectProblem(reply, 'method_not_allowed');
      });
    }

    it('answers HEAD as GET, without the body: status, type, ETag and length of the GET answer', async () => {
      for (const path of [P, `${P}/catalog`, '/practices/nowhere']) {
        const get = await api.call('GET', path);
        const head = await api.call('HEAD', path);
        assert.equal(head.status, get.status, path);
        assert.equal(head.text, '', `a HEAD answer has no body: ${path}`);
        for (const name of ['Content-Type', 'ETag', 'Content-Length']) assert.equal(head.headers.get(name), get.headers.get(name), `${name} of ${path}`);
      }
    });

    it('answers a CORS preflight with 204, allowing GET, POST and the headers Authorization, Content-Type, Idempotency-Key, If-None-Match', async () => {
      const reply = await api.call('OPTIONS', `${P}/bookings`, {
        headers: {
          Origin: 'https://www.practice.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key,if-none-match',
        },
      });
      assert.equal(reply.status, 204);
      assert.equal(reply.headers.get('Access-Control-Allow-Origin'), '*');
      const methods = (reply.headers.get('Access-Control-Allow-Methods') ?? '').split(',').map((m) => m.trim().toUpperCase());
      for (const method of ['GET', 'POST']) assert.ok(methods.includes(method), `preflight does not allow ${method}: ${methods}`);
      const headers = (reply.headers.get('Access-Control-Allow-Headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
      for (const header of ['authorization', 'content-type', 'idempotency-key', 'if-none-match']) {
        assert.ok(headers.includes(header), `preflight does not allow ${header}: ${headers}`);
      }
      const exposed = (reply.headers.get('Access-Control-Expose-Headers') ?? '').toLowerCase();
      assert.ok(exposed.includes('etag'), 'ETag must be exposed');
    });
  });

  // ------------------------------------------------------------------ sign-in
  describe('sign-in', () => {
    it('POST auth/code answers 202 with an empty body for a known and an unknown address', async () => {
      for (const email of ['alice.auth@example.test', 'nobody-here@example.test']) {
        const reply = await api.post(`${P}/auth/code`, { email });
        assert.equal(reply.status, 202, `${email}: ${reply.text}`);
        assert.equal(reply.text, '');
      }
    });

    it('POST auth/code with a malformed email is validation_failed at body.email', async () => {
      expectInvalid(await api.post(`${P}/auth/code`, { email: 'not-an-email' }), ['body.email']);
    });

    it('POST auth/token with a missing code is validation_failed at body.code', async () => {
      expectInvalid(await api.post(`${P}/auth/token`, { email: 'alice.auth@example.test' }), ['body.code']);
    });

    it('the dataset loginCode signs in; the token expires 12 h later on the real clock (not the fixed calendar) and opens /me', async () => {
      const before = Math.floor(Date.now() / 1000) * 1000;
      const body = expectBody(await api.post(`${P}/auth/token`, { email: 'alice.auth@example.test', code: '246810' }), AuthTokenResponse);
      assert.deepEqual(body.customer, { id: 'alice-auth', displayName: 'Alice Auth', email: 'alice.auth@example.test' });
      // SPEC 4.4: expiresAt is on the real clock, in the mock too, whose calendar stands still.
      const expires = Date.parse(body.expiresAt);
      assert.ok(expires >= before + 12 * HOUR && expires <= Date.now() + 12 * HOUR, body.expiresAt);
      const mine = await me(body.token);
      assert.equal(mine.customer.id, 'alice-auth');
      assert.deepEqual(mine.packages, []);
      // The same address exists at the other practice: this practice's token is no good there.
      expectProblem(await api.get(`${OTHER}/me`, { token: body.token }), 'unauthorized');
    });

    it('a client without loginCode gets a random 6-digit code per request, printed on stdout, that signs in', async () => {
      const mark = server.stdout().length;
      assert.equal((await api.post(`${P}/auth/code`, { email: 'rolf.random@example.test' })).status, 202);
      const [, code] = await server.waitForOutput(/login code for rolf\.random@example\.test at test-physio: (\S+)/, mark);
      assert.match(code!, /^\d{6}$/);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      expectProblem(await api.post(`${P}/auth/token`, { email: 'rolf.random@example.test', code: wrong }), 'invalid_code');
      const body = expectBody(await api.post(`${P}/auth/token`, { email: 'rolf.random@example.test', code }), AuthTokenResponse);
      assert.equal(body.customer.id, 'rolf-random');
      assert.equal((await me(body.token)).customer.email, 'rolf.random@example.test');
    });

    it('a wrong code or an unknown address is 401 invalid_code', async () => {
      expectProblem(await api.post(`${P}/auth/token`, { email: 'alice.auth@example.test', code: '000000' }), 'invalid_code');
      expectProblem(await api.post(`${P}/auth/token`, { email: 'nobody-here@example.test', code: '246810' }), 'invalid_code');
    });

    it('after 5 wrong codes for one address every attempt is 429 too_many_attempts, even with the right code; other addresses are unaffected', async () => {
      for (let i = 1; i <= 5; i++) {
        const reply = await api.post(`${P}/auth/token`, { email: 'wanda.wrong@example.test', code: `00000${i}` });
        expectProblem(reply, 'invalid_code');
      }
      expectProblem(await api.post(`${P}/auth/token`, { email: 'wanda.wrong@example.test', code: '135790' }), 'too_many_attempts');
      expectProblem(await api.post(`${P}/auth/token`, { email: 'wanda.wrong@example.test', code: '000009' }), 'too_many_attempts');
      expectBody(await api.post(`${P}/auth/token`, { email: 'alice.auth@example.test', code: '246810' }), AuthTokenResponse);
    });

    it("a token of another practice is 401 unauthorized (it works at its own practice)", async () => {
      expectProblem(await api.get(`${P}/me`, { token: TOKEN.elsewhere }), 'unauthorized');
      const own = expectBody(await api.get(`${OTHER}/me`, { token: TOKEN.elsewhere }), MeResponse);
      assert.equal(own.customer.id, 'alice-elsewhere');
    });

    it('a missing or unknown bearer token is 401 unauthorized on /me, GET and POST /bookings and cancel', async () => {
      expectProblem(await api.get(`${P}/me`), 'unauthorized');
      expectProblem(await api.get(`${P}/me`, { token: 'no-such-token-123' }), 'unauthorized');
      expectProblem(await api.get(`${P}/bookings`), 'unauthorized');
      expectProblem(await api.post(`${P}/bookings`, booking('single', '2026-04-07T10:00:00+02:00'), { key: key() }), 'unauthorized');
      expectProblem(await cancel(undefined, 'bk-carl-late'), 'unauthorized');
      expectProblem(await cancel('no-such-token-123', 'bk-carl-late'), 'unauthorized');
    });
  });

  // ------------------------------------------------------------------ /me
  describe('GET /me', () => {
    it('answers the client, every package (without staff notes) and the null bonus account', async () => {
      const reply = await api.get(`${P}/me`, { token: TOKEN.nora });
      const body = expectBody(reply, MeResponse);
      const nora = customer('nora-notes');
      assert.deepEqual(body.customer, { id: nora.id, displayName: nora.displayName, email: nora.email });
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual([...body.packages].sort(byId), nora.packages.map((p) => Package.parse(p)).sort(byId));
      assert.equal(body.bonus, null);
      assert.ok(!reply.text.includes('internalNote'), 'internalNote key in /me');
      assert.ok(!reply.text.includes('STAFF-ONLY'), 'a staff note in /me');
      assert.ok(reply.text.includes('Please use unscented oil.'), 'the customerNote is for the client and must be sent');
    });

    it("answers a stamps bonus account as the dataset holds it", async () => {
      const body = await me(TOKEN.bruno);
      assert.deepEqual(body.bonus, customer('bruno-bonus').bonus);
      assert.deepEqual(body.packages, []);
    });
  });

  // ------------------------------------------------------------------ slots
  describe('GET /chains/{c}/slots', () => {
    it('today: the first start is exactly now + minLeadMinutes (11:00), and a booking blocks its own and other chains’ overlapping starts', async () => {
      // Carl's dataset booking of `single` holds 16:15–16:45 today.
      const single = await slots('single', '2026-03-27', '2026-03-27');
      assert.deepEqual(
        single.slots.map((s) => s.start),
        at('2026-03-27', '+01:00', ['11:00', '11:30', '13:15', '13:45', '14:15', '14:45', '15:15', '15:45', '16:45', '17:15']),
      );
      assert.deepEqual(single.slots[0]!.steps, [{ serviceId: 'massage', start: '2026-03-27T11:00:00+01:00', end: '2026-03-27T11:30:00+01:00' }]);
      // 60 minutes: 15:15 ends as Carl's booking starts (offered), 15:45 and 16:15 overlap it (not).
      assert.deepEqual(
        await starts('long', '2026-03-27', '2026-03-27'),
        at('2026-03-27', '+01:00', ['11:00', '13:15', '13:45', '14:15', '14:45', '15:15', '16:45']),
      );
    });

    it('spring change: Saturday 2026-03-28 at +01:00 and Sunday 2026-03-29 at +02:00 on the same wall-clock grid', async () => {
      const list = await starts('single', '2026-03-28', '2026-03-29');
      assert.deepEqual(list, [...at('2026-03-28', '+01:00', DAY_30), ...at('2026-03-29', '+02:00', DAY_30)]);
      assert.ok(list.includes('2026-03-29T08:00:00+02:00'));
      assert.ok(!list.includes('2026-03-29T08:00:00+01:00'));
    });

    it("a three-day chain's steps keep their wall-clock times across the spring change (day 2 fixed 09:00, day 3 at the start's time)", async () => {
      const body = await slots('intensive', '2026-03-28', '2026-03-28');
      assert.deepEqual(
        body.slots.map((s) => s.start),
        at('2026-03-28', '+01:00', DAY_30),
      );
      const ten = body.slots.find((s) => s.start === '2026-03-28T10:00:00+01:00');
      assert.ok(ten, 'no slot at 10:00');
      assert.deepEqual(ten.steps, [
        { serviceId: 'assessment', start: '2026-03-28T10:00:00+01:00', end: '2026-03-28T10:30:00+01:00' },
        { serviceId: 'training', start: '2026-03-29T09:00:00+02:00', end: '2026-03-29T10:00:00+02:00' },
        { serviceId: 'massage', start: '2026-03-30T10:00:00+02:00', end: '2026-03-30T10:30:00+02:00' },
      ]);
      for (const slot of body.slots) assert.equal(slot.steps[1]!.start, '2026-03-29T09:00:00+02:00');
    });

    it('a closed date offers nothing, and a multi-day chain with a step on it is not offered on the days before', async () => {
      assert.deepEqual(
        await starts('single', '2026-03-30', '2026-04-01'),
        [...at('2026-03-30', '+02:00', DAY_30), ...at('2026-04-01', '+02:00', DAY_30)],
      );
      // Booked on 03-29 its day 3 is 03-31; booked on 03-30 its day 2 is.
      assert.deepEqual(await starts('intensive', '2026-03-29', '2026-03-31'), []);
    });

    it('lunch break: a 60-minute chain ends by 12:00 and restarts on the afternoon grid from 13:15', async () => {
      const list = await starts('long', '2026-04-02', '2026-04-02');
      assert.deepEqual(list, at('2026-04-02', '+02:00', DAY_60));
      assert.ok(list.includes('2026-04-02T11:00:00+02:00'));
      assert.ok(!list.includes('2026-04-02T11:30:00+02:00'), '11:30–12:30 runs into lunch');
      assert.ok(!list.includes('2026-04-02T13:00:00+02:00'));
      assert.ok(list.includes('2026-04-02T13:15:00+02:00'));
      assert.equal(list.at(-1), '2026-04-02T16:45:00+02:00');
    });

    it('the last bookable day is today + maxAdvanceDays (2026-04-26)', async () => {
      assert.deepEqual(await starts('single', '2026-04-26', '2026-04-27'), at('2026-04-26', '+02:00', DAY_30));
    });

    it('needs no sign-in, and a token does not change the answer; participants defaults to 1', async () => {
      const anonymous = await slots('single', '2026-04-20', '2026-04-20');
      assert.equal(anonymous.slots.length, 17);
      assert.deepEqual(await slots('single', '2026-04-20', '2026-04-20', undefined, TOKEN.bruno), anonymous);
      assert.deepEqual(await slots('group', '2026-04-20', '2026-04-20'), await slots('group', '2026-04-20', '2026-04-20', 1));
    });

    it('a 62-day query (from … to inclusive) is accepted', async () => {
      const list = await starts('single', '2026-04-01', '2026-06-01');
      assert.equal(list[0], '2026-04-01T08:00:00+02:00');
      assert.ok(list.at(-1)!.startsWith('2026-04-26T'), 'nothing after today + maxAdvanceDays');
    });

    const invalid: [string, string, string[]][] = [
      ['from and to missing', 'single?', ['query.from', 'query.to']],
      ['from not a date', 'single?from=2026-02-30&to=2026-03-30', ['query.from']],
      ['to before from', 'single?from=2026-04-10&to=2026-04-09', ['query.to']],
      ['63 days', 'single?from=2026-04-01&to=2026-06-02', ['query.to']],
      ['participants 0', 'single?from=2026-04-01&to=2026-04-01&participants=0', ['query.participants']],
      ['participants not a number', 'single?from=2026-04-01&to=2026-04-01&participants=abc', ['query.participants']],
      ['participants not whole', 'group?from=2026-04-01&to=2026-04-01&participants=1.5', ['query.participants']],
      ['participants above maxParticipants', 'group?from=2026-04-01&to=2026-04-01&participants=4', ['query.participants']],
      ['an unknown parameter', 'single?from=2026-04-01&to=2026-04-01&foo=1', ['query.foo']],
    ];
    for (const [what, query, paths] of invalid) {
      it(`answers a bad slots query with validation_failed at ${paths.join(' and ')}: ${what}`, async () => {
        expectInvalid(await api.get(`${P}/chains/${query.replace('?', '/slots?')}`), paths);
      });
    }
  });

  // ------------------------------------------------------------------ booking requests refused
  describe('POST /bookings: validation and the decision order', () => {
    it('lists every bad field at once: missing Idempotency-Key and participants "x"', async () => {
      const reply = await api.post(`${P}/bookings`, { chainId: 'single', start: '2026-04-07T10:00:00+02:00', participants: 'x' }, { token: TOKEN.bruno });
      expectInvalid(reply, ['header.Idempotency-Key', 'body.participants']);
    });

    it('lists every bad body field: chainId missing, start not an instant, participants 0, packageId a number', async () => {
      const reply = await book(TOKEN.bruno, { start: 'next tuesday', participants: 0, packageId: 5 });
      expectInvalid(reply, ['body.chainId', 'body.start', 'body.participants', 'body.packageId']);
      expectInvalid(await book(TOKEN.bruno, booking('single', '2026-04-07T10:00:00')), ['body.start']);
    });

    it('a body that is not JSON is validation_failed with one error at body', async () => {
      const reply = await api.call('POST', `${P}/bookings`, { token: TOKEN.bruno, key: key(), raw: '{"chainId": "single",' });
      const problem = expectProblem(reply, 'validation_failed');
      assert.deepEqual(problem.errors.map((e) => e.path), ['body']);
    });

    it('a body over 16 MiB is answered 413 validation_failed at body too, at once, and the server keeps serving', async () => {
      const raw = `{"padding":"${'x'.repeat(17 * 1024 * 1024)}"}`;
      const reply = await api.call('POST', `${P}/bookings`, { token: TOKEN.bruno, key: key(), raw });
      expectInvalid(reply, ['body'], 413);
      assert.equal((await api.call('GET', P)).status, 200);
    });

    it('a body over 64 KiB is 413 validation_failed at body', async () => {
      const raw = JSON.stringify({ ...booking('single', '2026-04-07T10:00:00+02:00'), padding: 'x'.repeat(70 * 1024) });
      const reply = await api.call('POST', `${P}/bookings`, { token: TOKEN.bruno, key: key(), raw });
      expectInvalid(reply, ['body'], 413);
    });

    // A closed date (2026-03-31) makes each of these fail the slot check (8) as well.
    const CLOSED = '2026-03-31T10:00:00+02:00';

    it('decision order: validation_failed (1) before unauthorized (2)', async () => {
      expectInvalid(await api.post(`${P}/bookings`, booking('single', CLOSED)), ['header.Idempotency-Key']);
    });

    it('decision order: unauthorized (2) before not_found (3)', async () => {
      expectProblem(await book('no-such-token-123', booking('no-such-chain', CLOSED)), 'unauthorized');
    });

    it("decision order: not_found (3) for an unknown chain or another client's package, before not_bookable_online (5)", async () => {
      expectProblem(await book(TOKEN.nora, booking('no-such-chain', CLOSED)), 'not_found');
      expectProblem(await book(TOKEN.nora, booking('desk', CLOSED, 1, 'pkg-rita-card')), 'not_found');
      expectProblem(await book(TOKEN.nora, booking('followup', CLOSED, 1, 'pkg-no-such-package')), 'not_found');
    });

    it('decision order: not_bookable_online (5) for a desk-only chain, before too_many_participants (6)', async () => {
      expectProblem(await book(TOKEN.nora, booking('desk', CLOSED, 5)), 'not_bookable_online');
      expectProblem(await book(TOKEN.nora, booking('desk', '2026-04-07T10:00:00+02:00')), 'not_bookable_online');
    });

    it('decision order: too_many_participants (6) before the package checks (7)', async () => {
      expectProblem(await book(TOKEN.otto, booking('followup', CLOSED, 2)), 'too_many_participants');
      expectProblem(await book(TOKEN.otto, booking('group', '2026-04-07T10:00:00+02:00', 4)), 'too_many_participants');
    });

    it('decision order: package_required (7) before slot_unavailable (8)', async () => {
      expectProblem(await book(TOKEN.otto, booking('followup', CLOSED)), 'package_required');
    });

    it('decision order: blocked_by_package (7) for a client holding a usable package of the type', async () => {
      expectProblem(await book(TOKEN.nora, booking('card-start', CLOSED)), 'blocked_by_package');
    });

    it('a named package of another type, or expired, is package_not_usable with its id', async () => {
      const otherType = expectProblem(await book(TOKEN.nora, booking('followup', CLOSED, 1, 'pkg-nora-training')), 'package_not_usable');
      assert.equal(otherType.packageId, 'pkg-nora-training');
      const expired = expectProblem(await book(TOKEN.nora, booking('followup', '2026-04-07T10:00:00+02:00', 1, 'pkg-nora-old')), 'package_not_usable');
      assert.equal(expired.packageId, 'pkg-nora-old');
    });

    it('a named package whose budget is too small is budget_exceeded with criterion, remaining and required', async () => {
      const problem = expectProblem(await book(TOKEN.nora, booking('followup', CLOSED, 1, 'pkg-nora-amount')), 'budget_exceeded');
      assert.deepEqual(
        { packageId: problem.packageId, criterion: problem.criterion, serviceId: problem.serviceId, remaining: problem.remaining, required: problem.required },
        { packageId: 'pkg-nora-amount', criterion: 'amount', serviceId: null, remaining: 3000, required: 5500 },
      );
    });

    const unavailable: [string, string][] = [
      ['before now + minLeadMinutes', '2026-03-27T10:30:00+01:00'],
      ['off the slot grid', '2026-04-07T10:10:00+02:00'],
      ['in the lunch break', '2026-04-07T12:30:00+02:00'],
      ['on a closed date', CLOSED],
      ['after today + maxAdvanceDays', '2026-04-27T10:00:00+02:00'],
      ["overlapping another client's booking", '2026-03-27T16:15:00+01:00'],
    ];
    for (const [what, start] of unavailable) {
      it(`a start that is not offered is 409 slot_unavailable: ${what}`, async () => {
        expectProblem(await book(TOKEN.bruno, booking('single', start)), 'slot_unavailable');
      });
    }
  });

  // ------------------------------------------------------------------ bookings made
  describe('POST /bookings, GET /bookings, cancel', () => {
    it('a start exactly at now + minLeadMinutes is bookable; without a bonus account bonusEarned is null', async () => {
      const body = expectBody(await book(TOKEN.otto, booking('single', '2026-03-27T11:00:00+01:00')), BookingResponse, 201);
      assert.equal(body.start, '2026-03-27T11:00:00+01:00');
      assert.equal(body.bonusEarned ?? null, null);
      assert.ok(!(await starts('single', '2026-03-27', '2026-03-27')).includes('2026-03-27T11:00:00+01:00'), 'the booked start is still offered');
    });

    it('the same Idempotency-Key with the same body returns the identical first answer and books once; with another body it is idempotency_key_reused', async () => {
      const k = key();
      const request = booking('single', '2026-04-03T10:00:00+02:00');
      const first = await book(TOKEN.bruno, request, k);
      const body = expectBody(first, BookingResponse, 201);
      assert.deepEqual(
        { ...body, id: 'x' },
        {
          id: 'x',
          chainId: 'single',
          status: 'booked',
          start: '2026-04-03T10:00:00+02:00',
          participants: 1,
          steps: [{ serviceId: 'massage', start: '2026-04-03T10:00:00+02:00', end: '2026-04-03T10:30:00+02:00' }],
          packageId: null,
          createdPackage: null,
          price: { total: 5500, due: 5500, currency: 'EUR' },
          bonusEarned: 1, // a stamps account earns 1 per booking
          note: null,
        },
      );
      const replay = await book(TOKEN.bruno, request, k);
      assert.equal(replay.status, 201);
      assert.deepEqual(replay.json, first.json);
      expectProblem(await book(TOKEN.bruno, booking('single', '2026-04-03T10:30:00+02:00'), k), 'idempotency_key_reused');
      // The replay check (4) comes before not_bookable_online (5).
      expectProblem(await book(TOKEN.bruno, booking('desk', '2026-04-03T10:00:00+02:00'), k), 'idempotency_key_reused');
      assert.deepEqual((await book(TOKEN.bruno, request, k)).json, first.json);
      const mine = (await myBookings(TOKEN.bruno)).filter((b) => b.start === '2026-04-03T10:00:00+02:00');
      assert.deepEqual(mine.map((b) => b.id), [body.id], 'booked more than once');
      assert.ok(!(await starts('single', '2026-04-03', '2026-04-03')).includes('2026-04-03T10:00:00+02:00'));
    });

    it('a points account earns Math.floor(price.total / 1000)', async () => {
      const body = expectBody(await book(TOKEN.paula, booking('single', '2026-04-03T11:00:00+02:00')), BookingResponse, 201);
      assert.equal(body.price.total, 5500);
      assert.equal(body.bonusEarned, 5);
    });

    it("another chain's overlapping booking blocks a group start even though the group has room", async () => {
      expectBody(await book(TOKEN.bruno, booking('single', '2026-04-03T10:00:00+02:00')), BookingResponse, 201);
      expectBody(await book(TOKEN.paula, booking('single', '2026-04-03T11:00:00+02:00')), BookingResponse, 201);
      // Now `single` holds 10:00–10:30 and 11:00–11:30; a group hour overlapping either is gone.
      const group = await starts('group', '2026-04-03', '2026-04-03', 1);
      assert.ok(group.includes('2026-04-03T09:00:00+02:00'), '09:00–10:00 only touches 10:00');
      for (const time of ['09:30', '10:00', '10:30', '11:00']) {
        assert.ok(!group.includes(`2026-04-03T${time}:00+02:00`), `${time} overlaps a booking of another chain`);
      }
    });

    it('group chain: participants of overlapping bookings add up to maxParticipants 3, then the start is gone', async () => {
      const D = '2026-04-01';
      const TEN = '2026-04-01T10:00:00+02:00';
      assert.ok((await starts('group', D, D, 3)).includes(TEN));
      const otto = expectBody(await book(TOKEN.otto, booking('group', TEN, 2)), BookingResponse, 201);
      assert.equal(otto.participants, 2);
      assert.deepEqual(otto.price, { total: 4000, due: 4000, currency: 'EUR' }, 'a per_participant step is charged per participant');
      assert.deepEqual(otto.steps, [{ serviceId: 'yoga', start: TEN, end: '2026-04-01T11:00:00+02:00' }]);

      assert.ok((await starts('group', D, D, 1)).includes(TEN), '2 + 1 ≤ 3');
      const forTwo = await starts('group', D, D, 2);
      assert.ok(!forTwo.includes(TEN), '2 + 2 > 3');
      assert.ok(!forTwo.includes('2026-04-01T09:30:00+02:00'), '09:30–10:30 overlaps 10:00–11:00');
      assert.ok(forTwo.includes('2026-04-01T09:00:00+02:00'), '09:00–10:00 only touches it');
      assert.ok(forTwo.includes('2026-04-01T11:00:00+02:00'), '11:00 only touches it');

      const bruno = expectBody(await book(TOKEN.bruno, booking('group', TEN, 1)), BookingResponse, 201);
      assert.equal(bruno.bonusEarned, 1);
      const forOne = await starts('group', D, D);
      assert.ok(!forOne.includes(TEN), '3 + 1 > 3');
      assert.ok(!forOne.includes('2026-04-01T10:30:00+02:00'));
      expectProblem(await book(TOKEN.paula, booking('group', TEN, 1)), 'slot_unavailable');

      // Another chain is blocked wherever it overlaps the group booking.
      const single = await starts('single', D, D);
      assert.ok(single.includes('2026-04-01T09:30:00+02:00'));
      assert.ok(!single.includes(TEN));
      assert.ok(!single.includes('2026-04-01T10:30:00+02:00'));
      assert.ok(single.includes('2026-04-01T11:00:00+02:00'));
    });

    it("GET /bookings lists the signed-in client's bookings only", async () => {
      const carl = await myBookings(TOKEN.carl);
      assert.deepEqual(carl, customer('carl-late').bookings.map((b) => Booking.parse(b)));
      assert.deepEqual(await myBookings(TOKEN.nora), []);
      expectBody(await book(TOKEN.paula, booking('single', '2026-04-03T11:00:00+02:00')), BookingResponse, 201);
      const paula = await myBookings(TOKEN.paula);
      assert.deepEqual(paula.map((b) => b.start), ['2026-04-03T11:00:00+02:00']);
    });

    it('a requires-chain booking uses the covering package; cancel returns its credit, reopens the slot, and a second cancel answers the same booking', async () => {
      const TEN = '2026-04-06T10:00:00+02:00';
      const body = expectBody(await book(TOKEN.rita, booking('followup', TEN)), BookingResponse, 201);
      assert.equal(body.packageId, 'pkg-rita-card');
      assert.equal(body.createdPackage, null);
      assert.deepEqual(body.price, { total: 5500, due: 0, currency: 'EUR' }, 'a per_package package: nothing due now');
      let pkg = (await me(TOKEN.rita)).packages.find((p) => p.id === 'pkg-rita-card')!;
      assert.deepEqual(pkg.usage, { appointments: 5, amount: 27500, services: [{ serviceId: 'massage', count: 5 }] });
      assert.equal(pkg.status, 'completed', 'the last credit used');
      assert.ok(!(await starts('single', '2026-04-06', '2026-04-06')).includes(TEN));

      const cancelled = expectBody(await cancel(TOKEN.rita, body.id), BookingResponse);
      assert.deepEqual(cancelled, { ...body, status: 'cancelled' });
      pkg = (await me(TOKEN.rita)).packages.find((p) => p.id === 'pkg-rita-card')!;
      assert.deepEqual(pkg.usage, { appointments: 4, amount: 22000, services: [{ serviceId: 'massage', count: 4 }] });
      assert.equal(pkg.status, 'in_progress', 'a cancellation that returns credit moves it back to in_progress');
      assert.ok((await starts('single', '2026-04-06', '2026-04-06')).includes(TEN), 'the slot is free again');
      assert.deepEqual((await myBookings(TOKEN.rita)).map((b) => [b.id, b.status]), [[body.id, 'cancelled']]);

      const again = expectBody(await cancel(TOKEN.rita, body.id), BookingResponse);
      assert.deepEqual(again, cancelled);
    });

    it('a booking that creates a package is assigned to it; cancelling it cancels the package too', async () => {
      const fixtureCodes = new Set(fixture.practices.flatMap((p) => p.customers.flatMap((c) => c.packages.map((pkg) => pkg.code))));
      const body = expectBody(await book(TOKEN.cleo, booking('card-start', '2026-04-06T11:00:00+02:00')), BookingResponse, 201);
      assert.ok(body.createdPackage, 'createdPackage missing');
      assert.equal(body.packageId, body.createdPackage);
      assert.equal(body.price.due, 20000, 'paid with the new per_package package: only the template price is due');
      assert.equal(body.price.total, 25500, "total: the massage plus the created card (docs/decisions.md)");

      const created = (await me(TOKEN.cleo)).packages.find((p) => p.id === body.createdPackage);
      assert.ok(created, 'the created package is not in /me');
      const template = physio.catalog.packageTemplates.find((t) => t.id === 'tpl-massage-5')!;
      assert.equal(created.status, 'in_progress');
      assert.equal(created.name, template.name);
      assert.equal(created.packageTypeId, 'massage-card');
      assert.equal(created.kind, 'credits');
      assert.deepEqual(created.budget, template.budget);
      assert.equal(created.billing, 'per_package');
      assert.equal(created.price, 20000);
      assert.deepEqual(created.usage, { appointments: 1, amount: 5500, services: [{ serviceId: 'massage', count: 1 }] });
      assert.deepEqual(created.validity, {
        activation: 'immediate',
        activatedOn: '2026-03-27',
        validFrom: '2026-03-27',
        validUntil: '2027-03-26',
        durationDays: 365,
      });
      assert.ok(!fixtureCodes.has(created.code), `the new package code ${created.code} is not unique`);

      // Holding it now, the prevented_by chain is refused.
      expectProblem(await book(TOKEN.cleo, booking('card-start', '2026-04-06T13:15:00+02:00')), 'blocked_by_package');

      const cancelled = expectBody(await cancel(TOKEN.cleo, body.id), BookingResponse);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.createdPackage, body.createdPackage);
      const after = (await me(TOKEN.cleo)).packages.find((p) => p.id === body.createdPackage);
      assert.equal(after?.status, 'cancelled');

      // With the package gone, the chain may be booked again and creates another package.
      const again = expectBody(await book(TOKEN.cleo, booking('card-start', '2026-04-06T13:15:00+02:00')), BookingResponse, 201);
      assert.ok(again.createdPackage && again.createdPackage !== body.createdPackage);
    });

    it("cancelling later than cancelUntilHours before the first step is 409 cancellation_window_passed; another client's booking is 404", async () => {
      expectProblem(await cancel(TOKEN.carl, 'bk-carl-late'), 'cancellation_window_passed');
      expectProblem(await cancel(TOKEN.rita, 'bk-carl-late'), 'not_found');
      const [carlsOwn] = await myBookings(TOKEN.carl);
      assert.equal(carlsOwn?.status, 'booked');
      const bruno = expectBody(await book(TOKEN.bruno, booking('single', '2026-04-03T10:00:00+02:00')), BookingResponse, 201);
      expectProblem(await cancel(TOKEN.rita, bruno.id), 'not_found');
      assert.equal((await myBookings(TOKEN.bruno)).find((b) => b.id === bruno.id)?.status, 'booked');
    });

    it('reschedule over HTTP: the booking moves (same id), its old start frees, exceptBooking offers it back; a cancelled one is 409 booking_cancelled', async () => {
      const reschedule = (token: string, id: string, body: unknown, idempotencyKey = key()) =>
        api.post(`${P}/bookings/${id}/reschedule`, body, { token, key: idempotencyKey });
      const EIGHTH = '2026-04-08T10:00:00+02:00';
      const NINTH = '2026-04-09T10:00:00+02:00';
      const booked = expectBody(await book(TOKEN.bruno, booking('single', EIGHTH)), BookingResponse, 201);
      const withoutIt = expectBody(
        await api.get(`${P}/chains/single/slots?from=2026-04-08&to=2026-04-08&exceptBooking=${booked.id}`, { token: TOKEN.bruno }),
        SlotsResponse,
      );
      assert.ok(withoutIt.slots.some((slot) => slot.start === EIGHTH), 'its own start is offered for moving it');
      const moved = expectBody(await reschedule(TOKEN.bruno, booked.id, { start: NINTH }), BookingResponse);
      assert.deepEqual(moved, { ...moved, id: booked.id, start: NINTH, status: 'booked', chainId: 'single' });
      assert.ok((await starts('single', '2026-04-08', '2026-04-08')).includes(EIGHTH), 'the old start is free again');
      assert.ok(!(await starts('single', '2026-04-09', '2026-04-09')).includes(NINTH), 'the new start is taken');
      expectBody(await cancel(TOKEN.bruno, booked.id), BookingResponse);
      expectProblem(await reschedule(TOKEN.bruno, booked.id, { start: EIGHTH }), 'booking_cancelled');
      expectProblem(await reschedule(TOKEN.carl, 'bk-carl-late', { start: EIGHTH }), 'cancellation_window_passed');
      expectInvalid(await api.post(`${P}/bookings/${booked.id}/reschedule`, { start: EIGHTH }, { token: TOKEN.bruno }), ['header.Idempotency-Key']);
    });

    it('50 concurrent bookings for the last credit: exactly one succeeds and the usage is exact', async () => {
      const candidates = [
        ...at('2026-04-13', '+02:00', DAY_30),
        ...at('2026-04-14', '+02:00', DAY_30),
        ...at('2026-04-15', '+02:00', DAY_30),
      ].slice(0, 50);
      assert.equal(new Set(candidates).size, 50);
      const replies = await Promise.all(candidates.map((start) => book(TOKEN.lisa, booking('followup', start))));
      const won = replies.filter((r) => r.status === 201);
      assert.equal(won.length, 1, `statuses: ${replies.map((r) => r.status).join(',')}`);
      const winner = expectBody(won[0]!, BookingResponse, 201);
      assert.equal(winner.packageId, 'pkg-lisa-card');
      for (const reply of replies) if (reply !== won[0]) expectProblem(reply, 'package_required');

      const pkg = (await me(TOKEN.lisa)).packages.find((p) => p.id === 'pkg-lisa-card')!;
      assert.deepEqual(pkg.usage, { appointments: 5, amount: 27500, services: [{ serviceId: 'massage', count: 5 }] });
      assert.equal(pkg.status, 'completed');
      const booked = (await myBookings(TOKEN.lisa)).filter((b) => b.status === 'booked');
      assert.deepEqual(booked.map((b) => b.id), [winner.id]);
    });
  });
});

// =====================================================================================
describe('mock API server with --now 2026-10-23T09:10:00+02:00 (autumn change on Sunday 10-25)', () => {
  let server: MockServer;
  let api: Api;

  beforeEach(async () => {
    server = await startServer({ now: '2026-10-23T09:10:00+02:00' });
    api = new Api(server.base, { secrets: internalNotes(fixture) });
  });
  afterEach(async () => {
    await server?.stop();
  });

  const starts = async (chainId: string, from: string, to: string) =>
    expectBody(await api.get(`${P}/chains/${chainId}/slots?from=${from}&to=${to}`), SlotsResponse).slots.map((s) => s.start);

  it('serverTime follows --now', async () => {
    assert.equal(expectBody(await api.get(P), PracticeResponse).serverTime, '2026-10-23T09:10:00+02:00');
  });

  it('today offers grid starts from now + minLeadMinutes (11:10) on: 11:30 first, 11:00 not', async () => {
    assert.deepEqual(
      await starts('single', '2026-10-23', '2026-10-23'),
      at('2026-10-23', '+02:00', ['11:30', '13:15', '13:45', '14:15', '14:45', '15:15', '15:45', '16:15', '16:45', '17:15']),
    );
  });

  it('the last bookable day moves with the clock: 2026-11-22, in winter time', async () => {
    assert.deepEqual(await starts('single', '2026-11-22', '2026-11-23'), at('2026-11-22', '+01:00', DAY_30));
  });

  it('autumn change: Saturday 2026-10-24 at +02:00 and Sunday 2026-10-25 at +01:00 on the same wall-clock grid', async () => {
    assert.deepEqual(await starts('single', '2026-10-24', '2026-10-25'), [
      ...at('2026-10-24', '+02:00', DAY_30),
      ...at('2026-10-25', '+01:00', DAY_30),
    ]);
  });

  it("a three-day booking over the change has each step's own instant and blocks those times on days 2 and 3", async () => {
    const reply = await api.post(`${P}/bookings`, booking('intensive', '2026-10-24T10:00:00+02:00'), { token: TOKEN.otto, key: key() });
    const body = expectBody(reply, BookingResponse, 201);
    assert.deepEqual(body.steps, [
      { serviceId: 'assessment', start: '2026-10-24T10:00:00+02:00', end: '2026-10-24T10:30:00+02:00' },
      { serviceId: 'training', start: '2026-10-25T09:00:00+01:00', end: '2026-10-25T10:00:00+01:00' },
      { serviceId: 'massage', start: '2026-10-26T10:00:00+01:00', end: '2026-10-26T10:30:00+01:00' },
    ]);
    assert.deepEqual(body.price, { total: 12500, due: 12500, currency: 'EUR' });

    const sunday = await starts('single', '2026-10-25', '2026-10-25');
    assert.ok(sunday.includes('2026-10-25T08:30:00+01:00'));
    assert.ok(!sunday.includes('2026-10-25T09:00:00+01:00'));
    assert.ok(!sunday.includes('2026-10-25T09:30:00+01:00'));
    assert.ok(sunday.includes('2026-10-25T10:00:00+01:00'));
    const monday = await starts('single', '2026-10-26', '2026-10-26');
    assert.ok(monday.includes('2026-10-26T09:30:00+01:00'));
    assert.ok(!monday.includes('2026-10-26T10:00:00+01:00'));
    assert.ok(monday.includes('2026-10-26T10:30:00+01:00'));
    // Every start of the chain on 10-24 needs 09:00–10:00 on 10-25, now taken by its own booking (max 1).
    assert.deepEqual(await starts('intensive', '2026-10-24', '2026-10-24'), []);
  });

  it('SIGTERM exits 0 promptly', async () => {
    const { code, ms } = await server.stop(3000);
    assert.equal(code, 0);
    assert.ok(ms < 3000, `took ${ms} ms`);
  });
});

// Over the whole file, whatever order its tests ran in: the per-answer checks of `Api` saw the
// bookings that carry staff notes (or they proved nothing), and every problem code was answered.
after(() => {
  assert.ok(recorded.length > 100, `only ${recorded.length} responses recorded`);
  assert.ok(
    recorded.some((r) => r.body.includes('Please use unscented oil.')),
    "Nora's bookings (which carry staff notes in the fixture) were never fetched, so no answer was checked for them",
  );
  const unanswered = PROBLEM_CODES.filter((code) => !problemCodesSeen.has(code));
  assert.deepEqual(unanswered, [], 'problem codes of docs/backend.md no test received');
});
