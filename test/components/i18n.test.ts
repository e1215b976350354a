/**
 * De, en, it and sv are complete, and the portal shows no untranslated string in any of
 * them; the locale attribute wins over the practice's default; two languages share a page.
 */
import { expect } from '@open-wc/testing';
import type { RequestHandler } from 'msw';
import '../../src/define.ts';
import type { WidgetLocale } from '../../src/i18n/widget-locales.ts';
import type { Messages } from '../../src/i18n/messages.ts';
import { bare500, http } from './helpers/backend.ts';
import { expectedOfferNames } from './helpers/expected.ts';
import { catalogs, langOf, LOCALES } from './helpers/i18n.ts';
import { useMockApi } from './helpers/mock-api.ts';
import { accessibleLabels, deepText, squash, until, visibleTextNodes } from './helpers/page.ts';
import { PortalPage } from './helpers/portal-page.ts';

const en = catalogs.en;
type Key = keyof Messages;
type FunctionKey = { [K in Key]: Messages[K] extends string ? never : K }[Key];
type Samples = { [K in FunctionKey]: Messages[K] extends (...args: infer A) => string ? A[] : never };

/** Placeholders for string arguments: they never occur in a catalog's own words. */
const A = '\u0001';
const B = '\u0002';

/**
 * Sample arguments for the message functions. A function without samples here (one added later)
 * is called with placeholder strings and with numbers instead: it is checked all the same.
 */
const SAMPLES: Partial<Samples> = {
  errorConfig: [[A]],
  errorHttp: [[502]],
  codeSent: [[A]],
  signedInAs: [[A]],
  shortCode: [[A]],
  validUntil: [[A]],
  validFrom: [[A]],
  expiredOn: [[A]],
  startsWithFirstBooking: [[null], [1], [90]],
  appointmentsLeft: [
    [1, 1],
    [6, 10],
    [0, 5],
  ],
  amountLeft: [[A, B]],
  serviceLeft: [
    [A, 1, 3],
    [A, 2, 6],
  ],
  bonusAmount: [
    [A, 'points', 1],
    [A, 'points', 340],
    [A, 'stamps', 1],
    [A, 'stamps', 7],
  ],
  bonusExpiring: [[A, B]],
  dayN: [[2]],
  atTime: [[A]],
  payAtPractice: [[A]],
  payVisits: [
    [1, A],
    [2, A],
  ],
  payFromBalance: [[A, B]],
  payCovered: [[A]],
  payCounted: [[A, B]],
  payBuys: [[A, B]],
  payStarts: [[A, B]],
  upToParticipants: [[6]],
  bookChain: [[A]],
  dayFree: [
    [A, 1],
    [A, 3],
  ],
  dayFull: [[A]],
  tooManyCodeRequests: [[1], [15]],
  noteCount: [
    [1, 500],
    [12, 500],
  ],
  yourNote: [[A]],
  dayOutside: [[A]],
  stepsIfStart: [[A]],
  forParticipants: [[1], [3]],
  leftAfter: [[A]],
  bookedText: [[A, B]],
  bonusEarned: [[A]],
  cancelledText: [[A, B]],
  cancelUntil: [[A]],
  cancelClosed: [[24]],
  cancelNotOnline: [[24]],
  usedMeanwhile: [[A, B]],
  cancelQuestion: [[A, B]],
  creditReturns: [[A, B]],
  appointmentsCount: [[1], [4]],
  createdPackageCancelled: [[A]],
  problemBudgetAppointments: [
    [A, 1, 2],
    [A, 0, 1],
  ],
  problemBudgetAmount: [[A, B, '\u0003']],
  problemBudgetService: [[A, B, 1, 2]],
  problemPackageNotUsable: [[A]],
  problemTooManyParticipants: [[1], [6]],
};

/** Arguments for a message function without samples: placeholders, then numbers. */
function fallbackSamples(fn: (...args: unknown[]) => string): unknown[][] {
  const strings = ['\u0001', '\u0002', '\u0003', '\u0004'].slice(0, fn.length);
  const numbers = [1, 7, 12, 30].slice(0, fn.length);
  return [strings, numbers];
}

/** The only values a translation may share with English; keep this list short and justified. */
const SAME_AS_ENGLISH: Record<Exclude<WidgetLocale, 'en'>, Key[]> = {
  de: ['bonusLabel', 'shortCode'], // "Bonus", "Code 9QX4M": the German words are the English ones
  it: ['bonusLabel'],
  sv: ['bonusLabel'],
};

