/**
 * The localized sentence for an ApiError: what a client reads in `part="error"`. Every problem
 * code of the contract has its own; `budget_exceeded` names the package, the budget and the shortfall.
 */
import { HttpError, type ApiError, type ConfigError, ProblemError } from '../client/errors.ts';
import type { ProblemDraft } from '../contract/problems.ts';
import type { FirstMessages } from './messages.ts';

/** Names and money for the sentences that mention them; without it, ids and plain numbers show. */
export interface ProblemContext {
  packageName?: (id: string) => string | undefined;
  serviceName?: (id: string) => string | undefined;
  money?: (minor: number) => string;
  maxParticipants?: number;
  /** What a `not_found` refers to: the practice being loaded (default), or something being booked or cancelled. */
  notFound?: 'practice' | 'booking';
  /** A booking being moved: its deadline is one for changing, not cancelling. */
  moving?: boolean;
}

export function errorMessage(error: ApiError, t: FirstMessages, context: ProblemContext = {}): string {
  if (error instanceof ProblemError) return problemMessage(error.problem, t, context);
  switch (error.code) {
    case 'config':
      return t.errorConfig((error as ConfigError).attribute);
    case 'network':
      return t.errorNetwork;
    case 'timeout':
      return t.errorTimeout;
    case 'contract':
      return t.errorContract;
    case 'http':
      return t.errorHttp((error as HttpError).status);
    default:
      return t.errorUnknown;
  }
}

/** The sentence for a problem, whether the server sent it or the rules foresaw it. */
export function problemMessage(problem: ProblemDraft, t: FirstMessages, context: ProblemContext = {}): string {
  switch (problem.code) {
    case 'budget_exceeded': {
      const name = context.packageName?.(problem.packageId) ?? problem.packageId;
      if (problem.criterion === 'amount') {
        const money = context.money ?? String;
        return t.problemBudgetAmount(name, money(problem.remaining), money(problem.required));
      }
      if (problem.criterion === 'service' && problem.serviceId) {
        const service = context.serviceName?.(problem.serviceId) ?? problem.serviceId;
        return t.problemBudgetService(name, service, problem.remaining, problem.required);
      }
      return t.problemBudgetAppointments(name, problem.remaining, problem.required);
    }
    case 'package_not_usable':
      return t.problemPackageNotUsable(context.packageName?.(problem.packageId) ?? problem.packageId);
    case 'too_many_participants':
      return context.maxParticipants ? t.problemTooManyParticipants(context.maxParticipants) : t.problemValidation;
    case 'not_found':
      return context.notFound === 'booking' ? t.problemNotFound : t.errorPracticeNotFound;
    case 'unauthorized':
      return t.problemUnauthorized;
    case 'invalid_code':
      return t.wrongCode;
    case 'too_many_attempts':
      return t.tooManyAttempts;
    case 'validation_failed':
      return t.problemValidation;
    case 'slot_unavailable':
      return t.slotTaken;
    case 'not_bookable_online':
      return t.problemNotBookableOnline;
    case 'package_required':
      return t.problemPackageRequired;
    case 'blocked_by_package':
      return t.problemBlockedByPackage;
    case 'cancellation_window_passed':
      return context.moving ? t.problemChangeWindow : t.problemCancellationWindow;
    case 'booking_cancelled':
      return t.problemBookingCancelled;
    case 'idempotency_key_reused':
      return t.problemKeyReused;
    case 'method_not_allowed':
      // The backend and the widget disagree on the contract: nothing the client can change.
      return t.problemValidation;
  }
}
