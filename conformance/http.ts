/**
 * The suite's HTTP client: global fetch with a timeout and an `Origin` header on every request
 * (the API is called from browsers, docs/backend.md), recording every exchange so that suite-wide checks
 * (CORS on every response, no staff note in any body) can look at all of them.
 */

/** The origin the suite claims to call from; a backend must allow it (or any origin). */
export const SUITE_ORIGIN = 'https://conformance.punchcard.invalid';

export interface Exchange {
  method: string;
  url: string;
  /** The request headers as sent (the bearer token masked). */
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
  ms: number;
}

/** A request that got no HTTP answer (refused, reset, timed out). */
export class RequestError extends Error {
  override name = 'RequestError';
}

export interface RequestOptions {
  token?: string;
  /** A value sent as JSON. */
  body?: unknown;
  /** The `Idempotency-Key` header. */
  key?: string;
  headers?: Record<string, string>;
}

export class Http {
  readonly api: string;
  readonly timeoutMs: number;
  readonly log: Exchange[] = [];

  constructor(api: string, timeoutMs: number) {
    this.api = api.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
  }

  /** `path` is relative to the API base and starts with `/`. */
  async request(method: string, path: string, { token, body, key, headers = {} }: RequestOptions = {}): Promise<Exchange> {
    const sent: Record<string, string> = { Origin: SUITE_ORIGIN, Accept: 'application/json, application/problem+json', ...headers };
    if (token !== undefined) sent.Authorization = `Bearer ${token}`;
    if (key !== undefined) sent['Idempotency-Key'] = key;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) sent['Content-Type'] = 'application/json';
    const url = `${this.api}${path}`;
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method, headers: sent, body: payload, signal: AbortSignal.timeout(this.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const err = error as Error & { cause?: { code?: string; message?: string } };
      const why =
        err.name === 'TimeoutError' || err.name === 'AbortError'
          ? `no answer within ${this.timeoutMs} ms`
          : `${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ''}`;
      throw new RequestError(`${method} ${url}: ${why}`);
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const masked = { ...sent };
    if (masked.Authorization) masked.Authorization = 'Bearer <token>';
    const exchange: Exchange = {
      method,
      url,
      requestHeaders: masked,
      requestBody: payload === undefined ? undefined : redact(payload),
      status: response.status,
      headers: response.headers,
      text,
      json,
      ms: Math.round(performance.now() - started),
    };
    this.log.push(exchange);
    return exchange;
  }
}

const RELEVANT_REQUEST_HEADERS = ['Authorization', 'Idempotency-Key', 'If-None-Match', 'Content-Type', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'];

/**
 * Secrets out of what the suite prints and reports (CI logs keep them): a login code sent
 * (`"code":"482913"`, only a string of digits: a problem's `code` is a word) and an issued token.
 */
export function redact(text: string): string {
  return text.replace(/("code"\s*:\s*)"\d+"/g, '$1"<code>"').replace(/("token"\s*:\s*)"[^"]*"/g, '$1"<token>"');
}

/** The request and the start of the answer (secrets redacted), for failure messages. */
export function describeExchange(x: Exchange, maxBody = 600): string {
  const lines = [`request: ${x.method} ${x.url}`];
  for (const name of RELEVANT_REQUEST_HEADERS) {
    const value = x.requestHeaders[name];
    if (value !== undefined) lines.push(`  ${name}: ${value}`);
  }
  if (x.requestBody !== undefined) lines.push(`  body: ${x.requestBody}`);
  const type = x.headers.get('Content-Type');
  lines.push(`response: ${x.status}${type ? ` (${type})` : ''}${x.text ? ` ${truncate(redact(x.text), maxBody)}` : ' (empty body)'}`);
  return lines.join('\n');
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
