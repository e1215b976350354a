/**
 * The standalone mock API: a node:http server that hands every request to the same MSW
 * handlers the demo page uses (msw's getResponse), with CORS for any origin (SPEC 4).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getResponse } from 'msw';
import { createHandlers, REMOTE_ADDRESS_HEADER } from './handlers.ts';
import { problemBody } from './problem.ts';
import type { MockStore } from './store.ts';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, If-None-Match',
  'Access-Control-Expose-Headers': 'ETag, Retry-After, WWW-Authenticate',
  'Access-Control-Max-Age': '600',
};

/** Request bodies above this size are refused before they reach a handler. */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * A refused body is still read (and dropped) up to this size, so that the client, still sending,
 * gets its 413 instead of a reset connection; beyond it the connection is cut.
 */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/** msw refuses to match longer URLs (it throws); longer ones are refused here, as a problem. */
export const MAX_URL_LENGTH = 8000;

/** The methods the routes use; anything else is answered `not_found` without reaching msw. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large' | 'cut'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DRAINED_BYTES) return 'cut';
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks);
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

const answeredSockets = new WeakSet<Duplex>();

/**
 * Reads and drops what the client still sends after an early answer (a TRACE with a body, say),
 * up to MAX_DRAINED_BYTES: closing with unread bytes resets the connection, and the client, still
 * writing, would never read its answer.
 */
function drainAfterAnswer(socket: Duplex): void {
  let drained = 0;
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAINED_BYTES) socket.destroy();
  });
  // The server keeps connections half-open: close this one once the client is done.
  socket.once('end', () => socket.destroy());
  socket.resume();
}

/**
 * A request node:http could not parse (headers above its 16 KiB limit, a malformed request line):
 * a `validation_failed` problem instead of node's bare 400/431, then the connection closes.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // node reports every further chunk of an unparsable request again: answered once, it is drained.
  if (answeredSockets.has(socket) && error.code !== 'ECONNRESET') return;
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  answeredSockets.add(socket);
  drainAfterAnswer(socket);
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const message = tooLarge ? 'the request line and headers exceed 16 KiB' : 'not a well-formed HTTP/1.1 request';
  const body = JSON.stringify(problemBody('validation_failed', `The request cannot be read: ${message}.`, { errors: [{ path: 'request', message }] }));
  const cors = Object.entries(CORS_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  // An answer to HEAD has no body, or the client reads it as garbage after the answer.
  const raw = (error as { rawPacket?: Buffer }).rawPacket;
  const isHead = raw !== undefined && raw.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 400 ${STATUS_CODES[400]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${cors}Connection: close\r\n\r\n${isHead ? '' : body}`,
  );
}

export function createMockServer(store: MockStore): Server {
  // The server, and only the server, tells the handlers the peer's address (never a client's header).
  const handlers = createHandlers(store, { trustRemoteAddressHeader: true });
  const server = createServer(async (req, res) => {
    try {
      // Every body is read before answering (OPTIONS too): unread bytes left on a kept-alive
      // connection would be parsed as the next request.
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      if (body === 'cut') {
        req.socket.destroy();
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      if (body === 'too_large') {
        const tooLarge = problemBody('validation_failed', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, {
          errors: [{ path: 'body', message: `larger than ${MAX_BODY_BYTES} bytes` }],
        });
        sendProblem(res, 413, { ...tooLarge, status: 413 });
        return;
      }
      // The path as sent, on a fixed origin: a Host header (absent, garbage) must not make it unparsable.
      const target = req.url ?? '/';
      const url = URL.parse(target.startsWith('/') ? `http://127.0.0.1${target}` : 'http://127.0.0.1/');
      if (!url || !KNOWN_METHODS.has(req.method ?? '')) {
        sendProblem(res, 404, problemBody('not_found', `No route ${req.method} ${url?.pathname ?? '(unreadable path)'}.`));
        return;
      }
      if (url.href.length > MAX_URL_LENGTH) {
        const message = `longer than ${MAX_URL_LENGTH} characters`;
        sendProblem(res, 400, problemBody('validation_failed', `The URL is ${message}.`, { errors: [{ path: 'url', message }] }));
        return;
      }
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        // Node lowercases header names: an incoming header of this name is dropped, never trusted.
        if (key === REMOTE_ADDRESS_HEADER) continue;
        if (typeof value === 'string') headers.set(key, value);
        else if (Array.isArray(value)) headers.set(key, value.join(', '));
      }
      headers.set(REMOTE_ADDRESS_HEADER, req.socket.remoteAddress ?? 'unknown');
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
  server.on('clientError', answerClientError);
  return server;
}
