/**
 * Axe finds no violation in any state of the portal, every control is reachable by Tab,
 * at 320px the portal does not scroll sideways, and in a host's flex row it keeps its width.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.ts';
import { bare500, held, http } from './helpers/backend.ts';
import { catalogs } from './helpers/i18n.ts';
import { useMockApi } from './helpers/mock-api.ts';
import { byRole, deepActiveElement, deepElements, focusBefore, interactiveControls, isFocusFence, nameOf, text } from './helpers/page.ts';
import { PortalPage } from './helpers/portal-page.ts';
import { BookingPage } from './helpers/booking-page.ts';

const en = catalogs.en;

/** Presses Tab from just before the portal and returns every element that received focus, in order. */
async function tabThrough(portal: PortalPage, limit: number): Promise<Element[]> {
  focusBefore(portal.el);
  const visited: Element[] = [];
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActiveElement();
    if (isFocusFence(active, 'end')) break;
    if (active && active !== document.body) visited.push(active);
  }
  return visited;
}

async function expectAllReachableByTab(portal: PortalPage) {
  const controls = interactiveControls(portal.el);
  expect(controls.length, 'interactive controls').to.be.greaterThan(0);
  const visited = await tabThrough(portal, controls.length + 3);
  const missed = controls.filter((control) => !visited.includes(control));
  expect(missed.map((control) => `${control.tagName.toLowerCase()} "${nameOf(control)}"`), 'not reachable by Tab').to.deep.equal([]);
}

