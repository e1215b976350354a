/**
 * Which chains a client is offered (docs/rules.md "What is offered"), judged on today with one participant.
 * A visitor who is not signed in has no packages.
 */
import type { CatalogResponse } from '../contract/api.ts';
import type { Chain, Package } from '../contract/entities.ts';
import { consumptionOf, indexServices, type ServiceIndex } from './budget.ts';
import { inPickOrder } from './pick.ts';
import { coverageFailure, isOfType, isUsableOn } from './usability.ts';

export type HiddenReason = 'not_bookable_online' | 'package_required' | 'blocked_by_package';

export interface Offering {
  chain: Chain;
  offered: boolean;
  /** Why the chain is hidden; null when offered. */
  reason: HiddenReason | null;
  /** For an offered `requires` chain: the packages that cover it, in default pick order (else empty). */
  coveringPackages: readonly Package[];
}

/** Offering rule 1: every step's service is online-bookable and a `service` or `goods`. */
export function isBookableOnline(chain: Chain, services: ServiceIndex): boolean {
  return chain.steps.every((step) => {
    const service = services.get(step.serviceId);
    return service !== undefined && service.onlineBookable && (service.productType === 'service' || service.productType === 'goods');
  });
}

/** The client's packages that cover booking `chain` for `participants` on `firstDay`, in pick order. */
export function coveringPackages(
  chain: Chain,
  services: ServiceIndex,
  packages: readonly Package[],
  packageTypeId: string | null,
  firstDay: string,
  participants = 1,
): Package[] {
  const consumption = consumptionOf(chain, services, participants);
  return inPickOrder(
    packages.filter((pkg) => isOfType(pkg, packageTypeId) && coverageFailure(pkg, chain, firstDay, consumption) === null),
  );
}

const NONE: Package[] = [];
Object.freeze(NONE);

export function offeringOf(chain: Chain, services: ServiceIndex, packages: readonly Package[], today: string): Offering {
  const hidden = (reason: HiddenReason): Offering => ({ chain, offered: false, reason, coveringPackages: NONE });
  if (!isBookableOnline(chain, services)) return hidden('not_bookable_online');
  const rule = chain.packageRule;
  if (rule.kind === 'requires') {
    const covering = coveringPackages(chain, services, packages, rule.packageTypeId, today);
    if (covering.length === 0) return hidden('package_required');
    return { chain, offered: true, reason: null, coveringPackages: covering };
  }
  if (rule.kind === 'prevented_by' && packages.some((pkg) => isOfType(pkg, rule.packageTypeId) && isUsableOn(pkg, today))) {
    return hidden('blocked_by_package');
  }
  return { chain, offered: true, reason: null, coveringPackages: NONE };
}

/** Every chain of the catalog, in catalog order, with whether it is offered and why not. */
export function offerings(catalog: Pick<CatalogResponse, 'chains' | 'services'>, packages: readonly Package[], today: string): Offering[] {
  const services = indexServices(catalog.services);
  return catalog.chains.map((chain) => offeringOf(chain, services, packages, today));
}
