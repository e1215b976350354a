/**
 * Abuse of the mock API (docs/backend.md, "Abuse"), against the real process over loopback where the
 * behaviour is visible over HTTP, and against the store and handlers in-process where it needs the
 * mock clock to move: login-code brute force limited per address and per client (network)
 * address, tokens unguessable and expiring, no client reading or changing another's data, and no
 * staff note in any answer.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { getResponse } from 'msw';
import { createHandlers, REMOTE_ADDRESS_HEADER } from '../../mock-api/handlers.ts';
import { ATTEMPT_LOCK_MS, MAX_REMOTE_CODE_ATTEMPTS, MockStore, TOKEN_LIFETIME_MS } from '../../mock-api/store.ts';
import { ROUTES } from '../../src/contract/routes.ts';
import { assertNoInternalNote, assertWellFormed, internalNoteValues, rawBodies, rawRequest, type RawReply } from './raw.ts';
import { readFixture, startServer, type MockServer } from './support.ts';

const fixture = readFixture();
const P = '/practices/test-physio';
const physio = fixture.practices.find((p) => p.practice.id === 'test-physio')!;
const customer = (id: string) => physio.customers.find((c) => c.id === id)!;

/** A POST with a JSON body from a chosen loopback source address (127.0.0.x all reach 127.0.0.1). */
function postFrom(base: string, localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path, localAddress, agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        rawBodies.push(text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const code = (reply: RawReply) => (reply.body ? (JSON.parse(reply.body) as { code?: string }).code : undefined);

let server: MockServer;
let now: Date;

describe('abuse of the mock API', () => {
  before(async () => {
    server = await startServer();
    now = new Date(fixture.now);
  });
  // Over every answer of the file, whatever order its tests ran in.
  after(async () => {
    await server?.stop();
    assertNoInternalNote(rawBodies, internalNoteValues(fixture));
  });

  describe('login-code brute force', () => {
    it(`per client address: after ${MAX_REMOTE_CODE_ATTEMPTS} wrong codes from one network address (any emails) every attempt from it is 429, even the right code; other addresses are unaffected`, async () => {
      const attacker = '127.0.0.7';
      for (let i = 0; i < MAX_REMOTE_CODE_ATTEMPTS; i++) {
        // Each email gets fewer than 5 wrong codes: only the per-network-address limit can stop this.
        const reply = await postFrom(server.base, attacker, `${P}/auth/token`, { email: `victim-${i % 25}@example.test`, code: String(100000 + i) });
        assertWellFormed({ method: 'POST', path: `${P}/auth/token` }, reply);
        assert.equal(code(reply), 'invalid_code', `attempt ${i + 1}: ${reply.body}`);
      }
      const right = { email: 'alice.auth@example.test', code: '246810' };
      const locked = await postFrom(server.base, attacker, `${P}/auth/token`, right);
      assert.equal(locked.status, 429, locked.body);
      assert.equal(code(locked), 'too_many_attempts');
      // A client header cannot claim another address.
      for (const spoof of ['127.0.0.8', '10.1.2.3', '']) {
        const spoofed = await postFrom(server.base, attacker, `${P}/auth/token`, right, { [REMOTE_ADDRESS_HEADER]: spoof, 'x-forwarded-for': '10.9.9.9' });
        assert.equal(spoofed.status, 429, `spoofing "${spoof}" must not lift the lock: ${spoofed.body}`);
      }
      // Another network address signs in with the same right code.
      const other = await postFrom(server.base, '127.0.0.8', `${P}/auth/token`, right);
      assert.equal(other.status, 200, other.body);
    });

    it('per email address: after 5 wrong codes for one address it is 429, even the right code, from a fresh network address too', async () => {
      for (let i = 0; i < 5; i++) {
        const reply = await postFrom(server.base, '127.0.0.9', `${P}/auth/token`, { email: 'wanda.wrong@example.test', code: `99999${i}` });
        assert.equal(code(reply), 'invalid_code', reply.body);
      }
      const locked = await postFrom(server.base, '127.0.0.10', `${P}/auth/token`, { email: 'wanda.wrong@example.test', code: '135790' });
      assert.equal(locked.status, 429, locked.body);
      assert.equal(code(locked), 'too_many_attempts');
    });

    it('the per-network-address lock lifts after 15 minutes of real time without a wrong code (store and handlers in-process)', async () => {
      // The security timers run on elapsed time (SPEC 4.4); a test clock stands in for it.
      let clock = Date.parse('2026-12-01T12:00:00Z');
      const store = new MockStore(fixture, { securityClock: () => clock });
      const handlers = createHandlers(store, { trustRemoteAddressHeader: true });
      const attempt = async (email: string, value: string, remote: string) => {
        const req = new Request(`http://mock${P}/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [REMOTE_ADDRESS_HEADER]: remote },
          body: JSON.stringify({ email, code: value }),
        });
        return (await getResponse(handlers, req))!.status;
      };
      for (let i = 0; i < MAX_REMOTE_CODE_ATTEMPTS; i++) assert.equal(await attempt(`x${i}@example.test`, '000000', '192.0.2.1'), 401);
      assert.equal(await attempt('alice.auth@example.test', '246810', '192.0.2.1'), 429);
      assert.equal(await attempt('alice.auth@example.test', '246810', '192.0.2.2'), 200, 'another address is not locked');
      store.advanceClock(ATTEMPT_LOCK_MS);
      assert.equal(await attempt('alice.auth@example.test', '246810', '192.0.2.1'), 429, 'the calendar moving does not lift it');
      clock += ATTEMPT_LOCK_MS - 1;
      assert.equal(await attempt('alice.auth@example.test', '246810', '192.0.2.1'), 429, 'still locked just before 15 minutes');
      clock += 1;
      assert.equal(await attempt('alice.auth@example.test', '246810', '192.0.2.1'), 200, 'unlocked after 15 minutes');
    });

    it('counts IPv6 clients per /64 and IPv4 ones per address (also written as ::ffff:a.b.c.d); 99 wrong codes lock nothing', async () => {
      const store = new MockStore(fixture, { securityClock: () => Date.parse('2026-12-01T12:00:00Z') });
      const handlers = createHandlers(store, { trustRemoteAddressHeader: true });
      const attempt = async (email: string, value: string, remote: string) => {
        const req = new Request(`http://mock${P}/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [REMOTE_ADDRESS_HEADER]: remote },
          body: JSON.stringify({ email, code: value }),
        });
        return (await getResponse(handlers, req))!.status;
      };
      const right = () => attempt('alice.auth@example.test', '246810', '2001:db8:1:2::1');
      // One host rotating through its /64: every attempt from another address of it.
      for (let i = 1; i < MAX_REMOTE_CODE_ATTEMPTS; i++) assert.equal(await attempt(`v6-${i}@example.test`, '000000', `2001:db8:1:2:${i.toString(16)}::${i.toString(16)}`), 401);
      assert.equal(await attempt('alice.auth@example.test', '246810', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), 200, '99 wrong codes lock nothing');
      assert.equal(await attempt('v6-last@example.test', '000000', '2001:db8:1:2::abcd'), 401);
      assert.equal(await right(), 429, 'the 100th wrong code from the /64 locks all of it');
      assert.equal(await attempt('alice.auth@example.test', '246810', '2001:db8:1:3::1'), 200, 'the next /64 is another network');
      for (let i = 0; i < MAX_REMOTE_CODE_ATTEMPTS; i++) assert.equal(await attempt(`v4-${i}@example.test`, '000000', i % 2 ? '198.51.100.7' : '::ffff:198.51.100.7'), 401);
      assert.equal(await attempt('alice.auth@example.test', '246810', '198.51.100.7'), 429, 'an IPv4 address in either notation is one network');
      assert.equal(await attempt('alice.auth@example.test', '246810', '198.51.100.8'), 200, 'the next IPv4 address is another network');
    });

    it('without a trusted address (the browser demo) a header is ignored and only the per-email limit applies', async () => {
      const store = new MockStore(fixture);
      const handlers = createHandlers(store);
      for (let i = 0; i < MAX_REMOTE_CODE_ATTEMPTS + 5; i++) {
        const req = new Request(`http://mock${P}/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [REMOTE_ADDRESS_HEADER]: '192.0.2.1' },
          body: JSON.stringify({ email: `y${i}@example.test`, code: '000000' }),
        });
        assert.equal((await getResponse(handlers, req))!.status, 401);
      }
    });
  });

  describe('tokens', () => {
    it('1000 issued tokens are distinct and carry at least 128 bits of randomness', async () => {
      const tokens = new Set<string>();
      const replies = await Promise.all(
        Array.from({ length: 1000 }, () => rawRequest(server.base, { method: 'POST', path: `${P}/auth/token`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alice.auth@example.test', code: '246810' }) })),
      ).catch(async () => {
        // Fall back to fewer parallel requests if the pool refuses 1000 at once.
        const out: RawReply[] = [];
        for (let i = 0; i < 1000; i++) out.push(await rawRequest(server.base, { method: 'POST', path: `${P}/auth/token`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alice.auth@example.test', code: '246810' }) }));
        return out;
      });
      const secrets: string[] = [];
      for (const reply of replies) {
        assert.equal(reply.status, 200, reply.body);
        const { token } = JSON.parse(reply.body) as { token: string };
        const secret = token.replace(/^pct_/, '');
        assert.match(secret, /^[A-Za-z0-9_-]+$/, `token charset: ${token}`);
        secrets.push(secret);
        tokens.add(token);
      }
      assert.equal(tokens.size, 1000, 'tokens repeat');
      // Bits: the characters that vary across the 1000 tokens, each worth log2 of the alphabet
      // seen (a UUID's fixed version digit carries nothing, so a bare UUID v4 falls short).
      const alphabet = new Set(secrets.join('')).size > 16 ? 64 : 16;
      const length = Math.min(...secrets.map((s) => s.length));
      let varying = 0;
      for (let i = 0; i < length; i++) if (new Set(secrets.map((s) => s[i])).size > 1) varying += 1;
      const bits = varying * Math.log2(alphabet);
      assert.ok(bits >= 128, `tokens carry about ${bits} random bits, fewer than 128 (e.g. ${secrets[0]})`);
    });

    it('an issued token expires 12 hours after issue on the real clock, whatever the calendar says', async () => {
      const before = Date.now();
      const reply = await rawRequest(server.base, { method: 'POST', path: `${P}/auth/token`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alice.auth@example.test', code: '246810' }) });
      const { expiresAt } = JSON.parse(reply.body) as { expiresAt: string };
      // expiresAt is on the real clock (SPEC 4.4), not the dataset's fixed `now`; it carries seconds.
      assert.ok(Date.parse(expiresAt) >= Math.floor(before / 1000) * 1000 + TOKEN_LIFETIME_MS && Date.parse(expiresAt) <= Date.now() + TOKEN_LIFETIME_MS, expiresAt);
      assert.notEqual(Date.parse(expiresAt) - now.getTime(), TOKEN_LIFETIME_MS);

      let clock = Date.parse('2026-12-01T12:00:00Z');
      const store = new MockStore(fixture, { securityClock: () => clock });
      const handlers = createHandlers(store);
      const token = store.issueToken(physio, customer('alice-auth')).token;
      const me = async () => (await getResponse(handlers, new Request(`http://mock${P}/me`, { headers: { Authorization: `Bearer ${token}` } })))!.status;
      assert.equal(await me(), 200);
      store.advanceClock(2 * TOKEN_LIFETIME_MS);
      assert.equal(await me(), 200, 'the calendar moving does not end it');
      clock += TOKEN_LIFETIME_MS - 1;
      assert.equal(await me(), 200, 'valid until 12 h');
      clock += 1;
      assert.equal(await me(), 401, 'expired at 12 h');
    });
  });

  describe('one client never reads or changes another client’s data', () => {
    const victim = customer('carl-late');
    const holder = customer('lisa-last');
    const intruder = { id: 'nora-notes', token: 'tok-nora-0001' };
    /** Everything that identifies the victims: ids, emails, names, package and booking ids and codes. */
    const secrets = [victim, holder].flatMap((c) => [c.id, c.email, c.displayName, ...c.packages.flatMap((p) => [p.id, p.code]), ...c.bookings.map((b) => b.id)]);
    /** Secrets found in a body, apart from the two ids the intruder sent (a problem may echo them). */
    const leaks = (body: string) => {
      const rest = body.replaceAll('bk-carl-late', '').replaceAll('pkg-lisa-card', '');
      return secrets.filter((s) => rest.includes(s));
    };

    it('every authenticated route, called with the intruder’s token on the victims’ ids, reveals and changes nothing', async () => {
      // Signing out revokes the intruder's own token: last, after the routes that need it.
      const authenticated = ROUTES.filter((r) => r.auth === 'required').sort((a, b) => Number(a.operationId === 'signOut') - Number(b.operationId === 'signOut'));
      assert.deepEqual(authenticated.map((r) => r.operationId).sort(), ['cancelBooking', 'createBooking', 'getMe', 'listBookings', 'rescheduleBooking', 'signOut']);
      const before = await Promise.all([
        rawRequest(server.base, { method: 'GET', path: `${P}/bookings`, headers: { authorization: 'Bearer tok-carl-0001' } }),
        rawRequest(server.base, { method: 'GET', path: `${P}/me`, headers: { authorization: 'Bearer tok-lisa-0001' } }),
      ]);
      // The intruder may not see which starts the victim's booking would free.
      const except = await rawRequest(server.base, {
        method: 'GET',
        path: `${P}/chains/followup/slots?from=2026-04-09&to=2026-04-09&exceptBooking=bk-carl-late`,
        headers: { authorization: 'Bearer tok-nora-0001' },
      });
      assert.equal(except.status, 404, except.body);
      assert.equal(code(except), 'not_found');
      for (const route of authenticated) {
        const path = `${P}${route.path.replace('/practices/{practiceId}', '').replace('{bookingId}', 'bk-carl-late')}`;
        const headers: Record<string, string> = { authorization: `Bearer ${intruder.token}`, 'content-type': 'application/json', 'idempotency-key': `intrude-${route.operationId}` };
        const bodies: Record<string, unknown> = {
          createBooking: { chainId: 'followup', start: '2026-04-09T09:00:00+02:00', participants: 1, packageId: 'pkg-lisa-card' },
          rescheduleBooking: { start: '2026-04-09T09:00:00+02:00' },
        };
        const body = route.operationId in bodies ? JSON.stringify(bodies[route.operationId]) : undefined;
        const reply = await rawRequest(server.base, { method: route.method.toUpperCase(), path, headers, body });
        assertWellFormed({ method: route.method, path, headers, body }, reply);
        assert.deepEqual(leaks(reply.body), [], `${route.operationId} leaked another client's data: ${reply.body}`);
        if (route.operationId === 'getMe') {
          const me = JSON.parse(reply.body) as { customer: { id: string }; packages: { id: string }[] };
          assert.equal(me.customer.id, intruder.id);
          assert.deepEqual(me.packages.map((p) => p.id).sort(), customer(intruder.id).packages.map((p) => p.id).sort());
        }
        if (route.operationId === 'listBookings') {
          const { bookings } = JSON.parse(reply.body) as { bookings: { id: string }[] };
          assert.ok(!bookings.some((b) => b.id === 'bk-carl-late'), 'another client’s booking listed');
        }
        if (route.operationId === 'signOut') assert.equal(reply.status, 204, 'signs out the intruder, nobody else (the victims are checked below)');
        if (['cancelBooking', 'createBooking', 'rescheduleBooking'].includes(route.operationId)) {
          assert.equal(reply.status, 404, `${route.operationId} on another client’s booking or package: ${reply.body}`);
          assert.equal(code(reply), 'not_found');
        }
      }
      const afterwards = await Promise.all([
        rawRequest(server.base, { method: 'GET', path: `${P}/bookings`, headers: { authorization: 'Bearer tok-carl-0001' } }),
        rawRequest(server.base, { method: 'GET', path: `${P}/me`, headers: { authorization: 'Bearer tok-lisa-0001' } }),
      ]);
      assert.equal(afterwards[0].body, before[0].body, 'the victim’s bookings changed');
      assert.equal(afterwards[1].body, before[1].body, 'the package holder’s packages changed');
      assert.match(afterwards[0].body, /"id":"bk-carl-late"[^}]*"status":"booked"/);
    });

    it('a token of another practice is 401 here, and a garbage or missing token is 401', async () => {
      for (const authorization of ['Bearer tok-elsewhere-0001', 'Bearer tok-nora-0001x', 'Bearer ', 'tok-nora-0001', '']) {
        const reply = await rawRequest(server.base, { method: 'GET', path: `${P}/me`, headers: authorization ? { authorization } : {} });
        assert.equal(reply.status, 401, `${authorization}: ${reply.body}`);
        assert.equal(code(reply), 'unauthorized');
      }
    });
  });

});
