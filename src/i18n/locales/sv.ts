import type { Messages } from '../messages.ts';

export const messages: Messages = {
  loadingOffers: 'Erbjudanden laddas …',
  offersLabel: 'Bokningsbara erbjudanden',
  noOffers: 'Just nu finns inget att boka online.',
  retry: 'Försök igen',
  errorConfig: (attribute) => `Den här bokningswidgeten är inte konfigurerad: attributet ”${attribute}” saknas.`,
  errorNetwork: 'Bokningstjänsten går inte att nå. Kontrollera anslutningen och försök igen.',
  errorTimeout: 'Bokningstjänsten svarade inte i tid. Försök igen.',
  errorContract: 'Bokningstjänsten skickade ett svar som den här widgeten inte förstår. Försök igen senare.',
  errorHttp: (status) => `Bokningstjänsten har ett problem (HTTP ${status}). Försök igen senare.`,
  errorPracticeNotFound: 'Mottagningen hittades inte.',
  errorUnknown: 'Något gick fel. Försök igen.',
};
