/** A fetch that hands each request to MSW handlers in-process (msw's getResponse), as the mock server does. */
import { getResponse, type RequestHandler } from 'msw';

export function handlerFetch(handlers: RequestHandler[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse(handlers, request);
    if (!response) throw new TypeError(`fetch failed: no handler for ${request.method} ${request.url}`);
    return response;
  };
}
