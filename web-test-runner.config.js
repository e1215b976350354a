// Component tests in real Chromium (Debian's /usr/bin/chromium, never a downloaded browser),
// with the real MSW handlers running in the page's service worker.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A host page with a strict Content-Security-Policy and Trusted Types, loading the BUILT embed
 * (dist/punchcard.js, so `npm test` builds first) against the real mock server over loopback,
 * started here. The test (hardening/csp.test.ts) opens it in a frame and reads its violations.
 */
function strictCspHost() {
  let api = '';
  let server;
  return {
    name: 'strict-csp-host',
    async serverStart() {
      const { createMockServer } = await import('./mock-api/server.ts');
      const { loadStore } = await import('./mock-api/load.ts');
      server = createMockServer(loadStore());
      await new Promise((done) => server.listen(0, '127.0.0.1', done));
      api = `http://127.0.0.1:${server.address().port}`;
    },
    async serverStop() {
      server?.closeAllConnections();
      server?.close();
    },
    serve(context) {
      if (context.path === '/csp/violations.js') {
        return {
          type: 'js',
          body: `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));`,
        };
      }
      if (context.path === '/embed/twice.js') {
        return {
          type: 'js',
          body: `window.__errors = []; window.__warnings = []; addEventListener('error', (e) => window.__errors.push(String(e.message))); const warn = console.warn; console.warn = (...a) => { window.__warnings.push(a.map(String).join(' ')); warn(...a); };`,
        };
      }
      if (context.path === '/embed/twice.html') {
        // Two script tags of the embed (another URL: a second copy with its own classes).
        return {
          type: 'html',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>twice</title>
<script src="/embed/twice.js"></script>
<script type="module" src="/dist/punchcard.js"></script>
<script type="module" src="/dist/punchcard.js?copy=2"></script></head>
<body><punchcard-offers api="${api}" practice="physio-berlin" locale="en"></punchcard-offers></body></html>`,
        };
      }
      if (context.path !== '/csp/host.html') return undefined;
      const csp = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        `connect-src ${api}`,
        "require-trusted-types-for 'script'",
        'trusted-types lit-html',
      ].join('; ');
      context.set('Content-Security-Policy', csp);
      return {
        type: 'html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>strict CSP host</title>
<script src="/csp/violations.js"></script>
<script type="module" src="/dist/punchcard.js"></script></head>
<body><punchcard-portal api="${api}" practice="physio-berlin" locale="en" token="demo-berlin-anna"></punchcard-portal></body></html>`,
      };
    },
  };
}

export default {
  rootDir: '.',
  files: ['test/components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      },
    }),
  ],
  plugins: [
    strictCspHost(),
    // `executeServerCommand('save-screenshot', { name })` keeps a PNG of the test page as an
    // artifact in test-artifacts/ (@web/test-runner-commands has no screenshot command).
    {
      name: 'save-screenshot',
      async executeCommand({ command, payload, session }) {
        if (command !== 'save-screenshot') return undefined;
        const name = String(payload?.name ?? '').replace(/[^\w.-]/g, '_');
        if (!name) throw new Error('save-screenshot needs a name');
        const path = resolve(fileURLToPath(new URL('.', import.meta.url)), 'test-artifacts', `${name}.png`);
        await mkdir(dirname(path), { recursive: true });
        const page = session.browser.getPage(session.id);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
    },
    esbuildPlugin({
      ts: true,
      json: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  middleware: [
    // MSW's worker must be served from the root so that its scope covers the test pages.
    function serveMockServiceWorker(context, next) {
      if (context.path === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
    },
  ],
};
