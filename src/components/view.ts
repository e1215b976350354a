/** What the portal's internal views (checkout, my bookings) render from. */
import type { Budget } from '../contract/entities.ts';
import type { Format } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.ts';
import type { PortalState, PortalStore } from '../state/store.ts';

export interface View {
  t: Messages;
  format: Format;
  state: PortalState;
  store: PortalStore;
}

/** A short "what is left" text for a package's first limited budget, or null when unlimited. */
export function leftText(
  { t, format }: Pick<View, 't' | 'format'>,
  left: { appointments: number | null; amount: number | null },
  budget: Budget,
): string | null {
  if (left.appointments !== null && budget.maxAppointments != null) return t.appointmentsLeft(left.appointments, budget.maxAppointments);
  if (left.amount !== null && budget.maxAmount != null) return t.amountLeft(format.money(left.amount), format.money(budget.maxAmount));
  return null;
}
