/**
 * Every ApiClient method sends what SPEC 4 asks (method, path, query, headers, body)
 * and reads the answer, against the real mock handlers; requests are recorded by wrapping fetch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestHandler } from 'msw';
import { ApiClient } from '../../src/client/api-client.ts';
import { ProblemError } from '../../src/client/errors.ts';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import { readDemo } from '../support/demo.ts';
import { handlerFetch } from '../support/handler-fetch.ts';

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  status: number;
  responseHeaders: Headers;
}

let base = 0;

/**
 * A client on the mock handlers that records each request and its answer. Each call gets its own
 * base URL, because the catalog cache is shared by every client on the page (keyed by URL).
 */
function setup(practiceId = 'physio-berlin', store = new MockStore(readDemo()), handlers: RequestHandler[] = createHandlers(store)) {
  const requests: Recorded[] = [];
  const inner = handlerFetch(handlers);
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    const response = await inner(request);
    requests.push({ method: request.method, url: new URL(request.url), headers: request.headers, body, status: response.status, responseHeaders: response.headers });
    return response;
  };
  const baseUrl = `http://127.0.0.1:4010/test-${process.pid}-${++base}/portal/v1`;
  const client = new ApiClient({ baseUrl, practiceId, fetch, timeoutMs: 2000 });
  const path = (r: Recorded) => r.url.pathname.slice(new URL(baseUrl).pathname.length);
  return { client, requests, store, path, last: () => requests.at(-1)! };
}

