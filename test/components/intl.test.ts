/**
 * Money, calendar days and instants go through Intl in the element's language and the
 * practice's currency and time zone; "today" is the practice-local date of the server's clock.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import { catalogs } from './helpers/i18n.ts';
import { customerOf, expectedOfferNames, expectedPrices, intl } from './helpers/expected.ts';
import { useMockApi } from './helpers/mock-api.ts';
import { deepText, squash, until } from './helpers/page.ts';
import { PortalPage } from './helpers/portal-page.ts';

describe('money, dates and times', () => {
  for (const [practiceId, locale, symbol] of [
    ['massage-stockholm', 'sv', 'kr'],
    ['physio-berlin', 'de', '€'],
  ] as const) {
    it(`${practiceId}: every offered price in ${locale} through Intl, with "${symbol}"`, async () => {
      const store = await useMockApi();
      const practice = store.practice(practiceId)!;
      expect(practice.practice.defaultLocale).to.equal(locale);
      const portal = await PortalPage.open({ practice: practiceId });
      await portal.settled();
      const prices = expectedPrices(store, { practice, customer: null });
      const { money } = intl(locale, practice.practice.currency);
      const offers = portal.offers()!.offers();
      expect(offers.length).to.equal(prices.size);
      for (const offer of offers) {
        const price = squash(money(prices.get(offer.name)!));
        expect(price).to.contain(symbol);
        expect(offer.text, offer.name).to.contain(price);
      }
    });
  }

  it('shows a price in the practice currency, whatever the language (SEK in English)', async () => {
    const store = await useMockApi();
    const portal = await PortalPage.open({ practice: 'massage-stockholm', locale: 'en' });
    await portal.settled();
    const prices = expectedPrices(store, { practice: store.practice('massage-stockholm')!, customer: null });
    const [offer] = portal.offers()!.offers();
    expect(offer!.text).to.contain(squash(intl('en', 'SEK').money(prices.get(offer!.name)!)));
    expect(offer!.text).to.contain('SEK');
  });

  it('formats calendar days in the element language: "Gültig bis 11.09.2027"', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna' });
    await portal.signedIn();
    expect(portal.credits()!.package('9QX4M')!.text).to.contain(squash(catalogs.de.validUntil(intl('de', 'EUR').date('2027-09-11'))));
    expect(portal.credits()!.package('9QX4M')!.text).to.contain('11.09.2027');
  });

  it('keeps a calendar day that day in a practice west of UTC', async () => {
    const store = await useMockApi();
    store.practice('physio-berlin')!.practice.timeZone = 'America/Los_Angeles';
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    await portal.signedIn();
    const card = portal.credits()!.package('9QX4M')!;
    expect(card.text).to.contain('Valid until Sep 11, 2027');
    expect(card.text).not.to.contain('Sep 10, 2027');
  });

  it('judges "today" on the practice clock: just after midnight in Berlin a card valid until yesterday has expired', async () => {
    const store = await useMockApi();
    // 23:30 UTC on Nov 28 is 00:30 on Nov 29 in Berlin: Jonas's card (valid until Nov 28) has expired.
    store.nowMs = Date.parse('2026-11-28T23:30:00Z');
    const client = customerOf(store, 'physio-berlin', 'jonas-weber');
    const expected = expectedOfferNames(store, client);
    expect(expected, 'the rules no longer offer the follow-up massage on his expired card').not.to.include('Massage-Folgetermin');
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-jonas', locale: 'en' });
    await portal.signedIn();
    expect(portal.offersNames()).to.deep.equal(expected);
    expect(portal.credits()!.package('2KD7P'), 'an expired card is not among the usable ones of the overview').to.equal(undefined);
    await portal.showTab('My packages');
    expect(portal.credits()!.package('2KD7P')!.text).to.contain('Expired on Nov 28, 2026');
  });

  it("shows a booking's time in the practice's zone, not the browser's", async () => {
    const store = await useMockApi();
    const zone = 'America/New_York';
    store.practice('physio-berlin')!.practice.timeZone = zone;
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'de' });
    await portal.signedIn();
    // Anna's next follow-up: 2026-11-26T10:00+01:00 = 09:00 UTC = 04:00 in New York.
    const time = (timeZone: string) => new Intl.DateTimeFormat('de', { hour: '2-digit', minute: '2-digit', timeZone }).format(Date.parse('2026-11-26T10:00:00+01:00'));
    expect(time(zone)).to.equal('04:00');
    await portal.showTab('Meine Buchungen');
    await until(() => deepText(portal.el).includes('Massage-Folgetermin'), 'the bookings did not show');
    const text = deepText(portal.el);
    expect(text).to.contain(time(zone));
    expect(text).not.to.contain(time('UTC'));
  });
});
