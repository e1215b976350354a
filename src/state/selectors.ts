/** What elements derive from a ready state with src/rules: "today", the server's clock, the offerings, what an offer costs. */
import type { Chain, Package } from '../contract/entities.ts';
import { offerings, type Offering } from '../rules/offering.ts';
import { todayOf } from '../rules/time.ts';
import { paymentView, type PaymentContext, type PaymentView } from './payment-view.ts';
import type { PortalState, ReadyState } from './store.ts';

/** "today" at the practice: the local date of the server's clock. */
export function practiceToday({ practice }: ReadyState): string {
  return todayOf(practice.serverTime, practice.timeZone);
}

export function packagesOf(state: PortalState): readonly Package[] {
  return state.me?.packages ?? [];
}

/** The catalog, the client's packages and the currency: what every payment view needs. */
export function paymentContext(state: ReadyState): PaymentContext {
  return { catalog: state.catalog, packages: packagesOf(state), currency: state.practice.currency };
}

let memo: { catalog: unknown; packages: unknown; today: string; result: Offering[] } | undefined;

/** Every chain with whether it is offered to this client (or visitor), decided by src/rules. */
export function offeringsOf(state: ReadyState): Offering[] {
  const today = practiceToday(state);
  const packages = packagesOf(state);
  if (memo && memo.catalog === state.catalog && memo.packages === packages && memo.today === today) return memo.result;
  const result = offerings(state.catalog, packages, today);
  memo = { catalog: state.catalog, packages, today, result };
  return result;
}

/** The server's clock now: its `serverTime` plus the time since it arrived. */
export function serverNow(state: ReadyState): number {
  return Date.parse(state.practice.serverTime) + (Date.now() - state.loadedAt);
}

/** What booking an offer costs one participant today: the offer card's line (src/state/payment-view.ts). */
export function offerPayment(state: ReadyState, chain: Chain): PaymentView {
  return paymentView({ ...paymentContext(state), chain, day: practiceToday(state), participants: 1, packageId: null });
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
