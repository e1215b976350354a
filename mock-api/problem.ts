/** `application/problem+json` answers with the codes and statuses of mock-api/openapi.json. */
import { HttpResponse } from 'msw';
import { PROBLEM_STATUS, type ProblemCode, type ProblemDraft, type ProblemExtension } from '../src/contract/problems.ts';

const TITLES: { [C in ProblemCode]: string } = {
  unauthorized: 'Sign-in required',
  invalid_code: 'Wrong sign-in code',
  too_many_attempts: 'Too many attempts',
  not_found: 'Not found',
  validation_failed: 'The request is not valid',
  slot_unavailable: 'This time is no longer available',
  not_bookable_online: 'Not bookable online',
  package_required: 'A package is required',
  blocked_by_package: 'Blocked by a package you hold',
  budget_exceeded: 'The package budget is too small',
  package_not_usable: 'This package cannot be used',
  too_many_participants: 'Too many participants',
  cancellation_window_passed: 'Too late to cancel or change',
  booking_cancelled: 'The booking is cancelled',
  idempotency_key_reused: 'Idempotency-Key reused with another request',
  method_not_allowed: 'Method not allowed',
};

// A problem without fields of its own takes no extension argument: "is the empty object assignable to them?"
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type ExtensionArgs<C extends ProblemCode> = {} extends ProblemExtension<C> ? [] : [ProblemExtension<C>];

/** The body of a problem decided by src/rules (or by the handlers): status, title and extension fields. */
export function draftBody({ code, detail, ...extension }: ProblemDraft) {
  return { type: 'about:blank', status: PROBLEM_STATUS[code], code, title: TITLES[code], detail, ...extension };
}

/**
 * The HTTP answer for a problem draft. Every 401 says how to authenticate (`WWW-Authenticate:
 * Bearer`, docs/rules.md "Sessions"); a 429 says when to try again with `withRetryAfter`.
 */
export function problemFromDraft(draft: ProblemDraft) {
  const status = PROBLEM_STATUS[draft.code];
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  return HttpResponse.json(draftBody(draft), { status, headers });
}

/** Adds `Retry-After` (whole seconds, at least 1) to an answer. */
export function withRetryAfter(response: Response, ms: number): Response {
  response.headers.set('Retry-After', String(Math.max(1, Math.ceil(ms / 1000))));
  return response;
}

/** The body of a problem with this code and, where the code has them, its extension fields. */
export function problemBody<C extends ProblemCode>(code: C, detail: string, ...extension: ExtensionArgs<C>) {
  return draftBody({ code, detail, ...extension[0] } as ProblemDraft);
}

export function problem<C extends ProblemCode>(code: C, detail: string, ...extension: ExtensionArgs<C>) {
  return problemFromDraft({ code, detail, ...extension[0] } as ProblemDraft);
}
