import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { http, HttpResponse } from 'msw';
import { ApiClient } from '../../src/client/api-client.ts';
import { ContractError, HttpError, NetworkError, ProblemError, TimeoutError } from '../../src/client/errors.ts';
import { createHandlers } from '../../mock-api/handlers.ts';
import { MockStore } from '../../mock-api/store.ts';
import { readDemo } from '../support/demo.ts';
import { handlerFetch } from '../support/handler-fetch.ts';

const BASE = 'http://127.0.0.1:4010/portal/v1';

function client(...overrides: Parameters<typeof handlerFetch>[0]) {
  const handlers = [...overrides, ...createHandlers(new MockStore(readDemo()))];
  return (practiceId: string) => new ApiClient({ baseUrl: `${BASE}/`, practiceId, fetch: handlerFetch(handlers), timeoutMs: 200 });
}

describe('ApiClient against the mock handlers', () => {
  it('loads and validates the practice and its catalog', async () => {
    const demo = readDemo().practices.find((p) => p.practice.id === 'massage-stockholm')!;
    const api = client()('massage-stockholm');
    const [practice, catalog] = await Promise.all([api.practice(), api.catalog()]);
    assert.equal(practice.currency, demo.practice.currency);
    assert.deepEqual(
      catalog.chains.map((c) => c.name),
      demo.catalog.chains.map((c) => c.name),
    );
  });

  it('turns a problem answer into a ProblemError with its code', async () => {
    await assert.rejects(client()('nowhere').practice(), (error) => error instanceof ProblemError && error.problem.code === 'not_found');
  });

  it('reports every bad field of a contract-breaking answer', async () => {
    const broken = http.get('*/practices/:p', () => HttpResponse.json({ id: 'physio-berlin', currency: 12, locales: [] }));
    await assert.rejects(client(broken)('physio-berlin').practice(), (error) => {
      assert.ok(error instanceof ContractError);
      const paths = error.errors.map((e) => e.path);
      for (const path of ['currency', 'locales', 'name', 'timeZone', 'serverTime', 'bookingPolicy']) assert.ok(paths.includes(path), `${path} missing in ${paths}`);
      return true;
    });
  });

  it('reports a body that is not JSON as a contract error', async () => {
    const broken = http.get('*/practices/:p', () => new HttpResponse('<html>oops</html>', { headers: { 'Content-Type': 'application/json' } }));
    await assert.rejects(client(broken)('physio-berlin').practice(), ContractError);
  });

  it('reports an HTML 502 from a proxy as an HttpError with its status', async () => {
    const broken = http.get('*/practices/:p', () => new HttpResponse('<h1>Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    await assert.rejects(client(broken)('physio-berlin').practice(), (error) => error instanceof HttpError && error.status === 502);
  });

  it('reports a refused connection as a NetworkError', async () => {
    const api = new ApiClient({ baseUrl: 'http://127.0.0.1:9', practiceId: 'physio-berlin', timeoutMs: 2000 });
    await assert.rejects(api.practice(), NetworkError);
  });

  it('gives up after its timeout with a TimeoutError', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const api = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, practiceId: 'physio-berlin', timeoutMs: 100 });
      await assert.rejects(api.practice(), TimeoutError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('counts reading the answer into the timeout: a body that stalls is a TimeoutError, tried again', async () => {
    const { createServer } = await import('node:http');
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id": "physio-'); // and never the rest
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const api = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, practiceId: 'physio-berlin', timeoutMs: 100, retries: 1, backoffMs: 1 });
      await assert.rejects(api.practice(), TimeoutError);
      assert.equal(requests, 2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('ends with the caller’s abort reason, also while the body is read', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{');
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const api = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, practiceId: 'physio-berlin', timeoutMs: 5000 });
      const controller = new AbortController();
      const reason = new Error('element removed');
      setTimeout(() => controller.abort(reason), 50);
      await assert.rejects(api.practice({ signal: controller.signal }), (error) => error === reason);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
