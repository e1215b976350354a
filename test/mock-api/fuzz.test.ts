/**
 * Fuzzing the real mock API process over loopback (docs/backend.md, "Fuzz"): fast-check generates paths
 * (every route template of ROUTES with hostile segments, and unknown paths), methods, query
 * strings, headers and bodies. Whatever arrives, the server never answers 5xx, every 4xx is a
 * SPEC 4.3 problem (`application/problem+json`, parsing with `Problem`, `status` = HTTP status),
 * no answer carries a staff note, and the server keeps serving afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ROUTES, type Route } from '../../src/contract/routes.ts';
import { assertNoInternalNote, assertWellFormed, describeRaw, internalNoteValues, rawBodies, rawRequest, type RawRequest } from './raw.ts';
import { readFixture, startServer, type MockServer } from './support.ts';

const fixture = readFixture();
/** Runs per property; the whole file stays around 20 s on 2 cores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const TOKENS = ['tok-nora-0001', 'tok-carl-0001', 'tok-lisa-0001', 'tok-elsewhere-0001'];

// ------------------------------------------------------------------ values

const huge = (n: number) => fc.string({ minLength: n, maxLength: n + 10 });
const unicode = fc.string({ unit: 'grapheme', maxLength: 40 });
const weirdText = fc.oneof(
  fc.constantFrom('', ' ', '..', '../..', '%', '%zz', '%E0%A4%A', '%00', '\u0000', 'null', 'undefined', 'NaN', '-0', '1e308', '__proto__', 'constructor'),
  unicode,
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** A path segment as it goes on the wire (already escaped where needed). */
const segment = (good: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...good) },
    { weight: 3, arbitrary: weirdText.map(encodeURIComponent) },
    { weight: 2, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2F', '%E0%A4%A', '%', '%zz', '%00', '%C0%AF', 'a%20b', '%F0%9F%92%A9') },
    { weight: 1, arbitrary: fc.constantFrom(2_000, 9_000, 20_000).chain((n) => huge(n)).map(encodeURIComponent) },
  );

const GOOD: Record<string, string[]> = {
  practiceId: ['test-physio', 'other-practice'],
  chainId: ['single', 'group', 'followup', 'card-start', 'intensive', 'desk'],
  bookingId: ['bk-carl-late'],
};

function pathFor(route: Route) {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return fc.tuple(...names.map((name) => segment(GOOD[name] ?? ['x']))).map((values) => {
    let i = 0;
    return route.path.replace(/\{\w+\}/g, () => values[i++]!);
  });
}

const number = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 53) - 1, 0, -1, 1.5, -0, Number.MAX_SAFE_INTEGER, 1e-300, 3, 4, 1000),
  fc.integer(),
  fc.double(),
);
const jsonValue = fc.oneof(
  number,
  weirdText,
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '2026-04-02T09:00:00+02:00', '2026-02-30T25:61:00+99:00', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', 'bk-carl-late', 'pkg-nora-card'),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** An object shaped like a route's body with fields kept, dropped, or replaced by junk. */
function bodyLike(route: Route) {
  const fields = route.body ? Object.keys(route.body.shape) : ['x'];
  const sample: Record<string, unknown> = {
    email: 'nora.notes@example.test',
    code: '123456',
    chainId: 'single',
    start: '2026-04-08T09:00:00+02:00',
    participants: 1,
    packageId: 'pkg-nora-card',
  };
  return fc
    .tuple(...fields.map((field) => fc.oneof(fc.constant(sample[field] ?? 'x'), jsonValue, fc.constant(undefined))), fc.dictionary(weirdText, jsonValue, { maxKeys: 3 }))
    .map(([...values]) => {
      const extra = values.pop() as Record<string, unknown>;
      const out: Record<string, unknown> = { ...extra };
      fields.forEach((field, i) => {
        if (values[i] !== undefined) out[field] = values[i];
      });
      return JSON.stringify(out);
    });
}

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function body(route: Route) {
  return fc.oneof(
    { weight: 5, arbitrary: bodyLike(route) },
    { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? '') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '{',
        'null',
        '[]',
        '[{"chainId":"single"}]',
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
        '{"participants":1e308}',
        '{"participants":9007199254740993}',
        '{"participants":-1,"chainId":"single","start":"2026-04-08T09:00:00+02:00"}',
        '{"chainId":"single","start":"2026-04-08T09:00:00+02:00","participants":"NaN"}',
        '\uFEFF{}',
        '\u0000',
        deepArray(10_000),
        deepObject(10_000),
        `{"chainId":${deepArray(10_000)}}`,
        deepArray(200_000),
      ),
    },
    { weight: 1, arbitrary: unicode },
    { weight: 1, arbitrary: fc.constantFrom(64 * 1024 + 1, 1_100_000).map((n) => `{"email":"${'a'.repeat(n)}"}`) },
  );
}

