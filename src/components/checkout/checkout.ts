/**
 * The portal's booking flow for one chain, as steps (docs/booking-flow.md): (1) the day, with
 * the participants of a group chain, (2) the time, (3) the review, then the confirmation. Where
 * the element is wide enough (a container query, not the viewport: the host decides the width)
 * the calendar and the day's times stand side by side. It renders src/state/checkout-view.ts.
 */
import { html, nothing } from 'lit';
import { errorMessage } from '../../i18n/error-message.ts';
import type { Checkout } from '../../state/store.ts';
import { chevron, type View } from '../view.ts';
import { renderCalendar } from './calendar.ts';
import { renderReview } from './review.ts';
import { renderTimes } from './times.ts';

/** The step indicator: where the client is, out of four (the fourth is the confirmation). */
export function renderStepper(view: View, current: 1 | 2 | 3 | 4) {
  const { t } = view;
  const names = [t.stepDate, t.stepTime, t.stepReview, t.stepDone];
  return html`<ol class="stepper" aria-label=${t.stepLabel}>
    ${names.map(
      (name, i) => html`<li class=${i + 1 < current ? 'past' : i + 1 === current ? 'current' : ''} aria-current=${i + 1 === current ? 'step' : nothing}>
        <span class="dot" aria-hidden="true">${i + 1}</span><span class="name">${name}</span>
      </li>`,
    )}
  </ol>`;
}

function participants(view: View, checkout: Checkout, max: number) {
  const { t, store } = view;
  return html`<fieldset class="participants">
    <legend>${t.participantsLabel}</legend>
    <div class="segmented">
      ${Array.from(
        { length: max },
        (_, i) => html`<label>
          <input type="radio" name="participants" value=${i + 1} .checked=${i + 1 === checkout.participants} @change=${() => store.setParticipants(i + 1)} />
          <span>${i + 1}</span>
        </label>`,
      )}
    </div>
  </fieldset>`;
}

export function renderCheckout(view: View, checkout: Checkout) {
  const { t, state, store } = view;
  const chain = state.catalog.chains.find((c) => c.id === checkout.chainId)!;
  const { step, slots } = checkout;
  const reviewing = step === 'review' || step === 'booking';
  const back = step === 'date' ? (checkout.moving ? t.backToBookings : t.backToOffers) : step === 'time' ? t.otherDay : t.otherTime;
  // A failure of the step itself (the chosen time was just taken): said above the calendar.
  const failure = !reviewing && checkout.error ? errorMessage(checkout.error, t) : null;
  return html`<section class="checkout" aria-labelledby="checkout-title">
    <div class="flow-head">
      <button type="button" class="back secondary" @click=${() => store.back()}>${chevron('left')}${back}</button>
      <h2 id="checkout-title" tabindex="-1">${checkout.moving ? t.changeTitle(chain.name) : chain.name}</h2>
    </div>
    ${renderStepper(view, step === 'date' ? 1 : step === 'time' ? 2 : 3)}
    <div role="alert">${failure ? html`<p part="error">${failure}</p>` : nothing}</div>
    ${reviewing
      ? renderReview(view, checkout)
      : html`<div class="pick" data-step=${step}>
          <div class="date-pane">
            <h3>${t.chooseDay}</h3>
            ${chain.maxParticipants > 1 ? participants(view, checkout, chain.maxParticipants) : nothing}
            ${slots.status === 'error'
              ? html`<div part="error" role="alert"><p>${errorMessage(slots.error!, t, { notFound: 'booking' })}</p>
                  <button type="button" @click=${() => store.showMonth(checkout.month, checkout.cursor)}>${t.retry}</button></div>`
              : renderCalendar(view, checkout)}
          </div>
          <div class="time-pane">
            <h3>${t.chooseTime}</h3>
            ${renderTimes(view, checkout)}
          </div>
        </div>`}
  </section>`;
}
