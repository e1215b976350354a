/**
 * Black-box helpers for the mock API server tests: start `mock-api/cli.ts` as a real process,
 * talk to it with global fetch, and record every answer so that suite-wide checks (CORS on
 * every response, no staff note in any body, every problem code seen) can run at the end.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runScript } from '../support/cli.ts';
import { fileURLToPath } from 'node:url';
import type * as z from 'zod/mini';
import type { Dataset } from '../../src/contract/dataset.ts';
import { PROBLEM_SCHEMAS, PROBLEM_STATUS, type ProblemCode, type ProblemOf } from '../../src/contract/problems.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = 'mock-api/cli.ts';
export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/test-dataset.json', import.meta.url));

export function readFixture(): Dataset {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Dataset;
}

// ------------------------------------------------------------------ processes

export type { CliResult } from '../support/cli.ts';

/** Runs the mock API's CLI to its end (killed after `timeoutMs`, then `code` is null). */
export const runCli = (args: string[], timeoutMs = 10_000) => runScript(CLI, args, timeoutMs);

export interface MockServer {
  base: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Waits until stdout after character `from` matches `pattern`; returns the match. */
  waitForOutput(pattern: RegExp, from?: number, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then the exit code (null if it had to be killed after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer({ data = FIXTURE_PATH, now }: { data?: string; now?: string } = {}): Promise<MockServer> {
  const args = [CLI, '--port', '0', '--host', '127.0.0.1', '--data', data];
  if (now) args.push('--now', now);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve((exit = { code, signal }))),
  );

  const waitForOutput = async (pattern: RegExp, from = 0, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = out.slice(from).match(pattern);
      if (match) return match;
      if (exit) throw new Error(`the mock API exited (${JSON.stringify(exit)}) before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} on stdout within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`);
      await sleep(10);
    }
  };

  const [, base] = await waitForOutput(/API base URL: (http:\/\/127\.0\.0\.1:\d+)\s*$/m, 0, 15_000);
  return {
    base: base!,
    child,
    stdout: () => out,
    stderr: () => err,
    waitForOutput,
    async stop(timeoutMs = 3000) {
      const started = Date.now();
      if (!exit) child.kill('SIGTERM');
      const result = await Promise.race([exited, sleep(timeoutMs).then(() => null)]);
      if (result) return { ...result, ms: Date.now() - started };
      child.kill('SIGKILL');
      await exited;
      return { code: null, signal: null, ms: Date.now() - started };
    },
  };
}

// ----------------------------------------------------------------- recording

export interface Recorded {
  method: string;
  url: string;
  status: number;
  body: string;
}

/** Every answer any test of the file received, in order (for checks over the whole file). */
export const recorded: Recorded[] = [];
/** The `code` of every problem answer received. */
export const problemCodesSeen = new Set<string>();

/** Fields no answer may carry: the staff's note, the dataset's login code, the issued tokens. */
const SECRET_FIELDS = ['"internalNote"', '"loginCode"', '"tokens"'];

export interface Reply {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface CallOptions {
  token?: string;
  /** A value to send as JSON. */
  body?: unknown;
  /** A raw body string (sent as application/json), for malformed or huge bodies. */
  raw?: string;
  /** The Idempotency-Key header. */
  key?: string;
  headers?: Record<string, string>;
}

/**
 * Speaks to the mock over HTTP. Every answer is checked as it arrives, so the test that received a
 * bad one fails: the CORS headers every response carries (docs/backend.md), and none of the secret
 * fields or of the `secrets` (the fixture's staff notes) in the body.
 */
export class Api {
  readonly base: string;
  readonly #secrets: readonly string[];
  constructor(base: string, { secrets = [] }: { secrets?: readonly string[] } = {}) {
    this.base = base;
    this.#secrets = secrets;
  }

