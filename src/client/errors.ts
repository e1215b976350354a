/**
 * Everything that can go wrong talking to a backend, as one family of typed errors. `code` is
 * what `punchcard-error` reports: a contract problem code, or one of the client's own codes.
 */
import type { FieldError, Problem } from '../contract/problems.ts';

export type ClientErrorCode = 'config' | 'network' | 'timeout' | 'contract' | 'http' | 'unexpected';

export abstract class ApiError extends Error {
  abstract readonly code: Problem['code'] | ClientErrorCode;
}

/** The backend answered with a well-formed problem (docs/backend.md). */
export class ProblemError extends ApiError {
  readonly code: Problem['code'];
  readonly problem: Problem;
  /** The `Retry-After` of a 429, in seconds (null when absent or not a number of seconds). */
  readonly retryAfterSeconds: number | null;
  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'ProblemError';
    this.code = problem.code;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The element is missing something it needs (`api`, `practice`). */
export class ConfigError extends ApiError {
  readonly code = 'config' as const;
  readonly attribute: string;
  constructor(attribute: string) {
    super(`the attribute "${attribute}" is missing`);
    this.name = 'ConfigError';
    this.attribute = attribute;
  }
}

/** No answer: offline, DNS, refused connection, CORS. */
export class NetworkError extends ApiError {
  readonly code = 'network' as const;
  constructor(url: string, options?: { cause?: unknown }) {
    super(`no answer from ${url}`, options);
    this.name = 'NetworkError';
  }
}

/** No answer within the client's timeout. */
export class TimeoutError extends ApiError {
  readonly code = 'timeout' as const;
  constructor(url: string, ms: number) {
    super(`no answer from ${url} within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** An HTTP error without a problem body (a proxy's 502 page, a bare 500). */
export class HttpError extends ApiError {
  readonly code = 'http' as const;
  readonly status: number;
  constructor(url: string, status: number) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

/** The answer breaks the contract; `errors` names every bad field. */
export class ContractError extends ApiError {
  readonly code = 'contract' as const;
  readonly errors: FieldError[];
  constructor(url: string, errors: FieldError[]) {
    super(`the answer from ${url} breaks the contract: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'ContractError';
    this.errors = errors;
  }
}

/** A defect on our side; wrapped so that it is reported like any other error, never thrown at the page. */
export class UnexpectedError extends ApiError {
  readonly code = 'unexpected' as const;
  constructor(cause: unknown) {
    super(`unexpected error: ${String(cause)}`, { cause });
    this.name = 'UnexpectedError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
