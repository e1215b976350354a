/**
 * A misconfigured or failing backend shows a localized message in part="error", fires
 * one punchcard-error with the right code, offers a retry where it helps, and never throws into
 * the host page.
 */
import { expect } from '@open-wc/testing';
import type { RequestHandler } from 'msw';
import '../../src/define.ts';
import type { Messages } from '../../src/i18n/messages.ts';
import { bare500, http, HttpResponse, switchable, unreachable } from './helpers/backend.ts';
import { CreditsPage } from './helpers/credits-page.ts';
import { catalogs } from './helpers/i18n.ts';
import { API, useMockApi } from './helpers/mock-api.ts';
import { OffersPage } from './helpers/offers-page.ts';
import { buttons, describeNode, text, until, watchPageErrors } from './helpers/page.ts';
import { PortalPage, type PortalAttributes } from './helpers/portal-page.ts';

const en = catalogs.en;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

interface Case {
  name: string;
  attributes: PortalAttributes;
  overrides?: RequestHandler[];
  code: string;
  message: (t: Messages) => string;
  retry: boolean;
}

const contractBreaking = http.get('*/practices/:p', () => HttpResponse.json({ id: 'physio-berlin', name: 'Physio', currency: 12, locales: [] }));

const cases: Case[] = [
  { name: 'no api attribute', attributes: { api: null, practice: 'physio-berlin', locale: 'en' }, code: 'config', message: (t) => t.errorConfig('api'), retry: false },
  { name: 'no practice attribute', attributes: { practice: undefined, locale: 'it' }, code: 'config', message: (t) => t.errorConfig('practice'), retry: false },
  { name: 'an unknown practice', attributes: { practice: 'no-such-practice', locale: 'en' }, code: 'not_found', message: (t) => t.errorPracticeNotFound, retry: true },
  {
    name: 'an unreachable server',
    attributes: { api: 'http://127.0.0.1:9', practice: 'physio-berlin', locale: 'en' },
    overrides: [unreachable('http://127.0.0.1:9')],
    code: 'network',
    message: (t) => t.errorNetwork,
    retry: true,
  },
  {
    name: 'HTTP 500 without a problem body',
    attributes: { practice: 'physio-berlin', locale: 'de' },
    overrides: [http.get('*/practices/:p', bare500)],
    code: 'http',
    message: (t) => t.errorHttp(500),
    retry: true,
  },
  { name: 'an answer that breaks the contract', attributes: { practice: 'physio-berlin', locale: 'sv' }, overrides: [contractBreaking], code: 'contract', message: (t) => t.errorContract, retry: true },
];

