import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.ts';
import { BookingPage, t as en, textOf, until } from './helpers/booking-page.ts';
import { useMockApi } from './helpers/mock-api.ts';
import { PortalPage } from './helpers/portal-page.ts';

/** A token refused in the middle of booking: back to sign-in, and the checkout is not lost. */
describe('a session that ends mid-flow', () => {
  it('returns to sign-in on a 401 while booking, then restores the checkout after signing in again', async () => {
    let expired = false;
    const store = await useMockApi(
      http.post('*/practices/:p/bookings', () =>
        expired
          ? HttpResponse.json(
              { type: 'about:blank', status: 401, code: 'unauthorized', title: 'Sign-in required', detail: 'expired' },
              { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
            )
          : undefined,
      ),
    );
    const anna = store.practice('physio-berlin')!.customers.find((c) => c.tokens.includes('demo-berlin-anna'))!;
    const booking = await BookingPage.open({ token: 'demo-berlin-anna' });
    await booking.openCheckout('Massage-Folgetermin');
    const slot = await booking.pickSlot(1);
    const steps = booking.steps();
    expired = true;
    booking.confirmButton()!.click();

    const portal = new PortalPage(booking.el);
    await until(() => portal.signInForm(), () => `no sign-in form after the 401: "${textOf(booking.root)}"`);
    expect(textOf(booking.root)).to.contain(en.sessionEnded);
    const before = anna.bookings.length;

    expired = false;
    await portal.signInByEmail(anna.email);
    await portal.enterCode(anna.loginCode!);
    await until(() => booking.isReview(), () => `the checkout did not come back: "${textOf(booking.root)}"`);
    expect(booking.steps()).to.deep.equal(steps);
    await booking.confirm();
    expect(booking.confirmation(), 'booked after signing in again').to.exist;
    expect(anna.bookings.length).to.equal(before + 1);
    // The very slot chosen before the session ended.
    const time = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(Date.parse(anna.bookings.at(-1)!.start));
    expect(slot).to.contain(time);
  });
});
