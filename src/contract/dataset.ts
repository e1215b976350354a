/**
 * The mock API's dataset file (docs/backend.md "The mock API"). Only the mock reads it; the staff-only
 * `internalNote` exists here and in no response schema.
 */
import * as z from 'zod/mini';
import { CatalogResponse } from './api.ts';
import { Bonus, Booking, Customer, Package, Practice } from './entities.ts';
import { ClockTime, Instant, LocalDate, PositiveCount } from './primitives.ts';

const Interval = z.tuple([ClockTime, ClockTime]).check(
  z.refine(([from, to]) => from < to, 'an opening interval must end after it starts'),
);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A day's intervals in order, none overlapping another. */
const DayHours = z.array(Interval).check(
  z.refine(
    (intervals) => intervals.every((interval, i) => i === 0 || intervals[i - 1]![1] <= interval[0]),
    'opening intervals must be in order and must not overlap',
  ),
);

export const Schedule = z.object({
  /** Starts are offered on this grid from the opening time. */
  slotMinutes: PositiveCount,
  /** Practice-local opening hours per weekday; a missing day is closed. */
  openingHours: z.partialRecord(z.enum(WEEKDAYS), DayHours),
  closedDates: z.array(LocalDate),
});

export const DatasetPackage = z.extend(Package, {
  /** Staff only: kept by the mock, never sent. */
  internalNote: z.optional(z.nullable(z.string())),
});

export const DatasetCustomer = z.extend(Customer, {
  /** The code the mock "emails"; absent or null: a random code per request. */
  loginCode: z.optional(z.nullable(z.string().check(z.regex(/^\d{4,8}$/, 'expected 4 to 8 digits')))),
  /** Bearer tokens accepted for this client without sign-in. */
  tokens: z.array(z.string().check(z.minLength(8))),
  packages: z.array(DatasetPackage),
  bonus: z.nullable(Bonus),
  bookings: z.array(Booking),
});

export const DatasetPracticeInfo = z.extend(z.omit(Practice, { serverTime: true }), {
  schedule: Schedule,
});

export const DatasetPractice = z.object({
  practice: DatasetPracticeInfo,
  catalog: CatalogResponse,
  customers: z.array(DatasetCustomer),
});

const DatasetShape = z.object({
  $schema: z.optional(z.string()),
  /** Fixes the mock's clock: every "today" and `serverTime` derive from it. */
  now: Instant,
  practices: z.array(DatasetPractice).check(z.minLength(1)),
});

type DatasetShape = z.infer<typeof DatasetShape>;

