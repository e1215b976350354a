/** The widget's DOM events (README "Elements"): typed classes, all `bubbles` and `composed`. */
import type { ApiError } from './client/errors.ts';
import type { Booking, Customer } from './contract/entities.ts';

export interface PunchcardErrorDetail {
  /** A problem code of the contract, or `config`, `network`, `timeout`, `contract`, `http`, `unexpected`. */
  code: ApiError['code'];
  /** The localized sentence shown in `part="error"`. */
  message: string;
  /**
   * The error itself, for developers: a ContractError lists every bad field of the answer in
   * `errors`, a ProblemError carries the server's `problem`, an HttpError its `status`.
   */
  error: ApiError;
}

export class PunchcardErrorEvent extends CustomEvent<PunchcardErrorDetail> {
  static readonly type = 'punchcard-error';
  constructor(detail: PunchcardErrorDetail) {
    super(PunchcardErrorEvent.type, { detail, bubbles: true, composed: true });
  }
}

export class PunchcardSignedInEvent extends CustomEvent<{ customer: Customer }> {
  static readonly type = 'punchcard-signed-in';
  constructor(detail: { customer: Customer }) {
    super(PunchcardSignedInEvent.type, { detail, bubbles: true, composed: true });
  }
}

export class PunchcardSignedOutEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'punchcard-signed-out';
  constructor() {
    super(PunchcardSignedOutEvent.type, { detail: {}, bubbles: true, composed: true });
  }
}

export class PunchcardBookedEvent extends CustomEvent<{ booking: Booking }> {
  static readonly type = 'punchcard-booked';
  constructor(detail: { booking: Booking }) {
    super(PunchcardBookedEvent.type, { detail, bubbles: true, composed: true });
  }
}

export class PunchcardRescheduledEvent extends CustomEvent<{ booking: Booking; previousStart: string }> {
  static readonly type = 'punchcard-rescheduled';
  constructor(detail: { booking: Booking; previousStart: string }) {
    super(PunchcardRescheduledEvent.type, { detail, bubbles: true, composed: true });
  }
}

export class PunchcardCancelledEvent extends CustomEvent<{ booking: Booking }> {
  static readonly type = 'punchcard-cancelled';
  constructor(detail: { booking: Booking }) {
    super(PunchcardCancelledEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'punchcard-error': PunchcardErrorEvent;
    'punchcard-signed-in': PunchcardSignedInEvent;
    'punchcard-signed-out': PunchcardSignedOutEvent;
    'punchcard-booked': PunchcardBookedEvent;
    'punchcard-rescheduled': PunchcardRescheduledEvent;
    'punchcard-cancelled': PunchcardCancelledEvent;
  }
}