const authorization = fc.oneof(
  fc.constantFrom(...TOKENS).map((t) => `Bearer ${t}`),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer tok-nora-0001', 'Bearer tok-nora-0001 extra', 'Bearer \u00ff\u00fe', 'Bearer ' + 'x'.repeat(10_000)),
  fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
);
const idempotencyKey = fc.oneof(fc.uuid(), fc.constantFrom('', ' ', '\t', 'x'.repeat(201), 'x'.repeat(9_000), 'ключ'), fc.string({ maxLength: 60 }));
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '', '*/*');
const ifNoneMatch = fc.oneof(fc.constantFrom('*', '""', '"abc", W/"x"', ',,,', 'W/'), fc.string({ maxLength: 40 }));

/** Header values go out as latin1 bytes: keep them to what node:http accepts (no CR, LF, NUL). */
const headerSafe = (value: string) => Buffer.from(value, 'utf8').toString('latin1').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '?');

const headers = fc
  .record(
    { authorization, 'idempotency-key': idempotencyKey, 'content-type': contentType, 'if-none-match': ifNoneMatch, 'x-punchcard-remote-address': fc.constantFrom('10.0.0.1', '::1', 'spoofed') },
    { requiredKeys: [] },
  )
  .map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, headerSafe(v)])));

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('from', 'to', 'participants'), weirdText),
        fc.oneof(
          fc.constantFrom('2026-03-28', '2026-04-05', '2026-03-27', '2026-05-30', '2026-02-30', '0000-01-01', '9999-12-31', '1', '0', '-1', '3', '4', '999', '1e308', '9007199254740993', 'NaN', ''),
          weirdText,
        ),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  fc.constantFrom('?from=2026-03-28&to=2026-04-05&participants=1&participants=2', '?from=2026-03-28&from=2026-03-29&to=2026-03-30', '?%zz=1', '?from=%E0%A4%A', '?' + 'a=1&'.repeat(3000)),
);

