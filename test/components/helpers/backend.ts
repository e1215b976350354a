/** MSW overrides that break, hold or cut off the backend on purpose (put first via useMockApi). */
import { http, HttpResponse, passthrough, type RequestHandler } from 'msw';

/** A server that is not there: requests to `origin` leave the service worker and hit the real network. */
export function unreachable(origin: string): RequestHandler {
  return http.all(`${origin}/*`, () => passthrough());
}

/**
 * An override that is on until `recover()`: then requests fall through to the real handlers,
 * as when a backend comes back. `hits` counts the requests it answered.
 */
export function switchable(method: 'get' | 'post', path: string, broken: () => Response) {
  const state = { on: true, hits: 0 };
  const handler = http[method](path, () => {
    if (!state.on) return undefined;
    state.hits++;
    return broken();
  });
  return { handler, state, recover: () => void (state.on = false) };
}

/** Holds every request to `path` until `release()`: the element stays in its loading state. */
export function held(path: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handler = http.all(path, async () => {
    await gate;
    return undefined;
  });
  return { handler, release };
}

/** HTTP 500 with a plain-text body: not a problem document. */
export const bare500 = () => new HttpResponse('oops', { status: 500 });

export { http, HttpResponse };
