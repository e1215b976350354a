/**
 * Hostile data: every text field of the dataset carries markup or script
 * payloads. The widget shows them as text: no element, attribute, script run or dialog comes of it.
 */
import { expect } from '@open-wc/testing';
import './embed.ts';
import { customerOf, expectedOfferNames, shownPackages } from '../helpers/expected.ts';
import { demoCopy, useMockDataset } from '../helpers/mock-api.ts';
import { buttons, deepElements, deepText, until, watchPageErrors } from '../helpers/page.ts';
import { PortalPage } from '../helpers/portal-page.ts';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  'javascript:alert(1)',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '${window.__pwned=1}',
  "<svg onload=alert(1)><a href='javascript:alert(1)'>x</a>",
  '<iframe src="javascript:alert(1)"></iframe>',
];

/** Text fields of the dataset; ids and references stay as they are. */
const TEXT_FIELDS = new Set(['name', 'description', 'displayName', 'customerNote', 'internalNote', 'code']);

function poison(value: unknown, counter = { n: 0 }): void {
  if (Array.isArray(value)) return value.forEach((item) => poison(item, counter));
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if (typeof field === 'string' && TEXT_FIELDS.has(key)) record[key] = `${PAYLOADS[counter.n++ % PAYLOADS.length]} ${counter.n}`;
    else poison(field, counter);
  }
}

const FORBIDDEN_TAGS = new Set(['IMG', 'SCRIPT', 'IFRAME', 'SVG', 'OBJECT', 'EMBED', 'A']);

function injected(root: Element): string[] {
  const found: string[] = [];
  for (const node of deepElements(root)) {
    if (FORBIDDEN_TAGS.has(node.tagName.toUpperCase())) found.push(`<${node.tagName.toLowerCase()}>`);
    for (const attribute of node.getAttributeNames()) if (attribute.startsWith('on') || attribute === 'src' || attribute === 'href') found.push(`${node.tagName.toLowerCase()}[${attribute}]`);
  }
  return found;
}

describe('hardening: hostile data', () => {
  const w = window as unknown as { __pwned?: unknown; alert: typeof alert; confirm: typeof confirm; prompt: typeof prompt };
  const dialogs: string[] = [];
  const originals = { alert: w.alert, confirm: w.confirm, prompt: w.prompt };
  beforeEach(() => {
    sessionStorage.clear();
    dialogs.length = 0;
    w.alert = (message?: unknown) => void dialogs.push(`alert ${String(message)}`);
    w.confirm = (message?: string) => (dialogs.push(`confirm ${message}`), false);
    w.prompt = (message?: string) => (dialogs.push(`prompt ${message}`), null);
  });
  afterEach(() => {
    Object.assign(w, originals);
    sessionStorage.clear(); // the checkout opened here must not be restored in another file
  });

  it('markup and script payloads in every text field are shown as text and never run', async () => {
    const dataset = demoCopy();
    poison(dataset);
    // Package codes keep at least 5 characters (the short code shows their end).
    for (const practice of dataset.practices) for (const customer of practice.customers) for (const pkg of customer.packages) expect(pkg.code.length).to.be.at.least(5);
    const store = await useMockDataset(dataset);
    const page = watchPageErrors();
    try {
      const client = customerOf(store, 'physio-berlin', 'anna-schmidt');
      expect(client.customer.displayName).to.match(/^(<|"|javascript|\{\{|\$\{)/);
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      expect(await portal.signedIn()).to.contain(client.customer.displayName);

      const names = expectedOfferNames(store, client);
      expect(names.length).to.be.greaterThan(0);
      expect(names.every((name) => PAYLOADS.some((payload) => name.startsWith(payload))), 'the chain names are payloads').to.equal(true);
      expect(portal.offersNames(), 'payloads as the offers’ text').to.deep.equal(names);
      const shown = deepText(portal.el);
      for (const pkg of shownPackages(client.customer)) {
        expect(shown, 'package name as text').to.contain(pkg.name);
        if (pkg.customerNote) expect(shown, 'customer note as text').to.contain(pkg.customerNote);
      }
      for (const chain of client.practice.catalog.chains.filter((c) => names.includes(c.name))) if (chain.description) expect(shown, 'description as text').to.contain(chain.description);

      expect(injected(portal.el), 'elements or attributes made from data').to.deep.equal([]);

      // The checkout shows service names too.
      buttons(portal.offers()!.offers()[0]!.element)[0]!.click();
      await until(() => portal.offers() === null || portal.offersNames().length === 0, 'the checkout did not open');
      await until(() => deepText(portal.el).includes(names[0]!), 'the checkout does not name the chain');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(injected(portal.el), 'elements or attributes made from data in the checkout').to.deep.equal([]);

      expect(w.__pwned, 'no payload ran').to.equal(undefined);
      expect(dialogs, 'no dialog').to.deep.equal([]);
      expect(document.querySelectorAll('img, script:not([type="module"]):not([src])').length, 'nothing added to the host page').to.equal(0);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});
