/** Conformance checks: suite-wide scans over every answer the suite received: CORS headers, no staff note, no fields the contract does not define. */
import { Problem } from '../../src/contract/problems.ts';
import { ROUTES } from '../../src/contract/routes.ts';
import { type Check } from '../check-kit.ts';
import { fail, type Context } from '../context.ts';
import { describeExchange, SUITE_ORIGIN, truncate, type Exchange } from '../http.ts';
import { allowsOrigin, listed } from './cors.ts';

/** Makes sure the scans see the main bodies even when run alone (`--only`). */
async function baseline(ctx: Context): Promise<void> {
  const token = await ctx.token();
  await Promise.all([ctx.practiceExchange(), ctx.catalogExchange(), ctx.request('GET', '/me', { token }), ctx.request('GET', '/bookings', { token })]);
}

/** Every place `name` occurs as a key, with its value: `packages[0].internalNote = "…"`. */
function findKey(value: unknown, name: string, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findKey(v, name, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const here = path ? `${path}.${k}` : k;
      return [...(k === name ? [`${here} = ${truncate(JSON.stringify(v) ?? 'undefined', 120)}`] : []), ...findKey(v, name, here)];
    });
  }
  return [];
}

const scans: Check[] = [
  {
    id: 'cors.responses',
    title: 'every response carries CORS headers; the catalog exposes ETag',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      await baseline(ctx);
      const responses = ctx.http.log.filter((x) => x.method !== 'OPTIONS');
      const bad = responses.filter((x) => !allowsOrigin(x));
      if (bad.length) {
        fail(`${bad.length} of ${responses.length} responses lack Access-Control-Allow-Origin (* or ${SUITE_ORIGIN}); first:\n${describeExchange(bad[0]!, 200)}\n  Access-Control-Allow-Origin: ${JSON.stringify(bad[0]!.headers.get('Access-Control-Allow-Origin'))}`);
      }
      const catalog = await ctx.catalogExchange();
      const exposed = listed(catalog.headers.get('Access-Control-Expose-Headers'));
      if (!exposed.includes('etag') && !exposed.includes('*')) {
        fail(`the catalog does not expose ETag: Access-Control-Expose-Headers ${JSON.stringify(catalog.headers.get('Access-Control-Expose-Headers'))}\n${describeExchange(catalog, 100)}`);
      }
      return `${responses.length} responses`;
    },
  },
  {
    id: 'privacy.no-internal-note',
    title: 'no response body carries an internalNote field, anywhere',
    section: '2.2, 5',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      await baseline(ctx);
      for (const x of ctx.http.log) {
        const found = findKey(x.json, 'internalNote');
        if (found.length) fail(`internalNote at ${found.slice(0, 5).join(', ')}\n${describeExchange(x)}`);
      }
      return `${ctx.http.log.length} bodies scanned`;
    },
  },
];

/** Paths of `original` that the contract does not define (what parsing with the schema drops). */
function extraFields(original: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(original) && Array.isArray(parsed)) {
    return original.flatMap((item, i) => extraFields(item, parsed[i], `${path}[${i}]`));
  }
  if (!original || typeof original !== 'object' || !parsed || typeof parsed !== 'object') return [];
  return Object.entries(original).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    return k in parsed ? extraFields(v, (parsed as Record<string, unknown>)[k], here) : [here];
  });
}

/** The contract schema of an exchange's body: the route's success schema, or Problem for errors. */
function schemaOf(x: Exchange, api: string) {
  if (x.status >= 400) return Problem;
  const path = new URL(x.url).pathname.slice(new URL(api).pathname.replace(/\/$/, '').length);
  const route = ROUTES.find(
    (r) => r.method.toUpperCase() === x.method && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  return route && x.status === route.success.status ? route.success.schema : null;
}

const extraFieldsCheck: Check = {
  id: 'contract.no-extra-fields',
  title: 'answers carry only the fields the contract defines',
  section: '2, 4',
  level: 'SHOULD',
  needsWrite: false,
  async run(ctx) {
    await baseline(ctx);
    let judged = 0;
    for (const x of ctx.http.log) {
      const schema = x.json === undefined ? null : schemaOf(x, ctx.options.api);
      if (!schema) continue;
      const result = schema.safeParse(x.json);
      if (!result.success) continue; // a shape check reports that
      judged += 1;
      const extra = extraFields(x.json, result.data);
      if (extra.length) fail(`fields the contract does not define: ${extra.slice(0, 8).join(', ')}\n${describeExchange(x, 300)}`);
    }
    return `${judged} bodies compared with their schemas`;
  },
};

/** Every check, in the order they run (the scans last, so that they see every response). */
/**
 * Last of all: it revokes the suite's token. Only with --email and --code (the token is then the
 * suite's own); a token given with --token belongs to the integrator and is left alone.
 */

export const SCAN_CHECKS: readonly Check[] = [...scans, extraFieldsCheck];
