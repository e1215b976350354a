/**
 * The review step: a summary card of the booking (every step's day and time, participants, the
 * package that pays as styled choices with each one's credit afterwards, what the client pays,
 * the cancellation deadline) and one primary "Book now"; for a booking being moved, its current
 * time above the new one and "Move booking". It renders `reviewOf` only.
 */
import { html, nothing } from 'lit';
import { NOTE_MAX_LENGTH } from '../../contract/primitives.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { indexServices } from '../../rules/budget.ts';
import { reviewOf } from '../../state/checkout-view.ts';
import type { MeterView } from '../../state/package-view.ts';
import { packagesOf } from '../../state/selectors.ts';
import type { Checkout } from '../../state/store.ts';
import { cancellationText, meterText, payText, problemContext, refusalText, type View } from '../view.ts';

export function renderReview(view: View, checkout: Checkout) {
  const { t, format, state, store } = view;
  const review = reviewOf(state, checkout);
  const { payment, slot, refusal, failure } = review;
  const services = indexServices(state.catalog.services);
  const retryable = failure?.code === 'network' || failure?.code === 'timeout';
  const after = (meter: MeterView | null) => (meter ? t.leftAfter(meterText(view, meter, state.catalog)) : null);
  const context = { ...problemContext(view, state.catalog, packagesOf(state), review.chain.maxParticipants), moving: !!review.moving };
  const alert = refusal ? refusalText(view, refusal, state.catalog, packagesOf(state)) : failure ? (retryable ? t.bookingNetwork : errorMessage(failure, t, context)) : null;
  return html`<div class="review card">
    <h3 id="review-title" tabindex="-1">${review.moving ? t.reviewMoveTitle : t.reviewTitle}</h3>
    ${review.moving ? html`<p class="was muted">${t.nowBooked(format.full(review.moving.start))}</p><p class="new-time"><strong>${t.newTime}</strong></p>` : nothing}
    <ol class="steps">
      ${slot.steps.map((step) => html`<li data-start=${step.start}><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name}</li>`)}
    </ol>
    ${review.participants > 1 ? html`<p>${t.forParticipants(review.participants)}</p>` : nothing}
    ${review.choices.length
      ? html`<fieldset class="choices">
          <legend>${t.payWith}</legend>
          ${review.choices.map(
            ({ pkg, after: left, selected }) => html`<label class="choice">
              <input type="radio" name="package" .checked=${selected} @change=${() => store.choosePackage(pkg.id)} />
              <span class="dot" aria-hidden="true"></span>
              <span class="choice-text">${pkg.name} <span class="muted">${t.shortCode(pkg.code.slice(-5))}${left ? html` · ${after(left)}` : nothing}</span></span>
            </label>`,
          )}
        </fieldset>`
      : nothing}
    ${payment.ok
      ? html`<p class="pay"><strong>${payText(view, payment.pay)}</strong>${payment.pay.after && !review.choices.length ? html` <span class="muted">(${after(payment.pay.after)})</span>` : nothing}</p>`
      : nothing}
    <p class="deadline">${cancellationText(view, review.cancellation)}</p>
    ${review.moving ? nothing : html`<div class="note-field">
      <label for="note">${t.noteLabel}</label>
      <textarea
        id="note"
        rows="3"
        maxlength=${NOTE_MAX_LENGTH}
        aria-describedby="note-count"
        .value=${checkout.note}
        @input=${(event: InputEvent) => store.setNote((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p id="note-count" class="muted">${t.noteCount(checkout.note.length, NOTE_MAX_LENGTH)}</p>
    </div>`}
    ${review.changed.map(({ pkg, meter }) => html`<p class="changed">${meter && meter.left === 0 ? t.usedUpMeanwhile(pkg.name) : t.usedMeanwhile(pkg.name, meter ? meterText(view, meter, state.catalog) : '')}</p>`)}
    <div role="alert">${alert ? html`<p part="error">${alert}</p>` : nothing}</div>
    <button type="button" class="primary" ?disabled=${!payment.ok || checkout.step === 'booking'} @click=${() => store.confirmBooking()}>
      ${checkout.step === 'booking' ? (review.moving ? t.moving : t.booking) : retryable ? t.retryBooking : review.moving ? t.confirmMove : t.confirm}
    </button>
  </div>`;
}
