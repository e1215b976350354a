/**
 * The browser's contract checks (src/contract/wire.ts, compiled from the zod schemas) must accept
 * and reject exactly what zod does, return the same data and name the same bad fields. The
 * valid answers come from the real mock handlers; fast-check breaks them in every way JSON can.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import { WIRE_ROOTS, compileWireSchemas } from '../../scripts/wire-schemas.ts';
import { fieldErrors } from '../../src/contract/issues.ts';
import { checkWire } from '../../src/contract/wire.ts';
import { WIRE_SCHEMAS } from '../../src/contract/wire-schemas.generated.ts';
import { readDemo } from '../support/demo.ts';
import { handlerFetch } from '../support/handler-fetch.ts';

type Root = keyof typeof WIRE_ROOTS;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BASE = 'http://127.0.0.1:4010/portal/v1/practices';

/** Real answers of the mock API, by the root that checks them. */
async function collectAnswers(): Promise<Record<Root, Json[]>> {
  const demo = readDemo();
  const store = new MockStore(demo);
  const fetch = handlerFetch(createHandlers(store));
  const answers = Object.fromEntries(Object.keys(WIRE_ROOTS).map((root) => [root, []])) as unknown as Record<Root, Json[]>;
  const get = async (root: Root, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${BASE}${path}`, init);
    const body = (await response.json()) as Json;
    answers[response.ok ? root : 'Problem'].push(body);
    return body as any;
  };
  const post = (root: Root, path: string, body: unknown, headers: Record<string, string> = {}) =>
    get(root, path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  for (const entry of demo.practices) {
    const p = `/${entry.practice.id}`;
    const practice = await get('Practice', p);
    const catalog = await get('CatalogResponse', `${p}/catalog`);
    const from = practice.serverTime.slice(0, 10);
    for (const customer of entry.customers) {
      const code = store.sendCode(store.practice(entry.practice.id)!, store.customerByEmail(store.practice(entry.practice.id)!, customer.email)!);
      const { token } = await post('AuthTokenResponse', `${p}/auth/token`, { email: customer.email, code });
      const auth = { Authorization: `Bearer ${token}` };
      await get('MeResponse', `${p}/me`, { headers: auth });
      for (const chain of catalog.chains) {
        const { slots } = await get('SlotsResponse', `${p}/chains/${chain.id}/slots?from=${from}&to=${from}`, { headers: auth });
        // Booking the first slot answers a booking or a refusal (a problem): both are wanted here.
        if (slots?.[0]) await post('Booking', `${p}/bookings`, { chainId: chain.id, start: slots[0].start, participants: 1 }, { ...auth, 'Idempotency-Key': `k-${customer.id}-${chain.id}` });
      }
      const { bookings } = await get('BookingsResponse', `${p}/bookings`, { headers: auth });
      if (bookings[0]) await post('Booking', `${p}/bookings/${bookings[0].id}/cancel`, undefined, auth);
    }
    await get('MeResponse', `${p}/me`, { headers: { Authorization: 'Bearer nope' } });
    await get('SlotsResponse', `${p}/chains/nowhere/slots?from=${from}&to=${from}`);
    await get('SlotsResponse', `${p}/chains/${catalog.chains[0].id}/slots?from=tomorrow`);
  }
  await get('Practice', '/nowhere');
  return answers;
}

/** Every place in a JSON value, as a path of keys and indexes. */
function placesOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const places = [path];
  if (Array.isArray(value)) value.forEach((item, i) => places.push(...placesOf(item, [...path, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) places.push(...placesOf(item, [...path, key]));
  return places;
}

/** Values that sit on the edges of the contract's checks. */
const edgy = fc.constantFrom<Json>(
  null, true, '', 'x', '1', 'EUR', 'eur', 'Europe/Berlin', 'Mars/Olympus', 'de', 'de-AT', 'DE', '09:00', '24:00',
  '2026-11-24', '2026-02-29', '2028-02-29', '2026-11-24T09:00:00+01:00', '2026-11-24T09:00:00Z', '2026-11-24T09:00:00',
  'a@b.de', 'a@b', 'x'.repeat(201), 0, -0, -1, 1, 1.5, 1439, 1440, 401, 413, 2 ** 53, -(2 ** 53), 1e300, [], {},
  'none', 'requires', 'relative', 'fixed', 'unauthorized', 'budget_exceeded', 'validation_failed', 'credits', 'booked',
);
const replacement = fc.oneof(edgy, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>);

type Mutation = { kind: 'replace'; value: Json } | { kind: 'delete' } | { kind: 'add'; key: string; value: Json };
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: replacement }),
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('extra', 'kind', 'code', 'status', '__proto__', 'constructor'), value: replacement }),
);

function mutate(value: Json, place: (string | number)[], change: Mutation): Json {
  const copy = structuredClone(value);
  if (place.length === 0) return change.kind === 'replace' ? change.value : copy;
  let parent: any = copy;
  for (const key of place.slice(0, -1)) parent = parent[key];
  const last = place.at(-1)!;
  if (change.kind === 'replace') parent[last] = change.value;
  else if (change.kind === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last];
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last]))
    Object.defineProperty(parent[last], change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** zod and the wire checks agree on the verdict, the data and the bad fields. */
function assertSameVerdict(root: Root, value: Json): void {
  const expected = (WIRE_ROOTS[root] as z.ZodMiniType).safeParse(value);
  const actual = checkWire(WIRE_SCHEMAS[root], value);
  assert.equal(actual.ok, expected.success, `${root}: zod says ${expected.success ? 'valid' : JSON.stringify(fieldErrors(expected.error!))}, wire says ${actual.ok ? 'valid' : JSON.stringify(actual.errors)} for ${JSON.stringify(value).slice(0, 400)}`);
  if (actual.ok && expected.success) assert.deepEqual(actual.value, expected.data, `${root}: the checked data differs`);
  if (!actual.ok && !expected.success) {
    const paths = (errors: { path: string }[]) => [...new Set(errors.map((e) => e.path))].sort();
    assert.deepEqual(paths(actual.errors), paths(fieldErrors(expected.error)), `${root}: the bad fields differ for ${JSON.stringify(value).slice(0, 400)}`);
  }
}

describe('contract checks in the browser (compiled from zod)', () => {
  let answers: Record<Root, Json[]>;
  before(async () => {
    answers = await collectAnswers();
  });

  it('the real answers of the mock cover every root, with problems of several codes', () => {
    for (const root of Object.keys(WIRE_ROOTS) as Root[]) assert.ok(answers[root].length > 0, `no answer for ${root}`);
    const codes = new Set(answers.Problem.map((p: any) => p.code));
    assert.ok(codes.size >= 3, `problem codes seen: ${[...codes]}`);
  });

  it('accepts every real answer and returns what zod returns', () => {
    for (const [root, values] of Object.entries(answers) as [Root, Json[]][]) for (const value of values) assertSameVerdict(root, value);
  });

  it('fills in defaults and drops properties the contract does not name, as zod does', () => {
    const catalog = structuredClone(answers.CatalogResponse[0]) as any;
    delete catalog.chains[0].maxParticipants;
    catalog.chains[0].internalNote = 'staff only';
    const result = checkWire<any>(WIRE_SCHEMAS.CatalogResponse, catalog);
    assert.ok(result.ok);
    assert.equal(result.value.chains[0].maxParticipants, 1);
    assert.equal('internalNote' in result.value.chains[0], false);
    assertSameVerdict('CatalogResponse', catalog);
  });

  it('names every bad field with its path and a message', () => {
    const practice = structuredClone(answers.Practice[0]) as any;
    practice.currency = 12;
    practice.timeZone = 'Mars/Olympus_Mons';
    practice.locales = [];
    delete practice.serverTime;
    const result = checkWire(WIRE_SCHEMAS.Practice, practice);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.map((e) => e.path).sort(), ['currency', 'locales', 'serverTime', 'timeZone']);
    assert.ok(result.errors.find((e) => e.path === 'timeZone')!.message.includes('unknown time zone'));
    assertSameVerdict('Practice', practice);
  });

  for (const root of Object.keys(WIRE_ROOTS) as Root[]) {
    it(`agrees with zod on broken ${root} answers`, () => {
      const samples = answers[root];
      fc.assert(
        fc.property(
          fc.nat().chain((i) => {
            const value = samples[i % samples.length]!;
            return fc.tuple(fc.constant(value), fc.constantFrom(...placesOf(value)), mutation);
          }),
          ([value, place, change]) => assertSameVerdict(root, mutate(value, place, change)),
        ),
        { numRuns: 400 },
      );
    });
  }

  it('agrees with zod on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(WIRE_ROOTS) as Root[])), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, (root, value) => assertSameVerdict(root, value)),
      { numRuns: 300 },
    );
  });

  it('refuses to compile a zod feature the browser checks do not know', async () => {
    const { Practice } = await import('../../src/contract/entities.ts');
    const original = WIRE_ROOTS.Practice;
    try {
      (WIRE_ROOTS as Record<string, unknown>).Practice = z.extend(Practice, { extra: z.string().check(z.refine((s) => s !== 'x')) });
      assert.throws(() => compileWireSchemas(), /the check custom at Practice\.extra/);
    } finally {
      (WIRE_ROOTS as Record<string, unknown>).Practice = original;
    }
  });
});
