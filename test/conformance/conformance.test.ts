/**
 * The conformance suite against the real mock API over loopback HTTP (demo dataset):
 * - the CLI passes against the mock (as README tells integrating developers to run it) and writes
 *   a JUnit file that parses and names every check;
 * - against broken variants of the mock — the real mock behind a proxy that breaks ONE thing —
 *   it fails exactly the matching check.
 * The broken variants sign in as Jonas (demo-berlin-jonas), whose 5-visit massage card has one
 * appointment left, so that the concurrency check runs too.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCliArgs } from '../../conformance/args.ts';
import { CHECKS } from '../../conformance/checks.ts';
import { describeExchange, redact } from '../../conformance/http.ts';
import { junitReport, xmlEscape } from '../../conformance/report.ts';
import { runSuite, type CheckResult, type SuiteResult } from '../../conformance/run.ts';
import { DEMO_DATASET } from '../../mock-api/load.ts';
import { formatInstant } from '../../src/rules/time.ts';
import { descendants, parseXml, runCli, startBroken, startMock, type Defect } from './support.ts';

const PRACTICE = 'physio-berlin';
const ANNA = 'demo-berlin-anna';
const JONAS = 'demo-berlin-jonas';
const ALL_IDS = CHECKS.map((c) => c.id);

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-conformance-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const statusOf = (results: readonly CheckResult[], id: string) => results.find((r) => r.id === id)?.status;
const failedIds = (suite: SuiteResult) => suite.results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
const explain = (suite: SuiteResult) =>
  suite.results
    .filter((r) => r.status !== 'pass')
    .map((r) => `${r.status} ${r.id}: ${r.message}`)
    .join('\n\n');

describe('punchcard-conformance CLI against the mock API (demo dataset)', () => {
  it('passes with --write as README shows (Anna) and writes a JUnit file that parses and names every check', async () => {
    const mock = await startMock();
    try {
      const out = join(dir, 'anna.xml');
      const result = await runCli(['--api', mock.base, '--practice', PRACTICE, '--token', ANNA, '--write', '--report', 'junit', '--out', out]);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      // a progress line per check, and the summary table
      for (const id of ALL_IDS) assert.match(result.stdout, new RegExp(`^[✔✖-] ${id.replace('.', '\\.')} `, 'm'), `no progress line for ${id}`);
      assert.match(result.stdout, /^\| check +\| level +\| section +\| result +\| time +\|$/m);
      assert.match(result.stdout, /PASS: every MUST check passed/);

      const xml = parseXml(readFileSync(out, 'utf8'));
      assert.equal(xml.name, 'testsuites');
      const [suite] = descendants(xml, 'testsuite');
      assert.ok(suite, 'a testsuite element');
      const cases = descendants(suite, 'testcase');
      assert.deepEqual(
        cases.map((c) => c.attributes.name!.split(' ')[0]),
        ALL_IDS,
      );
      assert.equal(descendants(xml, 'failure').length, 0);
      assert.equal(suite.attributes.failures, '0');
      assert.equal(suite.attributes.tests, String(ALL_IDS.length));
      // Anna holds no last credit: the concurrency check is skipped with a reason, and shown so;
      // signed in with --token, the sign-in and sign-out checks are skipped too.
      const skipped = cases.filter((c) => descendants(c, 'skipped').length > 0).map((c) => c.attributes.name!.split(' ')[0]);
      assert.deepEqual(skipped.sort(), ['auth.sign-in', 'auth.sign-out', 'booking.last-credit']);
      assert.equal(suite.attributes.skipped, '3');
      assert.match(result.stdout, /^- booking\.last-credit .*skipped: the client holds no package with exactly 1 appointment left/m);
    } finally {
      await mock.close();
    }
  });

  it('passes with every check run (Jonas holds a last credit; sign-in by email and code) and writes a JSON report', async () => {
    const mock = await startMock();
    try {
      const out = join(dir, 'jonas.json');
      const result = await runCli(['--api', mock.base, '--practice', PRACTICE, '--email', 'jonas.weber@example.com', '--code', '615204', '--write', '--report', 'json', '--out', out]);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      const report = JSON.parse(readFileSync(out, 'utf8')) as SuiteResult & { summary: { failed: number; skipped: number } };
      assert.equal(report.ok, true);
      assert.deepEqual(
        report.results.filter((r) => r.status !== 'pass').map((r) => r.id),
        [],
        JSON.stringify(report.results.filter((r) => r.status !== 'pass')),
      );
      assert.equal(report.results.length, ALL_IDS.length);
      assert.match(statusOf(report.results, 'booking.last-credit') === 'pass' ? report.results.find((r) => r.id === 'booking.last-credit')!.message : '', /1 success/);
    } finally {
      await mock.close();
    }
  });

  it('read-only by default: the booking checks are skipped and nothing is booked', async () => {
    const mock = await startMock();
    try {
      const before = await (await fetch(`${mock.base}/practices/${PRACTICE}/bookings`, { headers: { Authorization: `Bearer ${JONAS}` } })).text();
      const out = join(dir, 'readonly.json');
      const result = await runCli(['--api', mock.base, '--practice', PRACTICE, '--token', JONAS, '--report', 'json', '--out', out]);
      assert.equal(result.code, 0, result.stdout);
      const report = JSON.parse(readFileSync(out, 'utf8')) as SuiteResult;
      for (const check of CHECKS.filter((c) => c.needsWrite)) assert.equal(statusOf(report.results, check.id), 'skip', check.id);
      assert.match(report.results.find((r) => r.id === 'offering.rules')!.message, /massage-10er-start: hidden \(blocked_by_package\)/);
      const afterRun = await (await fetch(`${mock.base}/practices/${PRACTICE}/bookings`, { headers: { Authorization: `Bearer ${JONAS}` } })).text();
      assert.equal(afterRun, before);
    } finally {
      await mock.close();
    }
  });

  it('exits 1 when a MUST check fails, with the failure in the JUnit file', async () => {
    const broken = await startBroken(DEFECTS['leaks internalNote']!.defect);
    try {
      const out = join(dir, 'broken.xml');
      const result = await runCli(['--api', broken.base, '--practice', PRACTICE, '--token', ANNA, '--report', 'junit', '--out', out]);
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /^✖ privacy\.no-internal-note /m);
      assert.match(result.stdout, /FAIL: 1 MUST check\(s\) failed/);
      const xml = parseXml(readFileSync(out, 'utf8'));
      // The MUST failure, and the leaked field again as an undefined field (a SHOULD).
      const failures = descendants(xml, 'failure').filter((f) => f.attributes.type !== 'SHOULD');
      assert.equal(failures.length, 1);
      assert.match(failures[0]!.attributes.message!, /internalNote at packages\[0\]\.internalNote/);
      assert.match(failures[0]!.text, /internalNote = "staff only: <conformance>"/, 'the message names the offending value, XML-escaped and decoded back');
      assert.match(failures[0]!.text, /request: GET http:\/\/127\.0\.0\.1:\d+\/practices\/physio-berlin\/me\n {2}Authorization: Bearer <token>/);
    } finally {
      await broken.close();
    }
  });

  it('--only and --skip select checks by id', async () => {
    const mock = await startMock();
    try {
      const out = join(dir, 'only.json');
      const result = await runCli(['--api', mock.base, '--practice', PRACTICE, '--token', ANNA, '--only', 'practice.shape,catalog.etag,me.shape', '--skip', 'me.shape', '--report', 'json', '--out', out]);
      assert.equal(result.code, 0, result.stdout);
      const report = JSON.parse(readFileSync(out, 'utf8')) as SuiteResult;
      assert.deepEqual(report.results.map((r) => [r.id, r.status]), [['practice.shape', 'pass'], ['catalog.etag', 'pass']]);
    } finally {
      await mock.close();
    }
  });

  it('exits 2 with usage on stderr for bad usage, 0 with usage for --help', async () => {
    const bad = [
      ['--practice', PRACTICE, '--token', ANNA],
      ['--api', 'http://127.0.0.1:1', '--token', ANNA],
      ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE],
      ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE, '--token', ANNA, '--report', 'xml', '--out', 'x'],
      ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE, '--token', ANNA, '--report', 'json'],
      ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE, '--token', ANNA, '--only', 'no.such-check'],
      ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE, '--token', ANNA, '--timeout', 'soon'],
      ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE, '--token', ANNA, '--bogus'],
    ];
    for (const args of bad) {
      const result = await runCli(args);
      assert.equal(result.code, 2, `${args.join(' ')}\n${result.stderr}`);
      assert.match(result.stderr, /Usage: punchcard-conformance/, args.join(' '));
    }
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const flag of ['--api', '--practice', '--token', '--email', '--code', '--write', '--report', '--out', '--only', '--skip', '--timeout', '--help']) {
      assert.ok(help.stdout.includes(flag), `usage lacks ${flag}`);
    }
    for (const id of ALL_IDS) assert.ok(help.stdout.includes(id), `usage lacks check ${id}`);
  });
});

// ------------------------------------------------------------ broken mocks

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;
const isPath = (request: { path: string }, pattern: RegExp) => pattern.test(request.path.split('?')[0]!);

/** booking.decision-order's crafted requests start before the demo's now; the race's are real slots. */
const DEMO_NOW = Date.parse((JSON.parse(readFileSync(DEMO_DATASET, 'utf8')) as { now: string }).now);
const isCrafted = (request: { body: string }) => Date.parse((json(request.body) as { start?: string }).start ?? '') < DEMO_NOW;

