import { html, nothing } from 'lit';
import type { Package } from '../../contract/entities.ts';
import { remainingOf, usedCount } from '../../rules/budget.ts';
import { bonusSummary } from '../../rules/bonus.ts';
import { comparePick } from '../../rules/pick.ts';
import { defaultPackage, practiceToday } from '../../state/selectors.ts';
import { PunchcardElement } from '../base.ts';
import { baseStyles } from '../shared.styles.ts';
import { creditsStyles } from './credits.styles.ts';

const ACTIVE = new Set<Package['status']>(['confirmed', 'in_progress']);

/**
 * The signed-in client's packages with their remaining credits, and the bonus account.
 * Inside a `<punchcard-portal>` it shows the portal's client; alone it needs a `token`.
 *
 * @tagname punchcard-credits
 * @summary Packages, remaining credits and bonus points of the signed-in client.
 *
 * @event {PunchcardErrorEvent} punchcard-error - The packages cannot be shown; `detail` is `{ code, message, error }`.
 *
 * @csspart package - One package: name, short code, status, validity, note and meters.
 * @csspart credit-meter - One budget of a package (appointments, amount or a service) with "n of m left".
 * @csspart error - The localized message shown in place when something went wrong.
 *
 * @cssproperty [--punchcard-font-family=system-ui, sans-serif] - Font of all text.
 * @cssproperty [--punchcard-font-size=1rem] - Base font size.
 * @cssproperty [--punchcard-color-text=#1f2328] - Text colour.
 * @cssproperty [--punchcard-color-muted=#57606a] - Secondary text.
 * @cssproperty [--punchcard-color-background=transparent] - Background of the element.
 * @cssproperty [--punchcard-color-surface=#fff] - Background of cards, slots and inputs.
 * @cssproperty [--punchcard-color-border=#d0d7de] - Borders of cards.
 * @cssproperty [--punchcard-color-border-strong=#6e7781] - Borders of inputs.
 * @cssproperty [--punchcard-color-accent=#0b5cad] - Buttons, meters and highlights.
 * @cssproperty [--punchcard-color-on-accent=#fff] - Text on the accent colour.
 * @cssproperty [--punchcard-color-focus=#1a73e8] - The focus ring.
 * @cssproperty [--punchcard-color-warning=#8a4b00] - The bonus expiry warning.
 * @cssproperty [--punchcard-color-error=#b42318] - Text and border of errors.
 * @cssproperty [--punchcard-color-error-background=#fef3f2] - Background of errors.
 * @cssproperty [--punchcard-radius=0.375rem] - Corner radius.
 * @cssproperty [--punchcard-spacing=1rem] - Padding and gaps.
 */
export class PunchcardCredits extends PunchcardElement {
  static override styles = [baseStyles, creditsStyles];

  protected override render() {
    return this.renderWhenReady(() => {
      const { me } = this.state;
      if (!me) return html`<p class="status" role="status" lang=${this.i18n.lang}>${this.t.notSignedIn}</p>`;
      const packages = me.packages.filter((pkg) => pkg.kind !== 'group');
      // Active packages first, each group in the order they are used.
      const sorted = [...packages].sort((a, b) => Number(ACTIVE.has(b.status)) - Number(ACTIVE.has(a.status)) || comparePick(a, b));
      const first = defaultPackage(this.state);
      return html`<div lang=${this.i18n.lang}>
        ${sorted.length === 0
          ? html`<p class="status">${this.t.noPackages}</p>`
          : html`<ul class="cards" aria-label=${this.t.creditsLabel}>${sorted.map((pkg) => this.#package(pkg, pkg === first))}</ul>`}
        ${me.bonus ? this.#bonus() : nothing}
      </div>`;
    });
  }

  #package(pkg: Package, usedFirst: boolean) {
    const { t } = this;
    const shortCode = pkg.code.slice(-5);
    const status = {
      confirmed: t.statusConfirmed,
      in_progress: t.statusInProgress,
      completed: t.statusCompleted,
      cancelled: t.statusCancelled,
      closed: t.statusClosed,
    }[pkg.status];
    return html`<li part="package" class=${ACTIVE.has(pkg.status) ? 'active' : 'inactive'} data-package-id=${pkg.id}>
      <h3>${pkg.name} <span class="code">${t.shortCode(shortCode)}</span></h3>
      ${usedFirst ? html`<p class="first">${t.usedFirst}</p>` : nothing}
      <p class="meta"><span class="state">${status}</span> · <span>${this.#validity(pkg)}</span></p>
      ${pkg.customerNote ? html`<p class="note">${pkg.customerNote}</p>` : nothing}
      ${this.#meters(pkg)}
    </li>`;
  }

  #validity(pkg: Package): string {
    const { t, format } = this;
    const { activation, activatedOn, validFrom, validUntil, durationDays } = pkg.validity;
    const today = practiceToday(this.state)!;
    if (activatedOn === null && activation === 'first_booking') return t.startsWithFirstBooking(durationDays);
    if (activatedOn === null && activation === 'manual') return t.awaitingActivation;
    if (validUntil !== null && validUntil < today) return t.expiredOn(format.date(validUntil));
    if (validFrom !== null && validFrom > today) return t.validFrom(format.date(validFrom));
    return validUntil === null ? t.validAlways : t.validUntil(format.date(validUntil));
  }

  /** One meter per limited budget: appointments, amount, each listed service with a limit. */
  #meters(pkg: Package) {
    const { t, format } = this;
    const remaining = remainingOf(pkg);
    const meters: { left: number; max: number; text: string }[] = [];
    const { maxAppointments, maxAmount, services } = pkg.budget;
    if (maxAppointments != null) meters.push({ left: remaining.appointments!, max: maxAppointments, text: t.appointmentsLeft(remaining.appointments!, maxAppointments) });
    if (maxAmount != null) meters.push({ left: remaining.amount!, max: maxAmount, text: t.amountLeft(format.money(remaining.amount!), format.money(maxAmount)) });
    for (const { serviceId, maxCount } of services ?? []) {
      if (maxCount === null) continue;
      const name = this.state.catalog!.services.find((s) => s.id === serviceId)?.name ?? serviceId;
      const left = Math.max(0, maxCount - usedCount(pkg.usage, serviceId));
      meters.push({ left, max: maxCount, text: t.serviceLeft(name, left, maxCount) });
    }
    if (meters.length === 0) return html`<p class="unlimited">${t.unlimited}</p>`;
    return meters.map(
      ({ left, max, text }) => html`<div part="credit-meter">
        <span aria-hidden="true">${text}</span>
        <meter min="0" max=${max} value=${left} low=${Math.min(max, 1.5)} optimum=${max} aria-label=${text}></meter>
      </div>`,
    );
  }

  #bonus() {
    const { t, format } = this;
    const bonus = bonusSummary(this.state.me!.bonus!, practiceToday(this.state)!);
    const amount = (n: number) => t.bonusAmount(format.number(n), bonus.unit, n);
    return html`<section class="bonus" aria-label=${t.bonusLabel}>
      <h3>${t.bonusLabel}: ${amount(bonus.balance)}</h3>
      ${bonus.expiringSoon.map((entry) => html`<p class="warning">${t.bonusExpiring(amount(entry.amount), format.date(entry.expiresOn))}</p>`)}
    </section>`;
  }
}