const methods = (route: Route) => fc.oneof({ weight: 8, arbitrary: fc.constant(route.method.toUpperCase()) }, { weight: 2, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE') });

function requestFor(route: Route): fc.Arbitrary<RawRequest> {
  return fc.record({ method: methods(route), path: fc.tuple(pathFor(route), query).map(([p, q]) => p + q), headers, body: fc.option(body(route), { nil: undefined }) }).map((r) => ({
    ...r,
    // GET and HEAD carry no body in practice; node:http would send it anyway.
    body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
  }));
}

const unknownPath = fc.oneof(
  fc.array(segment(['practices', 'test-physio', 'me', 'bookings', 'x']), { minLength: 0, maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
  fc.constantFrom('/', '//', '/practices', '/practices/', '/practices/test-physio/', '/practices/test-physio/me/', '/../../etc/passwd', '/practices/test-physio/bookings/bk-carl-late', '*', '/%', '/practices/%E0%A4%A/catalog', 'http://evil.example/practices/test-physio'),
);

// ------------------------------------------------------------------- suite

let server: MockServer;

async function check(req: RawRequest): Promise<void> {
  const reply = await rawRequest(server.base, req).catch((error: Error) => {
    throw new Error(`no answer (${error.message}) to ${describeRaw(req, { status: 0, headers: {}, body: '' })}`);
  });
  assertWellFormed(req, reply);
}

/** Runs the property; on failure reports the (shortened) request and answer, not megabytes of counterexample. */
async function fuzz(arbitrary: fc.Arbitrary<RawRequest>): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, check), { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true });
  if (details.failed) {
    const error = details.errorInstance as Error;
    assert.fail(`failed after ${details.numRuns} runs (seed ${FUZZ_SEED}, path ${details.counterexamplePath}): ${error?.message ?? error}`);
  }
}

describe(`mock API under fuzzed requests (seed ${FUZZ_SEED}, ${RUNS} runs per property)`, () => {
  before(async () => {
    server = await startServer();
  });
  // After every run, whatever order the tests ran in: the server still serves, and no answer
  // named internalNote or carried a staff note.
  after(async () => {
    try {
      const reply = await rawRequest(server.base, { method: 'GET', path: '/practices/test-physio' });
      assert.equal(reply.status, 200, reply.body);
      assert.equal((JSON.parse(reply.body) as { id: string }).id, 'test-physio');
      assert.equal(server.child.exitCode, null, 'the server process must still run');
    } finally {
      await server?.stop();
    }
    assertNoInternalNote(rawBodies, internalNoteValues(fixture));
  });

  for (const route of ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path}: never 5xx, every 4xx a SPEC 4.3 problem`, async () => {
      await fuzz(requestFor(route));
    });
  }

  it('unknown paths and methods: never 5xx, every 4xx a SPEC 4.3 problem', async () => {
    const arbitrary = fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'), path: fc.tuple(unknownPath, query).map(([p, q]) => p + q), headers });
    await fuzz(arbitrary);
  });

  it('the edge cases every run includes: >1 MB, 10k-deep nesting, huge headers and URLs, forbidden methods', async () => {
    const book = { chainId: 'single', start: '2026-04-08T09:00:00+02:00', participants: 1 };
    const auth = { authorization: 'Bearer tok-nora-0001', 'content-type': 'application/json' };
    const cases: RawRequest[] = [
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k1' }, body: `{"chainId":"${'a'.repeat(1_100_000)}"}` },
      { method: 'POST', path: '/practices/test-physio/auth/code', headers: auth, body: Buffer.alloc(3_000_000, 0x20) },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k2' }, body: deepArray(10_000) },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k3' }, body: deepObject(10_000) },
      { method: 'POST', path: '/practices/test-physio/auth/token', headers: auth, body: `{"email":${deepArray(10_000)},"code":"1"}` },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'x'.repeat(20_000) }, body: JSON.stringify(book) },
      { method: 'GET', path: `/practices/test-physio/chains/${'c'.repeat(20_000)}/slots`, headers: auth },
      { method: 'GET', path: `/practices/test-physio/chains/${'c'.repeat(9_000)}/slots`, headers: auth },
      { method: 'HEAD', path: `/practices/test-physio/chains/${'c'.repeat(20_000)}/slots` },
      { method: 'OPTIONS', path: '/practices/test-physio/bookings', headers: auth, body: 'x'.repeat(1_100_000) },
      { method: 'GET', path: '/practices/test-physio', headers: { host: '' } },
      { method: 'GET', path: '/practices/test-physio', headers: { host: 'bad host:x:y' } },
      { method: 'GET', path: '/practices/test-physio/me', headers: { authorization: `Bearer ${'t'.repeat(70_000)}` } },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k4', 'content-length': '5' }, body: '{"chainId":"single"}'.slice(0, 5) },
      { method: 'TRACE', path: '/practices/test-physio' },
      // node cannot parse a TRACE with a body: the early answer must reach a client still sending.
      { method: 'TRACE', path: '/practices/test-physio', headers: auth, body: '{"email":"x"}' },
      { method: 'TRACE', path: '/practices/..%2F..', headers: auth, body: `{"email":"${'a'.repeat(1_100_000)}"}` },
      { method: 'PROPFIND', path: '/practices/test-physio' },
      { method: 'GET', path: '/practices/%E0%A4%A' },
      { method: 'GET', path: '/practices/test-physio/chains/%E0%A4%A/slots?from=2026-03-28&to=2026-03-29' },
      { method: 'POST', path: '/practices/test-physio/bookings/%E0%A4%A/cancel', headers: auth },
      { method: 'GET', path: '/practices/test-physio/chains/single/slots?from=0000-01-01&to=0000-01-02' },
      { method: 'GET', path: '/practices/test-physio/chains/single/slots?from=9999-12-30&to=9999-12-31' },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k5' }, body: JSON.stringify({ ...book, start: '9999-12-31T23:59:59+14:00' }) },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k6' }, body: JSON.stringify({ ...book, start: '0000-01-01T00:00:00-14:00' }) },
      { method: 'POST', path: '/practices/test-physio/bookings', headers: { ...auth, 'idempotency-key': 'k7' }, body: JSON.stringify({ ...book, chainId: 'group', participants: 2 ** 53 + 1 }) },
    ];
    for (const req of cases) await check(req);
  });

  it('a request that is not HTTP at all gets a problem (or a closed connection), and the server keeps serving', async () => {
    const { connect } = await import('node:net');
    const url = new URL(server.base);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end('GARBAGE \u0001\u0002 NOT-HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    if (answer !== '') {
      const [head, ...rest] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]);
      assert.equal(status, 400, answer);
      assert.match(head!, /content-type: application\/problem\+json/i, answer);
      assertWellFormed({ method: 'GARBAGE', path: '' }, { status, headers: { 'content-type': 'application/problem+json' }, body: rest.join('\r\n\r\n') });
    }
  });

  it('an early answer to a request node cannot parse (TRACE with a body) is not reset while the client still sends', async () => {
    const { connect } = await import('node:net');
    const url = new URL(server.base);
    const rest = Buffer.alloc(2_000_000, 0x61);
    const outcome = await new Promise<{ answer: string; error?: string }>((resolve) => {
      let answer = '';
      let error: string | undefined;
      const socket = connect(Number(url.port), url.hostname, () => {
        // As node's own client sends a TRACE body: no length, the body runs until the connection closes.
        socket.write('TRACE /practices/test-physio HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n0123456789');
      });
      socket.on('data', (chunk) => {
        // The answer is here: now send the rest of the body, as a client that writes before it reads would.
        if (answer === '') socket.end(rest);
        answer += chunk.toString('latin1');
      });
      socket.setTimeout(10_000, () => socket.destroy(new Error('the server neither answered nor closed within 10 s')));
      socket.on('error', (e) => (error = e.message));
      socket.on('close', () => resolve({ answer, error }));
    });
    assert.match(outcome.answer, /^HTTP\/1\.1 400 /, outcome.answer);
    assert.equal(outcome.error, undefined, 'the connection was reset while the client was still sending its body');
  });

});
