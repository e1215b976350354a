/**
 * The standalone mock API: a node:http server that hands every request to the same MSW
 * handlers the demo page uses (msw's getResponse), with CORS for any origin (docs/backend.md).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getResponse } from 'msw';
import { createHandlers, REMOTE_ADDRESS_HEADER } from './handlers.ts';
import { ROUTES } from '../src/contract/routes.ts';
import { problemBody } from './problem.ts';
import type { MockStore } from './store.ts';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, If-None-Match',
  'Access-Control-Expose-Headers': 'Allow, ETag, Retry-After, WWW-Authenticate',
  'Access-Control-Max-Age': '600',
};

/** Request bodies above this size are refused before they reach a handler. */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * A refused body is read to its end (and dropped) before the 413, up to this size: a client that
 * writes before it reads gets its answer instead of a reset connection. A longer one is answered
 * at once, `Connection: close`, and the rest is still dropped as it arrives (until node's request
 * timeout), for the same reason.
 */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/** msw refuses to match longer URLs (it throws); longer ones are refused here, as a problem. */
export const MAX_URL_LENGTH = 8000;

/** The path templates of the contract, to tell a wrong method on a known path (405) from an unknown path (404). */
const TEMPLATES = ROUTES.map((route) => ({ method: route.method.toUpperCase(), pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`) }));

/** The methods a path answers (HEAD wherever GET), or none for a path of no route. */
export function allowedMethods(pathname: string): string[] {
  const methods = TEMPLATES.filter((t) => t.pattern.test(pathname)).map((t) => t.method);
  if (methods.includes('GET')) methods.push('HEAD');
  return [...new Set(methods)].sort();
}

/**
 * The body, or `too_large`: answered once the whole body has arrived, or at once beyond
 * MAX_DRAINED_BYTES (`early`), while the rest is read and dropped.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large' | 'early'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let answered = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (answered) return;
      if (size > MAX_DRAINED_BYTES) {
        answered = true;
        resolve('early');
      } else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => answered || resolve(size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', (error) => answered || reject(error));
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function sendProblem(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/problem+json', ...headers });
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
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      if (body === 'too_large' || body === 'early') {
        const tooLarge = problemBody('validation_failed', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, {
          errors: [{ path: 'body', message: `larger than ${MAX_BODY_BYTES} bytes` }],
        });
        sendProblem(res, 413, { ...tooLarge, status: 413 }, body === 'early' ? { Connection: 'close' } : {});
        return;
      }
      // The path as sent, on a fixed origin: a Host header (absent, garbage) must not make it unparsable.
      const target = req.url ?? '/';
      const url = URL.parse(target.startsWith('/') ? `http://127.0.0.1${target}` : 'http://127.0.0.1/');
      const allowed = url ? allowedMethods(url.pathname) : [];
      if (allowed.length > 0 && !allowed.includes(req.method ?? '')) {
        const allow = [...allowed, 'OPTIONS'].join(', ');
        sendProblem(res, 405, problemBody('method_not_allowed', `${url!.pathname} answers ${allow}, not ${req.method}.`), { Allow: allow });
        return;
      }
      if (!url || allowed.length === 0) {
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
      // HEAD is answered as GET would be, without the body (node leaves it out of a HEAD answer).
      const request = new Request(url, { method: req.method === 'HEAD' ? 'GET' : req.method, headers, body: body?.length ? new Uint8Array(body) : undefined });
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
