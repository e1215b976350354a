import { expect } from '@open-wc/testing';

/**
 * The built embed on a host page with a strict CSP and Trusted Types (served by the test runner,
 * see web-test-runner.config.js): the portal signs in with a token, shows credits and offers, and
 * books — and the page reports no CSP or Trusted Types violation.
 */
describe('dist/punchcard.js under a strict CSP', () => {
  it('works with no violation', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/csp/host.html';
    frame.style.width = '900px';
    frame.style.height = '900px';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & { __violations: string[] };
    const find = (root: ParentNode, selector: string): Element | null =>
      root.querySelector(selector) ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot, selector)).find(Boolean) ?? null;
    const until = async (what: () => unknown, message: string) => {
      for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!what()) throw new Error(`${message}; violations: ${JSON.stringify(win.__violations)}`);
    };
    const doc = frame.contentDocument!;
    await until(() => find(doc, '[part~="offer"]') && find(doc, '[part~="package"]'), 'the portal did not show offers and packages');
    // Book the first offer: slot picker, review, confirm.
    (find(doc, 'button.book') as HTMLButtonElement).click();
    await until(() => find(doc, '[part~="slot"]'), 'no slots');
    (find(doc, '[part~="slot"]') as HTMLButtonElement).click();
    await until(() => find(doc, '.review'), 'no review');
    const confirm = [...(find(doc, '.review')!.querySelectorAll('button'))][0] as HTMLButtonElement;
    confirm.click();
    await until(() => find(doc, '.done'), 'not booked');
    expect(win.__violations).to.deep.equal([]);
    frame.remove();
  });
});
