/**
 * The route table of the HTTP contract (docs/backend.md): one row per endpoint with its schemas, auth and possible problems.
 * The OpenAPI generator documents it; the mock API and the conformance suite check against it.
 */
import type * as z from 'zod/mini';
import {
  AuthCodeRequest,
  AuthTokenRequest,
  AuthTokenResponse,
  BookingRequest,
  BookingResponse,
  BookingsResponse,
  CatalogResponse,
  MeResponse,
  PracticeResponse,
  RescheduleRequest,
  SlotsQuery,
  SlotsResponse,
} from './api.ts';
import type { ProblemCode } from './problems.ts';

export interface Route {
  operationId: string;
  method: 'get' | 'post';
  /** OpenAPI-style template relative to the API base, e.g. `/practices/{practiceId}`. */
  path: string;
  summary: string;
  description?: string;
  /** `required`: bearer token needed; `optional`: accepted and ignored where not needed. */
  auth: 'none' | 'optional' | 'required';
  query?: z.ZodMiniObject;
  body?: z.ZodMiniObject;
  /** `Idempotency-Key` header required (docs/backend.md). */
  idempotencyKey?: boolean;
  /** Conditional GET with `ETag` / `If-None-Match` → 304. */
  etag?: boolean;
  success: { status: 200 | 201 | 202 | 204; schema: z.ZodMiniType | null; description: string };
  problems: ProblemCode[];
}

const BOOKING_DECISION: ProblemCode[] = [
  'validation_failed',
  'unauthorized',
  'not_found',
  'idempotency_key_reused',
  'not_bookable_online',
  'too_many_participants',
  'package_not_usable',
  'budget_exceeded',
  'package_required',
  'blocked_by_package',
  'slot_unavailable',
];

export const ROUTES: readonly Route[] = [
  {
    operationId: 'getPractice',
    method: 'get',
    path: '/practices/{practiceId}',
    summary: 'The practice, its booking policy and the server clock',
    auth: 'none',
    success: { status: 200, schema: PracticeResponse, description: 'The practice' },
    problems: ['not_found'],
  },
  {
    operationId: 'getCatalog',
    method: 'get',
    path: '/practices/{practiceId}/catalog',
    summary: 'Services, package types, package templates and service chains',
    auth: 'none',
    etag: true,
    success: { status: 200, schema: CatalogResponse, description: 'The catalog' },
    problems: ['not_found'],
  },
  {
    operationId: 'requestLoginCode',
    method: 'post',
    path: '/practices/{practiceId}/auth/code',
    summary: 'Email a sign-in code',
    description:
      'Answers 202 whether or not the address is known, so that it reveals no client. A new code replaces the earlier ones and is valid for 10 minutes and one sign-in; more than 5 requests for one address within 15 minutes are 429 too_many_attempts (with Retry-After), known address or not.',
    auth: 'none',
    body: AuthCodeRequest,
    success: { status: 202, schema: null, description: 'A code was sent if the address belongs to a client' },
    problems: ['validation_failed', 'not_found', 'too_many_attempts'],
  },
  {
    operationId: 'exchangeLoginCode',
    method: 'post',
    path: '/practices/{practiceId}/auth/token',
    summary: 'Exchange the emailed code for a bearer token',
    description: 'After 5 wrong codes for one address, further attempts answer 429 too_many_attempts.',
    auth: 'none',
    body: AuthTokenRequest,
    success: { status: 200, schema: AuthTokenResponse, description: 'Signed in' },
    problems: ['validation_failed', 'not_found', 'invalid_code', 'too_many_attempts'],
  },
  {
    operationId: 'signOut',
    method: 'post',
    path: '/practices/{practiceId}/auth/signout',
    summary: 'Sign out: revoke the bearer token',
    description: 'Every later use of the token is 401 unauthorized.',
    auth: 'required',
    success: { status: 204, schema: null, description: 'Signed out; the token is revoked' },
    problems: ['unauthorized', 'not_found'],
  },
  {
    operationId: 'getMe',
    method: 'get',
    path: '/practices/{practiceId}/me',
    summary: "The signed-in client, their packages and bonus account",
    auth: 'required',
    success: { status: 200, schema: MeResponse, description: 'The signed-in client' },
    problems: ['unauthorized', 'not_found'],
  },
  {
    operationId: 'getSlots',
    method: 'get',
    path: '/practices/{practiceId}/chains/{chainId}/slots',
    summary: 'Bookable starts of a chain',
    description:
      'Sorted by start and within the booking policy. `participants` defaults to 1; at most 62 days (from … to inclusive) per query. `exceptBooking` needs the bearer token of that booking\'s client (missing, expired or revoked: 401; another client\'s or unknown booking: 404) and answers the starts offered if that booking did not exist, for rescheduling it.',
    auth: 'optional',
    query: SlotsQuery,
    success: { status: 200, schema: SlotsResponse, description: 'The free starts' },
    problems: ['validation_failed', 'unauthorized', 'not_found'],
  },
  {
    operationId: 'createBooking',
    method: 'post',
    path: '/practices/{practiceId}/bookings',
    summary: 'Book a chain',
    description:
      'Decided in this order, the first check that fails deciding the answer: well formed (with the Idempotency-Key), token, the chain and a named package exist, idempotency, bookable online, participants, the packages, the slot. The same Idempotency-Key with the same body returns the first answer again; with another body, 422 idempotency_key_reused.',
    auth: 'required',
    body: BookingRequest,
    idempotencyKey: true,
    success: { status: 201, schema: BookingResponse, description: 'Booked' },
    problems: BOOKING_DECISION,
  },
  {
    operationId: 'listBookings',
    method: 'get',
    path: '/practices/{practiceId}/bookings',
    summary: "The signed-in client's bookings",
    auth: 'required',
    success: { status: 200, schema: BookingsResponse, description: 'The bookings' },
    problems: ['unauthorized', 'not_found'],
  },
  {
    operationId: 'cancelBooking',
    method: 'post',
    path: '/practices/{practiceId}/bookings/{bookingId}/cancel',
    summary: 'Cancel a booking (the whole chain)',
    description: 'Allowed until `cancelUntilHours` before the first step; returns every credit the booking consumed.',
    auth: 'required',
    success: { status: 200, schema: BookingResponse, description: 'The cancelled booking' },
    problems: ['unauthorized', 'not_found', 'cancellation_window_passed'],
  },
  {
    operationId: 'rescheduleBooking',
    method: 'post',
    path: '/practices/{practiceId}/bookings/{bookingId}/reschedule',
    summary: 'Move a booking to another start of its chain',
    description:
      'Decided as cancelling the booking and booking the new start with the same package would be, atomically: the booking keeps its id; its own occupancy and consumption do not count against the new start. Allowed until `cancelUntilHours` before its current first step. Order: well formed, token, the booking is the client\'s, idempotency replay or reuse, booking_cancelled, cancellation_window_passed, too_many_participants, the package, slot_unavailable.',
    auth: 'required',
    body: RescheduleRequest,
    idempotencyKey: true,
    success: { status: 200, schema: BookingResponse, description: 'The moved booking' },
    problems: [
      'validation_failed',
      'unauthorized',
      'not_found',
      'idempotency_key_reused',
      'booking_cancelled',
      'cancellation_window_passed',
      'too_many_participants',
      'package_not_usable',
      'budget_exceeded',
      'package_required',
      'blocked_by_package',
      'slot_unavailable',
    ],
  },
];
