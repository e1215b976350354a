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
    await until(() => find(doc, '[role="grid"][aria-busy="false"] button[aria-disabled="false"]'), 'no free day');
    (find(doc, '[role="grid"] button[aria-disabled="false"]') as HTMLButtonElement).click();
    await until(() => find(doc, '[part~="slot"]'), 'no slots');
    (find(doc, '[part~="slot"]') as HTMLButtonElement).click();
    await until(() => find(doc, '.review'), 'no review');
    const confirm = find(doc, '.review button.primary') as HTMLButtonElement;
    confirm.click();
    await until(() => find(doc, '.done'), 'not booked');
    expect(win.__violations).to.deep.equal([]);
    frame.remove();
  });
});

describe('two script tags of the built embed under Trusted Types (trusted-types lit-html)', () => {
  it('the second copy creates no second "lit-html" policy: no error, no violation, the offers render', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/csp/twice.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & { __errors: string[]; __violations: string[] };
    const offers = () => frame.contentDocument!.querySelector('punchcard-offers')?.shadowRoot?.querySelector('[part~="offer"]');
    for (let i = 0; i < 200 && !offers(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(offers(), 'the offers render').to.exist;
    expect(win.__errors).to.deep.equal([]);
    expect(win.__violations).to.deep.equal([]);
    frame.remove();
  });
});

describe('two script tags of the built embed', () => {
  it('register once, throw nothing, and the second copy says so once', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/embed/twice.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & { __errors: string[]; __warnings: string[] };
    const offers = () => frame.contentDocument!.querySelector('punchcard-offers')?.shadowRoot?.querySelector('[part~="offer"]');
    for (let i = 0; i < 200 && !offers(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(offers(), 'the offers render').to.exist;
    expect(win.__errors).to.deep.equal([]);
    const ours = win.__warnings.filter((w) => w.startsWith('punchcard'));
    expect(ours, 'one warning, from the second copy').to.have.length(1);
    expect(ours[0]).to.contain('already defined by another copy');
    frame.remove();
  });
});
