/**
 * Load (docs/backend.md, "Reliability and security"): 200 concurrent clients book, replay and cancel against the real mock API process
 * for a bounded time; afterwards the state read over HTTP satisfies the invariants (see
 * scripts/bench/load-scenario.ts, shared with `npm run bench`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLoad } from '../../scripts/bench/load-scenario.ts';
import { assertNoInternalNote } from './raw.ts';

describe('mock API under load: 200 concurrent clients booking and cancelling', () => {
  it('keeps every invariant: budgets, capacity, usage = active bookings, nothing lost or doubled', async () => {
    const bodies: string[] = [];
    const result = await runLoad({ clients: 200, durationMs: Number(process.env.LOAD_MS ?? 5000), onBody: (body) => bodies.push(body) });
    const summary = `${result.requests} requests in ${result.seconds.toFixed(1)} s (${result.requestsPerSecond.toFixed(0)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms); ${result.booked} booked, ${result.cancelled} cancelled, ${result.replays} replays; statuses ${JSON.stringify(result.statuses)}`;
    console.log(summary);
    assert.deepEqual(result.violations.slice(0, 20), [], `${result.violations.length} violations; ${summary}`);
    // The run must have exercised what it checks.
    assert.ok(result.booked >= 100, `too few bookings to mean anything: ${summary}`);
    assert.ok(result.cancelled >= 20, `too few cancellations: ${summary}`);
    assert.ok(result.replays >= 20, `too few replays: ${summary}`);
    for (const status of [409, 422]) assert.ok((result.statuses[status] ?? 0) > 0, `no ${status} answers: the load never hit a full slot or budget: ${summary}`);
    assertNoInternalNote(bodies, result.internalNotes);
  });
});
