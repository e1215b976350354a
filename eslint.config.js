// `npm run lint` (part of `npm test`): typescript-eslint, Lit and web-component rules, and the
// layers of docs/architecture.md — contract → rules → client/state → components; the mock API and
// the conformance suite use the contract and the rules, never the widget.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

/** Imports a layer may not make: the layers above it, and the tools beside it. */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map(([group, message]) => ({ group, message })) },
    ],
  },
});

const WIDGET = ['**/client/**', '**/state/**', '**/components/**', '**/i18n/**', '**/events.ts', '**/define.ts', '**/index.ts'];
const TOOLS = ['**/mock-api/**', '**/conformance/**', '**/test/**', '**/scripts/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/contract/wire-schemas.generated.ts', 'docs/**', 'demo/mockServiceWorker.js', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['src/components/**/*.ts'], ...lit.configs['flat/recommended'] },
  { files: ['src/components/**/*.ts'], ...wc.configs['flat/recommended'] },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // A variable assigned once after a closure that reads it (a test's mock store) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Plain JavaScript run by Node (configs, bin/): its globals. TypeScript files are checked by tsc.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(['process', 'console', 'fetch', 'setTimeout', 'clearTimeout', 'URL', 'Buffer'].map((name) => [name, 'readonly'])),
    },
  },
  {
    // Tests: chai's `expect(x).to.exist` is an expression; tests probe types and control characters on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  layer(['src/contract/**/*.ts'], [
    [['**/rules/**', ...WIDGET, ...TOOLS], 'src/contract is the bottom layer: it imports nothing of ours above it.'],
  ]),
  layer(['src/rules/**/*.ts'], [
    [[...WIDGET, ...TOOLS], 'src/rules depends on src/contract only (docs/architecture.md).'],
  ]),
  layer(['src/client/**/*.ts'], [
    [['**/state/**', '**/components/**', '**/i18n/**', ...TOOLS], 'src/client sits below the state and the components.'],
  ]),
  layer(['src/state/**/*.ts'], [
    [['**/components/**', ...TOOLS], 'src/state decides; the components render it, not the other way round.'],
  ]),
  layer(['src/components/**/*.ts', 'src/i18n/**/*.ts', 'src/*.ts'], [
    [TOOLS, 'the widget never imports the mock API, the conformance suite, tests or scripts.'],
  ]),
  layer(['mock-api/**/*.ts', 'conformance/**/*.ts'], [
    [WIDGET, 'the mock API and the conformance suite use the contract and the rules, never the widget.'],
  ]),
  {
    // The rules are pure: "today" is the server's, never the browser's clock; no network, no browser.
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['fetch', 'window', 'document', 'localStorage', 'navigator', 'globalThis', 'performance'].map((name) => ({ name, message: 'src/rules is pure: no clock, network or browser.' }))],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'src/rules is pure: the clock comes in as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/rules is pure: the clock comes in as an argument.' },
      ],
    },
  },
);
