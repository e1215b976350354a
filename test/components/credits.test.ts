/**
 * Issue 6: <punchcard-credits> inside a portal and alone shows each package (name, short code,
 * status, validity, note), one meter per limited budget with the remaining credits from the
 * dataset, the package used first, and the bonus with its expiry warning.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import type { DatasetCustomer, DatasetPractice } from '../../src/contract/dataset.ts';
import { MockStore } from '../../mock-api/store.ts';
import { CreditsPage } from './helpers/credits-page.ts';
import { catalogs } from './helpers/i18n.ts';
import {
  customerOf,
  expectedBonus,
  expectedMeters,
  expectedUsedFirst,
  expectedValidity,
  intl,
  practiceToday,
  shownPackages,
  statusText,
} from './helpers/expected.ts';
import { demoDataset, useMockApi, useMockDataset } from './helpers/mock-api.ts';
import { PortalPage } from './helpers/portal-page.ts';
import { describeNode, squash } from './helpers/page.ts';

const en = catalogs.en;
const withPackages = new MockStore(demoDataset).dataset.practices.flatMap((practice) =>
  practice.customers.filter((customer) => customer.packages.length > 0).map((customer) => ({ practice, customer })),
);

/** Every shown package, its texts and meters, against the dataset and the rules. */
function expectCredits(store: MockStore, { practice, customer }: { practice: DatasetPractice; customer: DatasetCustomer }, credits: CreditsPage) {
  const today = practiceToday(store, practice);
  const { money, date } = intl('en', practice.practice.currency);
  const shown = shownPackages(customer);
  const views = credits.packages();
  expect(views, 'one part="package" per package that is not a group').to.have.length(shown.length);
  const first = expectedUsedFirst(store, practice, customer);
  for (const pkg of shown) {
    const shortCode = pkg.code.slice(-5);
    const view = credits.package(shortCode);
    expect(view, `package ${pkg.id} with short code ${shortCode}`).to.exist;
    expect(view!.heading).to.contain(pkg.name);
    expect(view!.heading, 'only the short code, not the whole code').not.to.contain(pkg.code);
    expect(view!.text).to.contain(statusText(pkg, en));
    expect(view!.text).to.contain(expectedValidity(pkg, today, en, date));
    if (pkg.customerNote) expect(view!.text).to.contain(pkg.customerNote);
    const meters = expectedMeters(pkg, practice, en, money);
    expect(
      view!.meters.map(({ value, max, text }) => ({ value, max, text })),
      `meters of ${pkg.name}`,
    ).to.deep.equal(meters);
    for (const meter of view!.meters) {
      expect(meter.min).to.equal(0);
      expect(meter.name, 'the meter is named by its text').to.equal(meter.text);
    }
    if (meters.length === 0) expect(view!.text).to.contain(en.unlimited);
    expect(view!.text.includes(en.usedFirst), `"${en.usedFirst}" on ${pkg.name}`).to.equal(pkg === first);
  }
  expect(credits.meters()).to.have.length(shown.reduce((sum, pkg) => sum + expectedMeters(pkg, practice, en, money).length, 0));
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
  });

  for (const client of withPackages) {
    const name = `${client.practice.practice.id}: ${client.customer.id}`;
    it(`inside the portal: ${name}`, async () => {
      const store = await useMockApi();
      const portal = await PortalPage.open({ practice: client.practice.practice.id, token: client.customer.tokens[0], locale: 'en' });
      await portal.signedIn();
      expectCredits(store, customerOf(store, client.practice.practice.id, client.customer.id), portal.credits()!);
    });

    it(`alone with a token: ${name}`, async () => {
      const store = await useMockApi();
      const credits = await CreditsPage.open({ practice: client.practice.practice.id, token: client.customer.tokens[0], locale: 'en' });
      await credits.settled();
      expectCredits(store, customerOf(store, client.practice.practice.id, client.customer.id), credits);
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

