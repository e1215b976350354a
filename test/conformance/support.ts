/**
 * Helpers of the conformance suite's tests: the real mock API in this process (createMockServer
 * over the demo dataset), a node:http proxy in front of it that can break ONE thing, the CLI as a
 * child process, and a small strict XML parser to read the JUnit report.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEMO_DATASET, loadStore } from '../../mock-api/load.ts';
import { createMockServer } from '../../mock-api/server.ts';
import { runScript } from '../support/cli.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface Running {
  base: string;
  close(): Promise<void>;
}

/** The mock API (demo dataset, a fresh store) on a free loopback port. */
export async function startMock(): Promise<Running> {
  const server = createMockServer(loadStore(DEMO_DATASET));
  const base = await listen(server);
  return { base, close: () => close(server) };
}

export interface ProxiedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One defect: may change the request before it is forwarded, and the answer before it is sent. */
export interface Defect {
  request?(request: ProxiedRequest): void;
  response?(request: ProxiedRequest, response: ProxiedResponse): void;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A fresh mock behind a proxy that applies `defect` (none: a transparent proxy). */
export async function startBroken(defect: Defect = {}): Promise<Running> {
  const mock = await startMock();
  const proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: plainHeaders(req.headers), body: Buffer.concat(chunks).toString() };
    defect.request?.(request);
    const upstream = await fetch(`${mock.base}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' || request.body === '' ? undefined : request.body,
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    const response: ProxiedResponse = { status: upstream.status, headers, body: await upstream.text() };
    defect.response?.(request, response);
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  });
  const base = await listen(proxy);
  return {
    base,
    async close() {
      await close(proxy);
      await mock.close();
    },
  };
}

export type { CliResult } from '../support/cli.ts';

/** Runs `conformance/cli.ts` to its end (killed after `timeoutMs`, then `code` is null). */
export const runCli = (args: string[], timeoutMs = 30_000) => runScript('conformance/cli.ts', args, timeoutMs);

// ------------------------------------------------------------------- XML

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  return text.replace(/&([^;&<]*);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new Error(`a bare & near offset ${at}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-f]+|\d+)$/i.exec(name);
    if (num) return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity ${whole} near offset ${at}`);
  });
}

/** A strict parser for the XML the suite writes (declaration, elements, attributes, text); throws on anything malformed. */
export function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (!decl) throw new Error('no XML declaration');
  let i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    if (xml[i] === '<') {
      const end = xml.indexOf('>', i);
      if (end < 0) throw new Error(`unclosed tag at ${i}`);
      const tag = xml.slice(i + 1, end);
      if (tag.startsWith('/')) {
        const open = stack.pop();
        if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> does not close <${open?.name}> at ${i}`);
      } else {
        const selfClosing = tag.endsWith('/');
        const m = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*\/?$/.exec(tag);
        if (!m) throw new Error(`malformed tag <${tag}> at ${i}`);
        const element: XmlElement = { name: m[1]!, attributes: {}, children: [], text: '' };
        for (const a of m[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
          if (a[1]! in element.attributes) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
          element.attributes[a[1]!] = decode(a[2]!, i);
        }
        if (stack.length) stack[stack.length - 1]!.children.push(element);
        else if (root) throw new Error(`a second root element at ${i}`);
        else root = element;
        if (!selfClosing) stack.push(element);
      }
      i = end + 1;
    } else {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (text.includes('>')) throw new Error(`a bare > at ${i}`);
      if (stack.length) stack[stack.length - 1]!.text += decode(text, i);
      else if (text.trim()) throw new Error(`text outside the root at ${i}`);
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length || !root) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  return root;
}

export function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...descendants(child, name)]);
}
