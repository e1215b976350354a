/** The widget's DOM events (SPEC 3): typed classes, all `bubbles` and `composed`. */
import type { ApiError } from './client/errors.ts';
import type { Customer } from './contract/entities.ts';

export interface PunchcardErrorDetail {
  /** A SPEC 4.3 problem code, or `config`, `network`, `timeout`, `contract`, `http`, `unexpected`. */
  code: ApiError['code'];
  /** The localized sentence shown in `part="error"`. */
  message: string;
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

declare global {
  interface HTMLElementEventMap {
    'punchcard-error': PunchcardErrorEvent;
    'punchcard-signed-in': PunchcardSignedInEvent;
  }
}
