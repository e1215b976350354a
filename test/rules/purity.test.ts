/**
 * The rules are pure (SPEC 2: "today" is the server's, never the browser's clock; SPEC 2.3: the
 * same code decides in the widget and in the mock API): no file in src/rules reads the clock,
 * the network or the browser. Checked on the source text with comments stripped.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';

const RULES_DIR = new URL('../../src/rules/', import.meta.url);

/** Removes // and /* *\/ comments, keeping string and template literals (and their // or /*) intact. */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Browser globals: a use is any reference that is not a property (`x.window`) and not a local binding of that name. */
const GLOBALS = ['fetch', 'window', 'document', 'localStorage', 'navigator', 'globalThis'];

const FORBIDDEN: Array<[string, RegExp]> = [
  ['Date.now', /\bDate\s*\.\s*now\b/],
  ['new Date() without argument', /\bnew\s+Date\s*(\(\s*\)|(?!\s*\())/],
  ['performance.now', /\bperformance\s*\.\s*now\b/],
];

/** Names the file binds itself (`const window = …`, a parameter or function named so): those are not the globals. */
function localBindings(code: string): Set<string> {
  const names = new Set<string>();
  for (const name of GLOBALS) {
    const declared = new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b|[(,]\\s*${name}\\s*[:,)=]`);
    if (declared.test(code)) names.add(name);
  }
  return names;
}

export function impurities(source: string): string[] {
  const code = stripComments(source);
  const found = FORBIDDEN.filter(([, pattern]) => pattern.test(code)).map(([name]) => name);
  const local = localBindings(code);
  for (const name of GLOBALS) {
    if (!local.has(name) && new RegExp(`(?<![.\\w$])${name}\\b`).test(code)) found.push(name);
  }
  return found;
}

describe('src/rules is pure', () => {
  it('the detector finds each forbidden use in code and ignores it in comments', () => {
    assert.deepEqual(impurities('const t = Date.now();'), ['Date.now']);
    assert.deepEqual(impurities('const t = new Date();'), ['new Date() without argument']);
    assert.deepEqual(impurities('const t = new Date;'), ['new Date() without argument']);
    assert.deepEqual(impurities('const t = new Date(Date.UTC(2026, 0, 1));'), []);
    assert.deepEqual(impurities('await fetch(url)'), ['fetch']);
    assert.deepEqual(impurities('window.location'), ['window']);
    assert.deepEqual(impurities('document.title'), ['document']);
    assert.deepEqual(impurities('localStorage.getItem("x")'), ['localStorage']);
    assert.deepEqual(impurities('navigator.language'), ['navigator']);
    assert.deepEqual(impurities('performance.now()'), ['performance.now']);
    assert.deepEqual(impurities('// Date.now() and window\n/* fetch(document) */ const x = 1; /** navigator\n * performance.now() */'), []);
    assert.deepEqual(impurities('const url = "https://example.org"; Date.now();'), ['Date.now']);
    assert.deepEqual(impurities("const s = 'a // b'; window.x"), ['window']);
    assert.deepEqual(impurities('globalThis.fetch(url)'), ['globalThis']);
    // a local binding or a property of that name is not the browser global
    assert.deepEqual(impurities('const window = validityWindow(p); if (window.until) {}'), []);
    assert.deepEqual(impurities('function f(a, document: Doc) { return document.x; }'), []);
    assert.deepEqual(impurities('const w = options.window; cache.fetch(key);'), []);
  });

  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts'));

  it('src/rules has the rule files', () => {
    for (const name of ['time.ts', 'budget.ts', 'usability.ts', 'pick.ts', 'offering.ts', 'steps.ts', 'decide.ts', 'apply.ts', 'bonus.ts', 'index.ts']) {
      assert.ok(files.includes(name), `${name} is missing`);
    }
  });

  for (const name of files) {
    it(`${name} does not read the clock, the network or the browser`, () => {
      const source = readFileSync(new URL(name, RULES_DIR), 'utf8');
      assert.deepEqual(impurities(source), [], `${name} uses ${impurities(source).join(', ')}`);
    });
  }
});
