/**
 * MSW handlers: the mock API of SPEC 4, answering from a MockStore. The same handlers serve the
 * demo page (service worker), the component tests and the standalone HTTP server (getResponse).
 */
import { http, HttpResponse } from 'msw';
import { CatalogResponse, PracticeResponse } from '../src/contract/api.ts';
import { formatInstant } from '../src/rules/time.ts';
import { problem } from './problem.ts';
import type { MockStore } from './store.ts';

export interface HandlerOptions {
  /** Prefix every route with this base (an absolute URL or `*`); default `*`: any origin and prefix. */
  base?: string;
}

/** FNV-1a over the serialized body: a stable, cheap entity tag. */
function entityTag(body: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    hash ^= body.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `"${(hash >>> 0).toString(36)}-${body.length.toString(36)}"`;
}

const unknownPractice = (id: string) => problem('not_found', `There is no practice "${id}".`);

export function createHandlers(store: MockStore, { base = '*' }: HandlerOptions = {}) {
  return [
    http.get(`${base}/practices/:practiceId`, ({ params }) => {
      const entry = store.practice(String(params.practiceId));
      if (!entry) return unknownPractice(String(params.practiceId));
      const { schedule: _schedule, ...practice } = entry.practice;
      // Parsing through the response schema sends exactly the contract's fields.
      return HttpResponse.json(
        PracticeResponse.parse({ ...practice, serverTime: formatInstant(store.nowMs, practice.timeZone) }),
      );
    }),

    http.get(`${base}/practices/:practiceId/catalog`, ({ params, request }) => {
      const entry = store.practice(String(params.practiceId));
      if (!entry) return unknownPractice(String(params.practiceId));
      const body = JSON.stringify(CatalogResponse.parse(entry.catalog));
      const etag = entityTag(body);
      const ifNoneMatch = request.headers.get('If-None-Match');
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
        return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
      }
      return new HttpResponse(body, { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag } });
    }),

    // Anything else under a practice is not (yet) a route: a problem, never an unhandled request.
    http.all(`${base}/practices/*`, ({ request }) =>
      problem('not_found', `No route ${request.method} ${new URL(request.url).pathname}.`),
    ),
  ];
}
