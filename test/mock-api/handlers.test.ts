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
