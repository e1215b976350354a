/**
 * The problem codes of the contract with their HTTP statuses. Kept apart from the zod schemas in
 * problems.ts so that the widget can use the table without bundling zod.
 */
/** Every problem code with its HTTP status: the single table the mock, rules and widget use. */
export const PROBLEM_STATUS = {
  unauthorized: 401,
  invalid_code: 401,
  too_many_attempts: 429,
  not_found: 404,
  validation_failed: 400,
  slot_unavailable: 409,
  not_bookable_online: 422,
  package_required: 422,
  blocked_by_package: 422,
  budget_exceeded: 422,
  package_not_usable: 422,
  too_many_participants: 422,
  cancellation_window_passed: 409,
  booking_cancelled: 409,
  idempotency_key_reused: 422,
  method_not_allowed: 405,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;
export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as ProblemCode[];
