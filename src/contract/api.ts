/**
 * Requests and responses of the HTTP API (docs/backend.md), one schema per body.
 * `ROUTES` at the bottom is the table the OpenAPI generator and the mock walk through.
 */
import * as z from 'zod/mini';
import {
  Bonus,
  Booking,
  BookedStep,
  Chain,
  Customer,
  Package,
  PackageTemplate,
  PackageType,
  Practice,
  Service,
} from './entities.ts';
import { Id, Instant, LocalDate, Note, PositiveCount } from './primitives.ts';

export const PracticeResponse = Practice;

export const CatalogResponse = z.object({
  services: z.array(Service),
  packageTypes: z.array(PackageType),
  packageTemplates: z.array(PackageTemplate),
  chains: z.array(Chain),
});

export const AuthCodeRequest = z.object({
  email: z.email(),
});

export const AuthTokenRequest = z.object({
  email: z.email(),
  code: z.string().check(z.minLength(1), z.maxLength(64)),
});

export const AuthTokenResponse = z.object({
  token: z.string().check(z.minLength(1)),
  expiresAt: Instant,
  customer: Customer,
});

export const MeResponse = z.object({
  customer: Customer,
  packages: z.array(Package),
  bonus: z.nullable(Bonus),
});

/** Query of `GET …/chains/{c}/slots`; values arrive as strings. At most 62 days per query. */
export const SlotsQuery = z.object({
  from: LocalDate,
  to: LocalDate,
  participants: z.optional(z.string().check(z.regex(/^[1-9]\d{0,2}$/, 'expected a whole number from 1'))),
  /** The starts offered if this booking (of the signed-in client) did not exist: for rescheduling it. */
  exceptBooking: z.optional(Id),
});

/** The longest range `from … to` (inclusive) one slots query may ask for. */
export const MAX_SLOT_QUERY_DAYS = 62;

export const Slot = z.object({
  start: Instant,
  steps: z.array(BookedStep).check(z.minLength(1)),
});

export const SlotsResponse = z.object({
  slots: z.array(Slot),
});

export const BookingRequest = z.object({
  chainId: Id,
  start: Instant,
  participants: PositiveCount,
  /** Pay with this package; absent or null: the server picks (docs/rules.md). */
  packageId: z.optional(z.nullable(Id)),
  /** A note for the practice (docs/rules.md "Rescheduling"); empty after trimming: none. */
  note: z.optional(z.nullable(Note)),
});

/** Body of `POST …/bookings/{b}/reschedule` (docs/rules.md "Rescheduling"): the new start; participants default to the booking's. */
export const RescheduleRequest = z.object({
  start: Instant,
  participants: z.optional(PositiveCount),
});

export const BookingResponse = Booking;

export const BookingsResponse = z.object({
  bookings: z.array(Booking),
});

export type CatalogResponse = z.infer<typeof CatalogResponse>;
export type AuthCodeRequest = z.infer<typeof AuthCodeRequest>;
export type AuthTokenRequest = z.infer<typeof AuthTokenRequest>;
export type AuthTokenResponse = z.infer<typeof AuthTokenResponse>;
export type MeResponse = z.infer<typeof MeResponse>;
export type SlotsQuery = z.infer<typeof SlotsQuery>;
export type Slot = z.infer<typeof Slot>;
export type SlotsResponse = z.infer<typeof SlotsResponse>;
export type BookingRequest = z.infer<typeof BookingRequest>;
export type BookingsResponse = z.infer<typeof BookingsResponse>;
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;
