/**
 * The domain entities (docs/rules.md "Packages"): catalog, a client's packages, bookings, bonus.
 * Types are inferred from these schemas; there are no hand-written twins.
 */
import * as z from 'zod/mini';
import {
  ClockTime,
  Count,
  Currency,
  Id,
  Instant,
  LanguageTag,
  LocalDate,
  Money,
  PositiveCount,
  TimeZone,
} from './primitives.ts';

// ---------------------------------------------------------------- 2.1 catalog

export const ProductType = z.enum(['service', 'goods', 'value_card', 'entry']);

export const Service = z.object({
  id: Id,
  name: z.string(),
  /** The service number (Ziffer). */
  code: z.nullable(z.string()),
  /** 0 for goods that take no time of their own. */
  durationMinutes: Count,
  price: Money,
  productType: ProductType,
  onlineBookable: z.boolean(),
});

export const PackageType = z.object({
  id: Id,
  name: z.string(),
});

export const PackageKind = z.enum(['credits', 'time', 'unlimited', 'group']);
export const Activation = z.enum(['immediate', 'first_booking', 'manual']);
export const Billing = z.enum(['per_appointment', 'per_package']);

export const ServiceBudget = z.object({
  serviceId: Id,
  /** `null`: unlimited for that service. */
  maxCount: z.nullable(Count),
});

/** Each limit is optional; absent or `null` means "not limited". */
export const Budget = z.object({
  maxAppointments: z.optional(z.nullable(Count)),
  maxAmount: z.optional(z.nullable(Money)),
  /** When non-empty, the package covers these services only (absent, null or empty: any service). */
  services: z.optional(z.nullable(z.array(ServiceBudget))),
});

export const TemplateValidity = z.object({
  activation: Activation,
  durationDays: z.nullable(PositiveCount),
});

export const PackageTemplate = z.object({
  id: Id,
  name: z.string(),
  packageTypeId: z.nullable(Id),
  kind: PackageKind,
  budget: Budget,
  validity: TemplateValidity,
  billing: Billing,
  price: Money,
});

export const StepStart = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('relative'),
    /** Minutes after the booked start time, on the step's day. */
    offsetMinutes: z.int().check(z.minimum(0), z.maximum(24 * 60 - 1)),
  }),
  z.object({
    kind: z.literal('fixed'),
    /** That clock time on the step's day, in the practice's time zone. */
    time: ClockTime,
  }),
]);

export const ChainStep = z.object({
  serviceId: Id,
  /** 1 = the booked day, 2 = the next day … */
  day: PositiveCount,
  start: StepStart,
  quantity: z.enum(['one', 'per_participant']),
});

export const PackageRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** `packageTypeId: null` means "any package". */
  z.object({ kind: z.literal('requires'), packageTypeId: z.nullable(Id) }),
  z.object({ kind: z.literal('prevented_by'), packageTypeId: z.nullable(Id) }),
]);

export const CreatesPackage = z.object({
  templateId: Id,
  condition: z.enum(['always', 'no_usable_package', 'no_usable_package_of_type']),
  packageTypeId: z.nullable(Id),
});

export const Chain = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  steps: z.array(ChainStep).check(z.minLength(1)),
  maxParticipants: z._default(PositiveCount, 1),
  packageRule: PackageRule,
  createsPackage: z.nullable(CreatesPackage),
});

// ------------------------------------------------------ 2.2 a client's packages

export const PackageStatus = z.enum(['confirmed', 'in_progress', 'completed', 'cancelled', 'closed']);

export const Usage = z.object({
  appointments: Count,
  amount: Money,
  services: z.array(z.object({ serviceId: Id, count: Count })),
});

export const Validity = z.object({
  activation: Activation,
  activatedOn: z.nullable(LocalDate),
  /** Inclusive. */
  validFrom: z.nullable(LocalDate),
  /** Inclusive. */
  validUntil: z.nullable(LocalDate),
  durationDays: z.nullable(PositiveCount),
});

