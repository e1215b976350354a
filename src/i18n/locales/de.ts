import type { Messages } from '../messages.ts';

export const messages: Messages = {
  loadingOffers: 'Angebote werden geladen …',
  offersLabel: 'Buchbare Angebote',
  noOffers: 'Zurzeit ist online nichts buchbar.',
  retry: 'Erneut versuchen',
  errorConfig: (attribute) => `Dieses Buchungs-Widget ist nicht eingerichtet: Das Attribut „${attribute}“ fehlt.`,
  errorNetwork: 'Der Buchungsdienst ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errorTimeout: 'Der Buchungsdienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.',
  errorContract: 'Der Buchungsdienst hat eine Antwort gesendet, die dieses Widget nicht versteht. Bitte versuchen Sie es später erneut.',
  errorHttp: (status) => `Der Buchungsdienst hat ein Problem (HTTP ${status}). Bitte versuchen Sie es später erneut.`,
  errorPracticeNotFound: 'Diese Praxis wurde nicht gefunden.',
  errorUnknown: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};