function samplesOf(key: Key): unknown[][] {
  return (SAMPLES[key as FunctionKey] as unknown[][] | undefined) ?? fallbackSamples(en[key] as (...args: unknown[]) => string);
}

/** What a message says for each sample (a string message: itself). */
function outputs(t: Messages, key: Key): string[] {
  const value = t[key] as string | ((...args: unknown[]) => string);
  if (typeof value === 'string') return [value];
  return samplesOf(key).map((args) => value(...args));
}

/** A message with words of its own (not only arguments, numbers and punctuation, like "A – B"). */
const hasWords = (output: string) => /\p{L}/u.test(output.replace(/[\u0001-\u0004]|\d+/g, ''));

/** The fixed words of an English message, without its arguments and numbers (≥ 4 characters with a letter). */
function englishFragments(key: Key): string[] {
  return outputs(en, key)
    .flatMap((output) => output.split(/[\u0001-\u0004]|\d+/))
    .map(squash)
    .filter((fragment) => fragment.length >= 4 && /\p{L}/u.test(fragment));
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A fragment as a whole phrase: not part of a longer word ("Code" must not match "Codice"). */
const phrase = (fragment: string) => new RegExp(`(?<![\\p{L}])${escape(fragment)}(?![\\p{L}])`, 'u');

function untranslatedPhrases(locale: Exclude<WidgetLocale, 'en'>, texts: string[]): string[] {
  const allowed = new Set(SAME_AS_ENGLISH[locale]);
  const fragments = (Object.keys(en) as Key[]).filter((key) => !allowed.has(key)).flatMap(englishFragments);
  return [...new Set(fragments)].filter((fragment) => texts.some((value) => phrase(fragment).test(squash(value))));
}

describe('message catalogs', () => {
  it('calls every message function without throwing', () => {
    for (const key of Object.keys(en) as Key[]) {
      if (typeof en[key] === 'function') expect(outputs(en, key).every((output) => typeof output === 'string'), key).to.be.true;
    }
  });

  for (const locale of LOCALES.filter((l): l is Exclude<WidgetLocale, 'en'> => l !== 'en')) {
    it(`${locale} has exactly the keys of en, of the same kind`, () => {
      const t = catalogs[locale];
      expect(Object.keys(t).sort()).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en) as Key[]) expect(typeof t[key], key).to.equal(typeof en[key]);
    });

    it(`${locale} translates every message (only ${SAME_AS_ENGLISH[locale].join(', ')} may equal English)`, () => {
      const t = catalogs[locale];
      const same = (Object.keys(en) as Key[]).filter((key) => outputs(t, key).some((output, i) => output === outputs(en, key)[i] && hasWords(output)));
      expect(same.sort()).to.deep.equal([...SAME_AS_ENGLISH[locale]].sort());
      for (const key of Object.keys(en) as Key[]) {
        for (const output of outputs(t, key)) expect(output.trim(), `${locale}.${key}`).not.to.equal('');
      }
    });

    it(`${locale} keeps every argument of a message`, () => {
      const t = catalogs[locale];
      for (const key of Object.keys(SAMPLES) as FunctionKey[]) {
        if (!(key in en)) continue;
        outputs(t, key).forEach((output, i) => {
          const args = samplesOf(key)[i]!;
          for (const arg of args) if (typeof arg === 'string' && arg.length === 1) expect(output, `${locale}.${key} loses an argument`).to.contain(arg);
          for (const arg of args) if (typeof arg === 'number' && key !== 'bonusAmount') expect(output, `${locale}.${key} loses ${arg}`).to.contain(String(arg));
        });
      }
    });
  }

  it('finds an English phrase left in a translation (the check itself works)', () => {
    expect(untranslatedPhrases('de', ['Noch 6 von 10 Terminen', 'Used first'])).to.deep.equal(['Used first']);
    expect(untranslatedPhrases('it', ['Codice 9QX4M', 'Bonus: 340 punti'])).to.deep.equal([]);
    expect(untranslatedPhrases('sv', ['6 of 10 appointments left'])).to.include('appointments left');
  });
});

interface Scenario {
  name: string;
  practice: string;
  token?: string;
  overrides?: RequestHandler[];
  /** Drives the portal into the state to look at. */
  act?: (portal: PortalPage) => Promise<void>;
  signedInAs?: string;
}

