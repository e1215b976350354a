/**
 * Many and twice: an element created before the embed's module is loaded is
 * upgraded when it loads, and renders. (Own file: nothing here loads the embed statically.)
 */
import { expect } from '@open-wc/testing';
import { expectedOfferNames } from '../helpers/expected.ts';
import { API, useMockApi } from '../helpers/mock-api.ts';
import { OffersPage } from '../helpers/offers-page.ts';
import { recordEvents, until, watchPageErrors } from '../helpers/page.ts';

describe('hardening: an element created before the script loads', () => {
  it('is upgraded when the registering module runs, and renders its offers', async () => {
    const store = await useMockApi();
    const page = watchPageErrors();
    const el = document.createElement('punchcard-offers');
    el.setAttribute('api', API);
    el.setAttribute('practice', 'massage-stockholm');
    el.setAttribute('locale', 'en');
    const events = recordEvents(el);
    document.body.append(el);
    try {
      expect(customElements.get('punchcard-offers'), 'not yet defined').to.equal(undefined);
      expect(el.shadowRoot, 'not yet rendered').to.equal(null);

      await import('./embed.ts');
      expect(customElements.get('punchcard-offers'), 'defined').not.to.equal(undefined);
      await until(() => el.shadowRoot !== null, 'the element was not upgraded');

      const offers = await new OffersPage(el).settled();
      const practice = store.practice('massage-stockholm')!;
      const expected = expectedOfferNames(store, { practice, customer: null });
      expect(expected.length).to.be.greaterThan(0);
      expect(offers.names()).to.deep.equal(expected);
      expect(events.errors).to.deep.equal([]);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
      el.remove();
    }
  });
});
