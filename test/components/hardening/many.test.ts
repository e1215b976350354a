/**
 * Many and twice: 20 portals on one page each render their offers; changing
 * practice, locale and token after render re-renders with no stale data of the old practice or
 * client. (Two evaluations of the registering module: test/components/define.test.ts; an element
 * upgraded late: upgrade.test.ts.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import './embed.ts';
import type { MockStore } from '../../../mock-api/store.ts';
import { customerOf, expectedOfferNames, shownPackages } from '../helpers/expected.ts';
import { catalogs, langOf } from '../helpers/i18n.ts';
import { API, useMockApi } from '../helpers/mock-api.ts';
import { buttons, deepText, until, watchPageErrors } from '../helpers/page.ts';
import { PortalPage } from '../helpers/portal-page.ts';

const PRACTICES = ['physio-berlin', 'massage-stockholm'] as const;

function visitorNames(store: MockStore, practiceId: string): string[] {
  return expectedOfferNames(store, { practice: store.practice(practiceId)!, customer: null });
}

describe('hardening: many portals on a page', () => {
  beforeEach(() => sessionStorage.clear());
  it('20 portals all render their practice’s offers', async () => {
    const store = await useMockApi();
    const page = watchPageErrors();
    try {
      const container = await fixture<HTMLElement>(html`<div></div>`);
      const portals = Array.from({ length: 20 }, (_, i) => {
        const el = document.createElement('punchcard-portal');
        el.setAttribute('api', API);
        el.setAttribute('practice', PRACTICES[i % 2]!);
        el.setAttribute('locale', 'en');
        container.append(el);
        return new PortalPage(el);
      });
      await Promise.all(portals.map((portal) => portal.settled()));
      portals.forEach((portal, i) => {
        expect(portal.error(), `portal ${i} shows no error`).to.equal(undefined);
        expect(portal.offersNames(), `offers of portal ${i}`).to.deep.equal(visitorNames(store, PRACTICES[i % 2]!));
        expect(portal.signInForm(), `sign-in form of portal ${i}`).not.to.equal(undefined);
      });
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});

describe('hardening: attributes changed after render', () => {
  beforeEach(() => sessionStorage.clear());
  it('token, locale, practice and token removal each re-render with nothing stale', async () => {
    const store = await useMockApi();
    const page = watchPageErrors();
    try {
      const anna = customerOf(store, 'physio-berlin', 'anna-schmidt');
      const jonas = customerOf(store, 'physio-berlin', 'jonas-weber');
      const elsa = customerOf(store, 'massage-stockholm', 'elsa-lindqvist');
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      expect(await portal.signedIn()).to.contain(anna.customer.displayName);
      expect(portal.offersNames()).to.deep.equal(expectedOfferNames(store, anna));

      const packagesOf = (customer: typeof anna.customer) => shownPackages(customer).map((pkg) => pkg.name).sort();
      const shownNames = () =>
        portal
          .packages()
          .map((pkg) => shownPackages(anna.customer).concat(shownPackages(jonas.customer), shownPackages(elsa.customer)).find((p) => pkg.heading.includes(p.name) && pkg.heading.includes(p.code.slice(-5)))?.name ?? pkg.heading)
          .sort();
      // Every package is under "My packages" (the overview lists the usable ones).
      await portal.showTab(catalogs.en.tabPackages);
      expect(shownNames()).to.deep.equal(packagesOf(anna.customer));

      // Another client of the same practice.
      portal.el.setAttribute('token', 'demo-berlin-jonas');
      await until(() => deepText(portal.el).includes(jonas.customer.displayName), 'Jonas was not shown');
      await portal.settled();
      await portal.showTab(catalogs.en.tabPackages);
      await until(() => shownNames().join() === packagesOf(jonas.customer).join(), `Jonas’s packages: ${shownNames().join(', ')}`);
      expect(deepText(portal.el), 'nothing of Anna').not.to.contain(anna.customer.displayName);
      await portal.showTab(catalogs.en.tabOverview);
      expect(portal.offersNames()).to.deep.equal(expectedOfferNames(store, jonas));

      // Another language.
      portal.el.setAttribute('locale', 'de');
      await until(() => langOf(portal.el) === 'de' && langOf(portal.offers()!.el) === 'de', 'not German');
      await portal.settled();
      expect(buttons(portal.account()!, catalogs.de.signOut), 'the German sign-out').to.have.length(1);
      expect(buttons(portal.account()!, catalogs.en.signOut), 'no English sign-out').to.have.length(0);
      const book = buttons(portal.offers()!.offers()[0]!.element)[0]!;
      expect(book.getAttribute('aria-label')).to.equal(catalogs.de.bookChain(portal.offersNames()[0]!));

      // Another practice with its own client.
      portal.el.setAttribute('practice', 'massage-stockholm');
      portal.el.setAttribute('token', 'demo-stockholm-elsa');
      await until(() => deepText(portal.el).includes(elsa.customer.displayName), 'Elsa was not shown');
      await portal.settled();
      await until(() => portal.offersNames().join() === expectedOfferNames(store, elsa).join(), `Elsa’s offers: ${portal.offersNames().join(', ')}`);
      await portal.showTab(catalogs.de.tabPackages);
      await until(() => shownNames().join() === packagesOf(elsa.customer).join(), `Elsa’s packages: ${shownNames().join(', ')}`);
      const stockholmText = deepText(portal.el);
      expect(stockholmText).not.to.contain(jonas.customer.displayName);
      for (const chain of store.practice('physio-berlin')!.catalog.chains) expect(stockholmText, `Berlin chain "${chain.name}"`).not.to.contain(chain.name);
      expect(langOf(portal.el), 'still the locale attribute').to.equal('de');

      // Token removed: a visitor of Stockholm, nothing of Elsa.
      portal.el.removeAttribute('token');
      await until(() => portal.signInForm() !== undefined, 'no sign-in form after the token was removed');
      await portal.settled();
      expect(portal.account()).to.equal(undefined);
      expect(portal.packages()).to.deep.equal([]);
      expect(deepText(portal.el)).not.to.contain(elsa.customer.displayName);
      expect(portal.offersNames()).to.deep.equal(visitorNames(store, 'massage-stockholm'));
      expect(portal.events.errors).to.deep.equal([]);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});