/** States that together show (nearly) every message: sign-in steps, errors, every kind of package and offer. */
const SCENARIOS: Scenario[] = [
  { name: 'visitor in Berlin', practice: 'physio-berlin' },
  { name: 'visitor in Stockholm', practice: 'massage-stockholm' },
  { name: 'code step', practice: 'physio-berlin', act: (p) => p.signInByEmail('anna.schmidt@example.com') },
  {
    name: 'wrong code',
    practice: 'physio-berlin',
    act: async (p) => {
      await p.signInByEmail('anna.schmidt@example.com');
      await p.enterCode('000000');
    },
  },
  {
    name: 'too many wrong codes',
    practice: 'physio-berlin',
    act: async (p) => {
      await p.signInByEmail('anna.schmidt@example.com');
      for (let i = 0; i < 6; i++) await p.enterCode('000000');
    },
  },
  { name: 'session ended', practice: 'physio-berlin', token: 'no-such-token' },
  { name: 'HTTP 500', practice: 'physio-berlin', overrides: [http.get('*/practices/:p', bare500)] },
  ...(
    [
      ['physio-berlin', 'demo-berlin-anna', 'Anna Schmidt'],
      ['physio-berlin', 'demo-berlin-jonas', 'Jonas Weber'],
      ['physio-berlin', 'demo-berlin-mehmet', 'Mehmet Yılmaz'],
      ['physio-berlin', 'demo-berlin-lena', 'Lena Hoffmann'],
      ['physio-berlin', 'demo-berlin-paul', 'Paul Becker'],
      ['physio-berlin', 'demo-berlin-friedrich', 'Friedrich Schäfer'],
      ['massage-stockholm', 'demo-stockholm-elsa', 'Elsa Lindqvist'],
      ['massage-stockholm', 'demo-stockholm-oskar', 'Oskar Nilsson'],
      ['massage-stockholm', 'demo-stockholm-maja', 'Maja Andersson'],
      ['massage-stockholm', 'demo-stockholm-ingrid', 'Ingrid Håkansson'],
    ] as const
  ).map(([practice, token, name]) => ({ name: `signed in: ${name}`, practice, token, signedInAs: name })),
];

interface Rendered {
  nodes: string[];
  labels: string[];
  langs: (string | null)[];
}

async function render(scenario: Scenario, locale: WidgetLocale): Promise<Rendered> {
  await useMockApi(...(scenario.overrides ?? []));
  const portal = await PortalPage.open({ practice: scenario.practice, token: scenario.token, locale });
  await portal.settled();
  await scenario.act?.(portal);
  await portal.settled();
  if (scenario.signedInAs) {
    // The scenario really is in the state it names: signed in, with credits and offers.
    expect(await portal.signedIn()).to.contain(squash(catalogs[locale].signedInAs(scenario.signedInAs)));
    expect(portal.credits(), 'credits').to.exist;
    expect(portal.offersNames().length, 'offers').to.be.greaterThan(0);
  }
  const inner = [portal.credits()?.el, portal.offers()?.el].filter((el): el is HTMLElement => !!el);
  const rendered = { nodes: visibleTextNodes(portal.el), labels: accessibleLabels(portal.el), langs: [portal.el, ...inner].map(langOf) };
  portal.el.remove();
  return rendered;
}

/** Every string of the practice's dataset: names, descriptions and notes are the practice's own words. */
function datasetStrings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(squash(value));
  else if (Array.isArray(value)) value.forEach((v) => datasetStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => datasetStrings(v, out));
  return out;
}

describe('<punchcard-portal> in every language', function () {
  this.timeout(60_000);

  for (const locale of LOCALES.filter((l): l is Exclude<WidgetLocale, 'en'> => l !== 'en')) {
    it(`${locale}: no English phrase and no text left as in English, in any state`, async () => {
      const store = await useMockApi();
      const own = datasetStrings(store.dataset);
      const allowed = new Set((SAME_AS_ENGLISH[locale] as Key[]).flatMap((key) => outputs(catalogs[locale], key)).map(squash));
      const problems: string[] = [];
      for (const scenario of SCENARIOS) {
        const english = await render(scenario, 'en');
        const translated = await render(scenario, locale);
        expect(translated.langs.every((lang) => lang === locale), `${scenario.name}: lang ${translated.langs}`).to.be.true;
        const phrases = untranslatedPhrases(locale, [...translated.nodes, ...translated.labels]);
        if (phrases.length) problems.push(`${scenario.name}: English phrases ${JSON.stringify(phrases)}`);
        // Anything rendered the same in English and here is untranslated, unless it is the
        // practice's own data, a number or date (Intl), punctuation, or explicitly allowed.
        const englishTexts = new Set([...english.nodes, ...english.labels]);
        const same = [...translated.nodes, ...translated.labels].filter(
          (value) => englishTexts.has(value) && /\p{L}/u.test(value) && !/\d/.test(value) && !own.has(value) && !allowed.has(value),
        );
        if (same.length) problems.push(`${scenario.name}: as in English ${JSON.stringify([...new Set(same)])}`);
      }
      expect(problems).to.deep.equal([]);
    });
  }

  it('en: the English rendering the comparison starts from shows credits, meters and offers', async () => {
    const rendered = await render(SCENARIOS.find((s) => s.signedInAs === 'Anna Schmidt')!, 'en');
    const text = rendered.nodes.join(' ');
    for (const phrase of [en.creditsLabel, en.usedFirst, '6 of 10 appointments left', en.signOut]) {
      expect([text, ...rendered.labels].join(' ')).to.contain(phrase);
    }
  });
});

