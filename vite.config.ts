import { msw } from 'msw/vite';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.ts';

/**
 * The browsers the embed is built for: Baseline 2023 (Chrome and Edge 111, Firefox 115 ESR,
 * Safari 16.4 on macOS and iOS). README promises the last two versions of each, and Firefox ESR:
 * all of them are newer than this, so nothing the build emits needs more.
 */
export const BROWSER_TARGET = ['chrome111', 'edge111', 'firefox115', 'safari16.4', 'ios16.4'];

/** The dev server's root URL leads to the demo page. */
const demoAtRoot: Plugin = {
  name: 'punchcard-demo-at-root',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url !== '/') return next();
      res.writeHead(302, { Location: '/demo/' });
      res.end();
    });
  },
};

/**
 * `vite build`: the embed, dist/punchcard.js (registers every element, dependencies bundled).
 * `vite build --mode elements`: dist/elements/index.js, the side-effect-free classes for apps that
 * bundle themselves (lit and @lit/context stay imports, so they are shared with the app).
 */
const elementsBuild = {
  target: BROWSER_TARGET,
  sourcemap: true,
  outDir: 'dist/elements',
  lib: { entry: 'src/index.ts', formats: ['es' as const], fileName: () => 'index.js' },
  rolldownOptions: {
    external: [/^lit($|\/)/, /^@lit\//],
    output: { chunkFileNames: (chunk: { name: string }) => (/^(de|it|sv)$/.test(chunk.name) ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js') },
  },
};

/**
 * A second copy of the embed on a page (a theme and a plugin each include the script) must not
 * create a second Trusted Types policy named "lit-html": under README's CSP (`trusted-types
 * lit-html`, without 'allow-duplicates') that throws and reports a violation. The second copy
 * never renders (src/define.ts leaves the elements of the first), so its lit-html needs no policy:
 * it creates one only when no punchcard element is defined yet. Fails the build when lit-html's
 * code no longer has the expected shape.
 */
const oneLitPolicy: Plugin = {
  name: 'punchcard-one-lit-policy',
  transform(code, id) {
    if (!/[\\/]lit-html[\\/]lit-html\.js$/.test(id)) return null;
    const policy = /(\w+)\?\1\.createPolicy\("lit-html",/g;
    const found = code.match(policy)?.length ?? 0;
    if (found !== 1) throw new Error(`punchcard-one-lit-policy: expected one createPolicy("lit-html") in ${id}, found ${found}`);
    // map null: lit-html ships minified; its columns after this spot shift a little in the map.
    return { code: code.replace(policy, '$1&&!globalThis.customElements?.get("punchcard-portal")?$1.createPolicy("lit-html",'), map: null };
  },
};

/** The demo dataset beside the built mock API (dist/bin/data/demo.json), where mock-api/load.ts looks for it. */
const demoDataset: Plugin = {
  name: 'punchcard-demo-dataset',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'data/demo.json', source: readFileSync('mock-api/data/demo.json', 'utf8') });
  },
};

/**
 * `vite build --mode bin`: the command-line tools as JavaScript for Node (dist/bin/mock-api.js,
 * dist/bin/conformance.js), everything but Node's own modules bundled: Node does not strip types
 * inside node_modules, and msw (a development dependency) is needed at run time. bin/*.js check
 * the Node version first and then import these.
 */
const binBuild = {
  target: 'node24',
  outDir: 'dist/bin',
  emptyOutDir: true,
  ssr: true,
  minify: false,
  rolldownOptions: {
    input: { 'mock-api': 'mock-api/cli.ts', conformance: 'conformance/cli.ts' },
    output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
};

/** `vite build --mode demo`: the demo site as it would be deployed (the bench runs Lighthouse on it). */
const demoBuild = {
  target: BROWSER_TARGET,
  outDir: 'dist/demo',
  emptyOutDir: true,
  rolldownOptions: { input: 'demo/index.html' },
};

export default defineConfig(({ command, mode }) => ({
  // The demo page's mock API runs in MSW's service worker; only the dev server needs the worker file.
  plugins:
    command === 'serve'
      ? [msw({ mode: 'worker-only' }), demoAtRoot]
      : mode === 'demo'
        ? [msw({ mode: 'worker-only' }), minifyTemplates()]
        : mode === 'bin'
          ? [demoDataset]
          : [minifyTemplates(), oneLitPolicy],
  // The tools bundle their dependencies (see binBuild).
  ssr: mode === 'bin' ? { noExternal: true, target: 'node' as const } : undefined,
  server: {
    open: process.env.CI ? false : '/demo/',
  },
  build: mode === 'elements' ? elementsBuild : mode === 'demo' ? demoBuild : mode === 'bin' ? binBuild : {
    target: BROWSER_TARGET,
    sourcemap: true,
    // The first build of `npm run build`: chunks of an earlier build would stay beside the new
    // ones (and be measured by the size budget); the elements and demo builds come after it.
    emptyOutDir: true,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'punchcard.js',
    },
    rolldownOptions: {
      // Let locale chunks import shared helpers from the entry instead of splitting them into a
      // chunk of their own: the page loads one file until a locale is needed.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // Library mode keeps whitespace by default; the embed ships minified.
        minify: true,
        // The embed is an end product: no annotation or JSDoc comments in what browsers download.
        comments: false,
        // Locale catalogs are loaded on demand: dist/locales/de-<hash>.js …
        chunkFileNames: (chunk) => (/^(de|it|sv)$/.test(chunk.name) ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js'),
      },
    },
  },
}));
