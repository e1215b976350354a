/**
 * Rescheduling in the mock's handlers (docs/rules.md "Rescheduling"): the route's decision order,
 * what a move does to the booking and its package, idempotency, `exceptBooking` on the slots
 * query, and concurrent requests for the last group place, on the demo dataset (2026-11-24 09:00
 * in Berlin; bookings may be changed until 24 hours before).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getResponse } from 'msw';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import type { Booking, Package } from '../../src/contract/entities.ts';
import { readDemo } from '../support/demo.ts';

const BASE = 'http://127.0.0.1:4010/practices/physio-berlin';
const bearer = (name: string) => ({ Authorization: `Bearer demo-berlin-${name}` });

function setup() {
  const handlers = createHandlers(new MockStore(readDemo()));
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await getResponse(handlers, new Request(`${BASE}${path}`, init));
    assert.ok(response, `no response for ${path}`);
    return response;
  };
  const json = async <T>(path: string, init: RequestInit = {}) => (await (await call(path, init)).json()) as T;
  return {
    call,
    slots: async (chainId: string, day: string, extra = '', headers: HeadersInit = {}) =>
      (await json<{ slots: { start: string }[] }>(`/chains/${chainId}/slots?from=${day}&to=${day}${extra}`, { headers })).slots.map((s) => s.start),
    reschedule: (name: string, bookingId: string, body: unknown, key = `k-${Math.random()}`) =>
      call(`/bookings/${bookingId}/reschedule`, {
        method: 'POST',
        headers: { ...bearer(name), 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      }),
    book: (name: string, body: unknown, key = `b-${Math.random()}`) =>
      call('/bookings', { method: 'POST', headers: { ...bearer(name), 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) }),
    state: async (name: string) => ({
      packages: (await json<{ packages: Package[] }>('/me', { headers: bearer(name) })).packages,
      bookings: (await json<{ bookings: Booking[] }>('/bookings', { headers: bearer(name) })).bookings,
    }),
  };
}

async function codeOf(response: Response): Promise<string> {
  const body = (await response.json()) as { code?: string };
  return `${response.status} ${body.code ?? 'ok'}`;
}

describe('mock API: rescheduling a booking', () => {
  it('moves a card-paid booking to another day: same id, new start and steps, the card’s credit unchanged', async () => {
    const api = setup();
    const before = await api.state('anna');
    const [start] = await api.slots('massage-folgetermin', '2026-11-30');
    const response = await api.reschedule('anna', 'bk-b-1004', { start });
    assert.equal(response.status, 200);
    const moved = (await response.json()) as Booking;
    assert.equal(moved.id, 'bk-b-1004');
    assert.equal(Date.parse(moved.start), Date.parse(start!));
    assert.equal(Date.parse(moved.steps[0]!.start), Date.parse(start!));
    assert.equal(moved.packageId, 'pkg-b-anna-massage-10');
    const after = await api.state('anna');
    assert.deepEqual(after.packages, before.packages, 'the card is used exactly as before');
    assert.deepEqual(after.bookings.find((b) => b.id === 'bk-b-1004'), moved);
    assert.equal(after.bookings.length, before.bookings.length);
    // The old time is free again, the new one taken.
    assert.ok((await api.slots('massage-folgetermin', '2026-11-26')).some((s) => Date.parse(s) === Date.parse('2026-11-26T10:00:00+01:00')));
    assert.ok(!(await api.slots('massage-folgetermin', '2026-11-30')).includes(start!));
  });

  it('to its own current start: allowed (its own occupancy does not block it), nothing changes', async () => {
    const api = setup();
    const before = await api.state('anna');
    const response = await api.reschedule('anna', 'bk-b-1004', { start: '2026-11-26T10:00:00+01:00' });
    assert.equal(await codeOf(response), '200 ok');
    assert.deepEqual(await api.state('anna'), before);
  });

  it('a card that will have expired by the new day: package_not_usable naming the card, and nothing changes', async () => {
    const api = setup();
    // Jonas's 5-visit card is valid until 28 Nov: book the 27th, then try to move it to 1 Dec.
    const [on27] = await api.slots('massage-folgetermin', '2026-11-27');
    const booked = (await (await api.book('jonas', { chainId: 'massage-folgetermin', start: on27, participants: 1 })).json()) as Booking;
    const before = await api.state('jonas');
    const [on1] = await api.slots('massage-folgetermin', '2026-12-01');
    const response = await api.reschedule('jonas', booked.id, { start: on1 });
    const body = (await response.json()) as { code: string; packageId: string };
    assert.equal(response.status, 422);
    assert.equal(body.code, 'package_not_usable');
    assert.equal(body.packageId, 'pkg-b-jonas-massage-5');
    assert.deepEqual(await api.state('jonas'), before);
  });

  it('refusals in order: not_found (another client’s), booking_cancelled, cancellation_window_passed, too_many_participants, slot_unavailable', async () => {
    const api = setup();
    const [free] = await api.slots('massage-folgetermin', '2026-11-30');
    assert.equal(await codeOf(await api.reschedule('jonas', 'bk-b-1004', { start: free })), '404 not_found');
    assert.equal(await codeOf(await api.reschedule('anna', 'bk-nope', { start: free })), '404 not_found');
    // Cancelled and in the past: the cancellation comes first.
    assert.equal(await codeOf(await api.reschedule('anna', 'bk-b-1003', { start: free })), '409 booking_cancelled');
    // Today 17:00, eight hours away.
    assert.equal(await codeOf(await api.reschedule('mehmet', 'bk-b-3002', { start: free, participants: 9 })), '409 cancellation_window_passed');
    assert.equal(await codeOf(await api.reschedule('anna', 'bk-b-1004', { start: free, participants: 2 })), '422 too_many_participants');
    assert.equal(await codeOf(await api.reschedule('anna', 'bk-b-1004', { start: '2026-11-30T03:00:00+01:00' })), '409 slot_unavailable');
    assert.equal(await codeOf(await api.reschedule('anna', 'bk-b-1004', { start: 'tomorrow' })), '400 validation_failed');
    const unsigned = await api.call('/bookings/bk-b-1004/reschedule', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'x' }, body: JSON.stringify({ start: free }) });
    assert.equal(await codeOf(unsigned), '401 unauthorized');
    const keyless = await api.call('/bookings/bk-b-1004/reschedule', { method: 'POST', headers: { ...bearer('anna'), 'Content-Type': 'application/json' }, body: JSON.stringify({ start: free }) });
    assert.equal(await codeOf(keyless), '400 validation_failed');
  });

  it('idempotent: the same key and body answer the first answer again; another body is idempotency_key_reused', async () => {
    const api = setup();
    const [first, second] = await api.slots('massage-folgetermin', '2026-11-30');
    const answer = await (await api.reschedule('anna', 'bk-b-1004', { start: first }, 'move-1')).json();
    // Moved on in the meantime: the replay still answers what the first request did.
    await api.reschedule('anna', 'bk-b-1004', { start: second }, 'move-2');
    const replay = await api.reschedule('anna', 'bk-b-1004', { start: first }, 'move-1');
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), answer);
    assert.equal(Date.parse((await api.state('anna')).bookings.find((b) => b.id === 'bk-b-1004')!.start), Date.parse(second!));
    assert.equal(await codeOf(await api.reschedule('anna', 'bk-b-1004', { start: second }, 'move-1')), '422 idempotency_key_reused');
  });

  it('concurrent: a reschedule and a booking for the last group place, exactly one wins', async () => {
    const api = setup();
    const start = '2026-11-26T18:00:00+01:00';
    // Friedrich holds 2 of 6 places; Anna takes 3 more: one is left.
    assert.equal((await api.book('anna', { chainId: 'rueckenschule', start, participants: 3 })).status, 201);
    const [moved, booked] = await Promise.all([
      api.reschedule('friedrich', 'bk-b-7001', { start, participants: 3 }),
      api.book('lena', { chainId: 'rueckenschule', start, participants: 1 }),
    ]);
    const won = [moved.status, booked.status].filter((status) => status < 300);
    assert.equal(won.length, 1, `statuses ${moved.status}, ${booked.status}`);
    assert.ok([moved.status, booked.status].includes(409), 'the other is slot_unavailable');
    const full = (await api.slots('rueckenschule', '2026-11-26', '&participants=1')).filter((s) => Date.parse(s) === Date.parse(start));
    assert.deepEqual(full, [], 'six of six places are taken, not seven');
  });
});

describe('mock API: the slots query with exceptBooking', () => {
  it('offers the booking’s own start to its client, and nothing else changes', async () => {
    const api = setup();
    const plain = await api.slots('massage-folgetermin', '2026-11-26');
    const except = await api.slots('massage-folgetermin', '2026-11-26', '&exceptBooking=bk-b-1004', bearer('anna'));
    const freed = except.filter((s) => !plain.includes(s)).map((s) => Date.parse(s));
    assert.ok(freed.includes(Date.parse('2026-11-26T10:00:00+01:00')), 'its own start');
    // Only starts that would overlap the booking (10:00–11:00) are freed.
    const booking = (await api.state('anna')).bookings.find((b) => b.id === 'bk-b-1004')!;
    const end = Date.parse(booking.steps.at(-1)!.end);
    assert.ok(freed.every((ms) => ms < end && ms > Date.parse('2026-11-26T08:00:00+01:00')), `freed ${freed.map((ms) => new Date(ms).toISOString())}`);
    assert.ok(plain.every((s) => except.includes(s)), 'nothing offered before is lost');
  });
  it('needs the booking’s client: no token 401, another client’s or an unknown booking 404', async () => {
    const api = setup();
    const ask = (headers: HeadersInit, booking = 'bk-b-1004') => api.call(`/chains/massage-folgetermin/slots?from=2026-11-26&to=2026-11-26&exceptBooking=${booking}`, { headers });
    assert.equal(await codeOf(await ask({})), '401 unauthorized');
    assert.equal(await codeOf(await ask({ Authorization: 'Bearer revoked-or-wrong' })), '401 unauthorized');
    assert.equal(await codeOf(await ask(bearer('jonas'))), '404 not_found');
    assert.equal(await codeOf(await ask(bearer('anna'), 'bk-nope')), '404 not_found');
  });
});