describe('ApiClient routes', () => {
  it('me: sends the bearer token and reads the client, packages and bonus', async () => {
    const { client, last, path } = setup();
    client.useToken('demo-berlin-anna');
    const me = await client.me();
    assert.equal(last().method, 'GET');
    assert.equal(path(last()), '/practices/physio-berlin/me');
    assert.equal(last().headers.get('Authorization'), 'Bearer demo-berlin-anna');
    assert.equal(last().headers.get('Accept'), 'application/json');
    assert.equal(me.customer.displayName, 'Anna Schmidt');
    assert.equal(me.packages.length, 1);
    assert.equal(me.bonus?.balance, 340);
  });

  it('me: without a token sends no Authorization and gets unauthorized', async () => {
    const { client, last } = setup();
    await assert.rejects(client.me(), (error) => error instanceof ProblemError && error.code === 'unauthorized');
    assert.equal(last().headers.get('Authorization'), null);
    assert.equal(last().status, 401);
  });

  it('catalog: sends If-None-Match with the ETag the second time and reuses the cached catalog on 304', async () => {
    const { client, requests } = setup();
    const first = await client.catalog();
    assert.equal(requests[0]!.headers.get('If-None-Match'), null);
    assert.equal(requests[0]!.status, 200);
    const etag = requests[0]!.responseHeaders.get('ETag');
    assert.ok(etag, 'the mock sends an ETag');
    const second = await client.catalog();
    assert.equal(requests[1]!.headers.get('If-None-Match'), etag);
    assert.equal(requests[1]!.status, 304);
    assert.equal(second, first, 'the cached catalog itself');
    assert.ok(second.chains.length > 0);
  });

  it('catalog: a changed catalog (new ETag) replaces the cached one', async () => {
    const one = setup();
    const before = await one.client.catalog();
    // The same URL served by a backend whose catalog changed.
    const changed = readDemo();
    changed.practices[0]!.catalog.chains[0]!.name = 'Renamed chain';
    const store = new MockStore(changed);
    const requests: { ifNoneMatch: string | null; status: number }[] = [];
    const inner = handlerFetch(createHandlers(store));
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await inner(request);
      requests.push({ ifNoneMatch: request.headers.get('If-None-Match'), status: response.status });
      return response;
    };
    const baseUrl = one.client.baseUrl.replace(/\/practices\/physio-berlin$/, '');
    const client = new ApiClient({ baseUrl, practiceId: 'physio-berlin', fetch });
    const after = await client.catalog();
    assert.ok(requests[0]!.ifNoneMatch, 'revalidates the cached catalog');
    assert.equal(requests[0]!.status, 200);
    assert.equal(after.chains[0]!.name, 'Renamed chain');
    assert.notEqual(before.chains[0]!.name, 'Renamed chain');
    const again = await client.catalog();
    assert.equal(requests[1]!.status, 304);
    assert.equal(again, after);
  });

  it('requestCode: posts the address as JSON and resolves on 202', async () => {
    const codes: string[] = [];
    const store = new MockStore(readDemo(), { onLoginCode: ({ email, code }) => codes.push(`${email}:${code}`) });
    const { client, last, path } = setup('physio-berlin', store);
    assert.equal(await client.requestCode('anna.schmidt@example.com'), undefined);
    assert.equal(last().method, 'POST');
    assert.equal(path(last()), '/practices/physio-berlin/auth/code');
    assert.equal(last().headers.get('Content-Type'), 'application/json');
    assert.deepEqual(JSON.parse(last().body), { email: 'anna.schmidt@example.com' });
    assert.equal(last().status, 202);
    assert.deepEqual(codes, ['anna.schmidt@example.com:482913']);
  });

  it('signIn: posts email and code and returns a token that works for /me', async () => {
    const { client, last, path } = setup();
    const answer = await client.signIn('anna.schmidt@example.com', '482913');
    assert.equal(last().method, 'POST');
    assert.equal(path(last()), '/practices/physio-berlin/auth/token');
    assert.deepEqual(JSON.parse(last().body), { email: 'anna.schmidt@example.com', code: '482913' });
    assert.equal(answer.customer.id, 'anna-schmidt');
    assert.ok(answer.token.length > 0);
    assert.equal(client.signedIn, true, 'the client holds the token it got');
    assert.equal((await client.me()).customer.id, 'anna-schmidt');
    assert.equal(last().headers.get('Authorization'), `Bearer ${answer.token}`);
  });

  it('signOut: posts …/auth/signout with the token, forgets it, and the backend refuses it from then on', async () => {
    const { client, last, path } = setup();
    const { token } = await client.signIn('anna.schmidt@example.com', '482913');
    await client.signOut();
    assert.equal(last().method, 'POST');
    assert.equal(path(last()), '/practices/physio-berlin/auth/signout');
    assert.equal(last().headers.get('Authorization'), `Bearer ${token}`);
    assert.equal(last().status, 204);
    assert.equal(client.signedIn, false);
    // A copy of the token (a script that read it, a stolen log) is useless now.
    client.useToken(token);
    await assert.rejects(client.me(), (error: unknown) => error instanceof ProblemError && error.code === 'unauthorized');
    assert.equal(last().responseHeaders.get('Content-Type')?.startsWith('application/problem+json'), true);
  });

  it('signOut: a dataset token dies too; without a token nothing is sent', async () => {
    const { client, requests } = setup();
    client.useToken('demo-berlin-jonas');
    await client.signOut();
    client.useToken('demo-berlin-jonas');
    await assert.rejects(client.me(), (error: unknown) => error instanceof ProblemError && error.code === 'unauthorized');
    const sent = requests.length;
    client.useToken(null);
    await client.signOut();
    assert.equal(requests.length, sent, 'nothing to revoke, nothing sent');
  });

  it('keeps the token where no other script can read it', async () => {
    const { client } = setup();
    await client.signIn('anna.schmidt@example.com', '482913');
    const visible = JSON.stringify(client) + Object.values(client).map(String).join(' ') + Object.keys(client).join(' ');
    assert.doesNotMatch(visible, /pct_/, 'no own property holds the token');
    assert.equal((client as unknown as { token?: unknown }).token, undefined);
  });

  it('signIn: a wrong code is a ProblemError invalid_code; the sixth attempt too_many_attempts', async () => {
    const { client } = setup();
    for (let i = 0; i < 5; i++) {
      await assert.rejects(client.signIn('anna.schmidt@example.com', '000000'), (error) => error instanceof ProblemError && error.code === 'invalid_code');
    }
    await assert.rejects(client.signIn('anna.schmidt@example.com', '482913'), (error) => error instanceof ProblemError && error.code === 'too_many_attempts');
  });

  it('slots: sends from, to and participants in the query string (participants only when given)', async () => {
    const { client, last, path } = setup();
    const { slots } = await client.slots('massage-folgetermin', { from: '2026-11-25', to: '2026-11-27', participants: 1 });
    assert.equal(last().method, 'GET');
    assert.equal(path(last()), '/practices/physio-berlin/chains/massage-folgetermin/slots');
    assert.deepEqual(Object.fromEntries(last().url.searchParams), { from: '2026-11-25', to: '2026-11-27', participants: '1' });
    assert.ok(slots.length > 0);
    const starts = slots.map((s) => Date.parse(s.start));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'sorted by start');

    await client.slots('massage-folgetermin', { from: '2026-11-25', to: '2026-11-25' });
    assert.deepEqual([...last().url.searchParams.keys()], ['from', 'to']);
  });

  it('slots: encodes the chain id in the path', async () => {
    const { client, last } = setup();
    await assert.rejects(client.slots('a/b c', { from: '2026-11-25', to: '2026-11-25' }), (error) => error instanceof ProblemError && error.code === 'not_found');
    assert.ok(last().url.pathname.endsWith('/chains/a%2Fb%20c/slots'), last().url.pathname);
  });

  it('book: sends the Idempotency-Key and the request as JSON; a retry with the key books once', async () => {
    const { client, requests, last, path, store } = setup();
    client.useToken('demo-berlin-anna');
    const [slot] = (await client.slots('massage-folgetermin', { from: '2026-11-25', to: '2026-11-27' })).slots;
    const request = { chainId: 'massage-folgetermin', start: slot!.start, participants: 1 };
    const booking = await client.book(request, 'key-123');
    assert.equal(last().method, 'POST');
    assert.equal(path(last()), '/practices/physio-berlin/bookings');
    assert.equal(last().headers.get('Idempotency-Key'), 'key-123');
    assert.equal(last().headers.get('Content-Type'), 'application/json');
    assert.equal(last().headers.get('Authorization'), 'Bearer demo-berlin-anna');
    assert.deepEqual(JSON.parse(last().body), request);
    assert.equal(last().status, 201);
    assert.equal(booking.status, 'booked');
    assert.equal(booking.packageId, 'pkg-b-anna-massage-10');

    const replay = await client.book(request, 'key-123');
    assert.equal(requests.at(-1)!.headers.get('Idempotency-Key'), 'key-123');
    assert.equal(replay.id, booking.id);
    const anna = store.practice('physio-berlin')!.customers.find((c) => c.id === 'anna-schmidt')!;
    assert.equal(anna.bookings.filter((b) => b.id === booking.id).length, 1);
  });

  it('book: a refusal is a ProblemError with its code', async () => {
    const { client } = setup();
    client.useToken('demo-berlin-friedrich');
    await assert.rejects(
      client.book({ chainId: 'massage-folgetermin', start: '2026-11-26T09:00:00+01:00', participants: 1 }, 'key-1'),
      (error) => error instanceof ProblemError && error.code === 'package_required',
    );
  });

  it("bookings: the signed-in client's bookings with the token", async () => {
    const { client, last, path, store } = setup();
    client.useToken('demo-berlin-anna');
    const { bookings } = await client.bookings();
    assert.equal(last().method, 'GET');
    assert.equal(path(last()), '/practices/physio-berlin/bookings');
    assert.equal(last().headers.get('Authorization'), 'Bearer demo-berlin-anna');
    const anna = store.practice('physio-berlin')!.customers.find((c) => c.id === 'anna-schmidt')!;
    assert.deepEqual(bookings.map((b) => b.id).sort(), anna.bookings.map((b) => b.id).sort());
  });

  it('cancel: posts to the booking and returns it cancelled', async () => {
    const { client, last, path } = setup();
    client.useToken('demo-berlin-anna');
    const [slot] = (await client.slots('massage-folgetermin', { from: '2026-11-27', to: '2026-11-27' })).slots;
    const booking = await client.book({ chainId: 'massage-folgetermin', start: slot!.start, participants: 1 }, 'key-cancel');
    const cancelled = await client.cancel(booking.id);
    assert.equal(last().method, 'POST');
    assert.equal(path(last()), `/practices/physio-berlin/bookings/${encodeURIComponent(booking.id)}/cancel`);
    assert.equal(last().headers.get('Authorization'), 'Bearer demo-berlin-anna');
    assert.equal(cancelled.id, booking.id);
    assert.equal(cancelled.status, 'cancelled');
    const after = await client.bookings();
    assert.equal(after.bookings.find((b) => b.id === booking.id)?.status, 'cancelled');
  });

  it('cancel: an unknown booking is not_found', async () => {
    const { client } = setup();
    client.useToken('demo-berlin-anna');
    await assert.rejects(client.cancel('no-such-booking'), (error) => error instanceof ProblemError && error.code === 'not_found');
  });
});