const DEFECTS: Record<string, { defect: Defect; fails: string[] }> = {
  'leaks internalNote': {
    // A leaked staff note is also a field the contract does not define (a SHOULD).
    fails: ['contract.no-extra-fields', 'privacy.no-internal-note'],
    defect: {
      response(request, response) {
        if (request.method !== 'GET' || !isPath(request, /\/me$/) || response.status !== 200) return;
        const me = json(response.body) as { packages: Array<Record<string, unknown>> };
        if (me.packages[0]) me.packages[0].internalNote = 'staff only: <conformance>';
        response.body = JSON.stringify(me);
      },
    },
  },
  'answers an unknown practice with 400 validation_failed': {
    fails: ['problem.unknown-practice'],
    defect: {
      response(_request, response) {
        if (response.status !== 404 || !/There is no practice/.test(response.body)) return;
        response.status = 400;
        response.body = JSON.stringify({ type: 'about:blank', status: 400, code: 'validation_failed', title: 'Bad', detail: 'Bad practice', errors: [{ path: 'path.practiceId', message: 'unknown' }] });
      },
    },
  },
  'answers another method on a known path with 404': {
    fails: ['problem.method-not-allowed'],
    defect: {
      response(request, response) {
        if (request.method !== 'PUT' || response.status !== 405) return;
        response.status = 404;
        response.body = JSON.stringify({ type: 'about:blank', status: 404, code: 'not_found', title: 'Not found', detail: 'No route' });
      },
    },
  },
  'answers HEAD with 404': {
    fails: ['protocol.head'],
    defect: {
      response(request, response) {
        if (request.method === 'HEAD') response.status = 404;
      },
    },
  },
  "drops the client's note": {
    fails: ['booking.book-and-cancel'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/bookings$/) || response.status !== 201) return;
        response.body = JSON.stringify({ ...json(response.body), note: null });
      },
    },
  },
  'ignores Idempotency-Key': {
    fails: ['booking.idempotency'],
    defect: {
      request(request) {
        if (request.method === 'POST' && isPath(request, /\/bookings$/) && request.headers['idempotency-key']) request.headers['idempotency-key'] = randomUUID();
      },
    },
  },
  'books a last credit twice under concurrency': {
    fails: ['booking.last-credit'],
    defect: {
      response(request, response) {
        // A backend that checks the budget outside its transaction: every racer "wins".
        if (request.method !== 'POST' || !isPath(request, /\/bookings$/) || response.status !== 422 || isCrafted(request)) return;
        const problem = json(response.body);
        if (problem.code !== 'budget_exceeded' && problem.code !== 'package_not_usable') return;
        const body = json(request.body) as { chainId: string; start: string; participants: number; packageId?: string };
        const start = Date.parse(body.start);
        response.status = 201;
        response.headers['content-type'] = 'application/json';
        response.body = JSON.stringify({
          id: `bk-${randomUUID()}`,
          chainId: body.chainId,
          status: 'booked',
          start: body.start,
          participants: body.participants,
          steps: [{ serviceId: 'klassische-massage', start: body.start, end: formatInstant(start + 30 * 60_000, 'Europe/Berlin') }],
          packageId: body.packageId ?? null,
          createdPackage: null,
          price: { total: 4500, due: 0, currency: 'EUR' },
          bonusEarned: null,
        });
      },
    },
  },
  'shifts the steps of a slot by one hour (DST)': {
    fails: ['slots.steps'],
    defect: {
      response(request, response) {
        if (request.method !== 'GET' || !isPath(request, /\/slots$/) || response.status !== 200) return;
        const body = json(response.body) as { slots: Array<{ start: string; steps: Array<{ start: string; end: string }> }> };
        const last = body.slots[body.slots.length - 1];
        if (!last) return;
        // The steps computed with the other offset: one hour late on the wall clock.
        for (const step of last.steps) {
          step.start = formatInstant(Date.parse(step.start) + 3_600_000, 'Europe/Berlin');
          step.end = formatInstant(Date.parse(step.end) + 3_600_000, 'Europe/Berlin');
        }
        response.body = JSON.stringify(body);
      },
    },
  },
  'sends no CORS headers on responses': {
    fails: ['cors.responses'],
    defect: {
      response(request, response) {
        if (request.method === 'OPTIONS') return;
        for (const name of Object.keys(response.headers)) if (name.startsWith('access-control-')) delete response.headers[name];
      },
    },
  },
  'answers no slots when participants is left out': {
    // Nothing to book then: the booking checks skip, so the slot checks must catch it.
    fails: ['slots.any', 'slots.participants-default'],
    defect: {
      response(request, response) {
        if (request.method !== 'GET' || !isPath(request, /\/slots$/) || response.status !== 200 || request.path.includes('participants=')) return;
        response.body = JSON.stringify({ slots: [] });
      },
    },
  },
  'looks a booking up before checking the token on cancel': {
    fails: ['auth.unauthorized'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/cancel$/) || response.status !== 401 || request.headers.authorization) return;
        response.status = 404;
        response.body = JSON.stringify({ type: 'about:blank', status: 404, code: 'not_found', title: 'Not found', detail: 'There is no such booking.' });
      },
    },
  },
  'ends every slot step one minute after it starts': {
    // The steps of a booking, and of a moved one, are then compared with the slot's too.
    fails: ['booking.book-and-cancel', 'reschedule.move', 'slots.steps'],
    defect: {
      response(request, response) {
        if (request.method !== 'GET' || !isPath(request, /\/slots$/) || response.status !== 200) return;
        const body = json(response.body) as { slots: Array<{ steps: Array<{ start: string; end: string }> }> };
        for (const slot of body.slots) for (const step of slot.steps) step.end = formatInstant(Date.parse(step.start) + 60_000, 'Europe/Berlin');
        response.body = JSON.stringify(body);
      },
    },
  },
  'sends no WWW-Authenticate with a 401': {
    fails: ['auth.www-authenticate'],
    defect: {
      response(_request, response) {
        if (response.status === 401) delete response.headers['www-authenticate'];
      },
    },
  },
  'has no limit on code requests': {
    fails: ['auth.code-request-limit'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/auth\/code$/) || response.status !== 429) return;
        response.status = 202;
        response.body = '';
        delete response.headers['content-type'];
        delete response.headers['retry-after'];
      },
    },
  },
  'never locks an address after wrong codes': {
    fails: ['auth.lockout'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/auth\/token$/) || response.status !== 429) return;
        response.status = 401;
        response.body = JSON.stringify({ type: 'about:blank', status: 401, code: 'invalid_code', title: 'Wrong code', detail: 'Wrong code.' });
        delete response.headers['retry-after'];
      },
    },
  },
  'says when to try again without Retry-After': {
    fails: ['auth.code-request-limit', 'auth.lockout'],
    defect: {
      response(_request, response) {
        if (response.status === 429) delete response.headers['retry-after'];
      },
    },
  },
  'reads ?constructor from the prototype': {
    fails: ['problem.own-parameters'],
    defect: {
      request(request) {
        if (request.method === 'GET' && isPath(request, /\/slots$/)) request.path = request.path.replace(/&(constructor|__proto__|hasOwnProperty)=[^&]*/, '');
      },
    },
  },
  'moves a booking by making a new one (another id)': {
    fails: ['reschedule.move'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/reschedule$/) || response.status !== 200) return;
        const moved = json(response.body);
        response.body = JSON.stringify({ ...moved, id: `${String(moved.id)}-new` });
      },
    },
  },
  'ignores Idempotency-Key when moving a booking': {
    fails: ['reschedule.idempotency'],
    defect: {
      request(request) {
        if (request.method === 'POST' && isPath(request, /\/reschedule$/) && request.headers['idempotency-key']) request.headers['idempotency-key'] = randomUUID();
      },
    },
  },
  'ignores exceptBooking': {
    fails: ['slots.except-booking'],
    defect: {
      request(request) {
        if (request.method !== 'GET' || !isPath(request, /\/slots$/)) return;
        request.path = request.path.replace(/&exceptBooking=[^&]*/, '');
      },
    },
  },
  'checks the window before the cancellation when moving a booking': {
    fails: ['reschedule.decision-order'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/reschedule$/) || json(response.body).code !== 'booking_cancelled') return;
        response.body = JSON.stringify({ type: 'about:blank', status: 409, code: 'cancellation_window_passed', title: 'Too late', detail: 'Too late to change.' });
      },
    },
  },
  'adds a cent to the total of every booking': {
    fails: ['booking.book-and-cancel'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/bookings$/) || response.status !== 201) return;
        const booking = json(response.body) as { price: { total: number } };
        booking.price.total += 1;
        response.body = JSON.stringify(booking);
      },
    },
  },
  'cancels a booking past its cancellation deadline': {
    fails: ['booking.cancel-window'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/cancel$/) || response.status !== 409) return;
        response.status = 200;
        response.headers['content-type'] = 'application/json';
        response.body = JSON.stringify({ cancelled: true });
      },
    },
  },
  'refuses the losers of a last-credit race with package_required': {
    fails: ['booking.last-credit'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/bookings$/) || response.status !== 422 || isCrafted(request)) return;
        const problem = json(response.body);
        if (problem.code !== 'package_not_usable' && problem.code !== 'budget_exceeded') return;
        response.body = JSON.stringify({ type: 'about:blank', status: 422, code: 'package_required', title: 'Package required', detail: 'needs a package' });
      },
    },
  },
  'says by how much a budget is short, but wrongly': {
    fails: ['booking.decision-order'],
    defect: {
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/bookings$/) || response.status !== 422) return;
        const problem = json(response.body) as { code: string; required: number };
        if (problem.code !== 'budget_exceeded') return;
        problem.required += 1;
        response.body = JSON.stringify(problem);
      },
    },
  },
  'sends practice.currency as a number': {
    fails: ['practice.shape'],
    defect: {
      response(request, response) {
        if (request.method !== 'GET' || !isPath(request, /^\/practices\/[^/]+$/) || response.status !== 200) return;
        response.body = JSON.stringify({ ...json(response.body), currency: 978 });
      },
    },
  },
};