  async call(method: string, path: string, { token, body, raw, key, headers = {} }: CallOptions = {}): Promise<Reply> {
    const sent: Record<string, string> = { ...headers };
    if (token !== undefined) sent.Authorization = `Bearer ${token}`;
    if (key !== undefined) sent['Idempotency-Key'] = key;
    let payload: string | undefined = raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) sent['Content-Type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, { method, headers: sent, body: payload });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    recorded.push({ method, url: path, status: response.status, body: text });
    const answer = `${method} ${path} → ${response.status}`;
    const expose = (response.headers.get('Access-Control-Expose-Headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*', `${answer}: Access-Control-Allow-Origin`);
    assert.ok(expose.includes('etag'), `${answer}: Access-Control-Expose-Headers ${expose.join(', ')} lacks ETag`);
    for (const secret of [...SECRET_FIELDS, ...this.#secrets]) assert.ok(!text.includes(secret), `${answer} sent ${secret}`);
    if (json && typeof json === 'object' && typeof (json as { code?: unknown }).code === 'string') {
      problemCodesSeen.add((json as { code: string }).code);
    }
    return { method, path, status: response.status, headers: response.headers, text, json };
  }

  get(path: string, options?: CallOptions) {
    return this.call('GET', path, options);
  }

  post(path: string, body: unknown, options: CallOptions = {}) {
    return this.call('POST', path, { ...options, body });
  }
}

export const describeReply = (reply: Reply) => `${reply.method} ${reply.path} → ${reply.status} ${reply.text.slice(0, 600)}`;

/** Asserts a JSON success answer with this status and returns the body parsed by the contract schema. */
export function expectBody<S extends z.ZodMiniType>(reply: Reply, schema: S, status = 200): z.infer<S> {
  assert.equal(reply.status, status, describeReply(reply));
  assert.match(reply.headers.get('Content-Type') ?? '', /^application\/json\b/, `content type of ${describeReply(reply)}`);
  const parsed = schema.safeParse(reply.json);
  assert.ok(parsed.success, `body breaks the contract: ${JSON.stringify(parsed.error?.issues)}\n${describeReply(reply)}`);
  return parsed.data as z.infer<S>;
}

/** Asserts a problem answer of this code (HTTP status = the code's, or `status`) and returns it parsed. */
export function expectProblem<C extends ProblemCode>(reply: Reply, code: C, status: number = PROBLEM_STATUS[code]): ProblemOf<C> {
  assert.equal(reply.status, status, describeReply(reply));
  assert.match(reply.headers.get('Content-Type') ?? '', /^application\/problem\+json\b/, `content type of ${describeReply(reply)}`);
  const body = reply.json as { code?: unknown; status?: unknown; type?: unknown } | undefined;
  assert.equal(body?.code, code, describeReply(reply));
  assert.equal(body?.status, status, `body.status must equal the HTTP status: ${describeReply(reply)}`);
  assert.equal(typeof body?.type, 'string', `problem type missing: ${describeReply(reply)}`);
  const parsed = PROBLEM_SCHEMAS[code].safeParse(reply.json);
  assert.ok(parsed.success, `problem breaks the contract: ${JSON.stringify(parsed.error?.issues)}\n${describeReply(reply)}`);
  return parsed.data as ProblemOf<C>;
}

/** Asserts `validation_failed` naming at least these paths; returns all named paths. */
export function expectInvalid(reply: Reply, paths: string[], status = 400): string[] {
  const problem = expectProblem(reply, 'validation_failed', status);
  const named = problem.errors.map((e) => e.path);
  for (const path of paths) assert.ok(named.includes(path), `expected an error at ${path}, got ${JSON.stringify(named)}`);
  return named;
}

// ------------------------------------------------------------ expected slots

/** Wall-clock starts `HH:MM` every `every` minutes from `from` whose `duration` ends by `until`. */
export function grid(from: string, until: string, every: number, duration: number): string[] {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const out: string[] = [];
  for (let t = minutes(from); t + duration <= minutes(until); t += every) {
    out.push(`${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`);
  }
  return out;
}

/** Instants on `date` at these wall-clock times with the given offset: `2026-03-29T08:00:00+02:00`. */
export function at(date: string, offset: string, times: readonly string[]): string[] {
  return times.map((time) => `${date}T${time}:00${offset}`);
}

/** Every `internalNote` in a dataset. */
export function internalNotes(dataset: Dataset): string[] {
  return dataset.practices.flatMap((p) => p.customers.flatMap((c) => c.packages.flatMap((pkg) => (pkg.internalNote ? [pkg.internalNote] : []))));
}
