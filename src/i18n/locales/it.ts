import type { Messages } from '../messages.ts';

export const messages: Messages = {
  loadingOffers: 'Caricamento delle offerte…',
  offersLabel: 'Offerte prenotabili',
  noOffers: 'Al momento non c’è nulla da prenotare online.',
  retry: 'Riprova',
  errorConfig: (attribute) => `Questo widget di prenotazione non è configurato: manca l’attributo «${attribute}».`,
  errorNetwork: 'Il servizio di prenotazione non è raggiungibile. Controlla la connessione e riprova.',
  errorTimeout: 'Il servizio di prenotazione non ha risposto in tempo. Riprova.',
  errorContract: 'Il servizio di prenotazione ha inviato una risposta che questo widget non comprende. Riprova più tardi.',
  errorHttp: (status) => `Il servizio di prenotazione ha un problema (HTTP ${status}). Riprova più tardi.`,
  errorPracticeNotFound: 'Questo studio non è stato trovato.',
  errorUnknown: 'Qualcosa è andato storto. Riprova.',
};