describe('secrets: the token from a file or the environment, nothing secret in what the suite prints', () => {
  it('reads the token from --token-file (trimmed) or PUNCHCARD_TOKEN, and refuses a missing or empty file or two tokens', () => {
    const file = join(dir, 'token.txt');
    writeFileSync(file, `${JONAS}\n`);
    const base = ['--api', 'http://127.0.0.1:1', '--practice', PRACTICE];
    const tokenOf = (parsed: ReturnType<typeof parseCliArgs>) => ('options' in parsed ? parsed.options.token : `error: ${'error' in parsed ? parsed.error : ''}`);
    assert.equal(tokenOf(parseCliArgs([...base, '--token-file', file], {})), JONAS);
    assert.equal(tokenOf(parseCliArgs(base, { PUNCHCARD_TOKEN: ` ${ANNA} ` })), ANNA);
    assert.equal(tokenOf(parseCliArgs([...base, '--token', JONAS], { PUNCHCARD_TOKEN: ANNA })), JONAS, 'the command line wins');
    assert.equal(tokenOf(parseCliArgs([...base, '--email', 'a@b.c', '--code', '1'], { PUNCHCARD_TOKEN: ANNA })), undefined, 'an email sign-in wins');
    assert.match(tokenOf(parseCliArgs([...base, '--token-file', join(dir, 'nowhere.txt')], {}))!, /^error: --token-file: cannot read .*nowhere\.txt.*ENOENT/);
    writeFileSync(join(dir, 'empty.txt'), '\n');
    assert.match(tokenOf(parseCliArgs([...base, '--token-file', join(dir, 'empty.txt')], {}))!, /^error: --token-file: .* is empty/);
    assert.match(tokenOf(parseCliArgs([...base, '--token-file', file, '--token', JONAS], {}))!, /^error: use either --token or --token-file/);
    assert.match(tokenOf(parseCliArgs(base, {}))!, /^error: sign in with --token-file/);
  });

  it('runs with --token-file against the mock', async () => {
    const mock = await startMock();
    try {
      const file = join(dir, 'anna-token.txt');
      writeFileSync(file, ANNA);
      const result = await runCli(['--api', mock.base, '--practice', PRACTICE, '--token-file', file]);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      assert.ok(!result.stdout.includes(ANNA), 'the token is not printed');
    } finally {
      await mock.close();
    }
  });

  it('a failure message shows a sent login code and an issued token only as <code> and <token>; a problem code stays', () => {
    const exchange = (url: string, requestBody: string, text: string) => ({
      method: 'POST',
      url,
      requestHeaders: { Authorization: 'Bearer <token>' },
      requestBody: redact(requestBody),
      status: 200,
      headers: new Headers({ 'Content-Type': 'application/json' }),
      text,
      json: JSON.parse(text),
      ms: 1,
    });
    const signIn = describeExchange(exchange('http://api/practices/p/auth/token', '{"email":"a@b.c","code":"482913"}', '{"token":"pct_SECRETsecret","expiresAt":"x"}'));
    assert.ok(!signIn.includes('482913') && !signIn.includes('pct_SECRETsecret'), signIn);
    assert.match(signIn, /"code":"<code>"/);
    assert.match(signIn, /"token":"<token>"/);
    const refused = describeExchange(exchange('http://api/practices/p/bookings', '{"chainId":"x"}', '{"status":422,"code":"budget_exceeded","title":"t","detail":"d"}'));
    assert.match(refused, /"code":"budget_exceeded"/);
  });
});

