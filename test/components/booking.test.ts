/**
 * The booking flow of <punchcard-portal> end to end, against the real mock API handlers
 * in the page's service worker — offers → slot picker → review → confirmation → my bookings →
 * cancel — read and driven as a user does (see helpers/booking-page.ts).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import '../../src/define.ts';
import type { Booking } from '../../src/contract/entities.ts';
import { createHandlers } from '../../mock-api/handlers.ts';
import { problem } from '../../mock-api/problem.ts';
import type { MockStore } from '../../mock-api/store.ts';
import { BookingPage, buttons, deepActiveElement, nameOf, recordBookingEvents, t, textOf, until } from './helpers/booking-page.ts';
import { focusBefore, isFocusFence, typeKeys } from './helpers/page.ts';
import { API, demoCopy, useMockApi, useMockDataset } from './helpers/mock-api.ts';
import { pkg } from '../rules/builders.ts';

const BERLIN = 'Europe/Berlin';
const FOLGETERMIN = 'Massage-Folgetermin';
const MASSAGE_10 = '10er-Karte Massage';
const MASSAGE_5 = '5er-Karte Massage';

const norm = (value: string) => value.replace(/\s+/g, ' ').trim();
/** A label as a screen reader gets it: the full date and time (independent of src/i18n/format.ts). */
const fullLabel = (instant: string) => norm(new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: BERLIN }).format(Date.parse(instant)));
const dayText = (instant: string) => norm(new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: BERLIN }).format(Date.parse(instant)));
const timeText = (instant: string) => norm(new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone: BERLIN }).format(Date.parse(instant)));

function customer(store: MockStore, id: string, practice = 'physio-berlin') {
  const found = store.practice(practice)!.customers.find((c) => c.id === id);
  if (!found) throw new Error(`no customer ${id}`);
  return found;
}

/** The bookings a client has in the mock store now, and those made since `before`. */
const bookingsOf = (store: MockStore, id: string): Booking[] => customer(store, id).bookings;
const newBookings = (store: MockStore, id: string, before: number) => bookingsOf(store, id).slice(before);

/** What the API offers for a week (the expected content of the slot picker). */
async function apiSlots(chainId: string, from: string, to: string, participants = 1): Promise<{ start: string; steps: { serviceId: string; start: string; end: string }[] }[]> {
  const response = await fetch(`${API}/practices/physio-berlin/chains/${chainId}/slots?from=${from}&to=${to}&participants=${participants}`);
  expect(response.status).to.equal(200);
  return ((await response.json()) as { slots: never[] }).slots;
}

/** The demo dataset where Anna holds two cards that both cover a Massage-Folgetermin. */
function annaWithTwoMassageCards() {
  const dataset = demoCopy();
  const anna = dataset.practices[0]!.customers.find((c) => c.id === 'anna-schmidt')!;
  // Expires before the 10er card (2027-09-11): the default pick.
  const fiveCard = pkg({
    id: 'pkg-b-anna-massage-5',
    code: 'PKG-TEST5-AN5KM',
    name: MASSAGE_5,
    packageTypeId: 'massage',
    budget: { maxAppointments: 5, services: [{ serviceId: 'klassische-massage', maxCount: null }, { serviceId: 'fango', maxCount: null }] },
    usage: { appointments: 2, amount: 9000, services: [{ serviceId: 'klassische-massage', count: 2 }] },
    validity: { activation: 'immediate', activatedOn: '2026-10-01', validFrom: '2026-10-01', validUntil: '2027-03-29', durationDays: 180 },
    price: 21000,
  });
  (anna.packages as unknown[]).push(fiveCard);
  return dataset;
}

/** Answers /me at once when the portal loads, but 1.5 s late when it refreshes after a booking or cancellation. */
function slowRefreshOfMe(): RequestHandler {
  let calls = 0;
  return http.get('*/practices/:practiceId/me', async () => {
    if (++calls > 1) await new Promise((resolve) => setTimeout(resolve, 1500));
    return undefined; // on to the real handler
  });
}

