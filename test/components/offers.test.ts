import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.ts';
import type { PunchcardOffers } from '../../src/components/offers/offers.ts';
import { API, useMockApi } from './helpers/mock-api.ts';
import { byRole, text, untilParts } from './helpers/page.ts';

describe('<punchcard-offers>', () => {
  it('lists, for a visitor, the name of every chain that is bookable online and needs no package', async () => {
    const store = await useMockApi();
    const { catalog } = store.practice('physio-berlin')!;
    const online = (id: string) => catalog.services.some((s) => s.id === id && s.onlineBookable && ['service', 'goods'].includes(s.productType));
    const expected = catalog.chains
      .filter((chain) => chain.packageRule.kind !== 'requires' && chain.steps.every((step) => online(step.serviceId)))
      .map((chain) => chain.name);
    expect(expected.length).to.be.greaterThan(0);
    expect(expected.length).to.be.lessThan(catalog.chains.length);
    const el = await fixture<PunchcardOffers>(html`<punchcard-offers api=${API} practice="physio-berlin"></punchcard-offers>`);
    const offers = await untilParts(el, 'offer');
    expect(offers.map((offer) => text(offer.querySelector('h3')!))).to.deep.equal(expected);
    expect(el.shadowRoot!.querySelectorAll('button'), 'alone, with no sign-in to go to, an offer has no action').to.have.length(0);
  });

  it("writes a multi-day chain's fixed times as the language writes times (5:00 PM in English, 17:00 in German)", async () => {
    const store = await useMockApi();
    const { catalog } = store.practice('physio-berlin')!;
    const chain = catalog.chains.find((c) => c.steps.some((step) => step.start.kind === 'fixed' && step.start.time === '17:00'))!;
    expect(chain, 'a chain with a step fixed at 17:00').to.exist;
    for (const [locale, written, day] of [['en', 'at 5:00 PM', 'Day'], ['de', 'um 17:00', 'Tag']] as const) {
      const el = await fixture<PunchcardOffers>(html`<punchcard-offers api=${API} practice="physio-berlin" locale=${locale}></punchcard-offers>`);
      const offers = await untilParts(el, 'offer');
      const offer = offers.find((o) => text(o.querySelector('h3')!) === chain.name)!;
      const steps = [...offer.querySelectorAll('.steps li')].map((li) => text(li));
      const fixed = chain.steps.findIndex((step) => step.start.kind === 'fixed' && step.start.time === '17:00');
      expect(steps[fixed], locale).to.match(new RegExp(`^${day} ${chain.steps[fixed]!.day}, ${written} `));
      expect(steps.join(' '), locale).not.to.contain(locale === 'en' ? '17:00' : 'PM');
    }
  });

  it("speaks the practice's default locale when no locale attribute is set", async () => {
    const store = await useMockApi();
    const el = await fixture<PunchcardOffers>(html`<punchcard-offers api=${API} practice="physio-berlin"></punchcard-offers>`);
    await untilParts(el, 'offer');
    const list = el.shadowRoot!.querySelector('ul')!;
    expect(list.getAttribute('lang')).to.equal(store.practice('physio-berlin')!.practice.defaultLocale);
    expect(list.getAttribute('aria-label')).to.equal('Buchbare Angebote');
  });

  it('is accessible when loaded (axe)', async () => {
    await useMockApi();
    const el = await fixture<PunchcardOffers>(html`<punchcard-offers api=${API} practice="physio-berlin"></punchcard-offers>`);
    await untilParts(el, 'offer');
    await expect(el).to.be.accessible();
  });

  it('shows a localized message and fires punchcard-error for an unknown practice', async () => {
    await useMockApi();
    const el = document.createElement('punchcard-offers') as PunchcardOffers;
    Object.assign(el, { api: API, practice: 'no-such-practice', locale: 'it' });
    const fired = oneEvent(el, 'punchcard-error');
    document.body.append(el);
    try {
      const { detail } = await fired;
      expect(detail.code).to.equal('not_found');
      const [error] = await untilParts(el, 'error');
      expect(text(error)).to.contain('Questo studio non è stato trovato.');
      expect(detail.message).to.equal('Questo studio non è stato trovato.');
      expect(error!.getAttribute('role')).to.equal('alert');
    } finally {
      el.remove();
    }
  });

  it('reports a response that breaks the contract as a contract error, in place', async () => {
    await useMockApi(http.get('*/practices/:practiceId/catalog', () => HttpResponse.json({ services: [], chains: 'nope' })));
    const el = document.createElement('punchcard-offers') as PunchcardOffers;
    Object.assign(el, { api: API, practice: 'physio-berlin', locale: 'en' });
    const fired = oneEvent(el, 'punchcard-error');
    document.body.append(el);
    try {
      const { detail } = await fired;
      expect(detail.code).to.equal('contract');
      const [error] = await untilParts(el, 'error');
      expect(text(error)).to.contain('does not understand');
      expect(byRole(el, 'alert')).to.have.length(1);
    } finally {
      el.remove();
    }
  });

  it('says which attribute is missing instead of showing a blank box', async () => {
    const el = document.createElement('punchcard-offers') as PunchcardOffers;
    el.locale = 'de';
    el.practice = 'physio-berlin';
    const fired = oneEvent(el, 'punchcard-error');
    document.body.append(el);
    try {
      const { detail } = await fired;
      expect(detail.code).to.equal('config');
      const [error] = await untilParts(el, 'error');
      expect(text(error)).to.contain('„api“ fehlt');
    } finally {
      el.remove();
    }
  });
});
