import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { http, HttpResponse } from 'msw';
import { ApiClient } from '../../src/client/api-client.ts';
import { HttpError, NetworkError, ProblemError } from '../../src/client/errors.ts';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import { readDemo } from '../support/demo.ts';
import { handlerFetch } from '../support/handler-fetch.ts';

/** A client over the real handlers, with `failures` answers of `fail` first on matching requests. */
function flaky(method: 'get' | 'post', path: string, failures: number, fail: () => Response) {
  const seen = { count: 0 };
  const override = http[method](path, () => {
    seen.count += 1;
    return seen.count <= failures ? fail() : undefined;
  });
  const fetch = handlerFetch([override, ...createHandlers(new MockStore(readDemo()))]);
  const client = new ApiClient({ baseUrl: 'http://127.0.0.1:4010', practiceId: 'physio-berlin', fetch, backoffMs: 1 });
  return { client, seen };
}

describe('ApiClient retries', () => {
  it('tries a GET again after a 5xx and a lost connection, and succeeds', async () => {
    let n = 0;
    const { client, seen } = flaky('get', '*/practices/:p', 2, () => (++n === 1 ? new HttpResponse('busy', { status: 503 }) : HttpResponse.error()));
    const practice = await client.practice();
    assert.equal(practice.id, 'physio-berlin');
    assert.equal(seen.count, 3);
  });

  it('gives up after its retries with the last error', async () => {
    const { client, seen } = flaky('get', '*/practices/:p', 10, () => new HttpResponse('down', { status: 500 }));
    await assert.rejects(client.practice(), (error) => error instanceof HttpError && error.status === 500);
    assert.equal(seen.count, 3, 'one try and two retries');
  });

  it('never retries a problem answer (4xx): it is the answer', async () => {
    const counting = { count: 0 };
    const fetch = handlerFetch(createHandlers(new MockStore(readDemo())));
    const probe = new ApiClient({
      baseUrl: 'http://127.0.0.1:4010',
      practiceId: 'nowhere',
      backoffMs: 1,
      fetch: (input, init) => ((counting.count += 1), fetch(input, init)),
    });
    await assert.rejects(probe.practice(), ProblemError);
    assert.equal(counting.count, 1);
  });

  it('never retries a booking by itself: a lost answer is retried by the checkout with the same key', async () => {
    const { client, seen } = flaky('post', '*/practices/:p/bookings', 1, () => HttpResponse.error());
    client.useToken('demo-berlin-anna');
    await assert.rejects(
      client.book({ chainId: 'massage-folgetermin', start: '2026-11-26T09:00:00+01:00', participants: 1 }, 'key-1'),
      NetworkError,
    );
    assert.equal(seen.count, 1);
  });
});
