/**
 * Signing in to <punchcard-portal> by emailed code (pointer and keyboard), wrong codes,
 * the lock after five, signing out, and a session token from the host page.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.ts';
import { catalogs } from './helpers/i18n.ts';
import { customerOf, expectedOfferNames, shownPackages } from './helpers/expected.ts';
import { http } from 'msw';
import { API, useMockApi } from './helpers/mock-api.ts';
import { deepActiveElement, describeNode, focusBefore, nameOf, text, typeKeys, until } from './helpers/page.ts';
import { PortalPage } from './helpers/portal-page.ts';
import { MAX_CODE_REQUESTS } from '../../mock-api/store.ts';
import { BookingPage } from './helpers/booking-page.ts';

const en = catalogs.en;

describe('<punchcard-portal> sign-in', () => {
  afterEach(() => sessionStorage.clear());
  it('signs in with the emailed code: event with the customer, "Signed in as …", credits and their offers', async () => {
    const store = await useMockApi();
    const { practice, customer: anna } = customerOf(store, 'physio-berlin', 'anna-schmidt');
    const bubbled: CustomEvent[] = [];
    const onDocument = (event: Event) => bubbled.push(event as CustomEvent);
    document.addEventListener('punchcard-signed-in', onDocument);
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
      await portal.settled();
      expect(portal.fieldName()).to.equal(en.emailLabel);
      expect(describeNode(portal.credits()?.el), 'no credits before signing in').to.equal('nothing');

      await portal.signInByEmail(anna.email);
      expect(portal.fieldName()).to.equal(en.codeLabel);
      expect(portal.signInForm()!.textContent).to.contain(en.codeSent(anna.email));
      expect(portal.events.signedIn).to.have.length(0);

      await portal.enterCode(anna.loginCode!);
      expect(await portal.signedIn()).to.contain(`Signed in as ${anna.displayName}`);
      expect(describeNode(portal.signInForm()), 'the sign-in form is gone').to.equal('nothing');
      expect(portal.events.signedIn).to.have.length(1);
      expect(portal.events.signedIn[0]!.customer).to.deep.equal({ id: anna.id, displayName: anna.displayName, email: anna.email });
      expect(bubbled, 'punchcard-signed-in bubbles out of the element (composed)').to.have.length(1);
      expect(bubbled[0]!.bubbles && bubbled[0]!.composed).to.be.true;
      expect(portal.offersNames()).to.deep.equal(expectedOfferNames(store, { practice, customer: anna }));
      expect(text(portal.offers()!.el.shadowRoot!), 'signed in, "Book" instead').not.to.contain(en.signInToBook);
      await portal.showTab('My packages');
      expect(portal.packages()).to.have.length(shownPackages(anna).length);
    } finally {
      document.removeEventListener('punchcard-signed-in', onDocument);
    }
  });

  it('accepts the address in any letter case', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'massage-stockholm', locale: 'en' });
    await portal.signIn('Elsa.Lindqvist@Example.SE', '193847');
    expect(await portal.signedIn()).to.contain('Elsa Lindqvist');
  });

  it('says a wrong code is wrong (role alert), keeps the code field and focuses it again', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('anna.schmidt@example.com');
    await portal.enterCode('000000');
    expect(portal.alert()).to.equal(en.wrongCode);
    const alerts = [...portal.signInForm()!.querySelectorAll('[role="alert"]')];
    expect(alerts.some((alert) => alert.textContent!.includes(en.wrongCode)), 'the message is in a role="alert"').to.be.true;
    expect(portal.fieldName()).to.equal(en.codeLabel);
    expect(portal.field()!.disabled).to.be.false;
    expect(portal.root.activeElement === portal.field(), `focus is back in the code field, not on ${describeNode(deepActiveElement())}`).to.be.true;
    expect(describeNode(portal.account())).to.equal('nothing');
    expect(portal.events.signedIn).to.have.length(0);

    // …and the right code still works afterwards.
    await portal.enterCode('482913');
    expect(await portal.signedIn()).to.contain('Anna Schmidt');
  });

  it('after five wrong codes the sixth attempt says there were too many, even with the right code', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('jonas.weber@example.com');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await portal.enterCode(`10000${attempt}`);
      expect(portal.alert(), `attempt ${attempt}`).to.equal(en.wrongCode);
    }
    await portal.enterCode('615204');
    expect(portal.alert()).to.equal(en.tooManyAttempts);
    expect(describeNode(portal.account())).to.equal('nothing');
    expect(portal.events.signedIn).to.have.length(0);
  });

  it('after too many code requests for an address it says when to try again, not that codes were wrong', async () => {
    await useMockApi();
    // The address asked for codes elsewhere (another tab, another device) up to the limit.
    for (let i = 0; i < MAX_CODE_REQUESTS; i++) {
      const response = await fetch(`${API}/practices/physio-berlin/auth/code`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'anna.schmidt@example.com' }) });
      expect(response.status).to.equal(202);
    }
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.settled();
    await portal.signInByEmail('anna.schmidt@example.com');
    expect(portal.alert()).to.equal(catalogs.en.tooManyCodeRequests(15));
    expect(portal.fieldName(), 'the address can be corrected').to.equal(catalogs.en.emailLabel);
    // Another address is not limited.
    await portal.signInByEmail('jonas.weber@example.com');
    expect(portal.fieldName()).to.equal(catalogs.en.codeLabel);
  });

  it('never tells whether an address is a client: an unknown address also gets the code step', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('nobody@example.com');
    expect(portal.fieldName()).to.equal(en.codeLabel);
    expect(portal.alert()).to.equal('');
    await portal.enterCode('482913');
    expect(portal.alert()).to.equal(en.wrongCode);
  });

  it("signs out back to the sign-in form and the visitor's offers; the backend revoked the token", async () => {
    const tokens: (string | null)[] = [];
    const store = await useMockApi(
      http.post('*/practices/:p/auth/signout', ({ request }) => {
        tokens.push(request.headers.get('Authorization'));
        return undefined; // on to the real handler
      }),
    );
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signIn('anna.schmidt@example.com', '482913');
    const practice = store.practice('physio-berlin')!;
    const visitor = expectedOfferNames(store, { practice, customer: null });
    const anna = expectedOfferNames(store, customerOf(store, 'physio-berlin', 'anna-schmidt'));
    expect(portal.offersNames()).to.deep.equal(anna);
    expect(anna, 'signing out must visibly change the offers').not.to.deep.equal(visitor);

    await portal.signOut();
    expect(describeNode(portal.account())).to.equal('nothing');
    expect(portal.fieldName()).to.equal(en.emailLabel);
    expect(describeNode(portal.credits()?.el)).to.equal('nothing');
    expect(portal.offersNames()).to.deep.equal(visitor);
    expect(portal.root.activeElement === portal.field(), `focus goes to the email field, not to ${describeNode(deepActiveElement())}`).to.be.true;
    expect(portal.events.signedOut, 'punchcard-signed-out').to.deep.equal([{}]);
    await until(() => tokens.length === 1, 'the portal did not ask the backend to revoke the token');
    const [authorization] = tokens;
    expect(authorization).to.match(/^Bearer pct_/);
    const me = await fetch(`${API}/practices/physio-berlin/me`, { headers: { Authorization: authorization! } });
    expect(me.status, 'the token no longer works').to.equal(401);
  });

  it('a saved checkout belongs to its client: dropped on sign-out, never shown to the next client of the tab', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signIn('anna.schmidt@example.com', '482913');
    const page = new BookingPage(portal.el);
    await page.openCheckout('Massage-Folgetermin');
    await page.pickSlot(0);
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('punchcard:checkout:'));
    expect(key, 'the checkout is saved').to.be.a('string');
    const annas = sessionStorage.getItem(key!)!;
    await portal.signOut();
    expect(sessionStorage.getItem(key!), 'dropped on sign-out').to.equal(null);

    // Had Anna's session ended instead, her checkout would still be saved: Jonas signs in next.
    sessionStorage.setItem(key!, annas);
    await portal.signIn('jonas.weber@example.com', '615204');
    expect(page.checkout(), "Anna's checkout is not shown to Jonas").to.equal(null);
    expect(page.bookButtons().length, 'Jonas sees the offers').to.be.greaterThan(0);
    expect(sessionStorage.getItem(key!), 'and it is gone').to.equal(null);
  });

  it('keeps the token from the page: no property of the element, its store or its client holds it', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signIn('anna.schmidt@example.com', '482913');
    const seen = new WeakSet<object>();
    const found: string[] = [];
    // Every value reachable through own properties, as a host script could walk them.
    const walk = (value: unknown, path: string, depth: number): void => {
      if (typeof value === 'string' && value.startsWith('pct_')) found.push(path);
      if (depth === 0 || value === null || typeof value !== 'object' || seen.has(value) || value instanceof Node) return;
      seen.add(value);
      for (const key of Object.getOwnPropertyNames(value)) walk((value as Record<string, unknown>)[key], `${path}.${key}`, depth - 1);
    };
    const stores = (portal.el as unknown as { stores: unknown }).stores;
    walk(stores, 'portal.stores', 6);
    walk((stores as { store: unknown }).store, 'portal.stores.store', 6);
    expect(found, 'the token is readable at').to.deep.equal([]);
    expect(JSON.stringify(sessionStorage)).not.to.contain('pct_');
  });

  it('signs in with the keyboard only: Tab, type, Enter; focus moves to the code field', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.settled();
    focusBefore(portal.el);

    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement() === portal.field(), `Tab reaches the email field first, not ${describeNode(deepActiveElement())}`).to.be.true;
    expect(nameOf(portal.root.activeElement!)).to.equal(en.emailLabel);
    await typeKeys('anna.schmidt@example.com');
    await sendKeys({ press: 'Enter' });

    await until(() => portal.root.activeElement && nameOf(portal.root.activeElement) === en.codeLabel, 'focus did not move to the code field');
    expect(portal.root.activeElement === portal.field(), describeNode(deepActiveElement())).to.be.true;
    await typeKeys('482913');
    await sendKeys({ press: 'Enter' });
    expect(await portal.signedIn()).to.contain('Signed in as Anna Schmidt');
    expect(portal.events.signedIn).to.have.length(1);
  });

  it('a visitor\'s "Sign in to book" on an offer moves the focus to the sign-in form, whatever its step', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.settled();
    const toSignIn = () => [...(portal.offers()?.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('button') ?? [])].filter((b) => text(b) === en.signInToBook);
    const focused = () => describeNode(deepActiveElement());
    expect(toSignIn(), 'one on every offer').to.have.length(portal.offersNames().length);
    toSignIn().at(-1)!.click();
    expect(deepActiveElement() === portal.field(), focused()).to.be.true;
    expect(nameOf(deepActiveElement()!)).to.equal(en.emailLabel);

    await portal.signInByEmail('jonas.weber@example.com');
    (deepActiveElement() as HTMLElement | null)?.blur();
    toSignIn()[0]!.click();
    expect(nameOf(deepActiveElement()!), focused()).to.equal(en.codeLabel);

    for (let attempt = 1; attempt <= 6; attempt++) await portal.enterCode(`10000${attempt}`);
    expect(portal.alert()).to.equal(en.tooManyAttempts);
    toSignIn()[0]!.click();
    expect(nameOf(deepActiveElement()!), focused()).to.equal(en.newCode);
  });

  it('"Request a new code" goes back to the email step with the address kept', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
    await portal.signInByEmail('anna.schmidt@example.com');
    const [again] = [...portal.signInForm()!.querySelectorAll('button')].filter((b) => b.textContent!.trim() === en.newCode);
    expect(again, `a "${en.newCode}" button`).to.exist;
    again!.click();
    await until(() => portal.fieldName() === en.emailLabel, 'not back at the email step');
    expect(portal.field()!.value).to.equal('anna.schmidt@example.com');
  });
});

