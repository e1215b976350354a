/**
 * The signed-in client's bookings, upcoming and past, each with its steps; change (move to another
 * start) or cancel — with a confirmation that says what credit comes back — until
 * `cancelUntilHours` before the first step.
 */
import { html, nothing } from 'lit';
import { indexServices } from '../../rules/budget.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { bookingViews, type BookingView } from '../../state/bookings-view.ts';
import { packageHistory, type HistoryEntry } from '../../state/package-history.ts';
import { cancellationText, chevron, payText, type View } from '../view.ts';

export function renderMyBookings(view: View) {
  const { t, state } = view;
  const { bookings, bookingsError } = state;
  // A failed load keeps its place: the message and a retry (with older bookings below, if any).
  const failure = bookingsError
    ? html`<div part="error" role="alert"><p>${errorMessage(bookingsError, t)}</p>
        <button type="button" @click=${() => view.store.refresh()}>${t.retry}</button></div>`
    : nothing;
  if (bookings === null) {
    return bookingsError
      ? html`<section class="my-bookings" aria-labelledby="bookings-title"><h2 id="bookings-title">${t.bookingsLabel}</h2>${failure}</section>`
      : html`<p class="status" role="status">${t.loading}</p>`;
  }
  const { upcoming, past } = bookingViews(state);
  const list = (items: BookingView[]) => html`<ul class="cards bookings">${items.map((b) => item(view, b))}</ul>`;
  return html`<section class="my-bookings" aria-labelledby="bookings-title">
    <h2 id="bookings-title">${t.bookingsLabel}</h2>
    ${failure}
    ${bookings.length === 0 ? html`<p class="status">${t.noBookings}</p>` : nothing}
    ${upcoming.length ? html`<h3>${t.upcoming}</h3>${list(upcoming)}` : nothing}
    ${past.length ? html`<h3>${t.past}</h3>${list(past)}` : nothing}
  </section>`;
}

/** The overview's card of the client's next upcoming booking, with the way to all of them. */
export function renderNextBooking(view: View) {
  const { t, format, state, store } = view;
  if (state.bookings === null) return nothing;
  const [next] = bookingViews(state).upcoming;
  if (!next) return nothing;
  return html`<section class="next-booking" aria-labelledby="next-title">
    <h2 id="next-title">${t.nextBooking}</h2>
    <div class="card-line">
      <p><strong>${next.chainName}</strong><br />${format.full(next.booking.start)}</p>
      <button type="button" class="secondary" @click=${() => store.showTab('bookings')}>${t.allBookings}</button>
    </div>
  </section>`;
}

/** A package's history: the bookings that used it, with what each took, and "Book again". */
export function renderPackageHistory(view: View) {
  const { t, store, state } = view;
  const history = packageHistory(state);
  // Until the bookings are here, "no booking used it" would not be true: say they are loading.
  const waiting = state.bookingsError
    ? html`<div part="error" role="alert"><p>${errorMessage(state.bookingsError, t)}</p>
        <button type="button" @click=${() => store.refresh()}>${t.retry}</button></div>`
    : html`<p class="status" role="status">${t.loading}</p>`;
  const list = (items: HistoryEntry[]) => html`<ul class="cards bookings">${items.map((entry) => historyItem(view, entry))}</ul>`;
  return html`<section class="history" aria-labelledby="history-title">
    <div class="flow-head">
      <button type="button" class="back secondary" @click=${() => store.showHistory(null)}>${chevron('left')}${t.tabPackages}</button>
      <h2 id="history-title" tabindex="-1">${history?.pkg.name ?? t.historyShow}</h2>
    </div>
    <p class="muted">${t.historyShow}</p>
    ${state.bookings === null ? waiting : !history || history.upcoming.length + history.past.length === 0 ? html`<p class="status">${t.historyEmpty}</p>` : nothing}
    ${history?.upcoming.length ? html`<h3>${t.upcoming}</h3>${list(history.upcoming)}` : nothing}
    ${history?.past.length ? html`<h3>${t.past}</h3>${list(history.past)}` : nothing}
  </section>`;
}

function historyItem({ t, format, store }: View, { booking, chainName, use, bookAgain }: HistoryEntry) {
  return html`<li data-booking-id=${booking.id}>
    <h4>${chainName}</h4>
    <p>${format.full(booking.start)}${use ? html` · <span class="muted">${use.kind === 'appointments' ? t.appointmentsCount(use.value) : format.money(use.value)}</span>` : nothing}</p>
    ${bookAgain ? html`<button type="button" class="secondary" @click=${() => store.startCheckout(booking.chainId)}>${t.bookAgain}</button>` : nothing}
  </li>`;
}

function item(view: View, { booking, chainName: name, cancellation, pay, returns, changeable }: BookingView) {
  const { t, format, state, store } = view;
  const { cancel } = state;
  const confirming = cancel.bookingId === booking.id;
  const services = indexServices(state.catalog.services);
  const cancellable = cancellation?.kind === 'until';
  const credit = () => {
    if (!returns) return nothing;
    if (returns.kind === 'created') return html`<p>${t.createdPackageCancelled(returns.name)}</p>`;
    const back = returns.kind === 'appointments' ? t.appointmentsCount(returns.value) : format.money(returns.value);
    return html`<p>${t.creditReturns(back, returns.name)}</p>`;
  };
  return html`<li part="booking" data-booking-id=${booking.id} tabindex="-1">
    <h4>${name}${booking.status === 'cancelled' ? html` <span class="muted">· ${t.statusCancelledBooking}</span>` : nothing}</h4>
    <ol class="steps">
      ${booking.steps.map((step) => html`<li><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name ?? step.serviceId}</li>`)}
    </ol>
    ${booking.status === 'booked' ? html`<p class="muted">${payText(view, pay)}</p>` : nothing}
    ${booking.note ? html`<p class="client-note">${t.yourNote(booking.note)}</p>` : nothing}
    ${cancellation?.kind === 'not_online' ? html`<p class="muted">${t.cancelClosed(cancellation.hours)}</p>` : nothing}
    ${cancellable && !confirming
      ? html`<p class="muted">${cancellationText(view, cancellation)}</p>
          <div class="actions">
            ${changeable ? html`<button type="button" class="secondary change" @click=${() => store.startReschedule(booking.id)}>${t.change}</button>` : nothing}
            <button type="button" class="secondary cancel" @click=${() => store.askToCancel(booking.id)}>${t.cancel}</button>
          </div>`
      : nothing}
    ${cancellable && confirming
      ? html`<div class="confirm" role="group" aria-label=${t.cancel}>
          <p><strong>${t.cancelQuestion(name, format.full(booking.start))}</strong></p>
          ${credit()}
          <div role="alert">${cancel.error ? html`<p part="error">${errorMessage(cancel.error, t, { notFound: 'booking' })}</p>` : nothing}</div>
          <div class="actions">
            <button type="button" ?disabled=${cancel.busy} @click=${() => store.cancelBooking()}>${t.confirmCancel}</button>
            <button type="button" class="secondary" @click=${() => store.askToCancel(null)}>${t.keepBooking}</button>
          </div>
        </div>`
      : nothing}
  </li>`;
}
