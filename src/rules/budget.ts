/**
 * Consumption of a booking and the remaining budget of a package (docs/rules.md "Packages").
 */
import type { Chain, ChainStep, Package, Service, Usage } from '../contract/entities.ts';

/** What a booking consumes: appointments, money (minor units) and a count per service. */
export interface Consumption {
  appointments: number;
  amount: number;
  /** Service id → count, in the order the chain's steps first name them. */
  services: ReadonlyMap<string, number>;
}

/** `q` of a step: the participants for a `per_participant` step, else 1. */
export function quantityOf(step: ChainStep, participants: number): number {
  return step.quantity === 'per_participant' ? participants : 1;
}

export type ServiceIndex = ReadonlyMap<string, Service>;

export function indexServices(services: readonly Service[]): ServiceIndex {
  return new Map(services.map((service) => [service.id, service]));
}

/**
 * What booking `chain` for `participants` consumes. A step whose service is missing from the
 * catalog counts with price 0 (the contract's reference check keeps that from happening).
 */
export function consumptionOf(chain: Chain, services: ServiceIndex, participants: number): Consumption {
  let appointments = 0;
  let amount = 0;
  const counts = new Map<string, number>();
  for (const step of chain.steps) {
    const q = quantityOf(step, participants);
    appointments += q;
    amount += q * (services.get(step.serviceId)?.price ?? 0);
    counts.set(step.serviceId, (counts.get(step.serviceId) ?? 0) + q);
  }
  return { appointments, amount, services: counts };
}

/** What a package has left; `null` means not limited. */
export interface Remaining {
  appointments: number | null;
  amount: number | null;
  /** Per listed service; `null` when the package lists no services (it covers every service). */
  services: ReadonlyMap<string, number | null> | null;
}

export function usedCount(usage: Usage, serviceId: string): number {
  return usage.services.find((entry) => entry.serviceId === serviceId)?.count ?? 0;
}

export function remainingOf(pkg: Package): Remaining {
  const { budget, usage } = pkg;
  const listed = budget.services ?? [];
  return {
    appointments: left(budget.maxAppointments, usage.appointments),
    amount: left(budget.maxAmount, usage.amount),
    services:
      listed.length === 0
        ? null
        : new Map(listed.map((entry) => [entry.serviceId, left(entry.maxCount, usedCount(usage, entry.serviceId))])),
  };
}

const left = (max: number | null | undefined, used: number) => (max == null ? null : Math.max(0, max - used));

/** Remaining appointments; null when not limited. */
export function remainingAppointments(pkg: Package): number | null {
  return left(pkg.budget.maxAppointments, pkg.usage.appointments);
}

/**
 * Exhausted: remaining appointments or amount at 0 where limited, or every listed service used up
 * (a listed service without a limit is never used up). A package is `completed` exactly when it
 * is exhausted. Allocation-free: offering calls it for every package and chain.
 */
export function isExhausted(pkg: Package): boolean {
  const { budget, usage } = pkg;
  if (left(budget.maxAppointments, usage.appointments) === 0 || left(budget.maxAmount, usage.amount) === 0) return true;
  const listed = budget.services ?? [];
  if (listed.length === 0) return false;
  for (const entry of listed) {
    if (entry.maxCount === null || entry.maxCount > usedCount(usage, entry.serviceId)) return false;
  }
  return true;
}

/** The first budget the consumption does not fit, or null when it fits all of them. */
export type BudgetShortfall = {
  criterion: 'appointments' | 'amount' | 'service';
  serviceId: string | null;
  remaining: number;
  required: number;
};

export function budgetShortfall(pkg: Package, consumption: Consumption): BudgetShortfall | null {
  const { budget, usage } = pkg;
  const appointments = left(budget.maxAppointments, usage.appointments);
  if (appointments !== null && consumption.appointments > appointments) {
    return { criterion: 'appointments', serviceId: null, remaining: appointments, required: consumption.appointments };
  }
  const amount = left(budget.maxAmount, usage.amount);
  if (amount !== null && consumption.amount > amount) {
    return { criterion: 'amount', serviceId: null, remaining: amount, required: consumption.amount };
  }
  const listed = budget.services ?? [];
  if (listed.length > 0) {
    for (const [serviceId, required] of consumption.services) {
      const entry = listed.find((e) => e.serviceId === serviceId);
      const remaining = entry ? left(entry.maxCount, usedCount(usage, serviceId)) : null;
      if (remaining !== null && required > remaining) return { criterion: 'service', serviceId, remaining, required };
    }
  }
  return null;
}

/** The listed services of a package that the chain needs but the package does not cover. */
export function uncoveredService(pkg: Package, chain: Chain): string | null {
  const listed = pkg.budget.services ?? [];
  if (listed.length === 0) return null;
  for (const step of chain.steps) {
    if (!listed.some((entry) => entry.serviceId === step.serviceId)) return step.serviceId;
  }
  return null;
}

/** Usage after adding (sign 1) or returning (sign −1) a consumption. Returned counts of 0 are dropped. */
export function addToUsage(usage: Usage, consumption: Consumption, sign: 1 | -1): Usage {
  const counts = new Map(usage.services.map((entry) => [entry.serviceId, entry.count]));
  for (const [serviceId, count] of consumption.services) {
    counts.set(serviceId, Math.max(0, (counts.get(serviceId) ?? 0) + sign * count));
  }
  return {
    appointments: Math.max(0, usage.appointments + sign * consumption.appointments),
    amount: Math.max(0, usage.amount + sign * consumption.amount),
    services: [...counts]
      .filter(([, count]) => sign === 1 || count > 0)
      .map(([serviceId, count]) => ({ serviceId, count })),
  };
}

export function isUnused(usage: Usage): boolean {
  return usage.appointments === 0 && usage.amount === 0 && usage.services.every((entry) => entry.count === 0);
}
