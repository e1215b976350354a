/**
 * SPEC 3: the stable parts (offer, package, credit-meter, error) and the --punchcard- custom
 * properties let a host page theme a portal and the elements inside it.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import { bare500, http } from './helpers/backend.ts';
import { useMockApi } from './helpers/mock-api.ts';
import { buttons, deepParts } from './helpers/page.ts';
import { PortalPage } from './helpers/portal-page.ts';

const MARK = 'rgb(1, 2, 3)';

function hostStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

describe('theming a portal from the host page', () => {
  it('styles offer, package and credit-meter of the elements inside a portal through ::part', async () => {
    const remove = hostStyle(['offer', 'package', 'credit-meter'].map((part) => `punchcard-portal::part(${part}) { outline: 1px solid ${MARK}; }`).join('\n'));
    try {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      await portal.signedIn();
      for (const part of ['offer', 'package', 'credit-meter']) {
        const nodes = deepParts(portal.el, part);
        expect(nodes.length, part).to.be.greaterThan(0);
        expect(nodes.map((node) => getComputedStyle(node).outlineColor), `::part(${part})`).to.deep.equal(nodes.map(() => MARK));
      }
    } finally {
      remove();
    }
  });

  it('styles the error through ::part(error)', async () => {
    const remove = hostStyle(`punchcard-portal::part(error) { outline: 1px solid ${MARK}; }`);
    try {
      await useMockApi(http.get('*/practices/:p', bare500));
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
      const error = await portal.untilError();
      expect(getComputedStyle(error).outlineColor).to.equal(MARK);
    } finally {
      remove();
    }
  });

  it('takes its colours from --punchcard- custom properties', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    portal.el.style.setProperty('--punchcard-color-accent', MARK);
    await portal.settled();
    const [send] = buttons(portal.signInForm()!, portal.t.sendCode);
    expect(getComputedStyle(send!).backgroundColor).to.equal(MARK);
  });
});