/** Presses Tab until the focused element satisfies `predicate` (keyboard only), never past the portal's end. */
async function tabTo(predicate: (el: Element | null) => boolean, what: string, max = 40): Promise<HTMLElement> {
  for (let i = 0; i < max && !isFocusFence(deepActiveElement(), 'end'); i++) {
    if (predicate(deepActiveElement())) return deepActiveElement() as HTMLElement;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}; focus is on "${nameOf(deepActiveElement() ?? document.body)}"`);
}

const isButtonNamed = (name: string) => (el: Element | null) => el instanceof HTMLButtonElement && nameOf(el) === name;

describe('booking in <punchcard-portal>', () => {
  afterEach(() => sessionStorage.clear());

  describe('the whole flow', () => {
    it('a client with two covering packages books with the default, then choosing the other', async () => {
      const store = await useMockDataset(annaWithTwoMassageCards());
      const before = bookingsOf(store, 'anna-schmidt').length;
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      expect(page.metersOf(MASSAGE_5)).to.deep.equal(['3 of 5 appointments left']);
      expect(page.metersOf(MASSAGE_10)).to.deep.equal(['6 of 10 appointments left']);

      // 1. the default: the card that expires first
      await page.openCheckout(FOLGETERMIN);
      expect(page.checkoutTitle()).to.equal(FOLGETERMIN);
      const firstLabel = await page.pickSlot(0);
      const choices = page.packageChoices();
      expect(choices.map((c) => c.name.split(' Code ')[0])).to.have.members([MASSAGE_5, MASSAGE_10]);
      const five = choices.find((c) => c.name.startsWith(MASSAGE_5))!;
      const ten = choices.find((c) => c.name.startsWith(MASSAGE_10))!;
      expect(five.checked, 'the default pick is the card that expires first').to.equal(true);
      expect(ten.checked).to.equal(false);
      expect(five.name).to.contain('Code AN5KM').and.to.contain('afterwards: 2 of 5 appointments left');
      expect(ten.name).to.contain('afterwards: 5 of 10 appointments left');
      expect(page.pay(), 'one sentence: nothing to pay, a visit of the chosen card').to.equal(t.payVisits(1, MASSAGE_5));
      expect(page.amounts(), 'no price next to it that seems owed').to.deep.equal([]);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      expect(page.confirmationText()[0]).to.equal(`${FOLGETERMIN} on ${firstLabel}.`);
      // (Waits: the confirmation first shows the credit from before the booking; see the test of that below.)
      await page.untilConfirmationSays(`${MASSAGE_5}: 2 of 5 appointments left`);
      const [first] = newBookings(store, 'anna-schmidt', before);
      expect(first, 'the first booking reached the server').to.exist;
      expect(first!.packageId).to.equal('pkg-b-anna-massage-5');
      expect(fullLabel(first!.start)).to.equal(firstLabel);
      await page.dismiss();
      await page.showOverview();
      expect(page.metersOf(MASSAGE_5)).to.deep.equal(['2 of 5 appointments left']);
      expect(page.metersOf(MASSAGE_10)).to.deep.equal(['6 of 10 appointments left']);

      // 2. choosing the other card
      await page.openCheckout(FOLGETERMIN);
      const secondLabel = await page.pickSlot(4);
      expect(page.packageChoices().find((c) => c.name.startsWith(MASSAGE_5))!.checked).to.equal(true);
      await page.choosePackage(MASSAGE_10);
      expect(page.packageChoices().find((c) => c.name.startsWith(MASSAGE_5))!.checked).to.equal(false);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      expect(page.confirmationText()[0]).to.equal(`${FOLGETERMIN} on ${secondLabel}.`);
      await page.untilConfirmationSays(`${MASSAGE_10}: 5 of 10 appointments left`);
      const made = newBookings(store, 'anna-schmidt', before);
      expect(made).to.have.length(2);
      expect(made[1]!.packageId).to.equal('pkg-b-anna-massage-10');
      expect(fullLabel(made[1]!.start)).to.equal(secondLabel);
      await page.dismiss();
      await page.showOverview();
      expect(page.metersOf(MASSAGE_5)).to.deep.equal(['2 of 5 appointments left']);
      expect(page.metersOf(MASSAGE_10)).to.deep.equal(['5 of 10 appointments left']);
    });

    // Known defect (reported): PortalStore sets `done` before it has refreshed /me, so the
    // confirmation states the package's credit from before the booking until /me answers — and
    // for good when that refresh fails. A slow /me makes it visible.
    it('the confirmation states the credit left after the booking, never the credit before it', async () => {
      const store = await useMockApi(slowRefreshOfMe());
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.pickSlot(0);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      expect(customer(store, 'anna-schmidt').packages.find((p) => p.id === 'pkg-b-anna-massage-10')!.usage.appointments).to.equal(5);
      expect(page.confirmationText(), 'the credit before the booking').not.to.include(`${MASSAGE_10}: 6 of 10 appointments left`);
      await page.untilConfirmationSays(`${MASSAGE_10}: 5 of 10 appointments left`);
    });

    it('the cancel confirmation states the credit after the return, never the credit before it', async () => {
      await useMockApi(slowRefreshOfMe());
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.showBookings();
      const dialog = await page.askToCancel(page.bookingItem(FOLGETERMIN, 'Nov 26, 2026'));
      await page.confirmCancel(dialog);
      expect(page.confirmationTitle()).to.equal('Cancelled');
      expect(page.confirmationText(), 'the credit before the cancellation').not.to.include(`${MASSAGE_10}: 6 of 10 appointments left`);
      await page.untilConfirmationSays(`${MASSAGE_10}: 7 of 10 appointments left`);
    });

    it('a per-participant group booking costs per participant', async () => {
      const store = await useMockApi();
      const before = bookingsOf(store, 'friedrich-schaefer').length;
      const page = await BookingPage.open({ token: 'demo-berlin-friedrich' });
      await page.openCheckout('Rückenschule – Gruppenkurs (bis 6 Personen)');
      const choices = page.participantChoices();
      expect(choices.map((input) => input.value), 'a participants choice for a group chain, 1 to 6').to.deep.equal(['1', '2', '3', '4', '5', '6']);
      expect(page.participants()).to.equal(1);
      await page.setParticipants(3);
      const label = await page.pickSlot(0);
      expect(page.reviewText()).to.contain('For 3 people');
      // (course 18,00 € + band 9,00 €) × 3, paid at the practice: nothing is paid online
      expect(page.pay()).to.equal(t.payAtPractice('€81.00'));
      expect(page.amounts()).to.deep.equal(['€81.00']);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      const [booking] = newBookings(store, 'friedrich-schaefer', before);
      expect(booking).to.exist;
      expect(booking!.participants).to.equal(3);
      expect(booking!.price).to.deep.equal({ total: 8100, due: 8100, currency: 'EUR' });
      expect(fullLabel(booking!.start)).to.equal(label);
    });

    it('a chain that creates a package shows the new package in the credits afterwards', async () => {
      const store = await useMockApi();
      const before = bookingsOf(store, 'friedrich-schaefer').length;
      const page = await BookingPage.open({ token: 'demo-berlin-friedrich' });
      const start = '10er-Karte Massage – Kauf und erster Termin';
      expect(page.packages()).to.deep.equal([]);
      expect(page.offerNames()).to.include(start).and.not.to.include(FOLGETERMIN);
      await page.openCheckout(start);
      await page.pickSlot(0);
      // the massage (45,00 €) is covered by the card bought with it (405,00 €): one amount, the card's
      expect(page.pay()).to.equal(t.payBuys('€405.00', MASSAGE_10));
      expect(page.amounts()).to.deep.equal(['€405.00']);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      await page.untilConfirmationSays(`${MASSAGE_10}: 9 of 10 appointments left`);
      const [booking] = newBookings(store, 'friedrich-schaefer', before);
      expect(booking!.createdPackage).to.be.a('string').and.to.equal(booking!.packageId);
      await page.dismiss();
      await page.showOverview();
      expect(page.packages().map((p) => p.heading.split(' Code ')[0])).to.deep.equal([MASSAGE_10]);
      expect(page.metersOf(MASSAGE_10)).to.deep.equal(['9 of 10 appointments left']);
      // Holding a usable massage card now: the card is no longer sold, the follow-up is offered.
      expect(page.offerNames()).to.include(FOLGETERMIN).and.not.to.include(start);
    });

    it('a multi-day chain shows every step with its day and time in the review', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      const [slot] = await apiSlots('ruecken-intensiv', '2026-11-24', '2026-11-29');
      await page.openCheckout('Rücken-Intensiv (3 Tage)');
      await page.pickSlot(0);
      const steps = page.steps();
      expect(slot!.steps).to.have.length(4);
      expect(steps).to.have.length(4);
      const names = ['Physiotherapeutischer Erstbefund', 'Manuelle Therapie (MT)', 'Gerätegestützte Krankengymnastik (KGG)', 'Krankengymnastik (KG)'];
      slot!.steps.forEach((step, i) => {
        expect(steps[i], `step ${i + 1}`).to.contain(dayText(step.start)).and.to.contain(timeText(step.start)).and.to.contain(names[i]!);
      });
      expect(new Set(slot!.steps.map((s) => dayText(s.start))).size, 'three days').to.equal(3);
      // The fixed times of days 2 and 3 (17:00 and 08:00) are shown, not the booked start time.
      expect(steps[2]).to.contain('Nov 25, 2026, 5:00 PM');
      expect(steps[3]).to.contain('Nov 26, 2026, 8:00 AM');
      expect(page.stepMarker(), 'several steps are numbered').to.equal('decimal');
    });

    it('a chain of one step shows that step without a list number', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout('Massage-Folgetermin');
      await page.pickSlot(0);
      expect(page.steps()).to.have.length(1);
      expect(page.stepMarker()).to.equal('none');
    });
  });

  describe('the slot picker', () => {
    it("labels every start with its full date and time and shows exactly the API's starts of the chosen day, by part of day", async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      expect(page.currentStep()).to.equal(t.stepDate);
      await page.chooseDay('2026-11-24');
      expect(page.currentStep()).to.equal(t.stepTime);
      expect(page.chosenDay()).to.equal('Tuesday, November 24, 2026');
      const expected = await apiSlots('massage-folgetermin', '2026-11-24', '2026-11-24');
      expect(expected.length).to.be.greaterThan(5);
      expect(page.slotLabels()).to.deep.equal(expected.map((s) => fullLabel(s.start)));
      expect(page.slotLabels()[0]).to.equal('Tuesday, November 24, 2026 at 11:00 AM');
      expect(textOf(page.slots()[0])).to.equal('11:00 AM');
      // Grouped by the practice-local hour: before 12:00, before 17:00, later.
      const hours = expected.map((s) => Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: BERLIN }).format(Date.parse(s.start))));
      const groups = [hours.some((h) => h < 12) && t.morning, hours.some((h) => h >= 12 && h < 17) && t.afternoon, hours.some((h) => h >= 17) && t.evening].filter(Boolean);
      expect(page.timeGroups()).to.deep.equal(groups);
      // Label in Name (WCAG 2.5.3): the visible time is part of the accessible name.
      for (const slot of page.slots()) expect(nameOf(slot), 'the accessible name contains the visible time').to.contain(textOf(slot));
    });

    it("marks exactly the days with the API's free starts, and opens on the month of today with today's cursor on the first free day", async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      expect(page.monthText()).to.equal('November 2026');
      const expected = await apiSlots('massage-folgetermin', '2026-11-24', '2026-11-30');
      const isoDay = (instant: string) => {
        const parts = new Intl.DateTimeFormat('en', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: BERLIN }).formatToParts(Date.parse(instant));
        const part = (type: string) => parts.find((p) => p.type === type)!.value;
        return `${part('year')}-${part('month')}-${part('day')}`;
      };
      const days = [...new Set(expected.map((s) => isoDay(s.start)))];
      expect(page.freeDays()).to.deep.equal(days);
      const cursor = page.days().filter((b) => b.tabIndex === 0);
      expect(cursor.map((b) => b.dataset.day), 'one Tab stop, on the first free day').to.deep.equal([days[0]]);
      expect(page.day('2026-11-23').getAttribute('aria-disabled'), 'a past day').to.equal('true');
      expect(page.day('2026-11-24').getAttribute('aria-current')).to.equal('date');
    });

    it('disables "Previous month" on the current month and "Next month" after the last bookable day', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      expect(page.previousMonthButton().disabled).to.equal(true);
      expect(page.nextMonthButton().disabled).to.equal(false);
      const current = page.freeDays();
      await page.nextMonth();
      expect(page.monthText()).to.equal('December 2026');
      expect(page.previousMonthButton().disabled).to.equal(false);
      expect(page.freeDays()[0]).to.equal('2026-12-01');
      await page.nextMonth();
      expect(page.monthText()).to.equal('January 2027');
      expect(page.nextMonthButton().disabled, 'the last bookable day (today + 60) is in January').to.equal(true);
      expect(page.day('2027-01-24').getAttribute('aria-disabled'), 'after the last bookable day').to.equal('true');
      await page.previousMonth();
      await page.chooseDay('2026-12-01');
      expect(page.slotLabels()[0]).to.equal('Tuesday, December 1, 2026 at 8:00 AM');
      await page.previousMonth();
      expect(page.monthText()).to.equal('November 2026');
      expect(page.previousMonthButton().disabled).to.equal(true);
      expect(page.freeDays()).to.deep.equal(current);
    });

    it('slot_unavailable returns to the slot picker, says why, and shows refreshed slots', async () => {
      let slotRequests = 0;
      const countSlots = http.get('*/practices/:practiceId/chains/:chainId/slots', () => {
        slotRequests++;
        return undefined; // on to the real handler
      });
      const store = await useMockApi(countSlots);
      const before = bookingsOf(store, 'anna-schmidt').length;
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      const [taken] = await apiSlots('massage-folgetermin', '2026-11-24', '2026-11-29');
      const label = await page.pickSlot(0);
      expect(label).to.equal(fullLabel(taken!.start));
      // Meanwhile another client books that very time.
      const end = new Date(Date.parse(taken!.start) + 30 * 60_000).toISOString();
      customer(store, 'jonas-weber').bookings.push({
        id: 'bk-someone-else',
        chainId: 'manuelle-therapie',
        status: 'booked',
        start: taken!.start,
        participants: 1,
        steps: [{ serviceId: 'mt', start: taken!.start, end }],
        packageId: null,
        createdPackage: null,
        price: { total: 4800, due: 4800, currency: 'EUR' },
        bonusEarned: null,
        note: null,
      });
      const requestsBefore = slotRequests;
      await page.confirm();
      await page.untilSlotsLoaded();
      expect(page.isSlotPicker(), 'back in the slot picker').to.equal(true);
      expect(page.alert()).to.equal('This time has just been taken. Please choose another one.');
      expect(slotRequests, 'the slots were loaded again').to.equal(requestsBefore + 1);
      expect(page.slotLabels()).not.to.include(label);
      expect(page.slotLabels().length).to.be.greaterThan(0);
      expect(newBookings(store, 'anna-schmidt', before)).to.deep.equal([]);
    });
  });

  describe('refusals', () => {
    const annaCard = 'pkg-b-anna-massage-10';
    const cases: { title: string; answer: () => Response; sentence: string }[] = [
      {
        title: 'validation_failed',
        answer: () => problem('validation_failed', 'bad', { errors: [{ path: 'body.participants', message: 'must be a whole number' }] }),
        sentence: 'The booking service did not accept the request. Please try again.',
      },
      // `unauthorized` ends the session instead (back to sign-in, checkout kept): session.test.ts.
      { title: 'not_found', answer: () => problem('not_found', 'gone'), sentence: 'This offer or package no longer exists. Please reload the page.' },
      {
        title: 'idempotency_key_reused',
        answer: () => problem('idempotency_key_reused', 'other body'),
        sentence: 'The booking changed while it was being sent. Please confirm it again.',
      },
      {
        title: 'not_bookable_online',
        answer: () => problem('not_bookable_online', 'desk only'),
        sentence: 'This offer cannot be booked online. Please contact the practice.',
      },
      { title: 'too_many_participants', answer: () => problem('too_many_participants', 'too many'), sentence: 'This offer is for at most 1 person.' },
      {
        title: 'package_required',
        answer: () => problem('package_required', 'needs a card'),
        sentence: 'This offer needs a package that you do not hold or that does not cover it.',
      },
      {
        title: 'blocked_by_package',
        answer: () => problem('blocked_by_package', 'blocked'),
        sentence: 'This offer is not available while you hold a usable package of this kind.',
      },
      {
        title: 'package_not_usable',
        answer: () => problem('package_not_usable', 'not usable', { packageId: annaCard }),
        sentence: `Your package “${MASSAGE_10}” cannot be used for this booking.`,
      },
      {
        title: 'budget_exceeded (appointments)',
        answer: () => problem('budget_exceeded', 'short', { packageId: annaCard, criterion: 'appointments', serviceId: null, remaining: 1, required: 2 }),
        sentence: `Your package “${MASSAGE_10}” has 1 appointment left; this booking needs 2.`,
      },
      {
        title: 'budget_exceeded (amount)',
        answer: () => problem('budget_exceeded', 'short', { packageId: annaCard, criterion: 'amount', serviceId: null, remaining: 1500, required: 4500 }),
        sentence: `Your package “${MASSAGE_10}” has €15.00 left; this booking costs €45.00.`,
      },
      {
        title: 'budget_exceeded (service)',
        answer: () =>
          problem('budget_exceeded', 'short', { packageId: annaCard, criterion: 'service', serviceId: 'klassische-massage', remaining: 0, required: 1 }),
        sentence: `Your package “${MASSAGE_10}” has 0 × Klassische Massagetherapie (KMT) left; this booking needs 1.`,
      },
    ];

    for (const { title, answer, sentence } of cases) {
      it(`${title} shows its sentence and keeps the review`, async () => {
        let posted = 0;
        const refuse = http.post('*/practices/:practiceId/bookings', () => {
          posted++;
          return answer();
        });
        const store = await useMockApi(refuse);
        const before = bookingsOf(store, 'anna-schmidt').length;
        const page = await BookingPage.open({ token: 'demo-berlin-anna' });
        await page.openCheckout(FOLGETERMIN);
        await page.pickSlot(0);
        expect(page.alert(), 'nothing foreseen before sending').to.equal('');
        await page.confirm();
        expect(posted).to.equal(1);
        expect(page.alert()).to.equal(sentence);
        expect(textOf(page.checkout()!.querySelector('[role="alert"] [part~="error"]')), 'the sentence is the error part').to.equal(sentence);
        expect(page.isReview(), 'still in the review').to.equal(true);
        expect(page.confirmButton()!.disabled).to.equal(false);
        expect(nameOf(page.confirmButton()!)).to.equal(t.confirm);
        expect(newBookings(store, 'anna-schmidt', before)).to.deep.equal([]);
      });
    }

    it('cancellation_window_passed shows its sentence in the cancel confirmation', async () => {
      const store = await useMockApi(http.post('*/practices/:practiceId/bookings/:bookingId/cancel', () => problem('cancellation_window_passed', 'too late')));
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.showBookings();
      const item = page.bookingItem(FOLGETERMIN, 'Nov 26, 2026');
      const dialog = await page.askToCancel(item);
      await page.confirmCancel(dialog);
      expect(textOf(dialog.querySelector('[role="alert"]'))).to.equal('This booking can no longer be cancelled online. Please contact the practice.');
      expect(page.confirmationTitle(), 'no confirmation').to.equal('');
      expect(bookingsOf(store, 'anna-schmidt').find((b) => b.id === 'bk-b-1004')!.status).to.equal('booked');
    });
  });

  it('a retry after a dropped response sends the same Idempotency-Key and books once', async () => {
    const keys: (string | null)[] = [];
    let store: MockStore | undefined;
    const real = () => createHandlers(store!);
    const dropFirst: RequestHandler = http.post('*/practices/:practiceId/bookings', async ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key'));
      if (keys.length > 1) return undefined; // on to the real handler
      // The server books, but its answer never arrives.
      const response = await getResponse(real(), request.clone());
      expect(response?.status, 'the real handler booked').to.equal(201);
      return HttpResponse.error();
    });
    store = await useMockApi(dropFirst);
    const before = bookingsOf(store, 'anna-schmidt').length;
    const events = recordBookingEvents();
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.pickSlot(0);
      await page.confirm();
      expect(page.alert()).to.equal(t.bookingNetwork);
      expect(nameOf(page.confirmButton()!)).to.equal(t.retryBooking);
      expect(newBookings(store, 'anna-schmidt', before), 'booked on the server, unknown to the client').to.have.length(1);
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      expect(keys).to.have.length(2);
      expect(keys[0]).to.be.a('string').and.not.equal('');
      expect(keys[1], 'the retry carries the same Idempotency-Key').to.equal(keys[0]);
      const made = newBookings(store, 'anna-schmidt', before);
      expect(made, 'exactly one new booking').to.have.length(1);
      expect(events.booked).to.have.length(1);
      expect(events.booked[0]!.detail.booking.id).to.equal(made[0]!.id);
    } finally {
      events.stop();
    }
  });

  describe('my bookings', () => {
    it('cancelling before the window returns the credit', async () => {
      const store = await useMockApi();
      const before = bookingsOf(store, 'anna-schmidt').length;
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      expect(page.metersOf(MASSAGE_10)).to.deep.equal(['6 of 10 appointments left']);
      await page.openCheckout(FOLGETERMIN);
      await page.chooseDay('2026-11-30');
      await page.pickSlot(0); // Mon, Nov 30, 08:00: cancellable until Sun, Nov 29, 08:00
      await page.confirm();
      await page.dismiss();
      await page.showOverview();
      expect(page.metersOf(MASSAGE_10)).to.deep.equal(['5 of 10 appointments left']);

      await page.showBookings();
      const item = await page.untilBookingItem(FOLGETERMIN, 'Nov 30, 2026');
      expect(page.listOf(item)).to.equal(t.upcoming);
      expect(textOf(item)).to.contain('Free cancellation until Sun, Nov 29, 2026, 8:00 AM');
      const dialog = await page.askToCancel(item);
      expect(textOf(dialog)).to.contain('Cancel Massage-Folgetermin on Monday, November 30, 2026 at 8:00 AM?');
      expect(textOf(dialog)).to.contain(`1 appointment will return to your package “${MASSAGE_10}”.`);
      await page.confirmCancel(dialog);
      expect(page.confirmationTitle()).to.equal('Cancelled');
      expect(page.confirmationText()).to.include('Massage-Folgetermin on Monday, November 30, 2026 at 8:00 AM is cancelled.');
      await page.untilConfirmationSays(`${MASSAGE_10}: 6 of 10 appointments left`);
      await page.dismiss();
      await page.showOverview();
      expect(page.metersOf(MASSAGE_10), 'the credit came back').to.deep.equal(['6 of 10 appointments left']);
      await page.showBookings();
      const cancelled = await page.untilBookingItem(FOLGETERMIN, 'Nov 30, 2026', t.statusCancelledBooking);
      expect(page.listOf(cancelled)).to.equal(t.past);
      expect(textOf(cancelled)).to.contain(t.statusCancelledBooking);
      expect(buttons(cancelled).map(nameOf), 'no cancel button').not.to.include(t.cancel);
      expect(newBookings(store, 'anna-schmidt', before).map((b) => b.status)).to.deep.equal(['cancelled']);
    });

    it('after the window offers no cancel button and names no deadline earlier than the booking', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-mehmet' });
      // today 17:00: the deadline (24 h before) passed yesterday at 17:00
      await page.showBookings();
      const late = page.bookingItem('Gerätetraining mit Abo oder Guthaben', 'Nov 24, 2026');
      expect(page.listOf(late)).to.equal(t.upcoming);
      expect(buttons(late).map(nameOf), 'no cancel button').not.to.include(t.cancel);
      expect(textOf(late)).to.contain(t.cancelClosed(24));
      expect(textOf(late), 'a deadline that may lie before the booking was made').not.to.contain('Nov 23');
      // Mon, Nov 30, 18:00 still can be cancelled
      const open = page.bookingItem('Gerätetraining mit Abo oder Guthaben', 'Nov 30, 2026');
      expect(buttons(open).map(nameOf)).to.include(t.cancel);
      expect(textOf(open)).to.contain('Free cancellation until Sun, Nov 29, 2026, 6:00 PM').and.not.to.contain('Can no longer be cancelled');
    });
  });

  it('a reload mid-checkout brings back the chain, the slot and the package chosen', async () => {
    const store = await useMockDataset(annaWithTwoMassageCards());
    const before = bookingsOf(store, 'anna-schmidt').length;
    let page = await BookingPage.open({ token: 'demo-berlin-anna' });
    await page.openCheckout(FOLGETERMIN);
    await page.chooseDay('2026-11-30');
    const label = await page.pickSlot(1);
    await page.choosePackage(MASSAGE_10);
    const steps = page.steps();
    expect(sessionStorage.getItem(`punchcard:checkout:${API}|physio-berlin`)).to.contain('massage-folgetermin');

    page = await page.reopen();
    await until(() => page.isReview(), () => `the checkout did not come back: "${textOf(page.root)}"`);
    expect(page.checkoutTitle()).to.equal(FOLGETERMIN);
    expect(page.steps()).to.deep.equal(steps);
    const choices = page.packageChoices();
    expect(choices.find((c) => c.name.startsWith(MASSAGE_10))!.checked, 'the chosen card').to.equal(true);
    expect(choices.find((c) => c.name.startsWith(MASSAGE_5))!.checked).to.equal(false);
    await page.confirm();
    const [booking] = newBookings(store, 'anna-schmidt', before);
    expect(booking!.packageId).to.equal('pkg-b-anna-massage-10');
    expect(fullLabel(booking!.start)).to.equal(label);
  });

  it('fires punchcard-booked and punchcard-cancelled with the documented details', async () => {
    const store = await useMockApi();
    const before = bookingsOf(store, 'anna-schmidt').length;
    const events = recordBookingEvents();
    try {
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.chooseDay('2026-11-30');
      await page.pickSlot(0);
      await page.confirm();
      const [made] = newBookings(store, 'anna-schmidt', before);
      expect(events.booked).to.have.length(1);
      const booked = events.booked[0]!;
      expect(booked.bubbles && booked.composed, 'bubbles and composed').to.equal(true);
      const { booking } = booked.detail;
      expect(booking.id).to.equal(made!.id);
      expect(booking.chainId).to.equal('massage-folgetermin');
      expect(booking.status).to.equal('booked');
      expect(booking.steps).to.deep.equal(made!.steps);
      expect(booking.steps).to.have.length(1);
      expect(booking.steps[0]!.serviceId).to.equal('klassische-massage');
      expect(events.cancelled).to.have.length(0);

      await page.dismiss();
      const dialog = await page.askToCancel(await page.untilBookingItem(FOLGETERMIN, 'Nov 30, 2026'));
      await page.confirmCancel(dialog);
      expect(events.cancelled).to.have.length(1);
      const cancelled = events.cancelled[0]!;
      expect(cancelled.bubbles && cancelled.composed, 'bubbles and composed').to.equal(true);
      expect(cancelled.detail.booking.id).to.equal(made!.id);
      expect(cancelled.detail.booking.status).to.equal('cancelled');
      expect(events.booked).to.have.length(1);
    } finally {
      events.stop();
    }
  });

  describe('the overview and the tabs', () => {
    it('the overview lists the usable packages, the next appointment and the offers; "My packages" lists all', async () => {
      const store = await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-jonas' });
      expect(page.currentTab()).to.equal(t.tabOverview);
      const jonas = customer(store, 'jonas-weber');
      const all = jonas.packages.filter((p) => p.kind !== 'group');
      const onOverview = page.packages().map((p) => p.heading);
      expect(onOverview.length, 'only the usable ones').to.be.greaterThan(0).and.to.be.lessThan(all.length);
      // The next appointment: the earliest upcoming booking, with the way to all of them.
      await until(() => page.region(t.nextBooking), 'no "next appointment"');
      const next = jonas.bookings.filter((b) => b.status === 'booked' && Date.parse(b.start) > store.nowMs).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0]!;
      expect(textOf(page.region(t.nextBooking))).to.contain(fullLabel(next.start));
      buttons(page.region(t.nextBooking), t.allBookings)[0]!.click();
      await until(() => page.currentTab() === t.tabBookings && page.bookingItems().length > 0, 'the bookings did not show');
      await page.showPackages();
      expect(page.packages().length, 'every package under "My packages"').to.equal(all.length);
    });

    it('the tabs follow the WAI-ARIA pattern: one Tab stop, arrow keys, Home and End show the tab they reach', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      const tabs = () => [...page.root.querySelectorAll<HTMLElement>('[role="tab"]')];
      expect(tabs().map((tab) => textOf(tab))).to.deep.equal([t.tabOverview, t.tabBookings, t.tabPackages]);
      expect(tabs().filter((tab) => tab.tabIndex === 0).map((tab) => textOf(tab)), 'one Tab stop, on the tab shown').to.deep.equal([t.tabOverview]);
      const panel = page.root.querySelector('[role="tabpanel"]')!;
      tabs()[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await until(() => page.currentTab() === t.tabBookings && textOf(deepActiveElement()) === t.tabBookings, 'ArrowRight did not show "My bookings"');
      expect(panel.getAttribute('aria-labelledby')).to.equal(deepActiveElement()!.id);
      await sendKeys({ press: 'End' });
      await until(() => page.currentTab() === t.tabPackages && textOf(deepActiveElement()) === t.tabPackages, 'End did not show "My packages"');
      await sendKeys({ press: 'ArrowRight' });
      await until(() => page.currentTab() === t.tabOverview, 'ArrowRight on the last tab did not wrap to the first');
      await sendKeys({ press: 'ArrowLeft' });
      await until(() => page.currentTab() === t.tabPackages, 'ArrowLeft on the first tab did not wrap to the last');
      await sendKeys({ press: 'Home' });
      await until(() => page.currentTab() === t.tabOverview && page.bookButtons().length > 0, 'Home did not show the overview');
    });
  });

  describe('the steps', () => {
    /** Presses Tab from the checkout's first control (Back) until the focus leaves the checkout; the distinct stops. */
    async function tabStops(page: BookingPage): Promise<string[]> {
      focusBefore(page.el);
      const back = page.checkout()!.querySelector<HTMLElement>('.flow-head button')!;
      back.focus();
      const stops: Element[] = [back];
      for (let i = 0; i < 30; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActiveElement();
        if (!active || !page.checkout()?.contains(active)) break;
        if (!stops.includes(active)) stops.push(active);
      }
      return stops.map((el) => nameOf(el) || el.tagName);
    }

    it('the date and time steps take at most 6 Tab stops, a group chain with its participants too', async () => {
      await useMockApi();
      let page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.chooseDay('2026-11-25');
      const single = await tabStops(page);
      expect(single, `back, next month, the calendar, the times: ${single.join(' | ')}`).to.have.length.within(4, 6);
      expect(single).to.include(t.otherDay).and.to.include(t.nextMonth);
      expect(single.filter((name) => name.startsWith('Wednesday, November 25, 2026 at')), 'the times are one stop').to.have.length(1);
      page.el.remove();
      sessionStorage.clear();
      page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout('Rückenschule – Gruppenkurs (bis 6 Personen)');
      await page.chooseDay(page.freeDays()[0]!);
      const group = await tabStops(page);
      expect(group, `the participants are one stop: ${group.join(' | ')}`).to.have.length.within(5, 6);
    });

    it('the step indicator says where the client is; Back goes one step back, from the calendar to the offers', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      expect(page.currentStep()).to.equal(t.stepDate);
      await page.pickSlot(0);
      expect(page.currentStep()).to.equal(t.stepReview);
      await page.backToSlots();
      expect(page.currentStep()).to.equal(t.stepTime);
      expect(page.chosenDay(), 'the day stays chosen').to.equal('Tuesday, November 24, 2026');
      await page.leaveCheckout();
      expect(page.checkout()).to.equal(null);
    });

    it('a note for the practice: typed in the review with its count, kept on reload, sent with the booking, shown with it; the contact on the confirmation', async () => {
      const store = await useMockApi();
      const before = bookingsOf(store, 'anna-schmidt').length;
      let page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.chooseDay('2026-11-30');
      await page.pickSlot(0);
      const field = () => page.checkout()!.querySelector('textarea')!;
      expect(nameOf(field())).to.equal(t.noteLabel);
      const note = 'Please use little oil.';
      field().focus();
      await typeKeys(note);
      await until(() => textOf(page.checkout()!.querySelector('#note-count')) === t.noteCount(note.length, 500), () => `the count says "${textOf(page.checkout()!.querySelector('#note-count'))}"`);
      page = await page.reopen();
      await until(() => page.isReview() && field().value === note, 'the note did not come back after a reload');
      await page.confirm();
      const [made] = newBookings(store, 'anna-schmidt', before);
      expect(made!.note).to.equal(note);
      expect(page.confirmationText()).to.include(t.yourNote(note));
      const contact = page.confirmation()!.querySelector('address')!;
      expect(textOf(contact)).to.contain('Physiotherapie am Kollwitzplatz').and.to.contain('Kollwitzstraße 12, 10405 Berlin');
      expect([...contact.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
        'tel:+493044051234',
        'mailto:praxis@physio-kollwitzplatz.example',
        'https://physio-kollwitzplatz.example',
      ]);
      await page.dismiss();
      const item = await page.untilBookingItem(FOLGETERMIN, 'Nov 30, 2026');
      expect(textOf(item)).to.contain(t.yourNote(note));
    });

    it('the confirmation offers the booking as a calendar file, and "Done" lands on the new booking with the focus there', async () => {
      const store = await useMockApi();
      const before = bookingsOf(store, 'anna-schmidt').length;
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      await page.pickSlot(0);
      await page.confirm();
      expect(page.currentStep()).to.equal(t.stepDone);
      const [made] = newBookings(store, 'anna-schmidt', before);
      expect(textOf(page.confirmation())).to.contain(`${t.reference}: ${made!.id}`);
      const link = [...page.confirmation()!.querySelectorAll('a')].find((a) => textOf(a) === t.addToCalendar);
      expect(link, 'an "Add to calendar" link').to.exist;
      expect(link!.getAttribute('download')).to.equal(`${made!.id}.ics`);
      const href = link!.getAttribute('href')!;
      expect(href.startsWith('data:text/calendar;charset=utf-8,')).to.equal(true);
      const file = decodeURIComponent(href.slice(href.indexOf(',') + 1));
      expect(file.match(/^BEGIN:VEVENT\r$/gm), 'one event per step').to.have.length(made!.steps.length);
      const utc = (instant: string) => new Date(instant).toISOString().replace(/[-:]/g, '').replace('.000', '');
      expect(file).to.contain(`DTSTART:${utc(made!.steps[0]!.start)}`).and.to.contain(`DTEND:${utc(made!.steps[0]!.end)}`);
      buttons(page.confirmation(), t.done)[0]!.click();
      await until(() => (deepActiveElement() as HTMLElement | null)?.dataset?.bookingId === made!.id, () => `the focus is on "${textOf(deepActiveElement())}", not the new booking`);
    });
  });

  describe('accessibility (axe)', () => {
    it('is clean in every step of booking: calendar, times, review, confirmation', async () => {
      await useMockDataset(annaWithTwoMassageCards());
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout(FOLGETERMIN);
      expect(page.freeDays().length).to.be.greaterThan(0);
      await expect(page.el).to.be.accessible();
      await page.chooseDay(page.freeDays()[0]!);
      expect(page.slots().length).to.be.greaterThan(0);
      await expect(page.el).to.be.accessible();
      await page.pickSlot(0);
      expect(page.packageChoices(), 'the review with its package choice').to.have.length(2);
      await expect(page.el).to.be.accessible();
      await page.confirm();
      expect(page.confirmationTitle()).to.equal('Booked');
      await expect(page.el).to.be.accessible();
    });

    it('is clean in a refusal and in a group checkout with participants', async () => {
      await useMockApi(http.post('*/practices/:practiceId/bookings', () => problem('package_required', 'no')));
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.openCheckout('Rückenschule – Gruppenkurs (bis 6 Personen)');
      await page.setParticipants(2);
      await expect(page.el).to.be.accessible();
      await page.pickSlot(0);
      await page.confirm();
      expect(page.alert()).not.to.equal('');
      await expect(page.el).to.be.accessible();
    });

    it('is clean in my bookings and its cancel confirmation', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-mehmet' });
      await page.showBookings();
      expect(page.bookingItems().length).to.be.greaterThan(1);
      await expect(page.el).to.be.accessible();
      const dialog = await page.askToCancel(page.bookingItem('Gerätetraining mit Abo oder Guthaben', 'Nov 30, 2026'));
      expect(textOf(dialog)).to.contain(t.confirmCancel);
      await expect(page.el).to.be.accessible();
      await page.confirmCancel(dialog);
      expect(page.confirmationTitle()).to.equal('Cancelled');
      await expect(page.el).to.be.accessible();
    });

    // Fails on a reported defect: `.cancelled { opacity: 0.75 }` (portal.styles.ts) fades the
    // muted texts of a cancelled booking to #81888f on white, contrast 3.58:1 (< 4.5:1).
    it('is clean in my bookings listing a cancelled booking', async () => {
      await useMockApi();
      const page = await BookingPage.open({ token: 'demo-berlin-anna' });
      await page.showBookings();
      const cancelled = page.bookingItem(FOLGETERMIN, 'Nov 19, 2026', t.statusCancelledBooking);
      expect(page.listOf(cancelled)).to.equal(t.past);
      await expect(page.el).to.be.accessible();
    });
  });

  it('books with the keyboard only', async () => {
    const store = await useMockApi();
    const before = bookingsOf(store, 'anna-schmidt').length;
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    const [, second] = await apiSlots('massage-folgetermin', '2026-11-24', '2026-11-24');
    // The overview is complete before the keys: "Your next appointment" arrives with the bookings
    // and adds a button above the offers (it failed once in Firefox, tabbing while it came).
    await until(() => page.region(t.nextBooking), 'the overview did not show the next appointment');

    focusBefore(page.el);
    await tabTo(isButtonNamed(t.bookChain(FOLGETERMIN)), `"${t.bookChain(FOLGETERMIN)}"`);
    await sendKeys({ press: 'Enter' });
    await page.untilSlotsLoaded();
    // The calendar is one Tab stop, on the first free day; arrow keys move the focus by days.
    const focusedDay = () => (deepActiveElement() as HTMLElement | null)?.dataset?.day;
    await tabTo((el) => el?.getAttribute('data-day') === '2026-11-24', 'the first free day in the calendar');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => focusedDay() === '2026-11-25', () => `ArrowRight did not move to Nov 25 (on ${focusedDay()})`);
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focusedDay() === '2026-12-02', () => `ArrowDown did not move a week on, into December (on ${focusedDay()})`);
    expect(page.monthText()).to.equal('December 2026');
    await sendKeys({ press: 'PageUp' });
    await until(() => focusedDay() === '2026-11-24', () => `PageUp did not move a month back, to today (on ${focusedDay()})`);
    await sendKeys({ press: 'End' });
    await until(() => focusedDay() === '2026-11-29', () => `End did not move to Sunday (on ${focusedDay()})`);
    await sendKeys({ press: 'Home' });
    await until(() => focusedDay() === '2026-11-24', () => `Home did not move to Monday, held at today (on ${focusedDay()})`);
    await sendKeys({ press: 'Enter' });
    await until(() => page.chosenDay() === 'Tuesday, November 24, 2026' && page.slots().length > 0, 'Enter on a day did not show its times');

    /** Which start has the focus (-1: none). */
    const focusedSlot = () => page.slots().indexOf(deepActiveElement() as HTMLButtonElement);
    const firstSlot = await tabTo((el) => el === page.slots()[0], 'the first start');
    expect(firstSlot.getAttribute('part')).to.equal('slot');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedSlot(), 'the arrow key moves to the next start').to.equal(1);
    expect(nameOf(deepActiveElement()!)).to.equal(fullLabel(second!.start));
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedSlot()).to.equal(0);
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedSlot()).to.equal(1);
    await sendKeys({ press: 'Enter' });
    await until(() => page.isReview(), 'Enter on a start did not open the review');

    await tabTo(isButtonNamed(t.confirm), `"${t.confirm}"`);
    await sendKeys({ press: 'Enter' });
    await until(() => page.confirmation(), () => `not booked: "${textOf(page.root)}"`);
    expect(page.confirmationTitle()).to.equal('Booked');
    const made = newBookings(store, 'anna-schmidt', before);
    expect(made).to.have.length(1);
    expect(made[0]!.start).to.equal(second!.start);
  });
});
