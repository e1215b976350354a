/**
 * <punchcard-credits> inside a portal and alone shows each package (name, short code,
 * status, validity, note), one meter per limited budget with the remaining credits from the
 * dataset, the package used first, and the bonus with its expiry warning.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import type { DatasetCustomer, DatasetPractice } from '../../src/contract/dataset.ts';
import { MockStore } from '../../mock-api/store.ts';
import { CreditsPage } from './helpers/credits-page.ts';
import { catalogs } from './helpers/i18n.ts';
import { customerOf, expectedBonus, expectedUsedFirst, intl } from './helpers/expected.ts';
import { demoDataset, useMockApi, useMockDataset } from './helpers/mock-api.ts';
import { PortalPage } from './helpers/portal-page.ts';
import { describeNode, squash } from './helpers/page.ts';

const en = catalogs.en;
const withPackages = new MockStore(demoDataset).dataset.practices.flatMap((practice) =>
  practice.customers.filter((customer) => customer.packages.length > 0).map((customer) => ({ practice, customer })),
);

const eur = intl('en', 'EUR').money;
const sek = intl('en', 'SEK').money;

/**
 * What a client of the demo reads on each package on its "today" (Tue, Nov 24, 2026), written out
 * by hand from the dataset and the rules in docs/rules.md: its state in words, its meters, and
 * whether it is usable (coloured, listed first) or not (muted, grouped after). Group packages are
 * not shown. The order is the order each client sees.
 */
const DEMO: Record<string, { id: string; state: string; meters: string[]; usable: boolean }[]> = {
  'anna-schmidt': [{ id: 'pkg-b-anna-massage-10', state: 'Active · Valid until Sep 11, 2027', meters: ['6 of 10 appointments left'], usable: true }],
  'jonas-weber': [
    { id: 'pkg-b-jonas-massage-5', state: 'Active · Valid until Nov 28, 2026', meters: ['1 of 5 appointments left'], usable: true },
    // Its only service has the same limit as the appointments: one meter, not two.
    { id: 'pkg-b-jonas-kg-november', state: 'Active · Valid until Feb 17, 2027', meters: ['5 of 6 appointments left'], usable: true },
    { id: 'pkg-b-jonas-kg-juli', state: 'Used up', meters: ['0 of 6 appointments left'], usable: false },
  ],
  'mehmet-yilmaz': [
    { id: 'pkg-b-mehmet-geraete', state: 'Active · Valid until Jan 2, 2027', meters: [], usable: true },
    { id: 'pkg-b-mehmet-massage-alt', state: 'Expired on May 1, 2026', meters: ['2 of 5 appointments left'], usable: false },
  ],
  'lena-hoffmann': [
    { id: 'pkg-b-lena-geschenk', state: 'Not used yet · Valid until Nov 19, 2027', meters: [`${eur(5000)} of ${eur(5000)} left`], usable: true },
    { id: 'pkg-b-lena-geraete', state: 'Not used yet · Starts with your first booking, then valid for 90 days', meters: [], usable: true },
    { id: 'pkg-b-lena-wertguthaben', state: 'Active · No expiry date', meters: [`${eur(1500)} of ${eur(5000)} left`], usable: true },
    { id: 'pkg-b-lena-massage-10', state: 'Cancelled', meters: [], usable: false },
  ],
  'paul-becker': [{ id: 'pkg-b-paul-flatrate', state: 'Not active yet · The practice still has to activate it', meters: [], usable: false }],
  'sabine-krueger': [
    {
      id: 'pkg-b-sabine-ruecken-fit',
      state: 'Active · Valid until Feb 22, 2027',
      meters: ['Manuelle Therapie (MT): 2 of 3 left', 'Krankengymnastik (KG): 4 of 6 left'],
      usable: true,
    },
  ],
  'elsa-lindqvist': [{ id: 'pkg-s-elsa-5-kort', state: 'Active · Valid until Aug 27, 2027', meters: ['1 of 5 appointments left'], usable: true }],
  'oskar-nilsson': [
    { id: 'pkg-s-oskar-yogakort', state: 'Active · Valid until Apr 3, 2027', meters: ['4 of 10 appointments left'], usable: true },
    { id: 'pkg-s-oskar-manadskort-aug', state: 'Closed', meters: [], usable: false },
  ],
  'maja-andersson': [
    { id: 'pkg-s-maja-friskvard', state: 'Active · Valid until Jan 14, 2027', meters: [`${sek(111000)} of ${sek(250000)} left`], usable: true },
    {
      id: 'pkg-s-maja-valmaende',
      state: 'Active · Valid until Apr 7, 2027',
      meters: ['Klassisk massage 60 min: 2 of 3 left', 'Hot stone-massage 75 min: 0 of 1 left'],
      usable: true,
    },
    { id: 'pkg-s-maja-manadskort', state: 'Not used yet · Starts with your first booking, then valid for 30 days', meters: [], usable: true },
  ],
  'erik-johansson': [{ id: 'pkg-s-erik-foretagsavtal', state: 'Active · No expiry date', meters: [], usable: true }],
  'ingrid-hakansson': [
    { id: 'pkg-s-ingrid-5-kort-2025', state: 'Used up', meters: ['0 of 5 appointments left'], usable: false },
    { id: 'pkg-s-ingrid-idrott-10', state: 'Not active yet · The practice still has to activate it', meters: ['10 of 10 appointments left'], usable: false },
  ],
  'lars-oberg': [{ id: 'pkg-s-lars-yogakort', state: 'Cancelled', meters: [], usable: false }],
};

