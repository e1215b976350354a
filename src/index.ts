/**
 * punchcard's side-effect-free entry: the element classes, events and contract types.
 * Importing it registers nothing; `punchcard` (src/define.ts) does.
 */
export { PunchcardPortal } from './components/portal/portal.ts';
export { PunchcardCredits } from './components/credits/credits.ts';
export { PunchcardOffers } from './components/offers/offers.ts';
export {
  PunchcardBookedEvent,
  PunchcardCancelledEvent,
  PunchcardRescheduledEvent,
  PunchcardErrorEvent,
  PunchcardSignedInEvent,
  PunchcardSignedOutEvent,
  type PunchcardErrorDetail,
} from './events.ts';
export { ApiClient, type ApiClientOptions } from './client/api-client.ts';
export * from './client/errors.ts';
export type * from './contract/entities.ts';
export type * from './contract/api.ts';
export type { Problem, ProblemCode } from './contract/problems.ts';