export const Package = z.object({
  id: Id,
  /** Unique; the last five characters are the short code staff and client quote. */
  code: z.string().check(z.minLength(5)),
  name: z.string(),
  packageTypeId: z.nullable(Id),
  status: PackageStatus,
  kind: PackageKind,
  budget: Budget,
  usage: Usage,
  validity: Validity,
  billing: Billing,
  price: Money,
  customerNote: z.nullable(z.string()),
});

// ------------------------------------------------------------------ customers

export const Customer = z.object({
  id: Id,
  displayName: z.string(),
  email: z.email(),
});

// ---------------------------------------------------------------- 2.4 bonus

export const Bonus = z.object({
  unit: z.enum(['points', 'stamps']),
  balance: Count,
  expiring: z.array(z.object({ amount: PositiveCount, expiresOn: LocalDate })),
  warnDaysBeforeExpiry: Count,
});

// ------------------------------------------------------------------ practice

export const BookingPolicy = z.object({
  minLeadMinutes: Count,
  maxAdvanceDays: Count,
  cancelUntilHours: Count,
});

/** How to reach the practice (docs/backend.md): each a string or null; `address` is one line, as on a letter. */
export const Contact = z.object({
  address: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  email: z.nullable(z.string()),
  website: z.nullable(z.string()),
});

export const Practice = z.object({
  id: Id,
  name: z.string(),
  timeZone: TimeZone,
  currency: Currency,
  locales: z.array(LanguageTag).check(z.minLength(1)),
  defaultLocale: LanguageTag,
  /** The server's clock; "today" is its practice-local date. */
  serverTime: Instant,
  bookingPolicy: BookingPolicy,
  /** Null when the practice gives none (a backend that leaves it out reads as null). */
  contact: z._default(z.nullable(Contact), null),
});

// ------------------------------------------------------------------ bookings

export const BookedStep = z.object({
  serviceId: Id,
  start: Instant,
  end: Instant,
});

export const Price = z.object({
  total: Money,
  due: Money,
  currency: Currency,
});

export const Booking = z.object({
  id: Id,
  chainId: Id,
  status: z.enum(['booked', 'cancelled']),
  start: Instant,
  participants: PositiveCount,
  steps: z.array(BookedStep).check(z.minLength(1)),
  /** The package the booking is assigned to, if any. */
  packageId: z.nullable(Id),
  /** The id of the package this booking created (then equal to `packageId`), else null. */
  createdPackage: z.nullable(Id),
  price: Price,
  /** Bonus points or stamps the booking earned, when the practice runs a bonus account. */
  bonusEarned: z.optional(z.nullable(Count)),
  /** The client's note to the practice, or null (a dataset booking may leave it out). */
  note: z._default(z.nullable(z.string()), null),
});

export type Service = z.infer<typeof Service>;
export type PackageType = z.infer<typeof PackageType>;
export type PackageTemplate = z.infer<typeof PackageTemplate>;
export type Budget = z.infer<typeof Budget>;
export type ChainStep = z.infer<typeof ChainStep>;
export type StepStart = z.infer<typeof StepStart>;
export type PackageRule = z.infer<typeof PackageRule>;
export type CreatesPackage = z.infer<typeof CreatesPackage>;
export type Chain = z.infer<typeof Chain>;
export type PackageStatus = z.infer<typeof PackageStatus>;
export type Usage = z.infer<typeof Usage>;
export type Validity = z.infer<typeof Validity>;
export type Package = z.infer<typeof Package>;
export type Customer = z.infer<typeof Customer>;
export type Bonus = z.infer<typeof Bonus>;
export type BookingPolicy = z.infer<typeof BookingPolicy>;
export type Practice = z.infer<typeof Practice>;
export type BookedStep = z.infer<typeof BookedStep>;
export type Price = z.infer<typeof Price>;
export type Booking = z.infer<typeof Booking>;