/** References that JSON Schema cannot express: ids must be unique and point at something. */
function referenceIssues(data: DatasetShape): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const duplicates = (items: readonly { id: string }[], path: (string | number)[]) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) issues.push({ path: [...path, i, 'id'], message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
  };
  const ref = (ids: Set<string>, id: string | null, path: (string | number)[], what: string) => {
    if (id !== null && !ids.has(id)) issues.push({ path, message: `unknown ${what} "${id}"` });
  };

  duplicates(
    data.practices.map((p) => p.practice),
    ['practices'],
  );
  const packageCodes = new Set<string>();
  const tokens = new Set<string>();
  data.practices.forEach((entry, pi) => {
    const at = ['practices', pi];
    const { catalog } = entry;
    if (!entry.practice.locales.includes(entry.practice.defaultLocale)) {
      issues.push({ path: [...at, 'practice', 'defaultLocale'], message: 'must be one of the practice locales' });
    }
    duplicates(catalog.services, [...at, 'catalog', 'services']);
    duplicates(catalog.packageTypes, [...at, 'catalog', 'packageTypes']);
    duplicates(catalog.packageTemplates, [...at, 'catalog', 'packageTemplates']);
    duplicates(catalog.chains, [...at, 'catalog', 'chains']);
    duplicates(entry.customers, [...at, 'customers']);
    const services = new Set(catalog.services.map((s) => s.id));
    const types = new Set(catalog.packageTypes.map((t) => t.id));
    const templates = new Set(catalog.packageTemplates.map((t) => t.id));
    const chains = new Set(catalog.chains.map((c) => c.id));

    catalog.packageTemplates.forEach((t, i) => {
      const tp = [...at, 'catalog', 'packageTemplates', i];
      ref(types, t.packageTypeId, [...tp, 'packageTypeId'], 'package type');
      t.budget.services?.forEach((s, j) => ref(services, s.serviceId, [...tp, 'budget', 'services', j, 'serviceId'], 'service'));
    });
    catalog.chains.forEach((c, i) => {
      const cp = [...at, 'catalog', 'chains', i];
      c.steps.forEach((s, j) => ref(services, s.serviceId, [...cp, 'steps', j, 'serviceId'], 'service'));
      if (c.packageRule.kind !== 'none') ref(types, c.packageRule.packageTypeId, [...cp, 'packageRule', 'packageTypeId'], 'package type');
      if (c.createsPackage) {
        ref(templates, c.createsPackage.templateId, [...cp, 'createsPackage', 'templateId'], 'package template');
        ref(types, c.createsPackage.packageTypeId, [...cp, 'createsPackage', 'packageTypeId'], 'package type');
      }
    });
    const bookingIds = new Set<string>();
    const emails = new Set<string>();
    entry.customers.forEach((customer, ci) => {
      const cp = [...at, 'customers', ci];
      const email = customer.email.toLowerCase();
      if (emails.has(email)) issues.push({ path: [...cp, 'email'], message: `another client of this practice has the email "${customer.email}"` });
      emails.add(email);
      customer.tokens.forEach((token, ti) => {
        if (tokens.has(token)) issues.push({ path: [...cp, 'tokens', ti], message: 'this token is already given to another client' });
        tokens.add(token);
      });
      duplicates(customer.packages, [...cp, 'packages']);
      const own = new Set(customer.packages.map((p) => p.id));
      customer.packages.forEach((p, i) => {
        const pp = [...cp, 'packages', i];
        if (packageCodes.has(p.code)) issues.push({ path: [...pp, 'code'], message: `duplicate package code "${p.code}"` });
        packageCodes.add(p.code);
        ref(types, p.packageTypeId, [...pp, 'packageTypeId'], 'package type');
        p.budget.services?.forEach((s, j) => ref(services, s.serviceId, [...pp, 'budget', 'services', j, 'serviceId'], 'service'));
        p.usage.services.forEach((s, j) => ref(services, s.serviceId, [...pp, 'usage', 'services', j, 'serviceId'], 'service'));
      });
      customer.bookings.forEach((b, i) => {
        const bp = [...cp, 'bookings', i];
        if (bookingIds.has(b.id)) issues.push({ path: [...bp, 'id'], message: `duplicate id "${b.id}"` });
        bookingIds.add(b.id);
        ref(chains, b.chainId, [...bp, 'chainId'], 'chain');
        ref(own, b.packageId, [...bp, 'packageId'], "package of this client");
        ref(own, b.createdPackage, [...bp, 'createdPackage'], "package of this client");
        if (b.createdPackage !== null && b.createdPackage !== b.packageId) {
          issues.push({ path: [...bp, 'createdPackage'], message: 'a booking that created a package is assigned to it: must equal packageId' });
        }
        if (b.price.currency !== entry.practice.currency) {
          issues.push({ path: [...bp, 'price', 'currency'], message: `must be the practice currency ${entry.practice.currency}` });
        }
        b.steps.forEach((s, j) => ref(services, s.serviceId, [...bp, 'steps', j, 'serviceId'], 'service'));
      });
    });
  });
  return issues;
}

export const Dataset = DatasetShape.check(
  z.superRefine((data, ctx) => {
    for (const issue of referenceIssues(data)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: data });
    }
  }),
);

export type Schedule = z.infer<typeof Schedule>;
export type DatasetPackage = z.infer<typeof DatasetPackage>;
export type DatasetCustomer = z.infer<typeof DatasetCustomer>;
export type DatasetPractice = z.infer<typeof DatasetPractice>;
export type Dataset = z.infer<typeof Dataset>;