describe('signing out, checked last and only with the suite\'s own token', () => {
  const signedInByCode = (api: string) =>
    runSuite({ api, practice: PRACTICE, email: 'jonas.weber@example.com', code: '615204', write: false, timeoutMs: 10_000, only: ['auth.sign-in', 'me.shape', 'auth.sign-out'] });

  it('passes against the mock, after every other check; with --token it is skipped and the token still works', async () => {
    const mock = await startMock();
    try {
      const suite = await signedInByCode(mock.base);
      assert.deepEqual(suite.results.map((r) => `${r.id} ${r.status}`), ['me.shape pass', 'auth.sign-in pass', 'auth.sign-out pass'], explain(suite));
      const given = await runSuite({ api: mock.base, practice: PRACTICE, token: ANNA, write: false, timeoutMs: 10_000, only: ['auth.sign-out'] });
      assert.equal(statusOf(given.results, 'auth.sign-out'), 'skip');
      const me = await fetch(`${mock.base}/practices/${PRACTICE}/me`, { headers: { Authorization: `Bearer ${ANNA}` } });
      assert.equal(me.status, 200, 'the given token was not revoked');
    } finally {
      await mock.close();
    }
  });

  it('fails a backend whose sign-out answers 204 but leaves the token working', async () => {
    const broken = await startBroken({
      request(request) {
        // Answered without reaching the sign-out route: the token stays valid.
        if (request.path.endsWith('/auth/signout')) Object.assign(request, { method: 'GET', path: request.path.replace(/\/auth\/signout$/, '') });
      },
      response(request, response) {
        if (request.method === 'GET' && /\/practices\/[^/]+$/.test(request.path) && request.headers.authorization) Object.assign(response, { status: 204, body: '' });
      },
    });
    try {
      const suite = await signedInByCode(broken.base);
      assert.equal(statusOf(suite.results, 'auth.sign-out'), 'fail', explain(suite));
      assert.match(suite.results.find((r) => r.id === 'auth.sign-out')!.message, /after signing out: expected 401 unauthorized, got 200/);
    } finally {
      await broken.close();
    }
  });
});

