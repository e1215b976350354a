/**
 * The embed's entry and the only module with side effects: registers every element.
 * Guarded, so a second copy or version of the script on one page does not throw; it says so once.
 */
import { PunchcardCredits } from './components/credits/credits.ts';
import { PunchcardOffers } from './components/offers/offers.ts';
import { PunchcardPortal } from './components/portal/portal.ts';
import { THEME_DEFAULTS } from './components/tokens.ts';

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['punchcard-portal', PunchcardPortal],
  ['punchcard-credits', PunchcardCredits],
  ['punchcard-offers', PunchcardOffers],
];

/**
 * The theme's colours as typed custom properties: a host page setting one to garbage gets the
 * default instead of transparent (white text on no background). Registration is page-wide and
 * can happen once; another copy of punchcard finds them registered already.
 */
const COLOURS = ['color-text', 'color-accent', 'color-on-accent', 'color-surface', 'color-focus', 'color-error'] as const;
for (const token of COLOURS) {
  try {
    CSS.registerProperty({ name: `--punchcard-${token}`, syntax: '<color>', inherits: true, initialValue: THEME_DEFAULTS[token] });
  } catch {
    // Registered already (another copy), or registered by the page: either way it is typed.
  }
}

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
