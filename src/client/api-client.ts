/**
 * The widget's only way to the backend (docs/backend.md), scoped to one practice: every answer is
 * validated against the contract and every failure becomes an ApiError. No DOM; testable in Node
 * against the real handlers.
 */
import type { BookingRequest, CatalogResponse, RescheduleRequest } from '../contract/api.ts';
import { checkWire } from '../contract/wire.ts';
import { WIRE_SCHEMAS, type WireTypes } from '../contract/wire-schemas.generated.ts';
import { ContractError, HttpError, NetworkError, ProblemError, TimeoutError } from './errors.ts';

export interface ApiClientOptions {
  /** The API base URL, e.g. `https://api.example/portal/v1`. */
  baseUrl: string;
  practiceId: string;
  /** Abort a request after this many milliseconds. */
  timeoutMs?: number;
  /** How often a failed GET is tried again (network, timeout, 5xx), waiting `backoffMs` × 3ⁿ between. */
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Catalogs by URL with their ETag, shared by every client on the page: a 304 reuses them. */
const catalogCache = new Map<string, { etag: string; catalog: CatalogResponse }>();

export class ApiClient {
  readonly baseUrl: string;
  readonly practiceId: string;
  /**
   * The bearer token for calls that need a signed-in client. Private (`#`): no script of the
   * host page can read it from the element, its store or this client.
   */
  #token: string | null = null;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #fetch: typeof fetch;

  constructor({ baseUrl, practiceId, timeoutMs = DEFAULT_TIMEOUT_MS, retries = 2, backoffMs = 250, fetch: fetchImpl }: ApiClientOptions) {
    this.baseUrl = `${baseUrl.replace(/\/+$/, '')}/practices/${encodeURIComponent(practiceId)}`;
    this.practiceId = practiceId;
    this.#timeoutMs = timeoutMs;
    this.#retries = retries;
    this.#backoffMs = backoffMs;
    // Bound late so that a page (or MSW) patching fetch after construction is honoured.
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Holds a token from now on (null: none). */
  useToken(token: string | null): void {
    this.#token = token || null;
  }

  /** True while the client holds a token. */
  get signedIn(): boolean {
    return this.#token !== null;
  }

  practice(options?: RequestOptions) {
    return this.#call('Practice', '', {}, options);
  }

  /** The catalog, revalidated with `If-None-Match` when this page has seen it before. */
  async catalog(options?: RequestOptions) {
    const url = `${this.baseUrl}/catalog`;
    const cached = catalogCache.get(url);
    const { status, etag, body } = await this.#send(url, { headers: cached ? { 'If-None-Match': cached.etag } : {} }, options);
    if (status === 304 && cached) return cached.catalog;
    const catalog = parse('CatalogResponse', url, body);
    if (etag) catalogCache.set(url, { etag, catalog });
    return catalog;
  }

  me(options?: RequestOptions) {
    return this.#call('MeResponse', '/me', {}, options);
  }

  /** Asks the practice to email a sign-in code (202 whether or not the address is known). */
  async requestCode(email: string, options?: RequestOptions): Promise<void> {
    await this.#send(`${this.baseUrl}/auth/code`, jsonPost({ email }), options, false);
  }

  /** Exchanges the emailed code for a token, and holds it. */
  async signIn(email: string, code: string, options?: RequestOptions) {
    const answer = await this.#call('AuthTokenResponse', '/auth/token', jsonPost({ email, code }), options);
    this.#token = answer.token;
    return answer;
  }

  /**
   * Signs out: forgets the token at once, and asks the backend to revoke it (docs/rules.md "Sessions"), so that a
   * copy of it is useless. Rejects when the backend could not be told (the token then lives on
   * there until it expires); the client has forgotten it either way.
   */
  async signOut(options?: RequestOptions): Promise<void> {
    const token = this.#token;
    this.#token = null;
    if (!token) return;
    await this.#send(`${this.baseUrl}/auth/signout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }, options, false);
  }

  /** Free starts; `exceptBooking`: as if that booking of the signed-in client did not exist (to move it). */
  slots(chainId: string, query: { from: string; to: string; participants?: number; exceptBooking?: string }, options?: RequestOptions) {
    const params = new URLSearchParams({ from: query.from, to: query.to });
    if (query.participants !== undefined) params.set('participants', String(query.participants));
    if (query.exceptBooking !== undefined) params.set('exceptBooking', query.exceptBooking);
    return this.#call('SlotsResponse', `/chains/${encodeURIComponent(chainId)}/slots?${params}`, {}, options);
  }

  /** Books with an `Idempotency-Key` the caller keeps for retries, so a retry never books twice. */
  book(request: BookingRequest, idempotencyKey: string, options?: RequestOptions) {
    const init = jsonPost(request);
    (init.headers as Record<string, string>)['Idempotency-Key'] = idempotencyKey;
    return this.#call('Booking', '/bookings', init, options);
  }

  bookings(options?: RequestOptions) {
    return this.#call('BookingsResponse', '/bookings', {}, options);
  }

  /** Moves a booking (with an `Idempotency-Key` kept for retries, as for booking). */
  reschedule(bookingId: string, request: RescheduleRequest, idempotencyKey: string, options?: RequestOptions) {
    const init = jsonPost(request);
    (init.headers as Record<string, string>)['Idempotency-Key'] = idempotencyKey;
    return this.#call('Booking', `/bookings/${encodeURIComponent(bookingId)}/reschedule`, init, options);
  }

  cancel(bookingId: string, options?: RequestOptions) {
    return this.#call('Booking', `/bookings/${encodeURIComponent(bookingId)}/cancel`, { method: 'POST' }, options);
  }

  async #call<K extends keyof WireTypes>(schema: K, path: string, init: RequestInit, options?: RequestOptions): Promise<WireTypes[K]> {
    const url = `${this.baseUrl}${path}`;
    return parse(schema, url, (await this.#send(url, init, options)).body);
  }

  /**
   * One request; a GET that fails for a passing reason (no answer, timeout, 5xx) is tried again
   * after a growing pause. Writes are not: their retry is the caller's, with the same
   * Idempotency-Key, so a lost answer never books twice.
   */
  async #send(url: string, init: RequestInit, options?: RequestOptions, readBody = true): Promise<Exchange> {
    const retries = (init.method ?? 'GET') === 'GET' ? this.#retries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#exchange(url, init, options, readBody);
      } catch (error) {
        const passing = error instanceof NetworkError || error instanceof TimeoutError || (error instanceof HttpError && error.status >= 500);
        if (!passing || attempt >= retries || options?.signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.#backoffMs * 3 ** attempt));
      }
    }
  }

