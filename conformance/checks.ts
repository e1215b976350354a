/**
 * The conformance checks, by group in checks/: each has an id, the specification section it holds
 * the backend to (shown in reports; docs/backend.md says the same in this project's words), a level
 * (MUST fails the run, SHOULD is reported only), whether it books (`needsWrite`), and a run
 * function that throws through `fail`/`skip` or returns an optional note. Every body is judged
 * with the zod schemas of src/contract and every rule with src/rules, so the suite can never
 * drift from the contract the widget and the mock are built on.
 */
import type { Check } from './check-kit.ts';
import { AUTH_CHECKS, SIGN_OUT_CHECK } from './checks/auth.ts';
import { BOOKING_CHECKS } from './checks/booking.ts';
import { CORS_CHECKS } from './checks/cors.ts';
import { PROBLEM_CHECKS } from './checks/problems.ts';
import { RESCHEDULE_CHECKS } from './checks/reschedule.ts';
import { SCAN_CHECKS } from './checks/scans.ts';
import { SESSION_CHECKS } from './checks/sessions.ts';
import { SHAPE_CHECKS } from './checks/shapes.ts';
import { SLOT_CHECKS } from './checks/slots.ts';

export type { Check } from './check-kit.ts';

/** Every check, in the order they run (the scans after the checks whose answers they read; signing out last). */
export const CHECKS: readonly Check[] = [
  ...SHAPE_CHECKS,
  ...AUTH_CHECKS,
  ...SESSION_CHECKS,
  ...PROBLEM_CHECKS,
  ...CORS_CHECKS,
  ...SLOT_CHECKS,
  ...BOOKING_CHECKS,
  ...RESCHEDULE_CHECKS,
  ...SCAN_CHECKS,
  SIGN_OUT_CHECK,
];
