import { html, nothing, type PropertyValues } from 'lit';
import { bonusSummary, type BonusSummary } from '../../rules/bonus.ts';
import { packageViews, type PackageView } from '../../state/package-view.ts';
import { practiceToday } from '../../state/selectors.ts';
import type { ReadyState } from '../../state/store.ts';
import { PunchcardElement } from '../base.ts';
import { renderMeter } from '../meter.ts';
import { meterText, stateText } from '../view.ts';
import { baseStyles } from '../shared.styles.ts';
import { creditsStyles } from './credits.styles.ts';

/**
 * The signed-in client's packages with their remaining credits, and the bonus account.
 * Inside a `<punchcard-portal>` it shows the portal's client, and each package opens its history
 * (the bookings that used it, with "Book again"); alone it needs a `token`.
 *
 * The theme: the CSS custom properties of src/components/tokens.ts (added to the manifest by
 * custom-elements-manifest.config.mjs).
 *
 * @tagname punchcard-credits
 * @summary Packages, remaining credits and bonus points of the signed-in client.
 *
 * @event {PunchcardErrorEvent} punchcard-error - The packages cannot be shown; `detail` is `{ code, message, error }`.
 *
 * @csspart package - One package: name, short code, its state in words, validity, note and meters; usable packages first.
 * @csspart credit-meter - One limit of a package (appointments, amount or a service) with "n of m left" and a bar (`role="meter"`).
 * @csspart error - The localized message shown in place when something went wrong.
 */
export class PunchcardCredits extends PunchcardElement {
  static override styles = [baseStyles, creditsStyles];
  static override properties = { ...PunchcardElement.properties, usableOnly: { type: Boolean, attribute: 'usable-only', reflect: true } };

  /** Only the packages usable today, and the bonus (the portal's overview; its "My packages" lists them all). */
  declare usableOnly: boolean;

  protected override render() {
    return this.renderWhenReady((state) => {
      const { me } = state;
      if (!me) return html`<p class="status" role="status" lang=${this.i18n.lang}>${this.t.notSignedIn}</p>`;
      const views = packageViews(me.packages, practiceToday(state));
      const usable = views.filter((view) => view.usable);
      const others = views.filter((view) => !view.usable);
      const list = (items: PackageView[]) => html`<ul class="cards" aria-label=${this.t.creditsLabel}>${items.map((view) => this.#package(state, view))}</ul>`;
      return html`<div lang=${this.i18n.lang}>
        ${views.length === 0 ? html`<p class="status">${this.t.noPackages}</p>` : nothing}
        ${usable.length ? list(usable) : nothing}
        ${this.usableOnly && views.length > 0 && usable.length === 0 ? html`<p class="status">${this.t.noUsablePackages}</p>` : nothing}
        ${others.length && !this.usableOnly
          ? html`<h3 class="group" id="others">${this.t.otherPackages}</h3>
              <ul class="cards inactive" aria-labelledby="others">${others.map((view) => this.#package(state, view))}</ul>`
          : nothing}
        ${me.bonus ? this.#bonus(bonusSummary(me.bonus, practiceToday(state))) : nothing}
      </div>`;
    });
  }

  #package(state: ReadyState, view: PackageView) {
    const { t, format } = this;
    const { pkg } = view;
    return html`<li part="package" class=${view.usable ? 'usable' : 'muted'} data-package-id=${pkg.id} data-state=${view.state}>
      <h3>${pkg.name} <span class="code">${t.shortCode(pkg.code.slice(-5))}</span></h3>
      ${view.usedFirst ? html`<p class="first">${t.usedFirst}</p>` : nothing}
      <p class="meta">${stateText({ t, format }, view)}</p>
      ${pkg.customerNote ? html`<p class="note">${pkg.customerNote}</p>` : nothing}
      ${view.meters.length === 0 && view.usable ? html`<p class="unlimited">${t.unlimited}</p>` : nothing}
      ${view.meters.map((meter) => renderMeter(meterText({ t, format }, meter, state.catalog), meter))}
      ${this.stores.shared ? html`<button type="button" class="secondary history" @click=${() => this.stores.store.showHistory(pkg.id)}>${t.historyShow}</button>` : nothing}
    </li>`;
  }

  #focusPending: string | null = null;

  /** Focuses the history button of a package, now or once it is shown (the portal, back from its history). */
  focusPackage(packageId: string): void {
    this.#focusPending = packageId;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const button = this.#focusPending && this.renderRoot.querySelector<HTMLElement>(`[data-package-id="${CSS.escape(this.#focusPending)}"] .history`);
    if (!button) return;
    this.#focusPending = null;
    button.focus({ preventScroll: true });
    button.scrollIntoView({ block: 'nearest' });
  }

  #bonus(bonus: BonusSummary) {
    const { t, format } = this;
    const amount = (n: number) => t.bonusAmount(format.number(n), bonus.unit, n);
    return html`<section class="bonus" aria-label=${t.bonusLabel}>
      <h3>${t.bonusLabel}: ${amount(bonus.balance)}</h3>
      ${bonus.expiringSoon.map((entry) => html`<p class="warning">${t.bonusExpiring(amount(entry.amount), format.date(entry.expiresOn))}</p>`)}
    </section>`;
  }
}
