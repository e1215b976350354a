/**
 * What was just booked, moved or cancelled, as a card: the booking's steps, what the client pays, the
 * package's credit now, any bonus earned, the booking reference, "Add to calendar" (an iCalendar
 * file made in the browser) and "Done", which lands on the booking in the client's bookings.
 */
import { html, nothing } from 'lit';
import { indexServices } from '../../rules/budget.ts';
import { calendarFile, calendarHref } from '../../state/calendar-file.ts';
import { bookingPayment } from '../../state/payment-view.ts';
import { paymentContext, serverNow } from '../../state/selectors.ts';
import { meterText, payText, type View } from '../view.ts';
import { contactOf } from '../../state/contact-view.ts';
import { renderStepper } from './checkout.ts';

export function renderConfirmation(view: View) {
  const { t, format, state, store } = view;
  const { kind, booking, fresh, previousStart } = state.done!;
  const chain = state.catalog.chains.find((c) => c.id === booking.chainId);
  const chainName = chain?.name ?? booking.chainId;
  const services = indexServices(state.catalog.services);
  const pay = bookingPayment(booking, chain, paymentContext(state), fresh);
  const name = pay.pkg?.name ?? pay.buys?.name;
  // Booked or moved: a booking to go to, to pay for and to put in a calendar.
  const booked = kind !== 'cancelled';
  const text =
    kind === 'booked'
      ? t.bookedText(chainName, format.full(booking.start))
      : kind === 'rescheduled'
        ? t.movedText(chainName, format.full(previousStart!), format.full(booking.start))
        : t.cancelledText(chainName, format.full(booking.start));
  const file = () =>
    calendarHref(
      calendarFile({
        booking,
        practice: state.practice,
        chainName,
        serviceName: (id) => services.get(id)?.name ?? id,
        description: `${t.reference}: ${booking.id}`,
        now: serverNow(state),
      }),
    );
  return html`<section class="done" aria-labelledby="done-title">
    ${kind === 'booked' ? renderStepper(view, 4) : nothing}
    <div class="card confirmation">
      <span class="seal ${booked ? 'booked' : kind}" aria-hidden="true">${booked ? '✓' : '×'}</span>
      <h2 id="done-title" tabindex="-1">${kind === 'booked' ? t.bookedTitle : kind === 'rescheduled' ? t.movedTitle : t.cancelledTitle}</h2>
      <p>${text}</p>
      ${booking.steps.length > 1
        ? html`<ol class="steps">
            ${booking.steps.map((step) => html`<li><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name}</li>`)}
          </ol>`
        : nothing}
      ${booked ? html`<p class="pay">${payText(view, pay)}</p>` : nothing}
      ${pay.after && name ? html`<p>${name}: ${meterText(view, pay.after, state.catalog)}</p>` : nothing}
      ${kind === 'booked' && booking.bonusEarned && state.me?.bonus
        ? html`<p>${t.bonusEarned(t.bonusAmount(format.number(booking.bonusEarned), state.me.bonus.unit, booking.bonusEarned))}</p>`
        : nothing}
      ${booking.note ? html`<p class="client-note">${t.yourNote(booking.note)}</p>` : nothing}
      <p class="muted reference">${t.reference}: <span class="code">${booking.id}</span></p>
      ${renderContact(view)}
      <div class="actions">
        ${booked ? html`<a class="button secondary" download="${booking.id}.ics" href=${file()}>${t.addToCalendar}</a>` : nothing}
        <button type="button" class="primary" @click=${() => store.dismissDone()}>${t.done}</button>
      </div>
    </div>
  </section>`;
}

/** The practice's name, address and the ways to reach it, as links only where they are safe. */
function renderContact(view: View) {
  const contact = contactOf(view.state.practice);
  if (!contact) return nothing;
  return html`<address class="contact">
    <strong>${contact.name}</strong>
    ${contact.address ? html`<span>${contact.address}</span>` : nothing}
    ${contact.links.map((link) => html`<a href=${link.href}>${link.text}</a>`)}
  </address>`;
}
