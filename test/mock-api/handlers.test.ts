import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getResponse } from 'msw';
import { CatalogResponse, PracticeResponse } from '../../src/contract/api.ts';
import { Problem } from '../../src/contract/problems.ts';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import { readDemo } from '../support/demo.ts';

const BASE = 'http://127.0.0.1:4010';

function setup() {
  const dataset = readDemo();
  const handlers = createHandlers(new MockStore(dataset));
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await getResponse(handlers, new Request(`${BASE}${path}`, { headers }));
    assert.ok(response, `no response for ${path}`);
    return response;
  };
  return { dataset, get };
}

describe('mock API: practice and catalog', () => {
  it('answers GET /practices/{p} from the dataset with serverTime from its fixed clock', async () => {
    const { dataset, get } = setup();
    for (const { practice } of dataset.practices) {
      const response = await get(`/practices/${practice.id}`);
      assert.equal(response.status, 200);
      const body = PracticeResponse.parse(await response.json());
      assert.equal(body.id, practice.id);
      assert.equal(body.timeZone, practice.timeZone);
      assert.equal(Date.parse(body.serverTime), Date.parse(dataset.now));
      assert.match(body.serverTime, /[+-]\d\d:\d\d$/);
    }
  });

  it('never sends the schedule, a dataset-only field', async () => {
    const { get } = setup();
    const body = await (await get('/practices/physio-berlin')).json();
    assert.equal('schedule' in body, false);
  });

  it('answers GET /practices/{p}/catalog with the catalog, an ETag, and 304 to If-None-Match', async () => {
    const { dataset, get } = setup();
    const response = await get('/practices/physio-berlin/catalog');
    assert.equal(response.status, 200);
    const catalog = CatalogResponse.parse(await response.json());
    assert.deepEqual(
      catalog.chains.map((c) => c.id),
      dataset.practices.find((p) => p.practice.id === 'physio-berlin')!.catalog.chains.map((c) => c.id),
    );
    const etag = response.headers.get('ETag');
    assert.ok(etag, 'no ETag');
    const again = await get('/practices/physio-berlin/catalog', { 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const stale = await get('/practices/physio-berlin/catalog', { 'If-None-Match': '"other"' });
    assert.equal(stale.status, 200);
    // A proxy or CDN may weaken the tag; If-None-Match compares weakly (RFC 9110 13.1.2).
    const weakened = await get('/practices/physio-berlin/catalog', { 'If-None-Match': `"other", W/${etag}` });
    assert.equal(weakened.status, 304);
  });

  it('gives each practice a different catalog ETag', async () => {
    const { dataset, get } = setup();
    const tags = await Promise.all(dataset.practices.map(async ({ practice }) => (await get(`/practices/${practice.id}/catalog`)).headers.get('ETag')));
    assert.equal(new Set(tags).size, dataset.practices.length);
  });

  for (const path of ['/practices/nowhere', '/practices/nowhere/catalog', '/practices/physio-berlin/no-such-route']) {
    it(`answers ${path} with a 404 not_found problem`, async () => {
      const { get } = setup();
      const response = await get(path);
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('Content-Type'), 'application/problem+json');
      const body = Problem.parse(await response.json());
      assert.equal(body.code, 'not_found');
      assert.equal(body.status, 404);
    });
  }
});

describe('mock API: bonus points follow the currency', () => {
  it('earns 1 point per 10 units of the total, whatever the currency has for minor units', async () => {
    const earned: Record<string, number> = {};
    for (const currency of ['EUR', 'JPY', 'KWD']) {
      const dataset = readDemo();
      const berlin = dataset.practices.find((p) => p.practice.id === 'physio-berlin')!;
      berlin.practice.currency = currency;
      for (const customer of berlin.customers) for (const booking of customer.bookings) booking.price.currency = currency;
      const handlers = createHandlers(new MockStore(dataset));
      const call = async (path: string, init: RequestInit = {}) => (await getResponse(handlers, new Request(`${BASE}/practices/physio-berlin${path}`, init)))!;
      const auth = { Authorization: 'Bearer demo-berlin-anna' };
      const today = dataset.now.slice(0, 10);
      const { slots } = await (await call(`/chains/manuelle-therapie/slots?from=${today}&to=${today}`, { headers: auth })).json();
      const response = await call('/bookings', {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `bonus-${currency}` },
        body: JSON.stringify({ chainId: 'manuelle-therapie', start: slots[0].start, participants: 1 }),
      });
      const booking = await response.json();
      assert.equal(response.status, 201, JSON.stringify(booking));
      earned[currency] = booking.bonusEarned;
      const unitsPerPoint = { EUR: 1000, JPY: 10, KWD: 10000 }[currency]!;
      assert.equal(booking.bonusEarned, Math.floor(booking.price.total / unitsPerPoint), `${currency}: total ${booking.price.total}`);
    }
    assert.ok(earned.JPY! > earned.EUR!, `JPY has no minor units: ${JSON.stringify(earned)}`);
  });
});
