/** A fetch that hands each request to MSW handlers in-process (msw's getResponse), as the mock server does. */
import { getResponse, type RequestHandler } from 'msw';

export function handlerFetch(handlers: RequestHandler[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse(handlers, request);
    if (!response) throw new TypeError(`fetch failed: no handler for ${request.method} ${request.url}`);
    // Like fetch: a network error (Response.error(), as MSW's HttpResponse.error()) rejects.
    if (response.type === 'error') throw new TypeError('fetch failed: network error');
    return response;
  };
}
