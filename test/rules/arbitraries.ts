/**
 * fast-check arbitraries of catalogs and clients' packages that satisfy the contract types, and
 * an independent, straightforward reading of SPEC 2.3 to check the rules against.
 *
 * Invariants of generated packages (as the practice software keeps them):
 * - usage never exceeds a budget; usage lists no service with count 0;
 * - `confirmed` means sold and unused: an unused package is `confirmed` (or cancelled/closed),
 *   a used one `in_progress`, or `completed` when exhausted;
 * - a `first_booking` package is activated exactly when it has been used;
 * - validFrom ≤ validUntil.
 */
import fc from 'fast-check';
import type { Chain, ChainStep, Package, PackageTemplate, Service } from '../../src/contract/entities.ts';

export const TODAY = '2026-11-24';
export const TIME_ZONE = 'Europe/Berlin';
/** 10:00 on TODAY in Berlin; chains' day-1 steps (relative ≤ 120 min, fixed 07:00–18:00) stay on TODAY. */
export const START_TODAY = '2026-11-24T10:00:00+01:00';

export const SERVICE_IDS = ['s1', 's2', 's3', 's4'] as const;
export const TYPE_IDS = ['T1', 'T2'] as const;
export const TEMPLATE_ID = 'tpl-1';

/** Calendar arithmetic, independent of src/rules. */
export function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const typeOrNull = fc.constantFrom<string | null>(...TYPE_IDS, null);

export const serviceArb = (id: string): fc.Arbitrary<Service> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Service ${id}`),
    code: fc.constantFrom<string | null>(`${id}-code`, null),
    durationMinutes: fc.integer({ min: 0, max: 90 }),
    price: fc.integer({ min: 0, max: 60 }).map((n) => n * 100),
    productType: fc.oneof(
      { weight: 30, arbitrary: fc.constant('service' as const) },
      { weight: 2, arbitrary: fc.constant('goods' as const) },
      { weight: 1, arbitrary: fc.constantFrom('value_card' as const, 'entry' as const) },
    ),
    onlineBookable: fc.oneof({ weight: 24, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });

export const servicesArb: fc.Arbitrary<Service[]> = fc.tuple(...SERVICE_IDS.map(serviceArb));

const stepArb = (firstDay: boolean): fc.Arbitrary<ChainStep> =>
  fc.record({
    serviceId: fc.constantFrom(...SERVICE_IDS),
    // now and then a chain has no step on day 1 (it starts the day after the booked day)
    day: firstDay ? fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }) : fc.integer({ min: 1, max: 2 }),
    start: fc.oneof(
      fc.record({ kind: fc.constant('relative' as const), offsetMinutes: fc.integer({ min: 0, max: 120 }) }),
      fc.record({
        kind: fc.constant('fixed' as const),
        time: fc.integer({ min: 7 * 4, max: 18 * 4 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`),
      }),
    ),
    quantity: fc.constantFrom<ChainStep['quantity']>('one', 'per_participant'),
  });

export const packageRuleArb: fc.Arbitrary<Chain['packageRule']> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 3, arbitrary: typeOrNull.map((packageTypeId) => ({ kind: 'requires' as const, packageTypeId })) },
  { weight: 2, arbitrary: typeOrNull.map((packageTypeId) => ({ kind: 'prevented_by' as const, packageTypeId })) },
);

