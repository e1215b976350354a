/** Conformance checks: The shapes of every answer, judged with the contract's zod schemas. */
import { BookingsResponse, CatalogResponse, MeResponse, PracticeResponse } from '../../src/contract/api.ts';
import { type Check } from '../check-kit.ts';
import { expectJson, fail } from '../context.ts';
import { describeExchange } from '../http.ts';

const shapes: Check[] = [
  {
    id: 'practice.shape',
    title: 'GET /practices/{p} answers the practice in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const practice = expectJson(await ctx.practiceExchange(), PracticeResponse);
      if (practice.id !== ctx.options.practice) fail(`practice.id is "${practice.id}", expected "${ctx.options.practice}"\n${describeExchange(await ctx.practiceExchange())}`);
      return `serverTime ${practice.serverTime} (${practice.timeZone})`;
    },
  },
  {
    id: 'catalog.shape',
    title: 'GET …/catalog answers services, package types, templates and chains in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const catalog = expectJson(await ctx.catalogExchange(), CatalogResponse);
      const services = new Set(catalog.services.map((s) => s.id));
      for (const chain of catalog.chains) {
        for (const [i, step] of chain.steps.entries()) {
          if (!services.has(step.serviceId)) fail(`chains[id=${chain.id}].steps[${i}].serviceId "${step.serviceId}" is not a service of the catalog\n${describeExchange(await ctx.catalogExchange())}`);
        }
      }
      return `${catalog.chains.length} chains, ${catalog.services.length} services`;
    },
  },
  {
    id: 'catalog.etag',
    title: 'the catalog carries an ETag and answers 304 to If-None-Match',
    section: '4',
    level: 'SHOULD',
    needsWrite: false,
    async run(ctx) {
      const first = await ctx.catalogExchange();
      const etag = first.headers.get('ETag');
      if (!etag) fail(`no ETag header on the catalog\n${describeExchange(first)}`);
      const again = await ctx.request('GET', '/catalog', { headers: { 'If-None-Match': etag } });
      if (again.status !== 304) fail(`expected 304 to If-None-Match: ${etag}, got ${again.status}\n${describeExchange(again)}`);
      if (again.text !== '') fail(`a 304 must have no body\n${describeExchange(again)}`);
    },
  },
  {
    id: 'me.shape',
    title: 'GET …/me answers the signed-in client, packages and bonus in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const me = expectJson(await ctx.request('GET', '/me', { token: await ctx.token() }), MeResponse);
      return `${me.customer.displayName}: ${me.packages.length} package(s)`;
    },
  },
  {
    id: 'bookings.shape',
    title: 'GET …/bookings answers the client’s bookings in the contract shape',
    section: '4',
    level: 'MUST',
    needsWrite: false,
    async run(ctx) {
      const { bookings } = expectJson(await ctx.request('GET', '/bookings', { token: await ctx.token() }), BookingsResponse);
      return `${bookings.length} booking(s)`;
    },
  },
];

export const SHAPE_CHECKS: readonly Check[] = shapes;
