/**
 * The booking steps' logic is a chunk of its own (src/state/checkout-flow.ts). When it cannot be
 * fetched (offline for a moment), "Book" says so in place of the steps, with a retry, fires
 * punchcard-error and throws nothing into the page; the retry opens the steps where the engine
 * fetches a failed module again.
 */
import { expect } from '@open-wc/testing';
import '../../../src/define.ts';
import { http, HttpResponse } from '../helpers/backend.ts';
import { BookingPage, buttons, t, textOf, until } from '../helpers/booking-page.ts';
import { useMockApi } from '../helpers/mock-api.ts';
import { recordEvents, watchPageErrors } from '../helpers/page.ts';

describe('the booking steps cannot be fetched', () => {
  it('"Book" says so with a retry and fires punchcard-error; the retry opens the steps (Chromium)', async () => {
    let offline = true;
    // The module request of the steps' logic (this test file's page has not fetched it yet).
    const flowModule = http.get(/checkout-flow\.ts/, () => (offline ? HttpResponse.error() : undefined));
    await useMockApi(flowModule);
    // The page's requests go through the mock's service worker before the portal asks for the
    // module (a worker that the page before this one left may pass a first request through).
    const moduleUrl = new URL('/src/state/checkout-flow.ts?probe', location.href).href;
    await until(
      async () => (await fetch(moduleUrl).then(() => false, () => true)),
      'the mock service worker does not intercept the module request',
    );
    const page = watchPageErrors();
    try {
      const booking = await BookingPage.open({ token: 'demo-berlin-anna' });
      const events = recordEvents(booking.el);
      booking.bookButton('Massage-Folgetermin').click();
      const alert = () => [...booking.root.querySelectorAll('[part~="error"][role="alert"]')].find((el) => textOf(el).includes(t.errorNetwork));
      await until(alert, () => `no message in place of the steps: "${textOf(booking.root)}"`);
      expect(events.errors.map((e) => e.code)).to.include('network');
      offline = false;
      // A retry ends in the steps or in a new failure (reported again): wait for one of them, not
      // for the message, which stays on screen while the retry is under way.
      const retry = async () => {
        const failures = events.errors.length;
        buttons(alert()!, t.retry)[0]!.click();
        await until(() => booking.checkout() || (events.errors.length > failures && alert()), 'neither the steps nor the message after the retry');
      };
      await retry();
      // Chromium fetches a module again after a failed fetch (a fetch still under way when the
      // connection came back may fail once more: a person clicks "Try again" again). Firefox and
      // WebKit may keep the failure in the page's module map until it is reloaded: then the message
      // comes back — never a blank box, never an exception.
      if (navigator.userAgent.includes('Chrome/')) {
        // Under load the first retries may still meet the dropped fetch: click again, as a person would.
        for (let i = 0; i < 5 && !booking.checkout(); i++) await retry();
        await booking.untilSlotsLoaded();
        expect(booking.checkoutTitle()).to.equal('Massage-Folgetermin');
      }
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});