export const chainArb = (id: string): fc.Arbitrary<Chain> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Chain ${id}`),
    description: fc.constant(''),
    steps: fc.tuple(stepArb(true), fc.array(stepArb(false), { maxLength: 2 })).map(([first, rest]) => [first, ...rest]),
    maxParticipants: fc.integer({ min: 1, max: 3 }),
    packageRule: packageRuleArb,
    createsPackage: fc.option(
      fc.record({
        templateId: fc.constant(TEMPLATE_ID),
        condition: fc.constantFrom('always' as const, 'no_usable_package' as const, 'no_usable_package_of_type' as const),
        packageTypeId: typeOrNull,
      }),
      { freq: 3 },
    ),
  });

/** 1–4 chains with unique ids c0, c1, … */
export const chainsArb: fc.Arbitrary<Chain[]> = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => chainArb(`c${i}`))));

const limitArb = (max: number) =>
  fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max }));

export const budgetArb: fc.Arbitrary<Package['budget']> = fc
  .record({
    maxAppointments: limitArb(6),
    maxAmount: limitArb(120).map((n) => (typeof n === 'number' ? n * 100 : n)),
    services: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.uniqueArray(
          fc.record({ serviceId: fc.constantFrom(...SERVICE_IDS), maxCount: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 4 }) }),
          { selector: (e) => e.serviceId, maxLength: 4 },
        ),
      },
    ),
  })
  .map((budget) => {
    // absent keys stay absent (the contract allows absent, null or a number)
    const out: Package['budget'] = {};
    if (budget.maxAppointments !== undefined) out.maxAppointments = budget.maxAppointments;
    if (budget.maxAmount !== undefined) out.maxAmount = budget.maxAmount;
    if (budget.services !== undefined) out.services = budget.services;
    return out;
  });

function exhausted(budget: Package['budget'], usage: Package['usage']): boolean {
  if (budget.maxAppointments != null && budget.maxAppointments - usage.appointments <= 0) return true;
  if (budget.maxAmount != null && budget.maxAmount - usage.amount <= 0) return true;
  const listed = budget.services ?? [];
  if (listed.length === 0) return false;
  return listed.every((e) => e.maxCount !== null && e.maxCount - (usage.services.find((u) => u.serviceId === e.serviceId)?.count ?? 0) <= 0);
}

/** Usage within the budget; unused about a third of the time. */
const unusedArb: fc.Arbitrary<Package['usage']> = fc.constant(null).map(() => ({ appointments: 0, amount: 0, services: [] }));

const usageArb = (budget: Package['budget']): fc.Arbitrary<Package['usage']> =>
  fc.oneof(
    unusedArb,
    fc.record({
      appointments: fc.integer({ min: 0, max: budget.maxAppointments ?? 8 }),
      amount: fc.integer({ min: 0, max: Math.floor((budget.maxAmount ?? 20000) / 100) }).map((n) => n * 100),
      services: fc
        .tuple(
          ...SERVICE_IDS.map((serviceId) => {
            const listed = budget.services ?? [];
            const entry = listed.find((e) => e.serviceId === serviceId);
            const max = listed.length === 0 ? 4 : entry === undefined ? 0 : (entry.maxCount ?? 4);
            return fc.integer({ min: 0, max }).map((count) => ({ serviceId, count }));
          }),
        )
        .map((entries) => entries.filter((e) => e.count > 0)),
    }),
    unusedArb,
  );

const isUnusedUsage = (u: Package['usage']) => u.appointments === 0 && u.amount === 0 && u.services.length === 0;

interface RawValidity {
  activation: Package['validity']['activation'];
  manualActivated: boolean;
  fromOffset: number | null;
  length: number | null;
}

const rawValidityArb: fc.Arbitrary<RawValidity> = fc.record({
  activation: fc.constantFrom<Package['validity']['activation']>('immediate', 'first_booking', 'manual'),
  manualActivated: fc.boolean(),
  fromOffset: fc.option(fc.integer({ min: -12, max: 2 }), { freq: 5 }),
  length: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 4 }),
});

function validityOf(raw: RawValidity, used: boolean, today: string): Package['validity'] {
  const activated =
    raw.activation === 'immediate' || (raw.activation === 'manual' && raw.manualActivated) || (raw.activation === 'first_booking' && used);
  if (!activated) {
    return { activation: raw.activation, activatedOn: null, validFrom: null, validUntil: null, durationDays: raw.length };
  }
  const from = plusDays(today, raw.fromOffset ?? -12);
  return {
    activation: raw.activation,
    activatedOn: from,
    validFrom: raw.fromOffset === null && raw.activation !== 'first_booking' ? null : from,
    validUntil: raw.length === null ? null : plusDays(from, raw.length - 1),
    durationDays: raw.length,
  };
}

/** A package of the client, with the invariants above; its id is given. */
export const packageArb = (id: string, today = TODAY): fc.Arbitrary<Package> =>
  fc
    .record({
      packageTypeId: typeOrNull,
      kind: fc.oneof({ weight: 12, arbitrary: fc.constantFrom<Package['kind']>('credits', 'time', 'unlimited') }, { weight: 1, arbitrary: fc.constant('group' as const) }),
      terminal: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<Package['status']>('cancelled', 'closed') }),
      budget: budgetArb,
      validity: rawValidityArb,
      billing: fc.constantFrom<Package['billing']>('per_appointment', 'per_package'),
      price: fc.integer({ min: 0, max: 500 }).map((n) => n * 100),
    })
    .chain((raw) => usageArb(raw.budget).map((usage) => ({ raw, usage })))
    .map(({ raw, usage }) => {
      const used = !isUnusedUsage(usage);
      const status: Package['status'] = raw.terminal ?? (!used ? 'confirmed' : exhausted(raw.budget, usage) ? 'completed' : 'in_progress');
      return {
        id,
        code: `PKG-${id.toUpperCase().padEnd(5, 'X')}-Q9X4M`,
        name: `Card ${id}`,
        packageTypeId: raw.packageTypeId,
        status,
        kind: raw.kind,
        budget: raw.budget,
        usage,
        validity: validityOf(raw.validity, used, today),
        billing: raw.billing,
        price: raw.price,
        customerNote: null,
      };
    });

const PACKAGE_IDS = ['pa', 'pb', 'pc', 'pd', 'pe', 'pf', 'pg', 'ph'];

/** 0–6 packages with unique ids in random order. */
export const packagesArb = (today = TODAY): fc.Arbitrary<Package[]> =>
  fc
    .integer({ min: 0, max: 7 })
    .chain((n) => fc.shuffledSubarray(PACKAGE_IDS, { minLength: n, maxLength: n }))
    .chain((ids): fc.Arbitrary<Package[]> => (ids.length === 0 ? fc.constant(null).map(() => []) : fc.tuple(...ids.map((id) => packageArb(id, today)))))
    .map(plain);

export const templateArb: fc.Arbitrary<PackageTemplate> = fc.record({
  id: fc.constant(TEMPLATE_ID),
  name: fc.constant('New card'),
  packageTypeId: typeOrNull,
  kind: fc.constantFrom<PackageTemplate['kind']>('credits', 'time', 'unlimited'),
  budget: budgetArb,
  validity: fc.record({
    activation: fc.constantFrom<PackageTemplate['validity']['activation']>('immediate', 'first_booking', 'manual'),
    durationDays: fc.option(fc.integer({ min: 1, max: 400 })),
  }),
  billing: fc.constantFrom<PackageTemplate['billing']>('per_appointment', 'per_package'),
  price: fc.integer({ min: 0, max: 500 }).map((n) => n * 100),
});

export interface World {
  catalog: { services: Service[]; chains: Chain[]; packageTemplates: PackageTemplate[] };
  packages: Package[];
}

export const worldArb: fc.Arbitrary<World> = fc
  .record({ services: servicesArb, chains: chainsArb, template: templateArb, packages: packagesArb() })
  .map(({ services, chains, template, packages }) => plain({ catalog: { services, chains, packageTemplates: [template] }, packages }));

/** fast-check may build records without prototype; the rules' results are plain objects, so compare like with like. */
function plain<T>(value: T): T {
  return structuredClone(value);
}

// ------------------------------------------------------------ an independent reading of SPEC 2.3

/** "usable on day D" (SPEC 2.3 rules 1–4); `activationDay` is the booking's first day for a not yet activated first_booking package. */
export function oracleUsable(p: Package, day: string, activationDay: string): boolean {
  if (p.status !== 'confirmed' && p.status !== 'in_progress') return false;
  if (p.kind === 'group') return false;
  const v = p.validity;
  if (v.activation === 'manual' && v.activatedOn === null) return false;
  let from = v.validFrom;
  let until = v.validUntil;
  if (v.activation === 'first_booking' && v.activatedOn === null) {
    from = activationDay;
    until = v.durationDays === null ? null : plusDays(activationDay, v.durationDays - 1);
  }
  if (from !== null && day < from) return false;
  if (until !== null && day > until) return false;
  return !exhausted(p.budget, p.usage);
}

export interface OracleConsumption {
  appointments: number;
  amount: number;
  services: Map<string, number>;
}

export function oracleConsumption(chain: Chain, services: readonly Service[], participants: number): OracleConsumption {
  const result: OracleConsumption = { appointments: 0, amount: 0, services: new Map() };
  for (const s of chain.steps) {
    const q = s.quantity === 'per_participant' ? participants : 1;
    result.appointments += q;
    result.amount += q * (services.find((x) => x.id === s.serviceId)?.price ?? 0);
    result.services.set(s.serviceId, (result.services.get(s.serviceId) ?? 0) + q);
  }
  return result;
}

/** Usable on every step's day (day 1 = `firstDay`, the booked day) and every step's service listed (when the package lists any). */
export function oracleEligible(p: Package, chain: Chain, firstDay: string): boolean {
  const activationDay = plusDays(firstDay, Math.min(...chain.steps.map((s) => s.day)) - 1);
  if (!chain.steps.every((s) => oracleUsable(p, plusDays(firstDay, s.day - 1), activationDay))) return false;
  const listed = p.budget.services ?? [];
  return listed.length === 0 || chain.steps.every((s) => listed.some((e) => e.serviceId === s.serviceId));
}

/** "P covers a booking of C with p participants". */
export function oracleCovers(p: Package, chain: Chain, services: readonly Service[], participants: number, firstDay: string): boolean {
  if (!oracleEligible(p, chain, firstDay)) return false;
  const c = oracleConsumption(chain, services, participants);
  if (p.budget.maxAppointments != null && c.appointments > p.budget.maxAppointments - p.usage.appointments) return false;
  if (p.budget.maxAmount != null && c.amount > p.budget.maxAmount - p.usage.amount) return false;
  for (const e of p.budget.services ?? []) {
    const need = c.services.get(e.serviceId) ?? 0;
    const used = p.usage.services.find((u) => u.serviceId === e.serviceId)?.count ?? 0;
    if (e.maxCount !== null && need > e.maxCount - used) return false;
  }
  return true;
}

/** The default pick by the SPEC order, as a plain sort: validUntil (none last), fewest remaining appointments (unlimited last), lowest id. */
export function oraclePick(packages: readonly Package[]): Package | null {
  const key = (p: Package) => [
    p.validity.validUntil ?? '\uffff',
    p.budget.maxAppointments == null ? Number.POSITIVE_INFINITY : p.budget.maxAppointments - p.usage.appointments,
    p.id,
  ] as const;
  const sorted = [...packages].sort((a, b) => {
    const [ua, ra, ia] = key(a);
    const [ub, rb, ib] = key(b);
    if (ua !== ub) return ua < ub ? -1 : 1;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  return sorted[0] ?? null;
}

export function isBookableOnlineOracle(chain: Chain, services: readonly Service[]): boolean {
  return chain.steps.every((s) => {
    const svc = services.find((x) => x.id === s.serviceId);
    return svc !== undefined && svc.onlineBookable && (svc.productType === 'service' || svc.productType === 'goods');
  });
}

/** Usage never above a budget (what no accepted booking may break). */
export function withinBudget(p: Package): string | null {
  if (p.budget.maxAppointments != null && p.usage.appointments > p.budget.maxAppointments) return `appointments ${p.usage.appointments} > ${p.budget.maxAppointments}`;
  if (p.budget.maxAmount != null && p.usage.amount > p.budget.maxAmount) return `amount ${p.usage.amount} > ${p.budget.maxAmount}`;
  for (const e of p.budget.services ?? []) {
    const used = p.usage.services.find((u) => u.serviceId === e.serviceId)?.count ?? 0;
    if (e.maxCount !== null && used > e.maxCount) return `service ${e.serviceId} ${used} > ${e.maxCount}`;
  }
  return null;
}