/** Every shown package, in order, with its state, meters and grouping, against the table above. */
function expectCredits({ customer }: { practice: DatasetPractice; customer: DatasetCustomer }, credits: CreditsPage) {
  const expected = DEMO[customer.id];
  expect(expected, `the table lists ${customer.id}`).to.exist;
  const views = credits.packages();
  expect(views.map((view) => view.element.dataset.packageId), 'the packages shown, usable ones first').to.deep.equal(expected!.map((pkg) => pkg.id));
  for (const [index, want] of expected!.entries()) {
    const pkg = customer.packages.find((p) => p.id === want.id)!;
    const view = views[index]!;
    expect(view.heading).to.contain(pkg.name).and.to.contain(pkg.code.slice(-5));
    expect(view.heading, 'only the short code, not the whole code').not.to.contain(pkg.code);
    expect(squash(view.element.querySelector('.meta')?.textContent ?? ''), `state of ${pkg.id}`).to.equal(want.state);
    if (pkg.customerNote) expect(view.text).to.contain(pkg.customerNote);
    expect(view.meters.map((m) => m.text), `meters of ${pkg.id}`).to.deep.equal(want.meters.map(squash));
    for (const meter of view.meters) {
      expect(meter.min).to.equal(0);
      expect(meter.name, 'the meter is named by its text').to.equal(meter.text);
      expect(meter.value).to.be.at.most(meter.max);
    }
    expect(view.text.includes(en.unlimited), `"${en.unlimited}" on ${pkg.id}`).to.equal(want.usable && want.meters.length === 0);
    expect(view.text.includes(en.usedFirst), `"${en.usedFirst}" on ${pkg.id}`).to.equal(want.usable && index === 0);
    // Usable packages are coloured, the others muted: the fill of a meter takes another colour.
    const fill = view.element.querySelector('.fill');
    if (fill) {
      expect(getComputedStyle(fill).backgroundColor, `fill of ${pkg.id}`).to.equal(want.usable ? 'rgb(11, 92, 173)' : 'rgb(87, 96, 106)');
    }
  }
  const firstOther = expected!.findIndex((pkg) => !pkg.usable);
  if (firstOther >= 0) {
    const heading = views[firstOther]!.element.closest('ul')!.previousElementSibling;
    expect(squash(heading?.textContent ?? ''), 'the packages that cannot be used are grouped under a heading').to.equal(en.otherPackages);
  }
  for (const pkg of customer.packages.filter((p) => p.kind === 'group')) {
    expect(describeNode(credits.package(pkg.code.slice(-5))?.element), `group package ${pkg.name} is not shown`).to.equal('nothing');
  }
}

