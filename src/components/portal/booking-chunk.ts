/**
 * What the portal loads after its first paint (docs/booking-flow.md): the booking steps, the
 * confirmation and the client's bookings, with their styles. One chunk beside the embed, fetched
 * on intent (a pointer over or the focus on "Book") or when the browser is idle.
 */
import { flowStyles } from '../checkout/checkout.styles.ts';
import { bookingsStyles } from '../my-bookings/my-bookings.styles.ts';

export { renderCheckout } from '../checkout/checkout.ts';
export { renderConfirmation } from '../checkout/confirmation.ts';
export { renderMyBookings, renderNextBooking, renderPackageHistory } from '../my-bookings/my-bookings.ts';
export const styles = [bookingsStyles, flowStyles];
/** The English texts of these views (the catalog's part two; the other locales are whole). */
export { messages as english } from '../../i18n/locales/en-booking.ts';