  /**
   * One request and its JSON answer, both within the timeout. The timer is cleared and the
   * caller's signal let go as soon as the answer is read, so nothing outlives the exchange.
   */
  async #exchange(url: string, init: RequestInit, options: RequestOptions | undefined, readBody: boolean): Promise<Exchange> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const outer = options?.signal;
    const forward = () => controller.abort(outer!.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    // A failure caused by the caller's abort or by the timeout is reported as that.
    const fail = (error: Error): never => {
      if (outer?.aborted) throw outer.reason;
      if (timedOut) throw new TimeoutError(url, this.#timeoutMs);
      throw error;
    };
    const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers as Record<string, string>) };
    if (this.#token && !headers.Authorization) headers.Authorization = `Bearer ${this.#token}`;
    try {
      let response: Response;
      try {
        response = await this.#fetch(url, { ...init, headers, signal: controller.signal });
      } catch (error) {
        return fail(new NetworkError(url, { cause: error }));
      }
      if (!response.ok && response.status !== 304) return fail(await problemOf(url, response));
      const exchange: Exchange = { status: response.status, etag: response.headers.get('ETag'), body: undefined };
      if (readBody && response.status !== 304) {
        try {
          exchange.body = await response.json();
        } catch {
          fail(new ContractError(url, [{ path: '(body)', message: 'not valid JSON' }]));
        }
      }
      return exchange;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    }
  }
}

/** What the client keeps of an answer. */
interface Exchange {
  status: number;
  etag: string | null;
  body: unknown;
}

function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** The answer as the contract types it, or a ContractError naming every bad field. */
function parse<K extends keyof WireTypes>(schema: K, url: string, body: unknown): WireTypes[K] {
  const result = checkWire<WireTypes[K]>(WIRE_SCHEMAS[schema], body);
  if (!result.ok) throw new ContractError(url, result.errors);
  return result.value;
}

/** A non-2xx answer: a ProblemError when the body is a contract problem, else an HttpError. */
async function problemOf(url: string, response: Response): Promise<Error> {
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
    const result = checkWire<WireTypes['Problem']>(WIRE_SCHEMAS.Problem, await response.json().catch(() => undefined));
    const retryAfter = /^\d+$/.test(response.headers.get('Retry-After') ?? '') ? Number(response.headers.get('Retry-After')) : null;
    if (result.ok) return new ProblemError(result.value, retryAfter);
  }
  return new HttpError(url, response.status);
}
