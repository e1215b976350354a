/**
 * The widget's only way to the backend: every answer is validated against the contract, and
 * every failure becomes an ApiError. No DOM; testable in Node against the real handlers.
 */
import * as z from 'zod/mini';
import { CatalogResponse, PracticeResponse } from '../contract/api.ts';
import type { CatalogResponse as Catalog } from '../contract/api.ts';
import type { Practice } from '../contract/entities.ts';
import { fieldErrors } from '../contract/issues.ts';
import { Problem } from '../contract/problems.ts';
import { ContractError, HttpError, NetworkError, ProblemError, TimeoutError } from './errors.ts';

export interface ApiClientOptions {
  /** The API base URL, e.g. `https://api.example/portal/v1`. */
  baseUrl: string;
  /** Abort a request after this many milliseconds. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export class ApiClient {
  readonly baseUrl: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor({ baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS, fetch: fetchImpl }: ApiClientOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = timeoutMs;
    // Bound late so that a page (or MSW) patching fetch after construction is honoured.
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  getPractice(practiceId: string, options?: RequestOptions): Promise<Practice> {
    return this.#get(PracticeResponse, `/practices/${encodeURIComponent(practiceId)}`, options);
  }

  getCatalog(practiceId: string, options?: RequestOptions): Promise<Catalog> {
    return this.#get(CatalogResponse, `/practices/${encodeURIComponent(practiceId)}/catalog`, options);
  }

  async #get<S extends z.ZodMiniType>(schema: S, path: string, options?: RequestOptions): Promise<z.infer<S>> {
    const url = `${this.baseUrl}${path}`;
    const response = await this.#send(url, { method: 'GET', headers: { Accept: 'application/json' } }, options);
    return parse(schema, url, await readJson(url, response));
  }

  async #send(url: string, init: RequestInit, options?: RequestOptions): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = options?.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.#fetch(url, { ...init, signal });
    } catch (error) {
      if (timeout.aborted) throw new TimeoutError(url, this.#timeoutMs);
      if (options?.signal?.aborted) throw options.signal.reason;
      throw new NetworkError(url, { cause: error });
    }
    if (!response.ok) throw await problemOf(url, response);
    return response;
  }
}

async function readJson(url: string, response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new ContractError(url, [{ path: '(body)', message: 'not valid JSON' }]);
  }
}

function parse<S extends z.ZodMiniType>(schema: S, url: string, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ContractError(url, fieldErrors(result.error));
  return result.data;
}

/** A non-2xx answer: a ProblemError when the body is a SPEC 4.3 problem, else an HttpError. */
async function problemOf(url: string, response: Response): Promise<Error> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    const body: unknown = await response.json().catch(() => undefined);
    const result = Problem.safeParse(body);
    if (result.success) return new ProblemError(result.data);
  }
  return new HttpError(url, response.status);
}