describe('accessibility of <punchcard-portal>', () => {
  it('loading: a status line (never a blank box), and no axe violation', async () => {
    const hold = held('*/practices/:p');
    await useMockApi(hold.handler);
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(portal.isLoading(), 'still loading').to.be.true;
      const [status] = byRole(portal.el, 'status');
      expect(text(status)).to.equal(en.loading);
      await expect(portal.el).to.be.accessible();
    } finally {
      hold.release();
    }
  });

  it('error: no axe violation', async () => {
    await useMockApi(http.get('*/practices/:p', bare500));
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.untilError();
    await expect(portal.el).to.be.accessible();
    await expectAllReachableByTab(portal);
  });

  it('sign-in, email step: no axe violation, every control reachable by Tab', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.settled();
    expect(portal.fieldName()).to.equal(en.emailLabel);
    await expect(portal.el).to.be.accessible();
    await expectAllReachableByTab(portal);
  });

  it('sign-in, code step: no axe violation, every control reachable by Tab', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('anna.schmidt@example.com');
    expect(portal.fieldName()).to.equal(en.codeLabel);
    await expect(portal.el).to.be.accessible();
    await expectAllReachableByTab(portal);
  });

  it('sign-in, wrong code: no axe violation', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('anna.schmidt@example.com');
    await portal.enterCode('000000');
    expect(portal.alert()).to.equal(en.wrongCode);
    await expect(portal.el).to.be.accessible();
  });

  it('sign-in, too many wrong codes: no axe violation, every control reachable by Tab', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('anna.schmidt@example.com');
    for (let i = 0; i < 6; i++) await portal.enterCode('000000');
    expect(portal.alert()).to.equal(en.tooManyAttempts);
    await expect(portal.el).to.be.accessible();
    await expectAllReachableByTab(portal);
  });

  for (const [practice, token] of [
    ['physio-berlin', 'demo-berlin-anna'],
    ['massage-stockholm', 'demo-stockholm-maja'],
  ] as const) {
    const signedIn = async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice, token, locale: 'en' });
      await portal.signedIn();
      expect(portal.packages().length).to.be.greaterThan(0);
      expect(portal.meters().length).to.be.greaterThan(0);
      expect(portal.offersNames().length).to.be.greaterThan(0);
      return portal;
    };

    it(`signed in with credits and offers (${token}): no axe violation`, async () => {
      await expect((await signedIn()).el).to.be.accessible();
    });

    it(`signed in with credits and offers (${token}): every control reachable by Tab`, async () => {
      await expectAllReachableByTab(await signedIn());
    });
  }

  describe('in the dark theme of demo/themes/night.css', () => {
    let link: HTMLLinkElement;
    before(async () => {
      link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/demo/themes/night.css' });
      const loaded = new Promise((resolve, reject) => {
        link.addEventListener('load', resolve);
        link.addEventListener('error', reject);
      });
      document.head.append(link);
      await loaded;
    });
    after(() => link.remove());

    const night = async (attributes: Parameters<typeof PortalPage.open>[0]) => {
      await useMockApi();
      const portal = await PortalPage.open(attributes);
      portal.el.classList.add('night');
      expect(getComputedStyle(portal.el).backgroundColor, 'the dark theme applies').to.equal('rgb(13, 17, 23)');
      return portal;
    };

    for (const token of ['demo-berlin-mehmet', 'demo-berlin-lena', 'demo-berlin-jonas']) {
      it(`signed in with usable and muted packages (${token}): no axe violation`, async () => {
        const portal = await night({ practice: 'physio-berlin', token, locale: 'en' });
        await portal.signedIn();
        await expect(portal.el).to.be.accessible();
      });
    }

    it('sign-in with an address refused before sending: no axe violation', async () => {
      const portal = await night({ practice: 'physio-berlin', locale: 'en' });
      await portal.settled();
      await portal.submit('anna@');
      expect(portal.field()!.getAttribute('aria-invalid')).to.equal('true');
      await expect(portal.el).to.be.accessible();
    });

    it('every booking step, with package choices, and the confirmation: no axe violation', async () => {
      const portal = await night({ practice: 'physio-berlin', token: 'demo-berlin-lena', locale: 'en' });
      const page = new BookingPage(portal.el);
      await portal.signedIn();
      await page.openCheckout(page.offerNames()[0]!);
      await expect(portal.el).to.be.accessible();
      await page.chooseDay(page.freeDays()[0]!);
      await expect(portal.el).to.be.accessible();
      await page.pickSlot(0);
      await expect(portal.el).to.be.accessible();
      await page.confirm();
      expect(page.confirmationTitle()).to.equal(en.bookedTitle);
      await expect(portal.el).to.be.accessible();
    });

    it('moving a booking (its steps and "Booking moved") and a package’s history: no axe violation', async () => {
      const portal = await night({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      const page = new BookingPage(portal.el);
      await portal.signedIn();
      await page.showBookings();
      await page.startChange(await page.untilBookingItem('Massage-Folgetermin', 'Nov 26, 2026'));
      await expect(portal.el).to.be.accessible();
      await page.chooseDay('2026-11-30');
      await page.pickSlot(0);
      await expect(portal.el).to.be.accessible();
      await page.confirm();
      expect(page.confirmationTitle()).to.equal(en.movedTitle);
      await expect(portal.el).to.be.accessible();
      await page.dismiss();
      await page.showPackages();
      await page.openHistory('10er-Karte Massage');
      await expect(portal.el).to.be.accessible();
    });

    it('the calendar with days the card cannot pay for, and the review: no axe violation', async () => {
      const portal = await night({ practice: 'physio-berlin', token: 'demo-berlin-jonas', locale: 'en' });
      const page = new BookingPage(portal.el);
      await portal.signedIn();
      await page.openCheckout('Massage-Folgetermin');
      await expect(portal.el).to.be.accessible();
      await page.pickSlot(0);
      await expect(portal.el).to.be.accessible();
    });
  });

  // Windows' high-contrast mode: the page's colours give way to the system's few. Emulated where
  // the engine can (Chromium); the other engines skip these tests, saying why.
  describe('in forced colours (high contrast)', () => {
    before(async function () {
      if (!(await executeServerCommand('emulate-forced-colors', { active: true }))) this.skip();
      expect(matchMedia('(forced-colors: active)').matches, 'forced colours are on').to.equal(true);
    });
    after(() => executeServerCommand('emulate-forced-colors', { active: false }));

    const colour = (el: Element | null | undefined, property: 'backgroundColor' | 'borderTopColor') => getComputedStyle(el!)[property];

    it('the overview, every booking step and the confirmation: no axe violation, and what matters stays visible', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-lena', locale: 'en' });
      const page = new BookingPage(portal.el);
      await portal.signedIn();
      await expect(portal.el).to.be.accessible();
      // A meter keeps its outline, and what is left is filled in another colour than the track.
      const meter = portal.credits()!.el.shadowRoot!.querySelector('[role="meter"]');
      expect(getComputedStyle(meter!).borderTopStyle, 'the meter has an outline').to.not.equal('none');
      expect(colour(meter?.querySelector('.fill'), 'backgroundColor'), 'the fill stands out from the track').to.not.equal(colour(meter, 'backgroundColor'));
      expect(getComputedStyle(page.bookButtons()[0]!).borderTopStyle, 'a button keeps its outline').to.not.equal('none');

      await page.openCheckout(page.offerNames()[0]!);
      await expect(portal.el).to.be.accessible();
      // A day with free starts looks different from one without.
      const free = page.days().find((day) => day.getAttribute('aria-disabled') === 'false');
      const none = page.days().find((day) => day.getAttribute('aria-disabled') === 'true');
      expect(colour(free, 'backgroundColor'), 'a free day stands out').to.not.equal(colour(none, 'backgroundColor'));
      await page.chooseDay(page.freeDays()[0]!);
      await expect(portal.el).to.be.accessible();
      await page.pickSlot(0);
      await expect(portal.el).to.be.accessible();
      await page.confirm();
      expect(page.confirmationTitle()).to.equal(en.bookedTitle);
      await expect(portal.el).to.be.accessible();
    });
  });

  // A common host layout: the widget beside the site's sidebar in a flex row, where an element
  // without a width of its own is as wide as its content.
  describe("in a host page's flex row, beside a sidebar", () => {
    it('keeps the width the row leaves it through the booking steps, with the calendar beside the times', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      await portal.signedIn();
      const row = portal.el.parentElement!;
      row.style.cssText = 'display: flex; gap: 16px; inline-size: 1000px';
      const sidebar = document.createElement('nav');
      sidebar.style.cssText = 'flex: none; inline-size: 200px';
      row.prepend(sidebar);
      const width = () => portal.el.getBoundingClientRect().width;
      expect(width(), 'the overview').to.be.closeTo(784, 0.5);
      const page = new BookingPage(portal.el);
      page.bookButton('Massage-Folgetermin').click();
      await page.untilSlotsLoaded();
      expect(width(), 'the calendar').to.be.closeTo(784, 0.5);
      await page.chooseDay(page.freeDays()[0]!);
      expect(width(), 'the times').to.be.closeTo(784, 0.5);
      expect(page.grid()!.checkVisibility(), 'the calendar beside the times').to.equal(true);
      await page.pickSlot(0);
      expect(width(), 'the review').to.be.closeTo(784, 0.5);
    });
  });

  // A phone-sized space. The widget has no viewport media queries (the host page decides its
  // width), so a 320px wide element is a 320px wide phone for it — in every engine, whereas
  // setting the viewport needs a browser-specific command that WebDriver does not have.
  describe('in a 320px wide space', () => {
    const noOverflow = (portal: PortalPage) => {
      portal.el.style.inlineSize = '320px';
      const host = portal.el.getBoundingClientRect();
      expect(host.width).to.equal(320);
      expect(portal.el.scrollWidth, 'the widget scrolls sideways').to.be.at.most(portal.el.clientWidth);
      const wide = deepElements(portal.el).filter((node) => {
        const box = node.getBoundingClientRect();
        return box.width > 0 && (box.right > host.right + 0.5 || box.left < host.left - 0.5);
      });
      expect(wide.map((node) => `${node.tagName.toLowerCase()} "${text(node).slice(0, 40)}"`), 'elements reaching past the edges').to.deep.equal([]);
    };

    it('signed in with long names, notes and meters', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-sabine', locale: 'de' });
      await portal.signedIn();
      noOverflow(portal);
    });

    it('signed in, Stockholm', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'massage-stockholm', token: 'demo-stockholm-maja' });
      await portal.signedIn();
      noOverflow(portal);
    });

    it('every booking step: no sideways scroll, and every target at least 44 × 44 px', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      await portal.signedIn();
      portal.el.style.inlineSize = '320px';
      const page = new BookingPage(portal.el);
      const targets = () =>
        [...page.root.querySelectorAll<HTMLElement>('.checkout button, .checkout .segmented span, .checkout .choice, .done button, .done a')].filter((el) => el.checkVisibility());
      const small = () =>
        targets()
          .filter((el) => el.getBoundingClientRect().width < 43.99 || el.getBoundingClientRect().height < 43.99)
          .map((el) => `${el.tagName.toLowerCase()} "${text(el)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
      page.bookButton('Massage-Folgetermin').click();
      await page.untilSlotsLoaded();
      noOverflow(portal);
      expect(small(), 'the calendar').to.deep.equal([]);
      await page.chooseDay(page.freeDays()[0]!);
      noOverflow(portal);
      expect(page.grid()!.checkVisibility(), 'at 320 px the times replace the calendar').to.equal(false);
      expect(small(), 'the times').to.deep.equal([]);
      await page.pickSlot(0);
      noOverflow(portal);
      expect(small(), 'the review').to.deep.equal([]);
      await page.confirm();
      noOverflow(portal);
      expect(small(), 'the confirmation').to.deep.equal([]);
    });

    it('moving a booking and a package’s history: no sideways scroll, targets of 44 × 44 px, the tabs in one row', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
      await portal.signedIn();
      portal.el.style.inlineSize = '320px';
      const page = new BookingPage(portal.el);
      const tops = () => new Set([...page.root.querySelectorAll('[role="tab"]')].map((tab) => Math.round(tab.getBoundingClientRect().top)));
      expect(tops().size, 'the tabs stand in one row').to.equal(1);
      const small = (selector: string) =>
        [...page.root.querySelectorAll<HTMLElement>(selector)]
          .filter((el) => el.checkVisibility() && (el.getBoundingClientRect().width < 43.99 || el.getBoundingClientRect().height < 43.99))
          .map((el) => `${el.tagName.toLowerCase()} "${text(el)}"`);
      await page.showBookings();
      await page.untilBookingItem('Massage-Folgetermin', 'Nov 26, 2026');
      noOverflow(portal);
      expect(small('.my-bookings button'), 'my bookings').to.deep.equal([]);
      await page.startChange(page.bookingItem('Massage-Folgetermin', 'Nov 26, 2026'));
      await page.chooseDay('2026-11-30');
      await page.pickSlot(0);
      noOverflow(portal);
      expect(small('.checkout button'), 'the review of the move').to.deep.equal([]);
      await page.leaveCheckoutTo(en.backToBookings);
      await page.showPackages();
      await page.openHistory('10er-Karte Massage');
      noOverflow(portal);
      expect(small('.history button'), 'the history').to.deep.equal([]);
    });

    it('sign-in form with an error message', async () => {
      await useMockApi();
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'it' });
      await portal.signInByEmail('anna.schmidt@example.com');
      await portal.enterCode('000000');
      noOverflow(portal);
    });

    it('error', async () => {
      await useMockApi(http.get('*/practices/:p', bare500));
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'de' });
      await portal.untilError();
      noOverflow(portal);
    });
  });
});
