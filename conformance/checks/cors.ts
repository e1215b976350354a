/** Conformance checks: CORS: the API is called from browsers on the practice's site. */
import { type Check } from '../check-kit.ts';
import { fail } from '../context.ts';
import { describeExchange, SUITE_ORIGIN, type Exchange } from '../http.ts';

export const REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'];

export function allowsOrigin(x: Exchange): boolean {
  const origin = x.headers.get('Access-Control-Allow-Origin');
  return origin === '*' || origin === SUITE_ORIGIN;
}

export const listed = (value: string | null) => (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);

const preflight: Check = {
  id: 'cors.preflight',
  title: 'a preflight allows GET and POST and the headers Authorization, Content-Type, Idempotency-Key, If-None-Match',
  section: '4',
  level: 'MUST',
  needsWrite: false,
  async run(ctx) {
    const probes: Array<[string, string]> = [
      ['/bookings', 'POST'],
      ['/catalog', 'GET'],
    ];
    for (const [path, method] of probes) {
      const x = await ctx.request('OPTIONS', path, {
        headers: { 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': REQUEST_HEADERS.join(',').toLowerCase() },
      });
      if (x.status < 200 || x.status >= 300) fail(`preflight answered ${x.status}, expected 2xx\n${describeExchange(x)}`);
      if (!allowsOrigin(x)) fail(`Access-Control-Allow-Origin is ${JSON.stringify(x.headers.get('Access-Control-Allow-Origin'))}, expected * or ${SUITE_ORIGIN}\n${describeExchange(x)}`);
      const methods = listed(x.headers.get('Access-Control-Allow-Methods'));
      const missingMethods = ['get', 'post'].filter((m) => !methods.includes(m) && !methods.includes('*'));
      if (missingMethods.length) fail(`Access-Control-Allow-Methods lacks ${missingMethods.join(', ').toUpperCase()}: ${JSON.stringify(x.headers.get('Access-Control-Allow-Methods'))}\n${describeExchange(x)}`);
      const headers = listed(x.headers.get('Access-Control-Allow-Headers'));
      const missingHeaders = REQUEST_HEADERS.filter((h) => !headers.includes(h.toLowerCase()) && !headers.includes('*'));
      if (missingHeaders.length) fail(`Access-Control-Allow-Headers lacks ${missingHeaders.join(', ')}: ${JSON.stringify(x.headers.get('Access-Control-Allow-Headers'))}\n${describeExchange(x)}`);
    }
  },
};

export const CORS_CHECKS: readonly Check[] = [preflight];