describe('the suite against broken variants of the mock: each fails exactly the matching check', () => {
  const run = (base: string) =>
    runSuite({ api: base, practice: PRACTICE, token: JONAS, write: true, timeoutMs: 10_000 });

  it('a transparent proxy in front of the mock passes every check (the control)', async () => {
    const proxy = await startBroken();
    try {
      const suite = await run(proxy.base);
      assert.deepEqual(failedIds(suite), [], explain(suite));
      assert.equal(statusOf(suite.results, 'booking.last-credit'), 'pass', explain(suite));
    } finally {
      await proxy.close();
    }
  });

  for (const [name, { defect, fails }] of Object.entries(DEFECTS)) {
    it(`${name} → fails ${fails.join(', ')}`, async () => {
      const broken = await startBroken(defect);
      try {
        const suite = await run(broken.base);
        assert.deepEqual(failedIds(suite), fails, explain(suite));
        assert.equal(suite.ok, false);
        const failed = suite.results.find((r) => r.id === fails.at(-1))!;
        assert.match(failed.message, /request: (GET|HEAD|POST|PUT|OPTIONS) http:\/\/127\.0\.0\.1:\d+\/practices\/|concurrent bookings/, 'the message names the request');
      } finally {
        await broken.close();
      }
    });
  }
});

