/**
 * The load figure of the benchmark: 200 concurrent clients booking and cancelling against the mock
 * API (the scenario of test/mock-api/load.test.ts, scripts/bench/load-scenario.ts) for a few
 * seconds; requests/s and p99 latency, and whether every invariant held.
 */
import { runLoad } from './load-scenario.ts';
import type { BenchRow } from './table.ts';

const CLIENTS = 200;
const DURATION_MS = 5000;

export async function loadBench(): Promise<BenchRow[]> {
  const result = await runLoad({ clients: CLIENTS, durationMs: DURATION_MS });
  return [
    { metric: `mock load, ${CLIENTS} clients booking/cancelling: requests/s`, value: result.requestsPerSecond, goal: '', ok: null },
    { metric: `mock load, ${CLIENTS} clients: p99 latency, ms`, value: result.p99Ms, goal: '', ok: null },
    { metric: `mock load: invariant violations`, value: result.violations.length, goal: '0', ok: result.violations.length === 0 },
  ];
}