describe('<punchcard-portal token>', () => {
  it('is signed in directly with a token from the host page', async () => {
    const store = await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    expect(await portal.signedIn()).to.contain('Signed in as Anna Schmidt');
    expect(describeNode(portal.signInForm())).to.equal('nothing');
    const { customer } = customerOf(store, 'physio-berlin', 'anna-schmidt');
    await portal.showTab('My packages');
    expect(portal.packages()).to.have.length(shownPackages(customer).length);
  });

  it('shows the sign-in form saying the session has ended for a token the backend refuses', async () => {
    const store = await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'expired-or-made-up-token', locale: 'en' });
    await portal.settled();
    expect(describeNode(portal.account())).to.equal('nothing');
    expect(portal.signInForm(), 'the sign-in form').to.exist;
    expect(portal.fieldName()).to.equal(en.emailLabel);
    expect(portal.alert()).to.equal(en.sessionEnded);
    expect(portal.offersNames(), "a visitor's offers").to.deep.equal(expectedOfferNames(store, { practice: store.practice('physio-berlin')!, customer: null }));
    // Signing in again clears the message.
    await portal.signIn('anna.schmidt@example.com', '482913');
    expect(portal.alert()).to.equal('');
  });

  it('signs in when the host page sets the token property later', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'massage-stockholm', locale: 'en' });
    await portal.settled();
    expect(portal.fieldName()).to.equal(en.emailLabel);
    (portal.el as HTMLElement & { token?: string }).token = 'demo-stockholm-oskar';
    expect(await portal.signedIn()).to.contain('Signed in as Oskar Nilsson');
  });

  it('refuses a token of another practice', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'demo-stockholm-elsa', locale: 'en' });
    await portal.settled();
    expect(describeNode(portal.account())).to.equal('nothing');
    expect(portal.alert()).to.equal(en.sessionEnded);
  });
});

describe('<punchcard-portal> sign-in after a session ended', () => {
  it('says a wrong code is wrong, not that the session ended', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', token: 'expired-or-made-up-token', locale: 'en' });
    await portal.settled();
    expect(portal.alert()).to.equal(en.sessionEnded);
    await portal.signInByEmail('anna.schmidt@example.com');
    expect(portal.fieldName()).to.equal(en.codeLabel);
    await portal.enterCode('000000');
    expect(portal.alert()).to.equal(en.wrongCode);
  });
});