describe('answers that are right in ways the suite must not flag', () => {
  it('a replay with the same JSON value in another key order (a jsonb store) passes booking.idempotency', async () => {
    const first = new Map<string, string>();
    const broken = await startBroken({
      response(request, response) {
        const k = request.headers['idempotency-key'];
        if (request.method !== 'POST' || !isPath(request, /\/bookings$/) || response.status !== 201 || !k) return;
        if (!first.has(k)) return void first.set(k, response.body);
        const reversed = (value: unknown): unknown =>
          Array.isArray(value) ? value.map(reversed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([key, v]) => [key, reversed(v)])) : value;
        response.body = JSON.stringify(reversed(json(response.body)));
      },
    });
    try {
      const suite = await runSuite({ api: broken.base, practice: PRACTICE, token: JONAS, write: true, timeoutMs: 10_000 });
      assert.deepEqual(failedIds(suite), [], explain(suite));
      assert.equal(statusOf(suite.results, 'booking.idempotency'), 'pass', explain(suite));
    } finally {
      await broken.close();
    }
  });

  it('a backend that locks wrong codes per network address skips auth.invalid-code instead of failing', async () => {
    const broken = await startBroken({
      response(request, response) {
        if (request.method !== 'POST' || !isPath(request, /\/auth\/token$/) || response.status !== 401) return;
        response.status = 429;
        response.body = JSON.stringify({ type: 'about:blank', status: 429, code: 'too_many_attempts', title: 'Too many', detail: 'Too many wrong codes from your network address.' });
      },
    });
    try {
      const suite = await runSuite({ api: broken.base, practice: PRACTICE, token: ANNA, write: false, timeoutMs: 10_000 });
      assert.deepEqual(failedIds(suite), [], explain(suite));
      assert.equal(statusOf(suite.results, 'auth.invalid-code'), 'skip', explain(suite));
    } finally {
      await broken.close();
    }
  });
});

