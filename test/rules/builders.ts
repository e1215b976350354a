/**
 * Small builders of valid contract objects for the rules tests. Each returns a fresh object, so a
 * test may change it freely; nested `validity` and `usage` overrides are merged into the defaults.
 */
import type { BookingRequest } from '../../src/contract/api.ts';
import type {
  Budget,
  Chain,
  ChainStep,
  Package,
  PackageTemplate,
  Service,
  Usage,
  Validity,
} from '../../src/contract/entities.ts';
import { decideBooking, type Decision, type DecideInput } from '../../src/rules/index.ts';

export const TZ = 'Europe/Berlin';
/** "today" of most tables: a Tuesday in winter time (UTC+1). */
export const TODAY = '2026-11-24';
/** 10:00 local on TODAY. */
export const START = '2026-11-24T10:00:00+01:00';

export const MASSAGE = 'type-massage';
export const PHYSIO = 'type-physio';

export function service(overrides: Partial<Service> = {}): Service {
  return {
    id: 'svc-massage',
    name: 'Massage 30 min',
    code: '1001',
    durationMinutes: 30,
    price: 4500,
    productType: 'service',
    onlineBookable: true,
    ...overrides,
  };
}

export function step(overrides: Partial<ChainStep> = {}): ChainStep {
  return {
    serviceId: 'svc-massage',
    day: 1,
    start: { kind: 'relative', offsetMinutes: 0 },
    quantity: 'one',
    ...overrides,
  };
}

export function chain(overrides: Partial<Chain> = {}): Chain {
  return {
    id: 'chain-1',
    name: 'Massage follow-up',
    description: '',
    steps: [step()],
    maxParticipants: 1,
    packageRule: { kind: 'none' },
    createsPackage: null,
    ...overrides,
  };
}

export type PackageOverrides = Omit<Partial<Package>, 'validity' | 'usage'> & {
  validity?: Partial<Validity>;
  usage?: Partial<Usage>;
};

/** By default: an in-progress "10x Massage" card of type #Massage with 2 of 10 appointments used, valid all of 2026. */
export function pkg(overrides: PackageOverrides = {}): Package {
  const { validity, usage, ...rest } = overrides;
  return {
    id: 'pkg-1',
    code: 'PKG-7F3K2-9QX4M',
    name: '10x Massage',
    packageTypeId: MASSAGE,
    status: 'in_progress',
    kind: 'credits',
    budget: { maxAppointments: 10 },
    billing: 'per_package',
    price: 40000,
    customerNote: null,
    ...rest,
    usage: { appointments: 2, amount: 9000, services: [{ serviceId: 'svc-massage', count: 2 }], ...usage },
    validity: {
      activation: 'immediate',
      activatedOn: '2026-01-01',
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      durationDays: null,
      ...validity,
    },
  };
}

/** An unused package (status `confirmed`, usage zero). */
export function freshPkg(overrides: PackageOverrides = {}): Package {
  return pkg({ status: 'confirmed', ...overrides, usage: { appointments: 0, amount: 0, services: [], ...overrides.usage } });
}

export function template(overrides: Partial<PackageTemplate> = {}): PackageTemplate {
  return {
    id: 'tpl-10x',
    name: '10x Massage',
    packageTypeId: MASSAGE,
    kind: 'credits',
    budget: { maxAppointments: 10 } satisfies Budget,
    validity: { activation: 'first_booking', durationDays: 365 },
    billing: 'per_package',
    price: 40000,
    ...overrides,
  };
}

export interface Catalog {
  services: Service[];
  chains: Chain[];
  packageTemplates: PackageTemplate[];
}

export function catalog(overrides: Partial<Catalog> = {}): Catalog {
  return {
    services: [service(), service({ id: 'svc-physio', name: 'Physiotherapy', code: '2001', price: 3000 })],
    chains: [chain()],
    packageTemplates: [template()],
    ...overrides,
  };
}

export function request(overrides: Partial<BookingRequest> = {}): BookingRequest {
  return { chainId: 'chain-1', start: START, participants: 1, ...overrides };
}

export type DecideOverrides = Omit<Partial<DecideInput>, 'request'> & { request?: Partial<BookingRequest> };

/** decideBooking in Berlin, EUR, every slot offered, unless overridden. */
export function decide(overrides: DecideOverrides = {}): Decision {
  const { request: req, ...rest } = overrides;
  return decideBooking({
    catalog: catalog(),
    packages: [],
    timeZone: TZ,
    currency: 'EUR',
    isSlotOffered: () => true,
    ...rest,
    request: request(req),
  });
}

/** The problem of a refused decision (fails the test when the booking was accepted). */
export function problemOf(decision: Decision) {
  if (decision.ok) throw new Error(`expected a refusal, got a plan with package ${decision.plan.packageId}`);
  return decision.problem;
}

/** The plan of an accepted decision (fails the test when it was refused). */
export function planOf(decision: Decision) {
  if (!decision.ok) throw new Error(`expected a plan, got ${decision.problem.code}: ${decision.problem.detail}`);
  return decision.plan;
}

/** Object.freeze, recursively (Maps and Sets are left as they are). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