describe('<punchcard-credits>', () => {
  it('has demo clients with every kind of budget to show', () => {
    const store = new MockStore(demoDataset);
    const all = withPackages.flatMap(({ customer }) => customer.packages);
    expect(all.some((p) => p.budget.maxAppointments != null)).to.be.true;
    expect(all.some((p) => p.budget.maxAmount != null)).to.be.true;
    expect(all.some((p) => p.budget.services?.some((s) => s.maxCount !== null))).to.be.true;
    expect(all.some((p) => p.kind === 'group')).to.be.true;
    expect(withPackages.filter((c) => expectedUsedFirst(store, c.practice, c.customer) === null).length, 'clients with no usable package').to.be.greaterThan(0);
    expect(Object.keys(DEMO).sort(), 'the table covers every demo client with packages').to.deep.equal(withPackages.map((c) => c.customer.id).sort());
  });

  for (const client of withPackages) {
    const name = `${client.practice.practice.id}: ${client.customer.id}`;
    it(`inside the portal: ${name}`, async () => {
      const store = await useMockApi();
      const portal = await PortalPage.open({ practice: client.practice.practice.id, token: client.customer.tokens[0], locale: 'en' });
      await portal.signedIn();
      await portal.showTab('My packages');
      expectCredits(customerOf(store, client.practice.practice.id, client.customer.id), portal.credits()!);
    });

    it(`alone with a token: ${name}`, async () => {
      const store = await useMockApi();
      const credits = await CreditsPage.open({ practice: client.practice.practice.id, token: client.customer.tokens[0], locale: 'en' });
      await credits.settled();
      expectCredits(customerOf(store, client.practice.practice.id, client.customer.id), credits);
    });
  }

  it('shows "6 of 10 appointments left" on a meter at 6 of 10 for Anna, her card used first', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    await credits.settled();
    const [card] = credits.packages();
    expect(card!.heading).to.contain('10er-Karte Massage').and.to.contain('9QX4M');
    expect(card!.text).to.contain('Used first').and.to.contain('Active').and.to.contain('Bitte mit wenig Öl massieren');
    expect(card!.meters).to.have.length(1);
    expect(card!.meters[0]).to.include({ text: '6 of 10 appointments left', value: 6, max: 10 });
  });

  it('shows one meter per limited service of a package and none for unlimited ones', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-sabine', locale: 'en' });
    await credits.settled();
    const pkg = credits.package('2PL5V')!;
    expect(pkg.meters.map((m) => [m.value, m.max])).to.deep.equal([
      [2, 3],
      [4, 6],
    ]);
    expect(pkg.meters.map((m) => m.text)).to.deep.equal(['Manuelle Therapie (MT): 2 of 3 left', 'Krankengymnastik (KG): 4 of 6 left']);
  });

  it('treats null budget limits as "not limited", as docs/decisions.md lets a backend send them', async () => {
    const dataset = structuredClone(demoDataset) as { practices: DatasetPractice[] };
    const anna = dataset.practices[0]!.customers.find((c) => c.id === 'anna-schmidt')!;
    anna.packages[0]!.budget = { maxAppointments: 10, maxAmount: null, services: null };
    await useMockDataset(dataset);
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    await credits.settled();
    expect(credits.error(), 'no error').to.equal(undefined);
    expect(credits.package('9QX4M')!.meters.map((m) => m.text)).to.deep.equal(['6 of 10 appointments left']);
  });

  it('shows an amount budget as money of the practice', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-lena', locale: 'de' });
    await credits.settled();
    const [meter] = credits.package('4WQ8D')!.meters;
    expect(meter).to.include({ value: 1500, max: 5000 });
    expect(meter!.text).to.equal(squash(catalogs.de.amountLeft(intl('de', 'EUR').money(1500), intl('de', 'EUR').money(5000))));
    expect(meter!.text).to.contain('15,00 €').and.to.contain('50,00 €');
  });

  it("shows Anna's bonus balance and warns about the points that expire within 14 days", async () => {
    const store = await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-anna', locale: 'en' });
    await credits.settled();
    const bonus = credits.bonus();
    expect(bonus, 'a region named "Bonus"').to.exist;
    expect(bonus!.text).to.contain('340 points');
    expect(bonus!.text).to.contain('120 points expire on Dec 1, 2026.');
    expect(bonus!.text, 'points expiring in March are not warned about yet').not.to.contain('80 points');
    const { practice, customer } = customerOf(store, 'physio-berlin', 'anna-schmidt');
    const expected = expectedBonus(store, practice, customer, en, 'en');
    expect(expected.warnings).to.deep.equal(['120 points expire on Dec 1, 2026.']);
  });

  it("warns about the Stockholm stamps that expire soon, in Swedish by default", async () => {
    const store = await useMockApi();
    const credits = await CreditsPage.open({ practice: 'massage-stockholm', token: 'demo-stockholm-elsa' });
    await credits.settled();
    const { practice, customer } = customerOf(store, 'massage-stockholm', 'elsa-lindqvist');
    const expected = expectedBonus(store, practice, customer, catalogs.sv, 'sv');
    expect(expected.warnings).to.have.length(1);
    const bonus = credits.bonus()!;
    expect(bonus.text).to.contain(expected.balance);
    for (const warning of expected.warnings) expect(bonus.text).to.contain(warning);
    for (const quiet of expected.notWarned) expect(bonus.text).not.to.contain(quiet);
  });

  it('does not warn when nothing expires within the warning window', async () => {
    const store = await useMockApi();
    const credits = await CreditsPage.open({ practice: 'massage-stockholm', token: 'demo-stockholm-maja', locale: 'en' });
    await credits.settled();
    const { practice, customer } = customerOf(store, 'massage-stockholm', 'maja-andersson');
    const expected = expectedBonus(store, practice, customer, en, 'en');
    expect(expected.warnings).to.deep.equal([]);
    const bonus = credits.bonus()!;
    expect(bonus.text).to.contain('1,250 points');
    expect(bonus.text).not.to.contain('expire');
  });

  it('shows no bonus for a client without a bonus account', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-jonas', locale: 'en' });
    await credits.settled();
    expect(describeNode(credits.bonus()?.element)).to.equal('nothing');
  });

  it('says so for a client without packages', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', token: 'demo-berlin-friedrich', locale: 'en' });
    await credits.settled();
    expect(credits.packages()).to.have.length(0);
    expect(credits.el.shadowRoot!.textContent).to.contain(en.noPackages);
  });

  it('asks a visitor to sign in when alone without a token', async () => {
    await useMockApi();
    const credits = await CreditsPage.open({ practice: 'physio-berlin', locale: 'en' });
    await credits.settled();
    expect(credits.packages()).to.have.length(0);
    expect(credits.el.shadowRoot!.textContent).to.contain(en.notSignedIn);
  });
});

