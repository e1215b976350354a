/** Fetches the booking chunk once per page, whoever asks first (the portal when idle, "Book" on intent). */
import { completeEnglish } from '../../i18n/messages.ts';

export type BookingChunk = typeof import('./booking-chunk.ts');

let chunk: Promise<BookingChunk> | undefined;

export function loadBookingChunk(): Promise<BookingChunk> {
  chunk ??= import('./booking-chunk.ts').then(
    (loaded) => {
      // Its English texts join the catalog before any of its views renders.
      completeEnglish(loaded.english);
      return loaded;
    },
    (error: unknown) => {
      // A failed fetch (offline for a moment) is tried again at the next request.
      chunk = undefined;
      throw error;
    },
  );
  return chunk;
}
