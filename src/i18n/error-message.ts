/** The localized sentence for an ApiError: the words a client reads in `part="error"`. */
import { ConfigError, HttpError, type ApiError } from '../client/errors.ts';
import type { Messages } from './messages.ts';

export function errorMessage(error: ApiError, t: Messages): string {
  switch (error.code) {
    case 'config':
      return t.errorConfig((error as ConfigError).attribute);
    case 'network':
      return t.errorNetwork;
    case 'timeout':
      return t.errorTimeout;
    case 'contract':
      return t.errorContract;
    case 'http':
      return t.errorHttp((error as HttpError).status);
    case 'not_found':
      return t.errorPracticeNotFound;
    default:
      return t.errorUnknown;
  }
}