describe('<punchcard-portal> errors', () => {
  for (const c of cases) {
    it(`${c.name}: "${c.code}", shown in place, reported once, nothing thrown`, async () => {
      await useMockApi(...(c.overrides ?? []));
      const page = watchPageErrors();
      try {
        const portal = await PortalPage.open(c.attributes);
        const error = await portal.untilError();
        await until(() => portal.events.errors.length > 0, 'no punchcard-error');
        await settle();
        const t = catalogs[(c.attributes.locale ?? 'en') as keyof typeof catalogs];
        expect(text(error)).to.contain(c.message(t));
        expect(error.getAttribute('role') ?? error.closest('[role="alert"]')?.getAttribute('role')).to.equal('alert');
        expect(portal.events.errors, 'exactly one punchcard-error').to.have.length(1);
        expect(portal.events.errors[0]).to.deep.equal({ code: c.code, message: c.message(t) });
        const reported = portal.events.errorObjects[0]!;
        expect(reported.code, 'the error itself comes along in detail.error').to.equal(c.code);
        if (c.code === 'contract') expect(reported.errors!.map((e) => e.path)).to.include.members(['currency', 'locales', 'timeZone']);
        expect(portal.retryButton() !== undefined, `retry button for ${c.code}`).to.equal(c.retry);
        expect(describeNode(portal.signInForm()), 'nothing else is shown').to.equal('nothing');
        // Re-rendered in another language, it is still the same error: not reported again.
        const other = c.attributes.locale === 'it' ? 'de' : 'it';
        portal.el.setAttribute('locale', other);
        await until(() => text(portal.error()).includes(c.message(catalogs[other])), `the error in ${other}`);
        await settle();
        expect(portal.events.errors, 'still exactly one punchcard-error').to.have.length(1);
        expect(page.caught, 'errors thrown into the page').to.deep.equal([]);
      } finally {
        page.stop();
      }
    });
  }

  it('bubbles punchcard-error out of the element to the host page (composed)', async () => {
    await useMockApi();
    const seen: CustomEvent[] = [];
    const listener = (event: Event) => seen.push(event as CustomEvent);
    document.addEventListener('punchcard-error', listener);
    try {
      const portal = await PortalPage.open({ practice: 'no-such-practice', locale: 'en' });
      await portal.untilError();
      await until(() => seen.length > 0, 'punchcard-error did not reach the document');
      expect(seen[0]!.bubbles && seen[0]!.composed).to.be.true;
      expect(seen[0]!.detail.code).to.equal('not_found');
    } finally {
      document.removeEventListener('punchcard-error', listener);
    }
  });

  it('shows the content after pressing retry once the backend answers again (HTTP 500)', async () => {
    const outage = switchable('get', '*/practices/:p', bare500);
    await useMockApi(outage.handler);
    const page = watchPageErrors();
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
      await portal.untilError();
      expect(outage.state.hits).to.be.greaterThan(0);
      outage.recover();
      portal.retryButton()!.click();
      await until(() => portal.signInForm(), 'the sign-in form did not appear after retry');
      await portal.settled();
      expect(describeNode(portal.error())).to.equal('nothing');
      expect(portal.offersNames().length).to.be.greaterThan(0);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('shows the client after retry when the server was unreachable, with the token kept', async () => {
    const outage = switchable('get', '*/practices/:p', () => HttpResponse.error());
    await useMockApi(outage.handler);
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    const error = await portal.untilError();
    expect(text(error)).to.contain(en.errorNetwork);
    expect(portal.events.errors.map((e) => e.code)).to.deep.equal(['network']);
    outage.recover();
    portal.retryButton()!.click();
    expect(await portal.signedIn()).to.contain('Anna Schmidt');
    expect(portal.packages().length).to.be.greaterThan(0);
  });

  it('reports a second failure after a retry again', async () => {
    await useMockApi(http.get('*/practices/:p', bare500));
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.untilError();
    await until(() => portal.events.errors.length === 1, 'first punchcard-error');
    portal.retryButton()!.click();
    await until(() => portal.events.errors.length === 2, 'no punchcard-error for the second failure');
    expect(portal.events.errors.map((e) => e.code)).to.deep.equal(['http', 'http']);
    expect(portal.error()).to.exist;
  });
});

describe('<punchcard-portal> sign-in errors', () => {
  it('a failed connection while sending the code: message in place, punchcard-error "network", sending again works', async () => {
    const outage = switchable('post', '*/practices/:p/auth/code', () => HttpResponse.error());
    await useMockApi(outage.handler);
    const page = watchPageErrors();
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
      await portal.signInByEmail('anna.schmidt@example.com');
      expect(portal.alert()).to.equal(en.errorNetwork);
      const [error] = portal.signInForm()!.querySelectorAll('[role="alert"] [part~="error"]');
      expect(text(error ?? undefined)).to.equal(en.errorNetwork);
      expect(portal.fieldName(), 'still asks for the address').to.equal(en.emailLabel);
      expect(portal.field()!.value, 'the address is kept').to.equal('anna.schmidt@example.com');
      await until(() => portal.events.errors.length > 0, 'no punchcard-error');
      expect(portal.events.errors).to.deep.equal([{ code: 'network', message: en.errorNetwork }]);
      outage.recover();
      await portal.signInByEmail('anna.schmidt@example.com');
      expect(portal.fieldName()).to.equal(en.codeLabel);
      expect(portal.alert()).to.equal('');
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('HTTP 500 while checking the code: message in place, punchcard-error "http", the code field kept', async () => {
    await useMockApi(http.post('*/practices/:p/auth/token', bare500));
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('anna.schmidt@example.com');
    await portal.enterCode('482913');
    expect(portal.alert()).to.equal(en.errorHttp(500));
    expect(portal.fieldName()).to.equal(en.codeLabel);
    await until(() => portal.events.errors.length > 0, 'no punchcard-error');
    expect(portal.events.errors.map((e) => e.code)).to.deep.equal(['http']);
  });
});

describe('<punchcard-credits> and <punchcard-offers> errors when alone', () => {
  it('credits: HTTP 500 on the catalog, then retry', async () => {
    const outage = switchable('get', '*/practices/:p/catalog', bare500);
    await useMockApi(outage.handler);
    const page = watchPageErrors();
    try {
      const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      await until(() => credits.error(), 'no part="error"');
      await until(() => credits.events!.errors.length > 0, 'no punchcard-error');
      expect(credits.events!.errors).to.deep.equal([{ code: 'http', message: en.errorHttp(500) }]);
      expect(text(credits.error())).to.contain(en.errorHttp(500));
      outage.recover();
      buttons(credits.error()!, en.retry)[0]!.click();
      await until(() => credits.packages().length > 0, 'no packages after retry');
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('credits: a token the backend refuses asks to sign in, without an error', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'made-up-token', locale: 'en' });
    await credits.settled();
    expect(describeNode(credits.error())).to.equal('nothing');
    expect(credits.el.shadowRoot!.textContent).to.contain(en.notSignedIn);
  });

  it('offers: unreachable server', async () => {
    await useMockApi(unreachable('http://127.0.0.1:9'));
    const page = watchPageErrors();
    try {
      const offers = await OffersPage.open({ api: 'http://127.0.0.1:9', practice: 'physio-berlin', locale: 'en' });
      await until(() => offers.error(), 'no part="error"');
      await until(() => offers.events!.errors.length > 0, 'no punchcard-error');
      expect(offers.events!.errors).to.deep.equal([{ code: 'network', message: en.errorNetwork }]);
      expect(buttons(offers.error()!, en.retry)).to.have.length(1);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('offers: HTTP 500, in the practice language given by the locale attribute', async () => {
    await useMockApi(http.get('*/practices/:p', bare500));
    const offers = await OffersPage.open({ api: API, practice: 'massage-stockholm', locale: 'sv' });
    await until(() => offers.error(), 'no part="error"');
    expect(text(offers.error())).to.contain(catalogs.sv.errorHttp(500));
  });
});
