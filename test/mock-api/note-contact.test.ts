/**
 * SPEC 2.5's note and SPEC 4's contact in the mock's handlers: a note is stored trimmed and
 * returned with the booking and in the client's bookings, refused when too long or with control
 * characters; a dataset booking without one reads as null; the practice answers its contact.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getResponse } from 'msw';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import { contactOf } from '../../src/state/contact-view.ts';
import { calendarFile } from '../../src/state/calendar-file.ts';
import { readDemo } from '../support/demo.ts';

const BASE = 'http://127.0.0.1:4010/practices/physio-berlin';
const ANNA = { Authorization: 'Bearer demo-berlin-anna' };

function setup() {
  const handlers = createHandlers(new MockStore(readDemo()));
  return async (path: string, init: RequestInit = {}) => {
    const response = await getResponse(handlers, new Request(`${BASE}${path}`, init));
    assert.ok(response, `no response for ${path}`);
    return response;
  };
}

async function firstStart(call: ReturnType<typeof setup>): Promise<string> {
  const { slots } = (await (await call('/chains/massage-folgetermin/slots?from=2026-11-30&to=2026-11-30')).json()) as { slots: { start: string }[] };
  return slots[0]!.start;
}

const book = (call: ReturnType<typeof setup>, start: string, note: unknown, key: string) =>
  call('/bookings', {
    method: 'POST',
    headers: { ...ANNA, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ chainId: 'massage-folgetermin', start, participants: 1, note }),
  });

describe('mock API: the note of a booking', () => {
  it('is stored trimmed, with its line breaks, and returned with the booking and in the bookings', async () => {
    const call = setup();
    const response = await book(call, await firstStart(call), '  Bitte wenig Öl.\nDanke!  ', 'n1');
    assert.equal(response.status, 201);
    const booking = (await response.json()) as { id: string; note: string | null };
    assert.equal(booking.note, 'Bitte wenig Öl.\nDanke!');
    const { bookings } = (await (await call('/bookings', { headers: ANNA })).json()) as { bookings: { id: string; note: string | null }[] };
    assert.equal(bookings.find((b) => b.id === booking.id)!.note, 'Bitte wenig Öl.\nDanke!');
    assert.ok(bookings.filter((b) => b.id !== booking.id).every((b) => b.note === null), 'dataset bookings without a note read as null');
  });

  it('none, blank or null is no note: null', async () => {
    const call = setup();
    const start = await firstStart(call);
    for (const [note, key] of [[undefined, 'a'], [null, 'b'], ['   \n ', 'c']] as const) {
      const response = await book(call, start, note, key);
      assert.equal(response.status, 201, String(note));
      assert.equal(((await response.json()) as { note: unknown }).note, null);
      const { id } = (await (await call('/bookings', { headers: ANNA })).json()).bookings.at(-1) as { id: string };
      await call(`/bookings/${id}/cancel`, { method: 'POST', headers: ANNA });
    }
  });

  it('longer than 500 characters after trimming, or with a control character, is validation_failed at body.note', async () => {
    const call = setup();
    const start = await firstStart(call);
    assert.equal((await book(call, start, ` ${'x'.repeat(500)} `, 'ok500')).status, 201, '500 after trimming is fine');
    for (const [note, key] of [['x'.repeat(501), 'long'], ['tab\there', 'tab'], ['bell\u0007', 'bell'], ['del\u007f', 'del'], [42, 'number']] as const) {
      const response = await book(call, start, note, key);
      assert.equal(response.status, 400, JSON.stringify(note));
      const body = (await response.json()) as { code: string; errors: { path: string }[] };
      assert.equal(body.code, 'validation_failed');
      assert.deepEqual(body.errors.map((e) => e.path), ['body.note'], JSON.stringify(note));
    }
  });
});

describe('the practice contact', () => {
  it('the practice answers its contact, and one without a contact answers null', async () => {
    const call = setup();
    const practice = (await (await call('')).json()) as { contact: unknown };
    assert.deepEqual(practice.contact, {
      address: 'Kollwitzstraße 12, 10405 Berlin',
      phone: '+49 30 4405 1234',
      email: 'praxis@physio-kollwitzplatz.example',
      website: 'https://physio-kollwitzplatz.example',
    });
    const dataset = readDemo();
    delete (dataset.practices[0]!.practice as { contact?: unknown }).contact;
    const bare = createHandlers(new MockStore(dataset));
    const answer = await getResponse(bare, new Request(BASE));
    assert.equal(((await answer!.json()) as { contact: unknown }).contact, null);
  });

  it('becomes links only where safe: tel: and mailto: for what they claim, http(s) websites; the rest stays text or goes', () => {
    const view = contactOf({ name: 'P', contact: { address: ' Street 1 ', phone: '+49 (30) 123-45', email: 'a@b.example', website: 'https://p.example/x' } })!;
    assert.equal(view.address, 'Street 1');
    assert.deepEqual(view.links, [
      { href: 'tel:+493012345', text: '+49 (30) 123-45' },
      { href: 'mailto:a@b.example', text: 'a@b.example' },
      { href: 'https://p.example/x', text: 'p.example' },
    ]);
    const hostile = contactOf({ name: 'P', contact: { address: null, phone: 'call us', email: 'x" onmouseover="y', website: 'javascript:alert(1)' } })!;
    assert.deepEqual(hostile.links, []);
    assert.equal(contactOf({ name: 'P', contact: null }), null);
  });

  it('the calendar file names the practice and its address as the place', () => {
    const file = calendarFile({
      booking: { id: 'bk-1', steps: [{ serviceId: 's', start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T10:30:00+01:00' }] },
      practice: { name: 'Physiotherapie am Kollwitzplatz', contact: { address: 'Kollwitzstraße 12, 10405 Berlin', phone: null, email: null, website: null } },
      chainName: 'Massage',
      serviceName: () => 'Massage',
      description: 'x',
      now: 0,
    });
    // Unfolded as a calendar application reads it (the line is longer than 75 octets).
    assert.match(file.replace(/\r\n /g, ''), /LOCATION:Physiotherapie am Kollwitzplatz\\, Kollwitzstraße 12\\, 10405 Berlin\r\n/);
  });
});
