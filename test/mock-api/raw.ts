/**
 * Raw HTTP for the hostile-client suites (fuzz, abuse): node:http so that paths, methods and
 * headers go out exactly as written (no URL normalization, no forbidden-header filtering), plus
 * checks every answer must pass whatever was sent.
 */
import assert from 'node:assert/strict';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { Problem } from '../../src/contract/problems.ts';
import type { Dataset } from '../../src/contract/dataset.ts';

export interface RawRequest {
  method: string;
  /** Sent as written: `/practices/x/..%2f?from=…`. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Every body received by rawRequest in this process (for the internalNote check). */
export const rawBodies: string[] = [];

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One request over loopback; rejects on a connection error (a reset is a failure, not an answer). */
export function rawRequest(base: string, { method, path, headers = {}, body }: RawRequest, timeoutMs = 10_000): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      // A large body goes on a fresh connection: a pooled one the server is closing for idleness
      // (keep-alive timeout) would fail the write with EPIPE, a race of the client, not an answer.
      { host: url.hostname, port: url.port, method, path, headers, agent: body !== undefined && body.length > 65_536 ? false : agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          rawBodies.push(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function describeRaw(sent: RawRequest, reply: RawReply): string {
  const show = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  const headers = Object.fromEntries(Object.entries(sent.headers ?? {}).map(([k, v]) => [k, show(String(v))]));
  const body = sent.body === undefined ? '' : show(String(sent.body));
  return `${sent.method} ${show(sent.path)} ${JSON.stringify(headers)} ${body}\n→ ${reply.status} ${JSON.stringify(reply.headers)} ${show(reply.body)}`;
}

/** Never a 5xx; every 4xx is `application/problem+json` parsing with `Problem`, its `status` the HTTP status. */
export function assertWellFormed(sent: RawRequest, reply: RawReply): void {
  const what = () => describeRaw(sent, reply);
  assert.ok(reply.status >= 200 && reply.status < 500, `status ${reply.status}: ${what()}`);
  if (reply.status >= 400) {
    assert.match(String(reply.headers['content-type'] ?? ''), /^application\/problem\+json\b/, `content type: ${what()}`);
    if (sent.method === 'HEAD') return; // an answer to HEAD has no body
    let json: unknown;
    try {
      json = JSON.parse(reply.body);
    } catch {
      assert.fail(`problem body is not JSON: ${what()}`);
    }
    const parsed = Problem.safeParse(json);
    assert.ok(parsed.success, `not a SPEC 4.3 problem: ${JSON.stringify(parsed.error?.issues)}\n${what()}`);
    assert.equal(parsed.data.status, reply.status, `body.status ≠ HTTP status: ${what()}`);
  }
}

/** Every `internalNote` value of a dataset. */
export function internalNoteValues(dataset: Dataset): string[] {
  return dataset.practices.flatMap((p) => p.customers.flatMap((c) => c.packages.flatMap((pkg) => (pkg.internalNote ? [pkg.internalNote] : []))));
}

/** Asserts no body names the `internalNote` key or carries one of the dataset's notes. */
export function assertNoInternalNote(bodies: readonly string[], notes: readonly string[]): void {
  assert.ok(bodies.length > 0, 'no bodies were collected');
  for (const body of bodies) {
    assert.ok(!body.includes('internalNote'), `a response names internalNote: ${body.slice(0, 300)}`);
    for (const note of notes) assert.ok(!body.includes(note), `a response carries the staff note "${note}": ${body.slice(0, 300)}`);
  }
}
