/**
 * What the portal and a standalone <punchcard-offers> offer to every demo client (and a
 * visitor) is exactly what src/rules decides, and each offer names the package that would pay.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import { MockStore } from '../../mock-api/store.ts';
import { catalogs } from './helpers/i18n.ts';
import { customerOf, everyClient, expectedOfferNames, expectedPayers, expectedPrices, expectedUsedFirst, intl, label, type Client } from './helpers/expected.ts';
import { squash } from './helpers/page.ts';
import { demoDataset, useMockApi } from './helpers/mock-api.ts';
import { OffersPage } from './helpers/offers-page.ts';
import { PortalPage } from './helpers/portal-page.ts';

const en = catalogs.en;
const clients = everyClient(new MockStore(demoDataset));

/** Each offer names the package that pays (or counts) it, and says what is due at the practice, decided by src/rules. */
function expectPayers(store: MockStore, client: Client, offers: OffersPage) {
  const payers = expectedPayers(store, client);
  const prices = expectedPrices(store, client);
  const { money } = intl('en', client.practice.practice.currency);
  for (const offer of offers.offers()) {
    const payer = payers.get(offer.name);
    if (payer) expect(offer.text, `${offer.name} should say it is paid with “${payer}”`).to.contain(`your “${payer}”`);
    else expect(offer.text, `${offer.name} is paid by no package`).not.to.contain('your “');
    const due = prices.get(offer.name)!;
    if (due > 0) expect(offer.text, `${offer.name} costs ${money(due)} at the practice`).to.contain(squash(money(due))).and.to.contain('at the practice');
    else expect(offer.text, `${offer.name} costs nothing`).not.to.contain('at the practice');
  }
}

describe('offers decided by src/rules for every demo client', () => {
  it('covers both practices, visitors, clients with and without a paying package', () => {
    const store = new MockStore(demoDataset);
    expect(new Set(clients.map((c) => c.practice.practice.id))).to.have.property('size', 2);
    expect(clients.filter((c) => c.customer === null)).to.have.length(2);
    const withPayer = clients.filter((c) => [...expectedPayers(store, c).values()].some(Boolean));
    expect(withPayer.length, 'clients whose offers name a paying package').to.be.greaterThan(4);
    // The offers really differ between clients: otherwise comparing them proves little.
    expect(new Set(clients.map((c) => expectedOfferNames(store, c).join('|'))).size).to.be.greaterThan(4);
  });

  for (const client of clients) {
    const token = client.customer?.tokens[0];

    it(`<punchcard-portal> for ${label(client)}`, async () => {
      const store = await useMockApi();
      const expected = expectedOfferNames(store, client);
      expect(expected.length).to.be.greaterThan(0);
      const portal = await PortalPage.open({ practice: client.practice.practice.id, token, locale: 'en' });
      await portal.settled();
      if (client.customer) expect(await portal.signedIn()).to.contain(client.customer.displayName);
      else expect(portal.signInForm(), 'a visitor sees the sign-in form').to.exist;
      expect(portal.offersNames()).to.deep.equal(expected);
      expectPayers(store, client, portal.offers()!);
    });

    it(`standalone <punchcard-offers> for ${label(client)}`, async () => {
      const store = await useMockApi();
      const offers = await OffersPage.open({ practice: client.practice.practice.id, token, locale: 'en' });
      await offers.settled();
      expect(offers.names()).to.deep.equal(expectedOfferNames(store, client));
      expectPayers(store, client, offers);
    });
  }

  it('names the default pick (expires first, then fewest left, then lowest id) when several packages could pay', async () => {
    const store = await useMockApi();
    const { practice, customer: anna } = customerOf(store, 'physio-berlin', 'anna-schmidt');
    const card = anna.packages[0]!;
    const variant = (id: string, code: string, name: string, validUntil: string, max: number, used: number) => ({
      ...structuredClone(card),
      id,
      code,
      name,
      customerNote: null,
      budget: { ...card.budget, maxAppointments: max },
      usage: { ...card.usage, appointments: used },
      validity: { ...card.validity, validUntil },
    });
    // Fewer appointments left than the "Aktion" card, but it expires later: the Aktion card pays.
    anna.packages.push(variant('pkg-b-anna-rest', 'PKG-TESTA-REST1', 'Massage-Restkarte', '2027-06-30', 5, 4));
    anna.packages.push(variant('pkg-b-anna-aktion', 'PKG-TESTB-AKTN2', '5er-Karte Massage (Aktion)', '2026-12-31', 5, 1));
    const client = { practice, customer: anna };
    const payers = expectedPayers(store, client);
    expect(payers.get('Massage-Folgetermin'), 'the rules pick the card that expires first').to.equal('5er-Karte Massage (Aktion)');
    expect(expectedUsedFirst(store, practice, anna)?.name).to.equal('5er-Karte Massage (Aktion)');

    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    await portal.signedIn();
    const offer = portal.offers()!.offer('Massage-Folgetermin')!;
    expect(offer.text).to.contain(en.payVisits(1, '5er-Karte Massage (Aktion)'));
    expect(offer.text).not.to.contain('Massage-Restkarte');
    expectPayers(store, client, portal.offers()!);
    const marked = portal.packages().filter((pkg) => pkg.text.includes(en.usedFirst));
    expect(marked.map((pkg) => pkg.heading)).to.have.length(1);
    expect(marked[0]!.heading).to.contain('5er-Karte Massage (Aktion)');
  });
});
