// Component tests in the three engines clients book with — Chromium, Firefox and WebKit — as
// installed by Debian (never a test tool's own browser download), with the real MSW handlers
// running in the page's service worker. PUNCHCARD_BROWSERS=chromium (npm run test:chromium)
// picks a subset for daily work; `npm test` runs all three.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteerCore from 'puppeteer-core';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const miniBrowserPath = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const ENGINES = ['chromium', 'firefox', 'webkit'];
const engines = (process.env.PUNCHCARD_BROWSERS ?? ENGINES.join(',')).split(',').map((name) => name.trim()).filter(Boolean);
for (const engine of engines) {
  if (!ENGINES.includes(engine)) throw new Error(`PUNCHCARD_BROWSERS: unknown engine "${engine}" (known: ${ENGINES.join(', ')})`);
}
const missing = [
  engines.includes('chromium') && !existsSync(executablePath) && `Chromium at ${executablePath} (Debian: chromium; or set CHROMIUM_PATH)`,
  engines.includes('firefox') && !existsSync(firefoxPath) && `Firefox at ${firefoxPath} (Debian: firefox-esr; or set FIREFOX_PATH)`,
  engines.includes('webkit') && !existsSync(webkitDriverPath) && `WebKitWebDriver at ${webkitDriverPath} (Debian: webkit2gtk-driver; or set WEBKIT_DRIVER_PATH)`,
  engines.includes('webkit') && !existsSync(miniBrowserPath) && `MiniBrowser at ${miniBrowserPath} (Debian: libwebkit2gtk-4.1-0; or set MINIBROWSER_PATH)`,
  engines.includes('webkit') && !process.env.DISPLAY && !existsSync('/usr/bin/Xvfb') && 'Xvfb, for WebKit without a display (Debian: xvfb)',
].filter(Boolean);
if (missing.length > 0) {
  throw new Error(`The browser tests need:\n  ${missing.join('\n  ')}\nInstall them, or run a subset: PUNCHCARD_BROWSERS=chromium npm run test:browser`);
}

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Resolves once something accepts connections on the port (the driver is ready). */
async function untilListening(port, what, child) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const open = await new Promise((done) => {
      fetch(`http://127.0.0.1:${port}/status`).then(() => done(true), () => done(false));
    });
    if (open) return;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`${what} did not start on port ${port}`);
}

/**
 * WebKit: WebKitWebDriver starts the MiniBrowser of libwebkit2gtk with --automation; without a
 * display it runs on an Xvfb started here. Both are stopped when the test run ends.
 */
async function startWebKitDriver() {
  const children = [];
  const env = { ...process.env };
  if (!env.DISPLAY) {
    const display = `:${90 + (process.pid % 500)}`;
    const xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    children.push(xvfb);
    env.DISPLAY = display;
  }
  const port = await freePort();
  const driver = spawn(webkitDriverPath, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
  children.push(driver);
  const stop = () => children.forEach((child) => child.exitCode === null && child.kill());
  process.once('exit', stop);
  await untilListening(port, 'WebKitWebDriver', driver);
  return { port, stop };
}

const webkit = engines.includes('webkit') ? await startWebKitDriver() : null;

const chromiumArgs = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const launchers = {
  chromium: () => chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromiumArgs } }),
  // puppeteer-core drives Firefox over WebDriver BiDi; the launcher then calls itself "Firefox".
  firefox: () => chromeLauncher({ puppeteer: puppeteerCore, launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true } }),
  webkit: () =>
    new WebKitLauncher({
      hostname: '127.0.0.1',
      port: webkit.port,
      logLevel: 'error',
      // No browserName (WebKitWebDriver matches it against its own) and classic WebDriver: its
      // driver does not speak BiDi, which webdriverio would ask for otherwise.
      capabilities: {
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
      },
    }),
};

/** The WebDriver launcher, named after the engine in the runner's summary. */
class WebKitLauncher extends WebdriverLauncher {
  async initialize(config) {
    await super.initialize(config);
    this.name = 'WebKit';
  }
}

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
      const csp = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        `connect-src ${api}`,
        "require-trusted-types-for 'script'",
        'trusted-types lit-html',
      ].join('; ');
      if (context.path === '/csp/twice.html') {
        // The two copies (a theme and a plugin each include the script) under README's CSP line.
        context.set('Content-Security-Policy', csp);
        return {
          type: 'html',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>twice under Trusted Types</title>
<script src="/csp/violations.js"></script>
<script src="/embed/twice.js"></script>
<script type="module" src="/dist/punchcard.js"></script>
<script type="module" src="/dist/punchcard.js?v=2"></script></head>
<body><punchcard-offers api="${api}" practice="physio-berlin" locale="en"></punchcard-offers></body></html>`,
        };
      }
      if (context.path !== '/csp/host.html') return undefined;
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
  // One test file at a time per browser, one browser after the other: on a 2-core machine three
  // engines at once starve each other, and the tests wait for states, not for durations.
  concurrency: 1,
  concurrentBrowsers: 1,
  // Mocha's limit is a safety net for a hung test, not a wait: generous, so load never trips it.
  testFramework: { config: { timeout: 30000 } },
  browsers: engines.map((engine) => launchers[engine]()),
  plugins: [
    strictCspHost(),
    { name: 'stop-webkit-driver', serverStop: () => webkit?.stop() },
    // `executeServerCommand('emulate-forced-colors', { active })` turns Windows' high-contrast
    // mode (forced-colors: active) on or off where the engine can emulate it (Chromium); it
    // answers false where it cannot.
    {
      name: 'emulate-forced-colors',
      async executeCommand({ command, payload, session }) {
        if (command !== 'emulate-forced-colors') return undefined;
        if (typeof session.browser.getPage !== 'function' || !['Chrome', 'Chromium'].includes(session.browser.name)) return false;
        await session.browser.getPage(session.id).emulateMediaFeatures([{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }]);
        return true;
      },
    },
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
        if (typeof session.browser.getPage === 'function') {
          // Chromium and Firefox (puppeteer): the whole page.
          await session.browser.getPage(session.id).screenshot({ path, fullPage: true });
        } else {
          // WebKit (WebDriver): the window, which holds the test page.
          await writeFile(path, Buffer.from(await session.browser.driver.takeScreenshot(), 'base64'));
        }
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
