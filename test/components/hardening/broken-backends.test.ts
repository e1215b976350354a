/**
 * Broken backends: each failure shows its localized message and fires
 * punchcard-error with its code; GETs are retried with backoff; a backend that comes back is
 * picked up; nothing throws into the host page. (The booking retry with its Idempotency-Key:
 * booking.test.ts; more error codes and the retry button: errors.test.ts.)
 */
import { expect } from '@open-wc/testing';
import { delay, passthrough, type RequestHandler } from 'msw';
import './embed.ts';
import type { Messages } from '../../../src/i18n/messages.ts';
import { http, HttpResponse } from '../helpers/backend.ts';
import { expectedOfferNames } from '../helpers/expected.ts';
import { catalogs } from '../helpers/i18n.ts';
import { useMockApi } from '../helpers/mock-api.ts';
import { deepParts, text, until, watchPageErrors } from '../helpers/page.ts';
import { PortalPage, type PortalAttributes } from '../helpers/portal-page.ts';

/** An override for `GET path` that counts (and timestamps) the requests it answers. */
function counted(path: string, answer: () => Response | Promise<Response> | undefined) {
  const seen: number[] = [];
  const handler = http.get(path, () => {
    seen.push(performance.now());
    return answer();
  });
  return { handler, seen };
}

interface Case {
  name: string;
  locale: keyof typeof catalogs;
  attributes?: PortalAttributes;
  override: ReturnType<typeof counted>;
  code: string;
  message: (t: Messages) => string;
  /** How many requests the override sees: 3 for a GET retried twice. */
  tries: number;
}

const cases: Case[] = [
  { name: 'HTTP 500 on the practice', locale: 'en', override: counted('*/practices/:p', () => new HttpResponse('oops', { status: 500 })), code: 'http', message: (t) => t.errorHttp(500), tries: 3 },
  {
    name: '502 with an HTML body on the catalog',
    locale: 'de',
    override: counted('*/practices/:p/catalog', () => new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } })),
    code: 'http',
    message: (t) => t.errorHttp(502),
    tries: 3,
  },
  {
    name: 'malformed JSON for the catalog',
    locale: 'it',
    override: counted('*/practices/:p/catalog', () => new HttpResponse('{"services": [', { status: 200, headers: { 'Content-Type': 'application/json' } })),
    code: 'contract',
    message: (t) => t.errorContract,
    tries: 1,
  },
  {
    name: 'valid JSON that breaks the contract for the catalog',
    locale: 'sv',
    override: counted('*/practices/:p/catalog', () => HttpResponse.json({ services: 'none', chains: [{ id: 7 }] })),
    code: 'contract',
    message: (t) => t.errorContract,
    tries: 1,
  },
  {
    // The element's own timeout (attribute), so the test does not wait the default 15 s.
    name: 'no answer within the timeout for the catalog',
    locale: 'en',
    attributes: { timeout: '300' },
    override: counted('*/practices/:p/catalog', async () => {
      await delay('infinite');
      return new HttpResponse(null); // never reached
    }),
    code: 'timeout',
    message: (t) => t.errorTimeout,
    tries: 3,
  },
  {
    name: 'connection refused',
    locale: 'en',
    // Nothing listens on port 47. Not port 9: Firefox refuses the fetch spec's "bad ports" before a
    // service worker sees the request, so the mock could not count the tries there.
    attributes: { api: 'http://127.0.0.1:47' },
    override: counted('http://127.0.0.1:47/practices/:p', () => passthrough()),
    code: 'network',
    message: (t) => t.errorNetwork,
    tries: 3,
  },
];

