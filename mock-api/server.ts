/**
 * The standalone mock API: a node:http server that hands every request to the same MSW
 * handlers the demo page uses (msw's getResponse), with CORS for any origin (SPEC 4).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { createHandlers } from './handlers.ts';
import { problemBody } from './problem.ts';
import type { MockStore } from './store.ts';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, If-None-Match',
  'Access-Control-Expose-Headers': 'ETag',
  'Access-Control-Max-Age': '600',
};

/** Request bodies above this size are refused before they reach a handler. */
export const MAX_BODY_BYTES = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function sendProblem(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify(body));
}

export function createMockServer(store: MockStore): Server {
  const handlers = createHandlers(store);
  return createServer(async (req, res) => {
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      if (body === 'too_large') {
        const tooLarge = problemBody('validation_failed', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, {
          errors: [{ path: 'body', message: `larger than ${MAX_BODY_BYTES} bytes` }],
        });
        sendProblem(res, 413, { ...tooLarge, status: 413 });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(key, value);
        else if (Array.isArray(value)) headers.set(key, value.join(', '));
      }
      const request = new Request(url, { method: req.method, headers, body: body?.length ? new Uint8Array(body) : undefined });
      const response = await getResponse(handlers, request);
      if (response) await send(res, response);
      else sendProblem(res, 404, problemBody('not_found', `No route ${req.method} ${url.pathname}.`));
    } catch (error) {
      // A defect in the mock must still answer in the contract's shape, and keep serving.
      console.error(error);
      if (!res.headersSent) sendProblem(res, 500, { type: 'about:blank', status: 500, title: 'Mock API defect', detail: String(error) });
      else res.destroy();
    }
  });
}
