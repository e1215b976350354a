/**
 * The portal's booking flow for one chain: the slot picker (a week at a time, arrow keys between
 * slots) and the review (steps, participants, the paying package, price) with confirm. The rules
 * explain a refusal before anything is sent; the server's refusals get their own sentences.
 */
import { html, nothing } from 'lit';
import type { Slot } from '../../contract/api.ts';
import type { Package } from '../../contract/entities.ts';
import { ProblemError } from '../../client/errors.ts';
import { PROBLEM_STATUS } from '../../contract/problem-codes.ts';
import type { Problem } from '../../contract/problems.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { consumptionOf, indexServices, remainingOf } from '../../rules/budget.ts';
import { applyBooking } from '../../rules/apply.ts';
import { paymentFor } from '../../rules/decide.ts';
import { coveringPackages } from '../../rules/offering.ts';
import { addDays, localDateOf, weekdayIndex } from '../../rules/time.ts';
import { packagesOf, practiceToday } from '../../state/selectors.ts';
import type { Checkout } from '../../state/store.ts';
import { leftText, type View } from '../view.ts';

/** Arrow keys move between the slot buttons; Enter (the button's own) chooses. */
function moveBetweenSlots(event: KeyboardEvent): void {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  if (!step) return;
  const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot;
  const slots = [...root.querySelectorAll<HTMLButtonElement>('[part~="slot"]')];
  const index = slots.indexOf(root.activeElement as HTMLButtonElement);
  const next = slots[Math.min(slots.length - 1, Math.max(0, index + step))];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function renderCheckout(view: View, checkout: Checkout) {
  const { t, state, store } = view;
  const chain = state.catalog!.chains.find((c) => c.id === checkout.chainId)!;
  return html`<section class="checkout" aria-labelledby="checkout-title">
    <h2 id="checkout-title" tabindex="-1">${chain.name}</h2>
    <button type="button" class="secondary" @click=${() => store.closeCheckout()}>${t.backToOffers}</button>
    ${checkout.step === 'slot' ? slotPicker(view, checkout, chain.maxParticipants) : review(view, checkout)}
  </section>`;
}

function slotPicker(view: View, checkout: Checkout, maxParticipants: number) {
  const { t, format, state, store } = view;
  const practice = state.practice!;
  const today = practiceToday(state)!;
  const last = addDays(today, practice.bookingPolicy.maxAdvanceDays);
  const { week, slots } = checkout;
  const weekEnd = addDays(week, 6 - weekdayIndex(week));
  const days: string[] = [];
  for (let day = week; day <= weekEnd; day = addDays(day, 1)) days.push(day);
  const byDay = new Map<string, Slot[]>();
  for (const slot of slots.items) {
    const day = localDateOf(Date.parse(slot.start), practice.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const slotError = checkout.error ? errorMessage(checkout.error, t) : null;
  return html`<div class="slot-picker">
    ${maxParticipants > 1
      ? html`<label class="participants">${t.participantsLabel}
          <select @change=${(e: Event) => store.setParticipants(Number((e.target as HTMLSelectElement).value))}>
            ${Array.from({ length: maxParticipants }, (_, i) => html`<option value=${i + 1} ?selected=${i + 1 === checkout.participants}>${i + 1}</option>`)}
          </select>
        </label>`
      : nothing}
    <h3>${t.chooseTime}</h3>
    <div role="alert">${slotError ? html`<p part="error">${slotError}</p>` : nothing}</div>
    <div class="week">
      <button type="button" class="secondary" ?disabled=${week <= today} @click=${() => store.showWeek(addDays(week, -7))}>${t.previousWeek}</button>
      <span>${t.weekOf(format.date(week), format.date(weekEnd))}</span>
      <button type="button" class="secondary" ?disabled=${addDays(weekEnd, 1) > last} @click=${() => store.showWeek(addDays(weekEnd, 1))}>${t.nextWeek}</button>
    </div>
    ${slots.status === 'loading'
      ? html`<p class="status" role="status">${t.loadingSlots}</p>`
      : slots.status === 'error'
        ? html`<div part="error" role="alert"><p>${errorMessage(slots.error!, t, { notFound: 'booking' })}</p>
            <button type="button" @click=${() => store.showWeek(week)}>${t.retry}</button></div>`
        : html`<div class="days" @keydown=${moveBetweenSlots}>
            ${days.map((day) => {
              const free = byDay.get(day) ?? [];
              return html`<div class="day">
                <h4>${format.day(day)}</h4>
                ${free.length === 0
                  ? html`<p class="status">${t.noSlots}</p>`
                  : html`<ul class="slots">
                      ${free.map(
                        (slot) => html`<li>
                          <button type="button" part="slot" aria-label=${format.full(slot.start)} @click=${() => store.chooseSlot(slot)}>
                            ${format.time(slot.start)}
                          </button>
                        </li>`,
                      )}
                    </ul>`}
              </div>`;
            })}
          </div>`}
  </div>`;
}

function review(view: View, checkout: Checkout) {
  const { t, format, state, store } = view;
  const catalog = state.catalog!;
  const practice = state.practice!;
  const chain = catalog.chains.find((c) => c.id === checkout.chainId)!;
  const slot = checkout.slot!;
  const services = indexServices(catalog.services);
  const packages = packagesOf(state);
  const dayOne = localDateOf(Date.parse(slot.start), practice.timeZone);
  const consumption = consumptionOf(chain, services, checkout.participants);
  const named = checkout.packageId ? (packages.find((pkg) => pkg.id === checkout.packageId) ?? null) : null;
  const payment = paymentFor({ chain, packages, templates: catalog.packageTemplates, named, dayOne, consumption, currency: practice.currency });
  const rule = chain.packageRule;
  const choices = rule.kind === 'requires' ? coveringPackages(chain, services, packages, rule.packageTypeId, dayOne, checkout.participants) : [];
  const payer = 'payer' in payment ? payment.payer : null;
  const context = {
    packageName: (id: string) => packages.find((pkg) => pkg.id === id)?.name,
    serviceName: (id: string) => services.get(id)?.name,
    money: format.money,
    maxParticipants: chain.maxParticipants,
    notFound: 'booking' as const,
  };
  // A refusal the rules already foresee, else the server's answer to the last attempt.
  const foreseen = 'problem' in payment ? new ProblemError({ ...payment.problem, status: PROBLEM_STATUS[payment.problem.code], title: '' } as Problem) : null;
  const refusal = foreseen ?? checkout.error;
  const retryable = checkout.error?.code === 'network' || checkout.error?.code === 'timeout';
  const after = (pkg: Package) => {
    const next = remainingOf(applyBooking(pkg, consumption, dayOne));
    return leftText(view, next, pkg.budget);
  };
  return html`<div class="review">
    <h3>${t.reviewTitle}</h3>
    <ol class="steps">
      ${slot.steps.map((step) => html`<li><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name}</li>`)}
    </ol>
    ${checkout.participants > 1 ? html`<p>${t.forParticipants(checkout.participants)}</p>` : nothing}
    ${choices.length > 1
      ? html`<fieldset>
          <legend>${t.payWith}</legend>
          ${choices.map(
            (pkg) => html`<label class="choice">
              <input type="radio" name="package" .checked=${pkg.id === payer?.id} @change=${() => store.choosePackage(pkg.id)} />
              <span>${pkg.name} <span class="muted">${t.shortCode(pkg.code.slice(-5))}${after(pkg) ? html` · ${t.leftAfter(after(pkg)!)}` : nothing}</span></span>
            </label>`,
          )}
        </fieldset>`
      : payer
        ? html`<p>${t.paidWith(payer.name)}${after(payer) ? html` <span class="muted">(${t.leftAfter(after(payer)!)})</span>` : nothing}</p>`
        : 'createFrom' in payment && payment.createFrom
          ? html`<p>${t.createsPackage(payment.createFrom.name)}</p>`
          : 'price' in payment
            ? html`<p>${t.noPackagePays}</p>`
            : nothing}
    ${'price' in payment
      ? html`<dl class="price">
          <div><dt>${t.totalLabel}</dt><dd>${format.money(payment.price.total)}</dd></div>
          <div><dt>${t.dueNowLabel}</dt><dd>${format.money(payment.price.due)}</dd></div>
        </dl>`
      : nothing}
    <div role="alert">${refusal ? html`<p part="error">${retryable ? t.bookingNetwork : errorMessage(refusal, t, context)}</p>` : nothing}</div>
    <div class="actions">
      <button type="button" ?disabled=${'problem' in payment || checkout.step === 'booking'} @click=${() => store.confirmBooking()}>
        ${checkout.step === 'booking' ? t.booking : retryable ? t.retryBooking : t.confirm}
      </button>
      <button type="button" class="secondary" @click=${() => store.backToSlots()}>${t.otherTime}</button>
    </div>
  </div>`;
}