describe('hardening: broken backends', () => {
  for (const c of cases) {
    it(`${c.name}: "${c.code}" with its ${c.locale} message, ${c.tries} request(s), nothing thrown`, async () => {
      const overrides: RequestHandler[] = [c.override.handler];
      if (c.attributes?.api) overrides.push(http.all(`${c.attributes.api}/*`, () => passthrough()));
      await useMockApi(...overrides);
      const page = watchPageErrors();
      try {
        const portal = await PortalPage.open({ practice: 'physio-berlin', locale: c.locale, ...c.attributes });
        await until(() => deepParts(portal.el, 'error').length > 0, 'no part="error"', 8000);
        await until(() => portal.events.errors.length > 0, 'no punchcard-error');
        const message = c.message(catalogs[c.locale]);
        expect(deepParts(portal.el, 'error').map((part) => text(part)).join(' ')).to.contain(message);
        expect(portal.events.errors[0]).to.deep.equal({ code: c.code, message });
        expect(new Set(portal.events.errors.map((e) => e.code))).to.deep.equal(new Set([c.code]));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(c.override.seen.length, 'requests seen').to.equal(c.tries);
        if (c.tries === 3) {
          // Backoff: 250 ms, then 750 ms (± timer slack).
          const [a, b, d] = c.override.seen as [number, number, number];
          expect(b - a, 'first pause').to.be.at.least(200);
          expect(d - b, 'second pause').to.be.at.least(600);
        }
        expect(page.caught).to.deep.equal([]);
      } finally {
        page.stop();
      }
    });
  }

  it('a slow catalog (1.5 s): the loading status shows, then the offers', async () => {
    const store = await useMockApi(
      http.get('*/practices/:p/catalog', async () => {
        await delay(1500);
        return undefined;
      }),
    );
    const page = watchPageErrors();
    try {
      const started = performance.now();
      const portal = await PortalPage.open({ practice: 'massage-stockholm', locale: 'en' });
      await until(() => portal.isLoading() || portal.offers()?.isLoading(), 'no loading status');
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(portal.isLoading() || portal.offers()?.isLoading(), 'still loading after 0.7 s').to.equal(true);
      expect(portal.offersNames()).to.deep.equal([]);
      await portal.settled();
      await until(() => portal.offersNames().length > 0, 'no offers', 5000);
      expect(performance.now() - started).to.be.at.least(1400);
      expect(portal.offersNames()).to.deep.equal(expectedOfferNames(store, { practice: store.practice('massage-stockholm')!, customer: null }));
      expect(portal.events.errors).to.deep.equal([]);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('offline, then online: the GET retries recover without a click and nothing is reported', async () => {
    let failures = 0;
    const store = await useMockApi(
      http.get('*/practices/:p', () => {
        if (failures >= 2) return undefined;
        failures++;
        return HttpResponse.error();
      }),
    );
    const page = watchPageErrors();
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      expect(await portal.signedIn()).to.contain('Anna Schmidt');
      expect(failures, 'two requests failed').to.equal(2);
      expect(deepParts(portal.el, 'error')).to.deep.equal([]);
      expect(portal.offersNames()).to.deep.equal(expectedOfferNames(store, { practice: store.practice('physio-berlin')!, customer: store.practice('physio-berlin')!.customers[0]! }));
      expect(portal.events.errors).to.deep.equal([]);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('offline for longer: the network message, then the retry button brings the offers', async () => {
    let offline = true;
    let hits = 0;
    await useMockApi(
      http.get('*/practices/:p', () => {
        if (!offline) return undefined;
        hits++;
        return HttpResponse.error();
      }),
    );
    const page = watchPageErrors();
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'sv' });
      const error = await portal.untilError();
      expect(text(error)).to.contain(catalogs.sv.errorNetwork);
      expect(portal.events.errors.map((e) => e.code)).to.deep.equal(['network']);
      expect(hits).to.equal(3);
      offline = false;
      portal.retryButton()!.click();
      await until(() => portal.signInForm(), 'the sign-in form did not come back');
      await portal.settled();
      expect(portal.offersNames().length).to.be.greaterThan(0);
      expect(portal.error()).to.equal(undefined);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});
