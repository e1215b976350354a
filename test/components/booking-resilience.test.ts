/**
 * The portal keeps the client oriented when things go sideways: failed loads keep their place with
 * a retry, late answers never land in the wrong checkout, the review and the cancel confirmation
 * only state what is true, and the keyboard focus never falls back to the page's start.
 * Against the real mock API handlers in the page's service worker, with failures injected.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.ts';
import { problem } from '../../mock-api/problem.ts';
import { BookingPage, buttons, deepActiveElement, nameOf, t, textOf, until } from './helpers/booking-page.ts';
import { useMockApi } from './helpers/mock-api.ts';

const FOLGETERMIN = 'Massage-Folgetermin';
const MASSAGE_10 = '10er-Karte Massage';

/** Collects the punchcard-error events a host page hears. */
function recordErrors() {
  const codes: string[] = [];
  const listener = (event: Event) => codes.push((event as CustomEvent<{ code: string }>).detail.code);
  document.addEventListener('punchcard-error', listener);
  return { codes, stop: () => document.removeEventListener('punchcard-error', listener) };
}

/** The sentence of the part="error" inside `root`, without its retry button ('' when none). */
const errorText = (root: ParentNode | null) => textOf(root?.querySelector('[part~="error"] p') ?? null);

describe('booking in <punchcard-portal> when things go sideways', () => {
  it('the booking steps stand alone; the review says the credit afterwards; leaving them shows the credit unchanged', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    expect(page.metersOf(MASSAGE_10)).to.deep.equal(['6 of 10 appointments left']);
    await page.openCheckout(FOLGETERMIN);
    expect(page.isSlotPicker()).to.equal(true);
    // On a phone the calendar comes first, not below the client's packages.
    expect(page.creditsRoot(), 'the packages make way for the steps').to.equal(null);
    await page.pickSlot(0);
    expect(page.isReview()).to.equal(true);
    expect(page.reviewText()).to.contain(t.leftAfter('5 of 10 appointments left'));
    await page.leaveCheckout();
    expect(page.metersOf(MASSAGE_10)).to.deep.equal(['6 of 10 appointments left']);
  });

  it('a failed load of the bookings keeps its section with the message and a retry that works', async () => {
    let failing = true;
    await useMockApi(http.get('*/practices/:practiceId/bookings', () => (failing ? HttpResponse.error() : undefined)));
    const errors = recordErrors();
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.showBookings();
      await until(() => errorText(page.bookingsRegion()) !== '', () => `no message in the bookings section: "${textOf(page.bookingsRegion())}"`);
      expect(errorText(page.bookingsRegion())).to.equal(t.errorNetwork);
      expect(errors.codes).to.include('network');
      failing = false;
      buttons(page.bookingsRegion(), t.retry)[0]!.click();
      await until(() => page.bookingItems().length > 0, 'the retry did not bring the bookings');
      expect(errorText(page.bookingsRegion())).to.equal('');
    } finally {
      errors.stop();
    }
  });

  it('a failed refresh of the credits after booking shows no stale credit, says so, and a retry brings the new credit', async () => {
    let meCalls = 0;
    let failing = false;
    await useMockApi(
      http.get('*/practices/:practiceId/me', () => {
        meCalls += 1;
        return failing ? HttpResponse.error() : undefined;
      }),
    );
    const errors = recordErrors();
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.chooseDay('2026-11-30');
      await page.pickSlot(0);
      failing = true;
      await page.confirm();
      expect(page.confirmationTitle()).to.equal(t.bookedTitle);
      expect(meCalls).to.be.greaterThan(1);
      // The credit before the booking would be wrong now; nothing is better than that.
      expect(page.confirmationText().join(' ')).not.to.contain(`${MASSAGE_10}:`).and.not.to.match(/of 10 appointments left/);
      expect(errors.codes).to.include('network');
      buttons(page.confirmation(), t.done)[0]!.click();
      await until(() => errorText(page.bookingsRegion()) === t.errorNetwork, () => `the bookings section does not say what failed: "${textOf(page.bookingsRegion())}"`);
      failing = false;
      buttons(page.bookingsRegion(), t.retry)[0]!.click();
      // Waits for the state it asserts: the new credit and the message gone (the bookings reload after /me).
      await until(
        () => errorText(page.bookingsRegion()) === '' && page.bookingsRegion()!.querySelectorAll('[part~="booking"]').length > 0,
        () => `the message stayed or the bookings did not come back: "${errorText(page.bookingsRegion())}"`,
      );
      await page.showOverview();
      expect(page.metersOf(MASSAGE_10), 'the credit was refreshed').to.deep.equal(['5 of 10 appointments left']);
    } finally {
      errors.stop();
    }
  });

  it('a slot query that fails is reported to the host page and says what is missing', async () => {
    await useMockApi(http.get('*/practices/:practiceId/chains/:chainId/slots', () => problem('not_found', 'chain gone')));
    const errors = recordErrors();
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      page.bookButton(FOLGETERMIN).click();
      await until(() => errorText(page.checkout()) !== '', 'the slot picker shows no message');
      expect(errorText(page.checkout())).to.contain(t.problemNotFound);
      expect(errorText(page.checkout())).not.to.contain(t.errorPracticeNotFound);
      await until(() => errors.codes.includes('not_found'), `no punchcard-error not_found: ${errors.codes}`);
    } finally {
      errors.stop();
    }
  });

  it('a late answer for another chain never replaces the slots of the checkout on screen', async () => {
    let slowChain: string | null = null;
    await useMockApi(
      http.get('*/practices/:practiceId/chains/:chainId/slots', async ({ params }) => {
        if (params.chainId === slowChain) await new Promise((resolve) => setTimeout(resolve, 700));
        return undefined;
      }),
    );
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    const [first, second] = page.offerNames();
    const firstId = page.offersRoot()!.querySelector(`[part~="offer"]`)!.getAttribute('data-chain-id');
    slowChain = firstId;
    page.bookButton(first!).click();
    await until(() => page.checkout(), 'no checkout');
    buttons(page.checkout(), t.backToOffers)[0]!.click();
    await until(() => page.bookButtons().length > 0, 'the offers did not come back');
    await page.openCheckout(second!);
    const secondDays = page.freeDays();
    expect(secondDays.length, 'the second chain has free days').to.be.greaterThan(0);
    // The first chain's answer arrives now; the second checkout must not change.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(page.checkoutTitle()).to.equal(second);
    expect(page.freeDays()).to.deep.equal(secondDays);
  });

  it('after idempotency_key_reused, confirming again sends a new key and books', async () => {
    const keys: (string | null)[] = [];
    await useMockApi(
      http.post('*/practices/:practiceId/bookings', ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        return keys.length === 1 ? problem('idempotency_key_reused', 'that key was used for another booking') : undefined;
      }),
    );
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    await page.openCheckout(FOLGETERMIN);
    await page.pickSlot(0);
    await page.confirm();
    expect(page.alert()).to.equal(t.problemKeyReused);
    await page.confirm();
    expect(page.confirmationTitle()).to.equal(t.bookedTitle);
    expect(keys).to.have.length(2);
    expect(keys[1], 'a fresh key').to.be.a('string').and.not.equal(keys[0]);
  });

  it('days the package cannot pay for say why and offer no start', async () => {
    await useMockApi();
    // Jonas's 5er-Karte Massage ends on Sat, Nov 28: next week no card of his can pay a Folgetermin.
    const page = await BookingPage.open({ token: 'demo-berlin-jonas' });
    await page.openCheckout(FOLGETERMIN);
    expect(page.freeDays().length, 'this month has free days').to.be.greaterThan(0);
    expect(page.freeDays().filter((day) => day > '2026-11-28'), 'no free day after the card ends').to.deep.equal([]);
    const why = t.refusedUntil('5er-Karte Massage', 'Nov 28, 2026');
    expect(nameOf(page.day('2026-11-29'))).to.equal(`Sunday, November 29, 2026: ${why}`);
    expect(nameOf(page.day('2026-11-30'))).to.equal(`Monday, November 30, 2026: ${why}`);
    expect(page.day('2026-11-30').getAttribute('aria-disabled')).to.equal('true');
    await page.nextMonth();
    expect(page.freeDays(), 'no day the card cannot pay').to.deep.equal([]);
    expect(page.days().filter((day) => nameOf(day).endsWith(why)).length, 'each day says why').to.equal(31);
    // The focused day says why in words too, not only in its name.
    expect(textOf(page.checkout()!.querySelector('#day-note'))).to.equal(why);
    expect(textOf(page.checkout())).not.to.contain(t.problemPackageRequired).and.not.to.contain(t.noSlots);
  });

  it('the cancel confirmation says what comes back in the unit the package counts: money for a money card', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-stockholm-maja', practice: 'massage-stockholm' });
    await page.showBookings();
    const item = page.bookingItem('Dec 1, 2026');
    const dialog = await page.askToCancel(item);
    const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'SEK' }).format(695).replace(/\s+/g, ' ');
    expect(textOf(dialog)).to.contain(`${money} will return to your package “Friskvårdskonto 2 500 kr”.`);
    expect(textOf(dialog)).not.to.contain('appointment');
  });

  describe('the keyboard focus', () => {
    it('goes back to the Book button of the chain when the checkout closes, not to the page', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      const other = page.offerNames().find((name) => name !== page.offerNames()[0])!;
      await page.openCheckout(other);
      await page.backToOffers();
      await until(() => nameOf(deepActiveElement()!) === t.bookChain(other), () => `the focus is on "${nameOf(deepActiveElement()!)}"`);
    });

    it('goes to the first answer when a cancellation asks for confirmation, and back to its button on "Keep booking"', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-mehmet' });
      await page.showBookings();
      const item = page.bookingItem('Gerätetraining mit Abo oder Guthaben', 'Nov 30, 2026');
      const dialog = await page.askToCancel(item);
      await until(() => nameOf(deepActiveElement()!) === t.confirmCancel, () => `the focus is on "${nameOf(deepActiveElement()!)}"`);
      buttons(dialog, t.keepBooking)[0]!.click();
      await until(() => nameOf(deepActiveElement()!) === t.cancel, () => `the focus is on "${nameOf(deepActiveElement()!)}"`);
      expect(deepActiveElement()!.closest('[data-booking-id]')).to.equal(page.bookingItem('Gerätetraining mit Abo oder Guthaben', 'Nov 30, 2026'));
    });
  });
});