describe('which language the portal speaks', () => {
  it("speaks the practice's default language without a locale attribute (physio-berlin → de, massage-stockholm → sv)", async () => {
    const store = await useMockApi();
    for (const [practice, lang] of [
      ['physio-berlin', 'de'],
      ['massage-stockholm', 'sv'],
    ] as const) {
      expect(store.practice(practice)!.practice.defaultLocale).to.equal(lang);
      const portal = await PortalPage.open({ practice });
      await portal.settled();
      expect(langOf(portal.el)).to.equal(lang);
      expect(portal.fieldName()).to.equal(catalogs[lang].emailLabel);
      expect(langOf(portal.offers()!.el)).to.equal(lang);
      portal.el.remove();
    }
  });

  it('lets the locale attribute win over the practice default', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'it', token: 'demo-berlin-anna' });
    expect(await portal.signedIn()).to.contain('Accesso effettuato come Anna Schmidt');
    expect([portal.el, portal.credits()!.el, portal.offers()!.el].map(langOf)).to.deep.equal(['it', 'it', 'it']);
    expect(deepText(portal.el)).to.contain(catalogs.it.usedFirst);
  });

  it('switches language when the locale attribute changes', async () => {
    await useMockApi();
    const portal = await PortalPage.open({ practice: 'massage-stockholm', locale: 'en', token: 'demo-stockholm-elsa' });
    expect(await portal.signedIn()).to.contain('Signed in as Elsa Lindqvist');
    portal.el.setAttribute('locale', 'de');
    await until(() => langOf(portal.el) === 'de' && langOf(portal.credits()!.el) === 'de' && langOf(portal.offers()!.el) === 'de', 'did not switch to de');
    expect(deepText(portal.el)).to.contain('Angemeldet als Elsa Lindqvist').and.to.contain(catalogs.de.usedFirst);
    portal.el.removeAttribute('locale');
    await until(() => langOf(portal.el) === 'sv', "did not fall back to the practice's sv");
  });

  it('shows two portals in two languages on one page', async () => {
    const store = await useMockApi();
    const berlin = await PortalPage.open({ practice: 'physio-berlin', locale: 'en', token: 'demo-berlin-anna' });
    const stockholm = await PortalPage.open({ practice: 'massage-stockholm', token: 'demo-stockholm-elsa' });
    const berlinDe = await PortalPage.open({ practice: 'physio-berlin' });
    expect(await berlin.signedIn()).to.contain('Signed in as Anna Schmidt');
    expect(await stockholm.signedIn()).to.contain('Inloggad som Elsa Lindqvist');
    await berlinDe.settled();
    expect([berlin.el, berlin.credits()!.el, berlin.offers()!.el].map(langOf)).to.deep.equal(['en', 'en', 'en']);
    expect([stockholm.el, stockholm.credits()!.el, stockholm.offers()!.el].map(langOf)).to.deep.equal(['sv', 'sv', 'sv']);
    expect([berlinDe.el, berlinDe.offers()!.el].map(langOf)).to.deep.equal(['de', 'de']);
    expect(deepText(berlin.el)).to.contain(en.usedFirst).and.not.to.contain(catalogs.sv.usedFirst);
    expect(deepText(stockholm.el)).to.contain(catalogs.sv.usedFirst).and.not.to.contain(en.usedFirst);
    expect(berlinDe.fieldName()).to.equal(catalogs.de.emailLabel);
    // …and each shows its own practice's offers.
    expect(stockholm.offersNames()).to.deep.equal(expectedOfferNames(store, { practice: store.practice('massage-stockholm')!, customer: store.practice('massage-stockholm')!.customers[0]! }));
    expect(berlinDe.offersNames()).to.deep.equal(expectedOfferNames(store, { practice: store.practice('physio-berlin')!, customer: null }));
  });
});
