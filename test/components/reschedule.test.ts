/**
 * Changing a booking in <punchcard-portal> (docs/rules.md "Rescheduling", "A package's history"),
 * against the real mock API handlers in the page's service worker, on the demo dataset (now:
 * Tue 2026-11-24 09:00 in Berlin; bookings may be changed until 24 hours before): "Change booking"
 * → the date and time steps → a review with the current and the new time → "Booking moved"; a
 * package's history with "Book again".
 */
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import { BookingPage, deepActiveElement, recordBookingEvents, t, textOf, until } from './helpers/booking-page.ts';
import { held } from './helpers/backend.ts';
import { useMockApi } from './helpers/mock-api.ts';

const FOLGETERMIN = 'Massage-Folgetermin';
const MASSAGE_10 = '10er-Karte Massage';
const BERLIN = 'Europe/Berlin';
const norm = (value: string) => value.replace(/\s+/g, ' ').trim();
const fullLabel = (instant: string) => norm(new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: BERLIN }).format(Date.parse(instant)));

describe('changing a booking in <punchcard-portal>', () => {
  afterEach(() => sessionStorage.clear());

  it('moves a booking paid with a card to another day: the same booking, the card’s credit unchanged, punchcard-rescheduled, Done lands on it', async () => {
    const store = await useMockApi();
    const anna = store.practice('physio-berlin')!.customers.find((c) => c.id === 'anna-schmidt')!;
    const usageBefore = structuredClone(anna.packages[0]!.usage);
    const events = recordBookingEvents();
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.showBookings();
      const item = await page.untilBookingItem(FOLGETERMIN, 'Nov 26, 2026');
      await page.startChange(item);
      expect(page.checkoutTitle()).to.equal(t.changeTitle(FOLGETERMIN));
      expect(page.currentStep()).to.equal(t.stepDate);
      await page.chooseDay('2026-11-30');
      const label = await page.pickSlot(0);
      expect(page.reviewText()).to.contain(t.nowBooked(fullLabel('2026-11-26T10:00:00+01:00')));
      expect(page.pay()).to.equal(t.payVisits(1, MASSAGE_10));
      expect(page.packageChoices(), 'the booking keeps its package: no choice').to.deep.equal([]);
      expect(page.checkout()!.querySelector('textarea'), 'a move sends no note').to.equal(null);
      expect(page.confirmButton()!.textContent!.trim()).to.equal(t.confirmMove);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal(t.movedTitle);
      expect(page.confirmationText()[0]).to.equal(t.movedText(FOLGETERMIN, fullLabel('2026-11-26T10:00:00+01:00'), label));

      const moved = anna.bookings.find((b) => b.id === 'bk-b-1004')!;
      expect(fullLabel(moved.start), 'the same booking moved on the server').to.equal(label);
      expect(anna.bookings.filter((b) => b.status === 'booked').length, 'no booking added').to.equal(3);
      expect(anna.packages[0]!.usage, 'the card is used exactly as before').to.deep.equal(usageBefore);
      expect(events.rescheduled.map((e) => [e.detail.booking.id, e.detail.previousStart])).to.deep.equal([['bk-b-1004', '2026-11-26T10:00:00+01:00']]);
      expect(events.booked).to.deep.equal([]);

      await page.dismiss();
      await until(() => (deepActiveElement() as HTMLElement | null)?.dataset?.bookingId === 'bk-b-1004', 'Done did not land on the moved booking');
      expect(textOf(deepActiveElement()), 'listed at its new day').to.contain('Nov 30, 2026');
    } finally {
      events.stop();
    }
  });

  it('offers the booking’s own time (as if it did not exist), and Back returns to its "Change booking"', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    await page.showBookings();
    const item = await page.untilBookingItem(FOLGETERMIN, 'Nov 26, 2026');
    await page.startChange(item);
    await page.chooseDay('2026-11-26');
    expect(page.slots().map((slot) => slot.getAttribute('aria-label') ?? textOf(slot)).join('|')).to.contain(fullLabel('2026-11-26T10:00:00+01:00'));
    await page.leaveCheckoutTo(t.backToBookings);
    await until(() => textOf(deepActiveElement()) === t.change, 'focus did not return to "Change booking"');
    expect((deepActiveElement()!.closest('[data-booking-id]') as HTMLElement).dataset.bookingId).to.equal('bk-b-1004');
  });

  it('a card that will have expired by the new day: those days are marked with the reason, none can be chosen', async () => {
    const store = await useMockApi();
    // Jonas's 5-visit card is valid until 28 Nov and has one visit left: he books the 27th.
    const jonas = store.practice('physio-berlin')!.customers.find((c) => c.id === 'jonas-weber')!;
    const page = await BookingPage.open({ token: 'demo-berlin-jonas' });
    await page.openCheckout(FOLGETERMIN);
    await page.chooseDay('2026-11-27');
    await page.pickSlot(0);
    await page.confirm();
    expect(page.confirmationTitle()).to.equal(t.bookedTitle);
    await page.dismiss();
    const item = await page.untilBookingItem(FOLGETERMIN, 'Nov 27, 2026');
    await page.startChange(item);
    // The card's last visit is this booking's: it still pays on the 25th (returned first), not after the 28th.
    expect(page.freeDays()).to.include('2026-11-25');
    const after = page.day('2026-11-30');
    expect(after.classList.contains('unpayable'), 'the 30th is marked as one the card cannot pay for').to.equal(true);
    expect(after.title).to.contain('5er-Karte Massage');
    expect(page.freeDays().filter((day) => day > '2026-11-28')).to.deep.equal([]);
    expect(jonas.bookings.filter((b) => b.status === 'booked').length).to.equal(3);
  });

  it('a booking inside its window has no "Change booking"', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-berlin-mehmet' });
    await page.showBookings();
    // Today 17:00: eight hours away, inside the 24-hour window.
    const today = await page.untilBookingItem('Nov 24, 2026');
    expect(page.changeButton(today)).to.equal(undefined);
    expect(page.cancelButton(today)).to.equal(undefined);
    const later = page.bookingItem('Nov 30, 2026');
    expect(page.changeButton(later)).to.not.equal(undefined);
  });
});

