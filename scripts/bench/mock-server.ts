/**
 * Throughput of the mock server against a bare node:http server answering the same bytes, at 50
 * concurrent connections over loopback. Each server runs in its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import type { BenchRow } from './table.ts';

const CONCURRENCY = 50;
const DURATION_MS = 3000;
const WARM_UP_MS = 1500;

async function start(args: string[]): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /API base URL: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  return { child, base };
}

interface Load {
  method: 'GET' | 'POST';
  path: string;
  headers?: (i: number) => Record<string, string>;
  body?: string;
}

/** Warms the server up (JIT, caches), then measures for DURATION_MS. */
async function measure(base: string, load: Load): Promise<{ rps: number; p99: number }> {
  await run(base, load, WARM_UP_MS);
  return run(base, load, DURATION_MS);
}

async function run(base: string, load: Load, durationMs: number): Promise<{ rps: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const url = new URL(base + load.path);
  let sent = 0;
  const until = performance.now() + durationMs;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const i = sent++;
      const req = request(url, { method: load.method, agent, headers: { 'Content-Type': 'application/json', ...load.headers?.(i) } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(load.body);
    });
  const worker = async () => {
    while (performance.now() < until) await one();
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)]! };
}

async function fetchBytes(base: string, load: Load): Promise<{ body: string; status: number }> {
  const response = await fetch(base + load.path, { method: load.method, headers: { 'Content-Type': 'application/json', ...load.headers?.(-1) }, body: load.body });
  return { body: await response.text(), status: response.status };
}

async function compare(name: string, load: Load, goal: number | null): Promise<BenchRow[]> {
  const mock = await start(['mock-api/cli.ts', '--port', '0']);
  try {
    const sample = await fetchBytes(mock.base, load);
    const bare = await start(['scripts/bench/bare-server.ts', sample.body, String(sample.status)]);
    try {
      const ofMock = await measure(mock.base, load);
      const ofBare = await measure(bare.base, load);
      const ratio = ofBare.rps / ofMock.rps;
      return [
        { metric: `mock ${name}: requests/s at ${CONCURRENCY} connections`, value: ofMock.rps, goal: '', ok: null },
        { metric: `mock ${name}: p99 latency, ms`, value: ofMock.p99, goal: '', ok: null },
        { metric: `bare node:http, same bytes: requests/s`, value: ofBare.rps, goal: '', ok: null },
        { metric: `mock ${name}: overhead (bare ÷ mock throughput)`, value: ratio, goal: goal === null ? '' : `≤ ${goal}×`, ok: goal === null ? null : ratio <= goal },
      ];
    } finally {
      bare.child.kill('SIGTERM');
    }
  } finally {
    mock.child.kill('SIGTERM');
  }
}

/**
 * SPEC 4.4: a 62-day slots query on the demo dataset (median of 15, one at a time), and how long
 * a cheap request waits while 20 such queries are in flight.
 */
async function slotsQueries(): Promise<BenchRow[]> {
  const mock = await start(['mock-api/cli.ts', '--port', '0']);
  try {
    const slots = `${mock.base}/practices/physio-berlin/chains/massage-folgetermin/slots?from=2026-11-24&to=2027-01-24`;
    const timed = async (url: string) => {
      const started = performance.now();
      await (await fetch(url)).text();
      return performance.now() - started;
    };
    for (let i = 0; i < 3; i++) await timed(slots);
    const alone: number[] = [];
    for (let i = 0; i < 15; i++) alone.push(await timed(slots));
    alone.sort((a, b) => a - b);
    const median = alone[7]!;
    const burst = Array.from({ length: 20 }, () => timed(slots));
    const cheap = await timed(`${mock.base}/practices/physio-berlin`);
    await Promise.all(burst);
    return [
      { metric: 'mock: a 62-day slots query (median of 15), ms', value: median, goal: '≤ 150', ok: median <= 150 },
      { metric: 'mock: GET …/{p} while 20 such queries run, ms', value: cheap, goal: '', ok: null },
    ];
  } finally {
    mock.child.kill('SIGTERM');
  }
}

export async function mockServerBench(): Promise<BenchRow[]> {
  const catalog = await compare('GET …/catalog', { method: 'GET', path: '/practices/physio-berlin/catalog' }, 3);
  const bookings = await compare(
    'POST …/bookings',
    {
      method: 'POST',
      path: '/practices/physio-berlin/bookings',
      headers: (i) => ({ Authorization: 'Bearer demo-berlin-anna', 'Idempotency-Key': `bench-${process.pid}-${i}` }),
      body: JSON.stringify({ chainId: 'massage-folgetermin', start: '2026-11-26T09:00:00+01:00', participants: 1 }),
    },
    null,
  );
  return [...catalog, ...bookings, ...(await slotsQueries())];
}
