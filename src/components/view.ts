/**
 * What the portal's views render from, and the sentences they share: each formats a view model
 * of src/state (a payment, a meter, a package's state, a refusal) and decides nothing itself.
 */
import { html } from 'lit';
import type { CatalogResponse } from '../contract/api.ts';
import type { Package } from '../contract/entities.ts';
import type { Format } from '../i18n/format.ts';
import type { FirstMessages, Messages } from '../i18n/messages.ts';
import type { CancellationView } from '../state/checkout-view.ts';
import type { MeterView, PackageView } from '../state/package-view.ts';
import type { Pay, Refusal } from '../state/payment-view.ts';
import { problemMessage } from '../i18n/error-message.ts';
import type { PortalStore, ReadyState } from '../state/store.ts';

/**
 * What a view of the booking chunk renders from: its texts (complete: the chunk added its English
 * part), formatters, the ready state and the store to act on.
 */
export interface View {
  t: Messages;
  format: Format;
  state: ReadyState;
  store: PortalStore;
}

/** What the shared sentences below need: they are used outside the booking chunk too. */
type Texts = { t: FirstMessages; format: Format };

const serviceName = (catalog: Pick<CatalogResponse, 'services'> | null, id: string) => catalog?.services.find((s) => s.id === id)?.name ?? id;

/** "6 of 10 appointments left", "15,00 € of 50,00 € left", "MT: 2 of 3 left". */
export function meterText({ t, format }: Texts, meter: MeterView, catalog: Pick<CatalogResponse, 'services'> | null): string {
  if (meter.kind === 'appointments') return t.appointmentsLeft(meter.left, meter.max);
  if (meter.kind === 'amount') return t.amountLeft(format.money(meter.left), format.money(meter.max));
  return t.serviceLeft(serviceName(catalog, meter.serviceId!), meter.left, meter.max);
}

/** What the client pays, when and with what, in one sentence (without the credit left afterwards). */
export function payText({ t, format }: Texts, pay: Pay): string {
  const money = format.money(pay.due);
  if (pay.buys) return pay.buys.perPackage ? t.payBuys(money, pay.buys.name) : t.payStarts(money, pay.buys.name);
  const { pkg, use } = pay;
  if (pkg && !pay.covers) return t.payCounted(money, pkg.name);
  if (pkg) {
    if (use?.kind === 'appointments') return t.payVisits(use.value, pkg.name);
    if (use?.kind === 'amount') return t.payFromBalance(format.money(use.value), pkg.name);
    return t.payCovered(pkg.name);
  }
  return pay.due === 0 ? t.payFree : t.payAtPractice(money);
}

/** The state of a package in words: "Active · Valid until 11 Sep 2027", "Expired on 1 May 2026", "Used up". */
export function stateText({ t, format }: Texts, view: Pick<PackageView, 'state' | 'validity'>): string {
  const { state, validity } = view;
  const valid = !validity
    ? ''
    : validity.kind === 'first_booking'
      ? t.startsWithFirstBooking(validity.days)
      : validity.kind === 'until'
        ? t.validUntil(format.date(validity.date))
        : validity.kind === 'from'
          ? t.validFrom(format.date(validity.date))
          : validity.kind === 'expired'
            ? t.expiredOn(format.date(validity.date))
            : t.validAlways;
  switch (state) {
    case 'active':
      return `${t.statusInProgress} · ${valid}`;
    case 'unused':
      return `${t.statusConfirmed} · ${valid}`;
    case 'not_active_yet':
      return `${t.statusNotActive} · ${t.awaitingActivation}`;
    case 'used_up':
      return t.statusCompleted;
    case 'cancelled':
      return t.statusCancelled;
    case 'closed':
      return t.statusClosed;
    default:
      // expired, not_yet_valid: the date says it.
      return valid;
  }
}

/** Names and money for the error sentences of refusals (ids become names). */
export function problemContext({ format }: Texts, catalog: Pick<CatalogResponse, 'services'> | null, packages: readonly Package[] = [], maxParticipants?: number) {
  return {
    packageName: (id: string) => packages.find((pkg) => pkg.id === id)?.name,
    serviceName: (id: string) => serviceName(catalog, id),
    money: format.money,
    maxParticipants,
    notFound: 'booking' as const,
  };
}

/** Why a booking is refused, with the package, its limit, its date or its state. */
export function refusalText(view: Texts, refusal: Refusal, catalog: Pick<CatalogResponse, 'services'> | null, packages: readonly Package[] = []): string {
  const { t, format } = view;
  if (refusal.code === 'package_required') return t.refusedNoPackage(refusal.typeName);
  if (refusal.code === 'blocked_by_package') return t.refusedBlocked(refusal.pkg.name);
  if (refusal.code === 'other') return problemMessage(refusal.problem, t, problemContext(view, catalog, packages));
  const { pkg, failure } = refusal;
  switch (failure.kind) {
    case 'budget':
      if (failure.criterion === 'amount') return t.problemBudgetAmount(pkg.name, format.money(failure.remaining), format.money(failure.required));
      if (failure.criterion === 'service') return t.problemBudgetService(pkg.name, serviceName(catalog, failure.serviceId!), failure.remaining, failure.required);
      return t.problemBudgetAppointments(pkg.name, failure.remaining, failure.required);
    case 'service':
      return t.refusedService(pkg.name, serviceName(catalog, failure.serviceId));
    case 'type':
      return t.refusedType(pkg.name);
    case 'state': {
      const { state } = failure;
      if (state === 'expired') return t.refusedUntil(pkg.name, format.date(failure.date!));
      if (state === 'not_yet_valid') return t.refusedFrom(pkg.name, format.date(failure.date!));
      if (state === 'used_up') return t.refusedUsedUp(pkg.name);
      if (state === 'not_active_yet') return t.refusedNotActive(pkg.name);
      return t.refusedEnded(pkg.name);
    }
  }
}

/** "Free cancellation until …", or that once booked it cannot be cancelled online. */
export function cancellationText({ t, format }: Texts, cancellation: CancellationView): string {
  return cancellation.kind === 'until' ? t.cancelUntil(format.dateTime(cancellation.deadlineMs)) : t.cancelNotOnline(cancellation.hours);
}

/** A chevron drawn by CSS (`.chevron` in checkout.styles.ts), hidden from assistive technology: the button has a name. */
export const chevron = (direction: 'left' | 'right') => html`<span class="chevron ${direction}" aria-hidden="true"></span>`;
