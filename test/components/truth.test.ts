/**
 * What the portal says matches what then happens: refusals name the real reason, one amount per
 * booking and what the client pays it with, package states in words and in the theme's colours,
 * the cancellation deadline before booking, and the sign-in form checking what was typed.
 */
import { expect } from '@open-wc/testing';
import { http } from 'msw';
import '../../src/define.ts';
import { API, useMockApi } from './helpers/mock-api.ts';
import { BookingPage, t, textOf, until } from './helpers/booking-page.ts';
import { CreditsPage } from './helpers/credits-page.ts';
import { intl } from './helpers/expected.ts';
import { OffersPage } from './helpers/offers-page.ts';
import { squash } from './helpers/page.ts';
import { PortalPage } from './helpers/portal-page.ts';

const ELSA_CARD = '5-kort klassisk massage 30 min';
const KLIPPKORT = 'Klassisk massage 30 min med klippkort';

/** Books as the same client would from another device: straight at the API, with its own key. */
async function bookElsewhere(token: string, practice: string, chainId: string, start: string): Promise<Response> {
  return fetch(`${API}/practices/${practice}/bookings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ chainId, start, participants: 1 }),
  });
}

describe('the portal tells the truth', () => {
  afterEach(() => sessionStorage.clear());

  it('after the last credit was used elsewhere: reloads the packages, says so, names the package with 0 left', async () => {
    const store = await useMockApi();
    const page = await BookingPage.open({ token: 'demo-stockholm-elsa', practice: 'massage-stockholm' });
    expect(page.metersOf(ELSA_CARD)).to.deep.equal(['1 of 5 appointments left']);
    await page.openCheckout(KLIPPKORT);
    await page.chooseDay(page.freeDays().find((day) => day >= '2026-11-30')!);
    const starts = page.slots().map((slot) => slot.dataset.start!);
    expect(starts.length, 'starts to choose from').to.be.greaterThan(1);
    await page.pickSlot(0);
    expect(page.pay()).to.contain(`your “${ELSA_CARD}”`);
    expect(page.reviewText()).to.contain('afterwards: 0 of 5 appointments left');
    // Meanwhile the last credit goes to another start, booked from the client's phone.
    const other = store.practice('massage-stockholm')!.customers.find((c) => c.id === 'elsa-lindqvist')!;
    const elsewhere = await bookElsewhere('demo-stockholm-elsa', 'massage-stockholm', 'klippkort-massage', starts[1]!);
    expect(elsewhere.status, 'the other booking succeeded').to.equal(201);
    expect(other.packages.find((p) => p.id === 'pkg-s-elsa-5-kort')!.usage.appointments).to.equal(5);

    await page.confirm();
    await until(() => page.alert() !== '', 'no refusal shown');
    // The server said package_required; the portal says which package and why.
    expect(page.alert()).to.equal(t.refusedUsedUp(ELSA_CARD));
    expect(page.reviewText()).to.contain(t.usedUpMeanwhile(ELSA_CARD));
    expect(page.reviewText(), 'no stale "afterwards"').not.to.contain('afterwards: 0 of 5');
    expect(page.reviewText(), 'not the generic sentence').not.to.contain(t.problemPackageRequired);
    expect(page.confirmButton()!.disabled, 'the rules now foresee the refusal').to.equal(true);
    await page.leaveCheckout();
    // Used up, it is no longer among the usable packages of the overview: "My packages" has it.
    expect(page.metersOf(ELSA_CARD), 'not on the overview once used up').to.deep.equal([]);
    await page.showPackages();
    expect(page.metersOf(ELSA_CARD), 'the meter shows the credit now').to.deep.equal(['0 of 5 appointments left']);
  });

  it('an offer paid from a money card says the amount it takes, never a price of 0', async () => {
    await useMockApi();
    const offers = await OffersPage.open({ practice: 'massage-stockholm', token: 'demo-stockholm-maja', locale: 'en' });
    await offers.settled();
    const sek = intl('en', 'SEK').money;
    const offer = offers.offer('Idrottsmassage med kort, avtal eller friskvårdskonto')!;
    expect(offer.text).to.contain(squash(t.payFromBalance(sek(69500), 'Friskvårdskonto 2 500 kr')));
    expect(offer.text).not.to.contain(squash(sek(0)));
  });

  it('in German: the offer that sells a card says its price at the practice, this first visit included', async () => {
    await useMockApi();
    const offers = await OffersPage.open({ practice: 'physio-berlin', token: 'demo-berlin-friedrich', locale: 'de' });
    await offers.settled();
    const offer = offers.offer('10er-Karte Massage – Kauf und erster Termin')!;
    expect(offer.text).to.contain('405,00 € in der Praxis für „10er-Karte Massage“, dieser erste Termin inklusive');
    expect(offer.text, 'no second amount').not.to.contain('450,00');
  });

  it('meters are drawn in the theme: a dark theme gets a dark track and no white bar', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-jonas', locale: 'en' });
    credits.el.style.setProperty('--punchcard-color-track', 'rgb(48, 54, 61)');
    credits.el.style.setProperty('--punchcard-color-accent', 'rgb(88, 166, 255)');
    await credits.settled();
    const meter = credits.el.shadowRoot!.querySelector<HTMLElement>('[part~="credit-meter"] [role="meter"]')!;
    expect(meter, 'a meter drawn by the widget, not a native <meter>').to.exist;
    expect(getComputedStyle(meter).backgroundColor).to.equal('rgb(48, 54, 61)');
    expect(getComputedStyle(meter.querySelector('.fill')!).backgroundColor).to.equal('rgb(88, 166, 255)');
    // 1 of 5 left: the fill is a fifth of the track.
    const fill = meter.querySelector<HTMLElement>('.fill')!.getBoundingClientRect().width;
    expect(fill / meter.clientWidth).to.be.closeTo(0.2, 0.02);
  });

  it('the review says until when the booking can be cancelled online, or that it cannot once booked', async () => {
    await useMockApi();
    const page = await BookingPage.open({ token: 'demo-berlin-anna' });
    await page.openCheckout('Massage-Folgetermin');
    await page.pickSlot(0);
    // Today's first start lies within 24 hours.
    expect(page.deadline()).to.equal(t.cancelNotOnline(24));
    await page.backToSlots();
    await page.chooseDay('2026-11-30');
    const label = await page.pickSlot(0);
    const start = page.reviewStart();
    const deadline = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(start - 24 * 3_600_000);
    expect(page.deadline(), `for ${label}`).to.equal(squash(t.cancelUntil(deadline)));
  });

  it('the sign-in form checks the address and the code before sending, inline and tied to the field', async () => {
    let requests = 0;
    // Counts every sign-in request that reaches the backend, then lets the mock answer it.
    await useMockApi(
      http.post('*/practices/:p/auth/:step', () => {
        requests++;
        return undefined;
      }),
    );
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.settled();
    {
      await portal.submit('anna@');
      const field = portal.field()!;
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const described = portal.signInForm()!.querySelector(`#${field.getAttribute('aria-describedby')}`);
      expect(textOf(described ?? undefined), 'the message is tied to the field').to.equal(t.invalidEmail);
      expect(portal.fieldName(), 'still the email step').to.equal(t.emailLabel);
      await portal.signInByEmail('anna.schmidt@example.com');
      expect(portal.field()!.getAttribute('aria-invalid')).to.equal('false');
      await portal.submit('12345');
      expect(textOf(portal.signInForm()!.querySelector(`#${portal.field()!.getAttribute('aria-describedby')}`) ?? undefined)).to.equal(t.invalidCode);
      expect(portal.fieldName(), 'still the code step').to.equal(t.codeLabel);
      await portal.enterCode('482 913');
      expect(await portal.signedIn()).to.contain('Anna Schmidt');
      expect(requests, 'only the valid address and code were sent').to.equal(2);
    }
  });
});

