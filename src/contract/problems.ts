/**
 * Problem details (RFC 9457, `application/problem+json`) with the codes of mock-api/openapi.json.
 * Each code has a fixed HTTP status and its own extension fields.
 */
import * as z from 'zod/mini';
import { PROBLEM_STATUS, type ProblemCode } from './problem-codes.ts';
import { Count, Id } from './primitives.ts';

export { PROBLEM_CODES, PROBLEM_STATUS, type ProblemCode } from './problem-codes.ts';

const base = {
  /** A URI reference naming the problem type; `about:blank` when absent. */
  type: z.optional(z.string()),
  title: z.string(),
  detail: z.string(),
  instance: z.optional(z.string()),
};

function problem<C extends ProblemCode, E extends z.core.$ZodLooseShape>(code: C, extension: E) {
  return z.object({
    ...base,
    status: z.literal(PROBLEM_STATUS[code] as (typeof PROBLEM_STATUS)[C]),
    code: z.literal(code),
    ...extension,
  });
}

export const FieldError = z.object({
  /** Where the bad value is: `body.participants`, `query.from`, `header.Idempotency-Key`. */
  path: z.string(),
  message: z.string(),
});

export const BudgetCriterion = z.enum(['appointments', 'amount', 'service']);

export const UnauthorizedProblem = problem('unauthorized', {});
export const InvalidCodeProblem = problem('invalid_code', {});
export const TooManyAttemptsProblem = problem('too_many_attempts', {});
export const NotFoundProblem = problem('not_found', {});
export const ValidationFailedProblem = problem('validation_failed', {
  /** 400; 413 when the body exceeds the server's size limit (docs/decisions.md). */
  status: z.union([z.literal(400), z.literal(413)]),
  errors: z.array(FieldError).check(z.minLength(1)),
});
export const SlotUnavailableProblem = problem('slot_unavailable', {});
export const NotBookableOnlineProblem = problem('not_bookable_online', {});
export const PackageRequiredProblem = problem('package_required', {});
export const BlockedByPackageProblem = problem('blocked_by_package', {});
export const BudgetExceededProblem = problem('budget_exceeded', {
  packageId: Id,
  criterion: BudgetCriterion,
  /** The service whose count is short when `criterion` is `service`, else null. */
  serviceId: z.nullable(Id),
  /** What the package has left of that budget (count or minor units). */
  remaining: Count,
  /** What the booking needs of it. */
  required: Count,
});
export const PackageNotUsableProblem = problem('package_not_usable', { packageId: Id });
export const TooManyParticipantsProblem = problem('too_many_participants', {});
export const CancellationWindowPassedProblem = problem('cancellation_window_passed', {});
export const BookingCancelledProblem = problem('booking_cancelled', {});
export const IdempotencyKeyReusedProblem = problem('idempotency_key_reused', {});
/** A path of the contract asked with a method it does not answer; the `Allow` header lists those it does. */
export const MethodNotAllowedProblem = problem('method_not_allowed', {});

/** Keyed by code, in the order of the contract. */
export const PROBLEM_SCHEMAS = {
  unauthorized: UnauthorizedProblem,
  invalid_code: InvalidCodeProblem,
  too_many_attempts: TooManyAttemptsProblem,
  not_found: NotFoundProblem,
  validation_failed: ValidationFailedProblem,
  slot_unavailable: SlotUnavailableProblem,
  not_bookable_online: NotBookableOnlineProblem,
  package_required: PackageRequiredProblem,
  blocked_by_package: BlockedByPackageProblem,
  budget_exceeded: BudgetExceededProblem,
  package_not_usable: PackageNotUsableProblem,
  too_many_participants: TooManyParticipantsProblem,
  cancellation_window_passed: CancellationWindowPassedProblem,
  booking_cancelled: BookingCancelledProblem,
  idempotency_key_reused: IdempotencyKeyReusedProblem,
  method_not_allowed: MethodNotAllowedProblem,
} as const satisfies { [C in ProblemCode]: z.ZodMiniObject };

export const Problem = z.discriminatedUnion('code', [
  UnauthorizedProblem,
  InvalidCodeProblem,
  TooManyAttemptsProblem,
  NotFoundProblem,
  ValidationFailedProblem,
  SlotUnavailableProblem,
  NotBookableOnlineProblem,
  PackageRequiredProblem,
  BlockedByPackageProblem,
  BudgetExceededProblem,
  PackageNotUsableProblem,
  TooManyParticipantsProblem,
  CancellationWindowPassedProblem,
  BookingCancelledProblem,
  IdempotencyKeyReusedProblem,
  MethodNotAllowedProblem,
]);

export type FieldError = z.infer<typeof FieldError>;
export type BudgetCriterion = z.infer<typeof BudgetCriterion>;
export type ProblemOf<C extends ProblemCode> = z.infer<(typeof PROBLEM_SCHEMAS)[C]>;
export type Problem = z.infer<typeof Problem>;

/** A problem's own fields beyond the RFC 9457 members. */
export type ProblemExtension<C extends ProblemCode> = Omit<ProblemOf<C>, 'status' | 'code' | 'title' | 'detail' | 'type' | 'instance'>;

/** A decided problem before it becomes an HTTP answer: its code, an English detail and its extension fields. */
export type ProblemDraft = { [C in ProblemCode]: { code: C; detail: string } & ProblemExtension<C> }[ProblemCode];
