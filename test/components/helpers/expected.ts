/**
 * What the widget should show, computed in the test from the mock's dataset with src/rules
 * (SPEC 2.3, 2.4) and Intl — never read back from the widget.
 */
import type { DatasetCustomer, DatasetPractice } from '../../../src/contract/dataset.ts';
import type { Package } from '../../../src/contract/entities.ts';
import type { Messages } from '../../../src/i18n/messages.ts';
import { bonusSummary } from '../../../src/rules/bonus.ts';
import { consumptionOf, indexServices } from '../../../src/rules/budget.ts';
import { paymentFor } from '../../../src/rules/decide.ts';
import { offerings } from '../../../src/rules/offering.ts';
import { defaultPick } from '../../../src/rules/pick.ts';
import { todayOf } from '../../../src/rules/time.ts';
import { isUsableOn } from '../../../src/rules/usability.ts';
import type { MockStore } from '../../../mock-api/store.ts';
import { squash } from './page.ts';

export interface Client {
  practice: DatasetPractice;
  /** null: a visitor. */
  customer: DatasetCustomer | null;
}

/** Every demo client of every practice, and a visitor per practice. */
export function everyClient(store: MockStore): Client[] {
  return store.dataset.practices.flatMap((practice) => [{ practice, customer: null }, ...practice.customers.map((customer) => ({ practice, customer }))]);
}

export const label = ({ practice, customer }: Client) => `${practice.practice.id}: ${customer ? customer.id : 'visitor'}`;

/** "today" at the practice: the practice-local date of the mock clock (the dataset's `now`). */
export function practiceToday(store: MockStore, practice: DatasetPractice): string {
  return todayOf(new Date(store.nowMs).toISOString(), practice.practice.timeZone);
}

export function customerOf(store: MockStore, practiceId: string, customerId: string): { practice: DatasetPractice; customer: DatasetCustomer } {
  const practice = store.practice(practiceId)!;
  const customer = practice.customers.find((c) => c.id === customerId)!;
  return { practice, customer };
}

/** The offered chains' names in catalog order, decided by `offerings()`. */
export function expectedOfferNames(store: MockStore, { practice, customer }: Client): string[] {
  return offerings(practice.catalog, customer?.packages ?? [], practiceToday(store, practice))
    .filter((offering) => offering.offered)
    .map((offering) => offering.chain.name);
}

/** For each offered chain: the package that would pay by default (`paymentFor`), or null. */
export function expectedPayers(store: MockStore, { practice, customer }: Client): Map<string, string | null> {
  const today = practiceToday(store, practice);
  const packages = customer?.packages ?? [];
  const services = indexServices(practice.catalog.services);
  const payers = new Map<string, string | null>();
  for (const { chain, offered } of offerings(practice.catalog, packages, today)) {
    if (!offered) continue;
    const payment = paymentFor({
      chain,
      packages,
      templates: practice.catalog.packageTemplates,
      named: null,
      dayOne: today,
      consumption: consumptionOf(chain, services, 1),
      currency: practice.practice.currency,
    });
    payers.set(chain.name, payment.ok && payment.payer ? payment.payer.name : null);
  }
  return payers;
}

/** The price due for one participant of each offered chain (minor units). */
export function expectedPrices(store: MockStore, { practice, customer }: Client): Map<string, number> {
  const today = practiceToday(store, practice);
  const packages = customer?.packages ?? [];
  const services = indexServices(practice.catalog.services);
  const prices = new Map<string, number>();
  for (const { chain, offered } of offerings(practice.catalog, packages, today)) {
    if (!offered) continue;
    const payment = paymentFor({
      chain,
      packages,
      templates: practice.catalog.packageTemplates,
      named: null,
      dayOne: today,
      consumption: consumptionOf(chain, services, 1),
      currency: practice.practice.currency,
    });
    if (payment.ok) prices.set(chain.name, payment.price.due);
  }
  return prices;
}

/** The package used first by default: the default pick among those usable today. */
export function expectedUsedFirst(store: MockStore, practice: DatasetPractice, customer: DatasetCustomer): Package | null {
  const today = practiceToday(store, practice);
  return defaultPick(customer.packages.filter((pkg) => isUsableOn(pkg, today)));
}

/** Intl formatters as the widget must use them: the element's language, the practice's currency. */
export function intl(locale: string, currency: string) {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  // A calendar day is that day everywhere: format it at UTC midnight in UTC.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    money: (minor: number) => money.format(minor / 10 ** digits),
    date: (day: string) => date.format(Date.parse(`${day}T00:00:00Z`)),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
  };
}

/** The bonus heading amount and the warnings for amounts expiring within the warning window. */
export function expectedBonus(store: MockStore, practice: DatasetPractice, customer: DatasetCustomer, t: Messages, locale: string) {
  const bonus = customer.bonus!;
  const summary = bonusSummary(bonus, practiceToday(store, practice));
  const { number, date } = intl(locale, practice.practice.currency);
  const amount = (n: number) => t.bonusAmount(number(n), bonus.unit, n);
  // Whitespace-squashed, as the page objects read texts.
  return {
    balance: squash(amount(bonus.balance)),
    warnings: summary.expiringSoon.map((entry) => squash(t.bonusExpiring(amount(entry.amount), date(entry.expiresOn)))),
    notWarned: bonus.expiring
      .filter((entry) => !summary.expiringSoon.some((soon) => soon.expiresOn === entry.expiresOn && soon.amount === entry.amount))
      .map((entry) => squash(t.bonusExpiring(amount(entry.amount), date(entry.expiresOn)))),
  };
}

/** The packages the credits show: all but `group` packages (bookkeeping, never a credit). */
export const shownPackages = (customer: DatasetCustomer) => customer.packages.filter((pkg) => pkg.kind !== 'group');
