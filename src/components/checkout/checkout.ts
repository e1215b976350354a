/**
 * The portal's booking flow for one chain: the slot picker (a week at a time, arrow keys between
 * slots; a day no package of the client can pay for says why) and the review (steps,
 * participants, the paying package, what the client pays, the cancellation deadline) with
 * confirm. It renders the view models of src/state/checkout-view.ts and decides nothing itself.
 */
import { html, nothing } from 'lit';
import { errorMessage } from '../../i18n/error-message.ts';
import { indexServices } from '../../rules/budget.ts';
import { reviewOf, weekDays, weekOf } from '../../state/checkout-view.ts';
import type { MeterView } from '../../state/package-view.ts';
import { packagesOf } from '../../state/selectors.ts';
import type { Checkout } from '../../state/store.ts';
import { cancellationText, meterText, payText, problemContext, refusalText, type View } from '../view.ts';

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
  const chain = state.catalog.chains.find((c) => c.id === checkout.chainId)!;
  return html`<section class="checkout" aria-labelledby="checkout-title">
    <h2 id="checkout-title" tabindex="-1">${chain.name}</h2>
    <button type="button" class="secondary" @click=${() => store.closeCheckout()}>${t.backToOffers}</button>
    ${checkout.step === 'slot' ? slotPicker(view, checkout, chain.maxParticipants) : review(view, checkout)}
  </section>`;
}

function slotPicker(view: View, checkout: Checkout, maxParticipants: number) {
  const { t, format, state, store } = view;
  const { slots } = checkout;
  const week = weekOf(state, checkout);
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
      <button type="button" class="secondary" ?disabled=${!week.previous} @click=${() => week.previous && store.showWeek(week.previous)}>${t.previousWeek}</button>
      <span>${t.weekOf(format.date(week.from), format.date(week.to))}</span>
      <button type="button" class="secondary" ?disabled=${!week.next} @click=${() => week.next && store.showWeek(week.next)}>${t.nextWeek}</button>
    </div>
    ${slots.status === 'loading'
      ? html`<p class="status" role="status">${t.loadingSlots}</p>`
      : slots.status === 'error'
        ? html`<div part="error" role="alert"><p>${errorMessage(slots.error!, t, { notFound: 'booking' })}</p>
            <button type="button" @click=${() => store.showWeek(week.from)}>${t.retry}</button></div>`
        : html`<div class="days" @keydown=${moveBetweenSlots}>
            ${weekDays(state, checkout).map(
              ({ day, slots: free, refusal }) => html`<div class="day" data-day=${day}>
                <h4>${format.day(day)}</h4>
                ${refusal
                  ? html`<p class="status unpayable">${refusalText(view, refusal, state.catalog)}</p>`
                  : free.length === 0
                    ? html`<p class="status">${t.noSlots}</p>`
                    : html`<ul class="slots">
                        ${free.map(
                          (slot) => html`<li>
                            <button type="button" part="slot" data-start=${slot.start} aria-label=${format.full(slot.start)} @click=${() => store.chooseSlot(slot)}>
                              ${format.time(slot.start)}
                            </button>
                          </li>`,
                        )}
                      </ul>`}
              </div>`,
            )}
          </div>`}
  </div>`;
}

function review(view: View, checkout: Checkout) {
  const { t, format, state, store } = view;
  const review = reviewOf(state, checkout);
  const { payment, slot, refusal, failure } = review;
  const services = indexServices(state.catalog.services);
  const retryable = failure?.code === 'network' || failure?.code === 'timeout';
  const after = (meter: MeterView | null) => (meter ? t.leftAfter(meterText(view, meter, state.catalog)) : null);
  const context = problemContext(view, state.catalog, packagesOf(state), review.chain.maxParticipants);
  const alert = refusal ? refusalText(view, refusal, state.catalog, packagesOf(state)) : failure ? (retryable ? t.bookingNetwork : errorMessage(failure, t, context)) : null;
  return html`<div class="review">
    <h3>${t.reviewTitle}</h3>
    <ol class="steps">
      ${slot.steps.map((step) => html`<li data-start=${step.start}><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name}</li>`)}
    </ol>
    ${review.participants > 1 ? html`<p>${t.forParticipants(review.participants)}</p>` : nothing}
    ${review.choices.length
      ? html`<fieldset>
          <legend>${t.payWith}</legend>
          ${review.choices.map(
            ({ pkg, after: left, selected }) => html`<label class="choice">
              <input type="radio" name="package" .checked=${selected} @change=${() => store.choosePackage(pkg.id)} />
              <span>${pkg.name} <span class="muted">${t.shortCode(pkg.code.slice(-5))}${left ? html` · ${after(left)}` : nothing}</span></span>
            </label>`,
          )}
        </fieldset>`
      : nothing}
    ${payment.ok
      ? html`<p class="pay"><strong>${payText(view, payment.pay)}</strong>${payment.pay.after && !review.choices.length ? html` <span class="muted">(${after(payment.pay.after)})</span>` : nothing}</p>`
      : nothing}
    <p class="deadline">${cancellationText(view, review.cancellation)}</p>
    ${review.changed.map(({ pkg, meter }) => html`<p class="changed">${meter && meter.left === 0 ? t.usedUpMeanwhile(pkg.name) : t.usedMeanwhile(pkg.name, meter ? meterText(view, meter, state.catalog) : '')}</p>`)}
    <div role="alert">${alert ? html`<p part="error">${alert}</p>` : nothing}</div>
    <div class="actions">
      <button type="button" ?disabled=${!payment.ok || checkout.step === 'booking'} @click=${() => store.confirmBooking()}>
        ${checkout.step === 'booking' ? t.booking : retryable ? t.retryBooking : t.confirm}
      </button>
      <button type="button" class="secondary" @click=${() => store.backToSlots()}>${t.otherTime}</button>
    </div>
  </div>`;
}
