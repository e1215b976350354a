/**
 * A host page with hostile global CSS — `* { all: unset }`, hidden buttons, an
 * 8px root font size and garbage theme properties — still gets a visible, readable, usable widget.
 * A screenshot of the page is kept in test-artifacts/ (see the `save-screenshot` command in
 * web-test-runner.config.js).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './embed.ts';
import { useMockApi } from '../helpers/mock-api.ts';
import { buttons, deepActiveElement, deepParts, describeNode, nameOf, until, watchPageErrors } from '../helpers/page.ts';
import { PortalPage } from '../helpers/portal-page.ts';

const HOSTILE = `
  * { all: unset; }
  button { display: none; }
  html { font-size: 8px; }
  :root {
    --punchcard-color-accent: garbage;
    --punchcard-color-on-accent: garbage;
    --punchcard-color-text: garbage;
    --punchcard-spacing: -5px;
    --punchcard-font-size: 0;
    --punchcard-radius: garbage;
  }
`;

function visible(node: Element): boolean {
  const box = node.getBoundingClientRect();
  const style = getComputedStyle(node);
  return box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0;
}

/** The topmost element at the centre of `node`, followed into shadow roots. */
function hitAtCentre(node: Element): Element | null {
  const box = node.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

describe('hardening: hostile host CSS', () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    sessionStorage.clear();
    style = document.createElement('style');
    style.textContent = HOSTILE;
    document.head.append(style);
  });
  afterEach(() => {
    style.remove();
    sessionStorage.clear(); // the checkout opened here must not be restored in another file
  });

  it('the portal stays visible, readable and usable, and a screenshot is kept', async () => {
    await useMockApi();
    const page = watchPageErrors();
    try {
      // The rules are in force on the host page itself.
      expect(getComputedStyle(document.documentElement).fontSize).to.equal('8px');
      const probe = document.body.appendChild(document.createElement('button'));
      expect(getComputedStyle(probe).display).to.equal('none');
      probe.remove();

      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      expect(await portal.signedIn()).to.contain('Anna Schmidt');
      window.scrollTo(0, 0);

      const offers = portal.offers()!.offers();
      expect(offers.length, 'offers shown').to.be.greaterThan(0);
      for (const offer of offers) {
        expect(visible(offer.element), `offer "${offer.name}" has a visible box`).to.equal(true);
        const heading = offer.element.querySelector('h3')!;
        expect(visible(heading), `heading of "${offer.name}" visible`).to.equal(true);
        expect(parseFloat(getComputedStyle(heading).fontSize), `font size of "${offer.name}"`).to.be.at.least(10);
        const body = offer.element.querySelector('p, dd');
        if (body) expect(parseFloat(getComputedStyle(body).fontSize), `body text of "${offer.name}"`).to.be.at.least(10);
      }
      // The cards stay apart (no negative spacing pulls one over the next).
      for (let i = 1; i < offers.length; i++) {
        // Below, not overlapping: engines round layout to different fractions of a pixel (Firefox
        // puts the next card 0.00002 px "above" the previous one's bottom), so a hundredth is allowed.
        expect(offers[i]!.element.getBoundingClientRect().top, `"${offers[i]!.name}" below "${offers[i - 1]!.name}"`).to.be.at.least(offers[i - 1]!.element.getBoundingClientRect().bottom - 0.01);
      }
      for (const part of [...deepParts(portal.el, 'package'), ...deepParts(portal.el, 'account')]) {
        expect(visible(part), `${describeNode(part)} visible`).to.equal(true);
      }

      // Buttons: displayed, with a box, hit-testable and focusable.
      const bookButtons = offers.flatMap((offer) => buttons(offer.element));
      const signOut = buttons(portal.account()!, portal.t.signOut);
      const all = [...bookButtons, ...signOut];
      expect(bookButtons.length, 'book buttons').to.be.greaterThan(0);
      expect(signOut.length, 'sign-out button').to.equal(1);
      for (const button of all) {
        expect(getComputedStyle(button).display, `display of "${nameOf(button)}"`).not.to.equal('none');
        expect(visible(button), `"${nameOf(button)}" visible`).to.equal(true);
        expect(parseFloat(getComputedStyle(button).fontSize), `font size of "${nameOf(button)}"`).to.be.at.least(10);
        // Garbage colours fall back to the defaults (typed custom properties), never to no colour.
        const { color, backgroundColor, borderTopColor } = getComputedStyle(button);
        expect(color, `text colour of "${nameOf(button)}"`).not.to.equal('rgba(0, 0, 0, 0)');
        const clear = 'rgba(0, 0, 0, 0)';
        expect(backgroundColor !== clear || borderTopColor !== clear, `"${nameOf(button)}" has a visible background or border`).to.equal(true);
        if (backgroundColor !== clear) expect(color, `"${nameOf(button)}" text differs from its background`).not.to.equal(backgroundColor);
        // A primary button keeps its filled accent background, however the page sets the accent.
        if (bookButtons.includes(button)) expect(backgroundColor, `background of "${nameOf(button)}"`).not.to.equal(clear);
        button.scrollIntoView({ block: 'center' });
        const hit = hitAtCentre(button);
        expect(hit !== null && (hit === button || button.contains(hit)), `"${nameOf(button)}" is on top at its centre, not ${describeNode(hit)}`).to.equal(true);
        button.focus();
        expect(deepActiveElement() === button, `"${nameOf(button)}" takes focus`).to.equal(true);
      }

      // Usable: the first "Book" opens the checkout.
      window.scrollTo(0, 0);
      bookButtons[0]!.click();
      await until(() => portal.offers() === null || portal.offers()!.offers().length === 0, 'the checkout did not open');

      window.scrollTo(0, 0);
      const path = await executeServerCommand<string, { name: string }>('save-screenshot', { name: 'hostile-host-css' });
      expect(path, 'screenshot written').to.match(/hostile-host-css\.png$/);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});