describe('fields the contract does not define', () => {
  it('are reported by contract.no-extra-fields, a SHOULD: the run still passes', async () => {
    const broken = await startBroken({
      response(request, response) {
        if (request.method !== 'GET' || !isPath(request, /^\/practices\/[^/]+$/) || response.status !== 200) return;
        response.body = JSON.stringify({ ...json(response.body), fax: '+49 30 1234567' });
      },
    });
    try {
      const suite = await runSuite({ api: broken.base, practice: PRACTICE, token: ANNA, write: false, timeoutMs: 10_000 });
      assert.deepEqual(failedIds(suite), ['contract.no-extra-fields'], explain(suite));
      assert.equal(suite.ok, true, 'a SHOULD failure does not fail the run');
      assert.match(suite.results.find((r) => r.id === 'contract.no-extra-fields')!.message, /fields the contract does not define: fax/);
    } finally {
      await broken.close();
    }
  });
});

describe('requests that get no answer', () => {
  it('fail the check with the request and the --timeout, without a stack trace', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const suite = await runSuite({ api: base, practice: PRACTICE, token: ANNA, write: false, timeoutMs: 200, only: ['practice.shape'] });
      assert.equal(suite.ok, false);
      assert.equal(suite.results[0]!.status, 'fail');
      assert.equal(suite.results[0]!.message, `GET ${base}/practices/${PRACTICE}: no answer within 200 ms`);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('reports', () => {
  it('JUnit XML escapes markup and drops characters XML cannot carry', () => {
    const nasty = `<b>&"quoted"' \u0001 ]]> ✔`;
    const xml = junitReport({
      api: 'http://x/?a=1&b=2',
      practice: 'p<1>',
      write: false,
      startedAt: '2026-11-24T08:00:00.000Z',
      ms: 1,
      ok: false,
      results: [
        { id: 'a.fail', title: 'T', section: '4', level: 'MUST', needsWrite: false, status: 'fail', message: nasty, ms: 1 },
        { id: 'b.skip', title: 'T', section: '4', level: 'MUST', needsWrite: true, status: 'skip', message: nasty, ms: 0 },
        { id: 'c.pass', title: 'T', section: '4', level: 'SHOULD', needsWrite: false, status: 'pass', message: '', ms: 2 },
      ],
    });
    const root = parseXml(xml);
    const [failure] = descendants(root, 'failure');
    assert.equal(failure!.attributes.message, `<b>&"quoted"'  ]]> ✔`);
    assert.equal(failure!.attributes.type, 'MUST');
    assert.equal(descendants(root, 'skipped')[0]!.attributes.message, `<b>&"quoted"'  ]]> ✔`);
    assert.equal(descendants(root, 'testsuite')[0]!.attributes.name, 'punchcard-conformance p<1> @ http://x/?a=1&b=2');
    assert.equal(root.attributes.failures, '1');
    assert.equal(root.attributes.skipped, '1');
    assert.equal(xmlEscape('a&b'), 'a&amp;b');
  });
});
