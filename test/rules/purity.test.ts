/**
 * The rules are pure ("today" is the server's, never the browser's clock; the same code decides in
 * the widget and in the mock API), and the layers of docs/architecture.md hold. Both rules live in
 * eslint.config.js; this test runs ESLint on crafted code placed in each layer, to prove the lint
 * catches what it must (and ignores comments and local names), and on src/rules itself.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULES_DIR = new URL('../../src/rules/', import.meta.url);
const eslint = new ESLint({ cwd: ROOT });

/** What the lint says about `code` as if it were the file `filePath`, as "rule: message" lines. */
async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const PURITY = ['no-restricted-globals', 'no-restricted-syntax'];
/** The impure uses the lint finds in `code` placed in src/rules, by what they use. */
async function impurities(code: string): Promise<string[]> {
  const messages = await lint(`export {};\n${code}`, 'src/rules/probe.ts');
  return messages.filter((m) => PURITY.some((rule) => m.startsWith(`${rule}:`)));
}

describe('src/rules is pure', () => {
  it('the lint finds each forbidden use in code and ignores it in comments, properties and local names', async () => {
    const one = async (code: string) => (await impurities(code)).length;
    assert.equal(await one('const t = Date.now();'), 1, 'Date.now');
    assert.equal(await one('const t = new Date();'), 1, 'new Date()');
    assert.equal(await one('const t = new Date;'), 1, 'new Date');
    assert.equal(await one('const t = new Date(Date.UTC(2026, 0, 1));'), 0, 'a fixed date is fine');
    assert.equal(await one('await fetch("/x")'), 1, 'fetch');
    assert.equal(await one('window.location'), 1, 'window');
    assert.equal(await one('document.title'), 1, 'document');
    assert.equal(await one('localStorage.getItem("x")'), 1, 'localStorage');
    assert.equal(await one('navigator.language'), 1, 'navigator');
    assert.equal(await one('performance.now()'), 1, 'performance.now');
    assert.equal(await one('globalThis.fetch("/x")'), 1, 'globalThis');
    assert.equal(await one('// Date.now() and window\n/* fetch(document) */ const x = 1; /** navigator\n * performance.now() */'), 0, 'comments');
    assert.equal(await one('const url = "https://example.org"; Date.now();'), 1, 'after a string with //');
    assert.equal(await one("const s = 'a // b'; window.x"), 1, 'after a string with //');
    assert.equal(await one('const window = { until: 1 }; if (window.until) { /* */ }'), 0, 'a local binding named window');
    assert.equal(await one('export function f(a: number, document: { x: number }) { return document.x; }'), 0, 'a parameter named document');
    assert.equal(await one('declare const options: { window: 1 }; declare const cache: { fetch(k: string): void }; const w = options.window; cache.fetch("k");'), 0, 'properties');
  });

  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts'));

  it('src/rules has the rule files', () => {
    for (const name of ['time.ts', 'budget.ts', 'usability.ts', 'pick.ts', 'offering.ts', 'steps.ts', 'decide.ts', 'apply.ts', 'reschedule.ts', 'bonus.ts', 'index.ts']) {
      assert.ok(files.includes(name), `${name} is missing`);
    }
  });

  it('every file of src/rules passes the lint: no clock, network or browser, no import from above', async () => {
    const results = await eslint.lintFiles(['src/rules/**/*.ts']);
    assert.equal(results.length, files.length);
    assert.deepEqual(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`)), []);
  });
});

describe('the layers (docs/architecture.md)', () => {
  const refused = async (from: string, imported: string) =>
    (await lint(`import { x } from '${imported}';\nexport { x };\n`, from)).some((m) => m.startsWith('no-restricted-imports:'));
  const cases: [string, string, boolean][] = [
    ['src/contract/probe.ts', '../rules/time.ts', true],
    ['src/rules/probe.ts', '../state/store.ts', true],
    ['src/rules/probe.ts', '../client/api-client.ts', true],
    ['src/rules/probe.ts', '../../mock-api/store.ts', true],
    ['src/rules/probe.ts', '../contract/entities.ts', false],
    ['src/client/probe.ts', '../state/store.ts', true],
    ['src/client/probe.ts', '../contract/api.ts', false],
    ['src/state/probe.ts', '../components/view.ts', true],
    ['src/state/probe.ts', '../rules/apply.ts', false],
    ['src/components/offers/probe.ts', '../../../mock-api/handlers.ts', true],
    ['src/components/offers/probe.ts', '../../state/store.ts', false],
    ['mock-api/probe.ts', '../src/state/store.ts', true],
    ['mock-api/probe.ts', '../src/rules/decide.ts', false],
    ['conformance/probe.ts', '../src/components/view.ts', true],
    ['conformance/probe.ts', '../src/contract/api.ts', false],
  ];
  for (const [from, imported, expected] of cases) {
    it(`${from} ${expected ? 'may not' : 'may'} import ${imported}`, async () => {
      assert.equal(await refused(from, imported), expected);
    });
  }
});
