/** What elements derive from a store's state with src/rules: "today", the offerings, what an offer costs. */
import type { Chain, Package } from '../contract/entities.ts';
import { offerings, type Offering } from '../rules/offering.ts';
import { defaultPick } from '../rules/pick.ts';
import { todayOf } from '../rules/time.ts';
import { isUsableOn } from '../rules/usability.ts';
import { paymentView, type PaymentView } from './payment-view.ts';
import type { PortalState } from './store.ts';

/** "today" at the practice: the local date of the server's clock. */
export function practiceToday(state: PortalState): string | null {
  return state.practice ? todayOf(state.practice.serverTime, state.practice.timeZone) : null;
}

export function packagesOf(state: PortalState): readonly Package[] {
  return state.me?.packages ?? [];
}

let memo: { catalog: unknown; packages: unknown; today: string; result: Offering[] } | undefined;

/** Every chain with whether it is offered to this client (or visitor), decided by src/rules. */
export function offeringsOf(state: PortalState): Offering[] {
  const today = practiceToday(state);
  if (!state.catalog || !today) return [];
  const packages = packagesOf(state);
  if (memo && memo.catalog === state.catalog && memo.packages === packages && memo.today === today) return memo.result;
  const result = offerings(state.catalog, packages, today);
  memo = { catalog: state.catalog, packages, today, result };
  return result;
}

/** The package used first by default among those usable today (SPEC 2.3 pick order). */
export function defaultPackage(state: PortalState): Package | null {
  const today = practiceToday(state);
  return today ? defaultPick(packagesOf(state).filter((pkg) => isUsableOn(pkg, today))) : null;
}

/** The server's clock now: its `serverTime` plus the time since it arrived. */
export function serverNow(state: PortalState): number {
  return state.practice ? Date.parse(state.practice.serverTime) + (Date.now() - state.loadedAt) : Date.now();
}

/** What booking an offer costs one participant today: the offer card's line (src/state/payment-view.ts). */
export function offerPayment(state: PortalState, chain: Chain): PaymentView {
  return paymentView({
    catalog: state.catalog!,
    packages: packagesOf(state),
    currency: state.practice!.currency,
    chain,
    day: practiceToday(state)!,
    participants: 1,
    packageId: null,
  });
}

/**
 * Checks what the client typed before it is sent: an address with a name, an @ and a domain with a
 * dot; a code of 6 digits (spaces ignored). Returns the cleaned value, or null when it is not one.
 */
export function signInValue(kind: 'email' | 'code', typed: string): string | null {
  const value = kind === 'code' ? typed.replace(/\s+/g, '') : typed.trim();
  const ok = kind === 'code' ? /^\d{6}$/.test(value) : /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
  return ok ? value : null;
}