describe('a package’s history in <punchcard-portal>', () => {
  afterEach(() => sessionStorage.clear());

  it('lists the bookings that used the package, upcoming and past, with what each took; Book again opens that chain', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    await page.showPackages();
    await until(() => page.packages().length > 0, 'no packages');
    await page.openHistory(MASSAGE_10);
    await until(() => (deepActiveElement() as HTMLElement | null)?.id === 'history-title', 'the history heading did not get the focus');
    // The client's bookings load after sign-in; the history lists them once they are here.
    await until(() => page.historyItems().length === 3, () => `the history lists ${JSON.stringify(page.historyItems().map((i) => i.text))}`);
    const items = page.historyItems();
    expect(items.map((item) => [item.list, ['November 26, 2026', 'November 10, 2026', 'September 15, 2026'].findIndex((day) => item.text.includes(day))])).to.deep.equal([
      [t.upcoming, 0],
      [t.past, 1],
      [t.past, 2],
    ]);
    expect(items.every((item) => item.text.includes(t.appointmentsCount(1))), 'each took one visit').to.equal(true);
    expect(items.some((item) => item.text.includes('November 19, 2026')), 'the cancelled booking took nothing').to.equal(false);
    // The card's first booking sold it; its chain is not offered while the card is usable.
    expect(items.find((item) => item.text.includes('September 15, 2026'))!.bookAgain).to.equal(undefined);
    const again = items.find((item) => item.text.includes('November 26, 2026'))!.bookAgain!;
    again.click();
    await page.untilSlotsLoaded();
    expect(page.checkoutTitle()).to.equal(FOLGETERMIN);
  });

  it('while the bookings are still loading it says so, not that no booking used the package', async () => {
    const bookings = held('*/practices/:practiceId/bookings');
    await useMockApi(bookings.handler);
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.showPackages();
      await until(() => page.packages().length > 0, 'no packages');
      await page.openHistory(MASSAGE_10);
      const region = page.historyRegion()!;
      expect(textOf(region.querySelector('[role="status"]'))).to.equal(t.loading);
      expect(textOf(region)).to.not.contain(t.historyEmpty);
      bookings.release();
      await until(() => page.historyItems().length === 3, 'the history did not fill in once the bookings arrived');
    } finally {
      bookings.release();
    }
  });

  it('back from the history: the package’s history button has the focus', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    await page.showPackages();
    await until(() => page.packages().length > 0, 'no packages');
    await page.openHistory(MASSAGE_10);
    const back = [...page.historyRegion()!.querySelectorAll('button')].find((b) => textOf(b) === t.tabPackages)!;
    back.click();
    await until(() => textOf(deepActiveElement()) === t.historyShow, 'focus did not return to the package');
    expect((deepActiveElement()!.closest('[data-package-id]') as HTMLElement).dataset.packageId).to.equal('pkg-b-anna-massage-10');
  });
});
