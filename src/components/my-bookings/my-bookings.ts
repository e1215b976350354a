/**
 * The signed-in client's bookings, upcoming and past, each with its steps; cancel with a
 * confirmation that says what credit comes back, until `cancelUntilHours` before the first step.
 */
import { html, nothing } from 'lit';
import type { Booking } from '../../contract/entities.ts';
import { consumptionOf, indexServices } from '../../rules/budget.ts';
import { cancellationDeadlineMs, firstStepMs, mayCancel } from '../../rules/apply.ts';
import { serverNow } from '../../state/selectors.ts';
import type { ApiError } from '../../client/errors.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import type { View } from '../view.ts';

/** The portal's own UI state for cancelling: which booking asks for confirmation, and a refusal. */
export interface CancelUi {
  confirming: string | null;
  error: ApiError | null;
  busy: boolean;
  set(patch: { confirming: string | null; error: ApiError | null; busy: boolean }): void;
}

export function renderMyBookings(view: View, ui: CancelUi) {
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
  const now = serverNow(state);
  const sorted = [...bookings].sort((a, b) => firstStepMs(a) - firstStepMs(b));
  const upcoming = sorted.filter((b) => b.status === 'booked' && firstStepMs(b) >= now);
  const past = sorted.filter((b) => !upcoming.includes(b)).reverse();
  const list = (items: Booking[]) => html`<ul class="cards bookings">${items.map((b) => item(view, b, now, ui))}</ul>`;
  return html`<section class="my-bookings" aria-labelledby="bookings-title">
    <h2 id="bookings-title">${t.bookingsLabel}</h2>
    ${failure}
    ${bookings.length === 0 ? html`<p class="status">${t.noBookings}</p>` : nothing}
    ${upcoming.length ? html`<h3>${t.upcoming}</h3>${list(upcoming)}` : nothing}
    ${past.length ? html`<h3>${t.past}</h3>${list(past)}` : nothing}
  </section>`;
}

function item(view: View, booking: Booking, now: number, ui: CancelUi) {
  const confirming = ui.confirming === booking.id;
  const { t, format, state, store } = view;
  const catalog = state.catalog!;
  const chain = catalog.chains.find((c) => c.id === booking.chainId);
  const services = indexServices(catalog.services);
  const name = chain?.name ?? booking.chainId;
  const first = firstStepMs(booking);
  const { cancelUntilHours } = state.practice!.bookingPolicy;
  const deadline = format.dateTime(cancellationDeadlineMs(first, cancelUntilHours));
  const open = booking.status === 'booked' && first >= now;
  const cancellable = open && mayCancel(now, first, cancelUntilHours);
  const pkg = state.me?.packages.find((p) => p.id === booking.packageId);
  const credit = () => {
    if (!pkg || !chain) return nothing;
    if (booking.createdPackage === pkg.id) return html`<p>${t.createdPackageCancelled(pkg.name)}</p>`;
    // What comes back is what the package counts: appointments, else money; nothing for unlimited.
    const { appointments, amount } = consumptionOf(chain, services, booking.participants);
    const back = pkg.budget.maxAppointments != null ? t.appointmentsCount(appointments) : pkg.budget.maxAmount != null ? format.money(amount) : null;
    return back ? html`<p>${t.creditReturns(back, pkg.name)}</p>` : nothing;
  };
  return html`<li data-booking-id=${booking.id}>
    <h4>${name}${booking.status === 'cancelled' ? html` <span class="muted">· ${t.statusCancelledBooking}</span>` : nothing}</h4>
    <ol class="steps">
      ${booking.steps.map((step) => html`<li><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name ?? step.serviceId}</li>`)}
    </ol>
    ${pkg ? html`<p class="muted">${t.paidWith(pkg.name)}</p>` : nothing}
    ${open && !cancellable ? html`<p class="muted">${t.cancelClosed(deadline)}</p>` : nothing}
    ${cancellable && !confirming
      ? html`<p class="muted">${t.cancelUntil(deadline)}</p>
          <button type="button" class="secondary" @click=${() => ui.set({ confirming: booking.id, error: null, busy: false })}>${t.cancel}</button>`
      : nothing}
    ${cancellable && confirming
      ? html`<div class="confirm" role="group" aria-label=${t.cancel}>
          <p><strong>${t.cancelQuestion(name, format.full(booking.start))}</strong></p>
          ${credit()}
          <div role="alert">${ui.error ? html`<p part="error">${errorMessage(ui.error, t, { notFound: 'booking' })}</p>` : nothing}</div>
          <div class="actions">
            <button
              type="button"
              ?disabled=${ui.busy}
              @click=${async () => {
                ui.set({ confirming: booking.id, error: null, busy: true });
                ui.set({ confirming: booking.id, error: await store.cancelBooking(booking.id), busy: false });
              }}
            >
              ${t.confirmCancel}
            </button>
            <button type="button" class="secondary" @click=${() => ui.set({ confirming: null, error: null, busy: false })}>${t.keepBooking}</button>
          </div>
        </div>`
      : nothing}
  </li>`;
}
