/**
 * English: the reference catalog. Every other locale must provide exactly these keys
 * (the type `Messages` enforces it), and English is the fallback bundled with the embed.
 */
export const messages = {
  loadingOffers: 'Loading offers…',
  offersLabel: 'Bookable offers',
  noOffers: 'There is nothing to book online right now.',
  retry: 'Try again',
  errorConfig: (attribute: string) => `This booking widget is not set up: the attribute “${attribute}” is missing.`,
  errorNetwork: 'The booking service cannot be reached. Please check your connection and try again.',
  errorTimeout: 'The booking service did not answer in time. Please try again.',
  errorContract: 'The booking service sent an answer this widget does not understand. Please try again later.',
  errorHttp: (status: number) => `The booking service has a problem (HTTP ${status}). Please try again later.`,
  errorPracticeNotFound: 'This practice could not be found.',
  errorUnknown: 'Something went wrong. Please try again.',
};
