/**
 * The embed's entry and the only module with side effects: registers every element.
 * Guarded, so a second copy or version of the script on one page does not throw; it says so once.
 */
import { PunchcardCredits } from './components/credits/credits.ts';
import { PunchcardOffers } from './components/offers/offers.ts';
import { PunchcardPortal } from './components/portal/portal.ts';

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['punchcard-portal', PunchcardPortal],
  ['punchcard-credits', PunchcardCredits],
  ['punchcard-offers', PunchcardOffers],
];

let warned = false;
for (const [name, element] of ELEMENTS) {
  const existing = customElements.get(name);
  if (!existing) customElements.define(name, element);
  else if (existing !== element && !warned) {
    warned = true;
    console.warn(`punchcard: <${name}> is already defined by another copy of punchcard; this copy is not used.`);
  }
}

export * from './index.ts';

declare global {
  interface HTMLElementTagNameMap {
    'punchcard-portal': PunchcardPortal;
    'punchcard-credits': PunchcardCredits;
    'punchcard-offers': PunchcardOffers;
  }
}
