/**
 * `npm run screenshots`: the built embed on the mock API over the demo dataset, in Debian's
 * Chromium, in the main states of the portal at 1280 px and 375 px, light, dark and in forced colours, written to
 * docs/screenshots/ (README shows them). Needs `npm run build` (the npm script runs it first).
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { loadStore } from '../mock-api/load.ts';
import { createMockServer } from '../mock-api/server.ts';

const root = new URL('../', import.meta.url);
const out = new URL('docs/screenshots/', root);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));

/** The page, with the API base it is served for in its query (each variant gets a fresh mock). */
function site(): Server {
  const page = (theme: string, api: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="stylesheet" href="/demo/themes/night.css"><style>
      body { margin: 0; padding: 24px; font-family: system-ui, sans-serif; background: ${theme === 'night' ? '#0d1117' : '#f6f8fa'}; }
      main { max-width: 960px; margin: 0 auto; }
    </style><script type="module" src="/dist/punchcard.js"></script></head>
    <body><main><punchcard-portal class="${theme}" api="${api}" practice="physio-berlin" locale="en"></punchcard-portal></main></body></html>`;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page(url.searchParams.get('theme') ?? '', url.searchParams.get('api') ?? ''));
      return;
    }
    try {
      const body = readFileSync(new URL(`.${url.pathname}`, root));
      res.writeHead(200, { 'Content-Type': url.pathname.endsWith('.js') ? 'text/javascript' : url.pathname.endsWith('.css') ? 'text/css' : 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
}

const portal = 'punchcard-portal';

/** The states each variant keeps (all of them when absent): the rest would only repeat the light ones. */
let keep: readonly string[] | null = null;

async function shoot(page: Page, name: string): Promise<void> {
  if (keep && !keep.some((state) => name.endsWith(`-${state}`))) return;
  // A frame after the last change, so the picture shows what a person sees.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.locator(portal).screenshot({ path: new URL(`${name}.png`, out).pathname, animations: 'disabled' });
  console.log(`docs/screenshots/${name}.png`);
}

/** Signs in as Anna (by token, as a host page would) and walks the booking flow, shooting each step. */
async function walk(page: Page, site: string, api: string, prefix: string, theme = ''): Promise<void> {
  await page.goto(`${site}/?theme=${theme}&api=${encodeURIComponent(api)}`);
  await page.locator(`${portal} [part~="sign-in"]`).waitFor();
  if (prefix === 'desktop') await shoot(page, `${prefix}-signed-out`);
  await page.evaluate(() => document.querySelector('punchcard-portal')!.setAttribute('token', 'demo-berlin-anna'));
  await page.locator(`${portal} [part~="offer"]`).first().waitFor();
  await page.locator(`${portal} #next-title`).waitFor();
  await shoot(page, `${prefix}-overview`);
  await page.getByRole('button', { name: 'Book Massage-Folgetermin' }).click();
  await page.locator(`${portal} [role="grid"][aria-busy="false"]`).waitFor();
  await shoot(page, `${prefix}-date`);
  await page.locator(`${portal} button.day.free`).first().click();
  await page.locator(`${portal} [part~="slot"]`).first().waitFor();
  await shoot(page, `${prefix}-time`);
  await page.locator(`${portal} [part~="slot"]`).nth(1).click();
  await page.locator(`${portal} #review-title`).waitFor();
  await shoot(page, `${prefix}-review`);
  await page.getByRole('button', { name: 'Book now' }).click();
  await page.locator(`${portal} #done-title`).waitFor();
  await shoot(page, `${prefix}-confirmation`);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.locator(`${portal} [part~="booking"]:focus`).waitFor();
  await shoot(page, `${prefix}-my-bookings`);
  // Moving the next booking that may still be changed to another day.
  await page.locator(`${portal} [part~="booking"] .change`).first().click();
  await page.locator(`${portal} [role="grid"][aria-busy="false"]`).waitFor();
  await page.locator(`${portal} button.day.free`).nth(2).click();
  await page.locator(`${portal} [part~="slot"]`).first().click();
  await page.locator(`${portal} #review-title`).waitFor();
  await shoot(page, `${prefix}-move-review`);
  await page.getByRole('button', { name: 'Move booking' }).click();
  await page.locator(`${portal} #done-title`).waitFor();
  await shoot(page, `${prefix}-moved`);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.locator(`${portal} [part~="booking"]:focus`).waitFor();
  await page.getByRole('tab', { name: 'My packages' }).click();
  await page.locator(`${portal} [role="tab"][aria-selected="true"]`, { hasText: 'My packages' }).waitFor();
  await page.locator(`${portal} [part~="package"]`).first().waitFor();
  await shoot(page, `${prefix}-my-packages`);
  await page.locator(`${portal} [part~="package"] .history`).first().click();
  await page.locator(`${portal} #history-title:focus`).waitFor();
  await shoot(page, `${prefix}-package-history`);
}

mkdirSync(out, { recursive: true });
const server = site();
const base = await listen(server);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (const [prefix, width, theme, forcedColors, states] of [
    ['desktop', 1280, '', 'none', null],
    ['phone', 375, '', 'none', null],
    ['desktop-dark', 1280, 'night', 'none', ['overview', 'time', 'review', 'confirmation']],
    ['phone-forced-colors', 375, '', 'active', ['date', 'review']],
  ] as const) {
    keep = states;
    // A fresh mock per variant: each walk books and moves on the demo as it ships.
    const mock = createMockServer(loadStore());
    const api = await listen(mock);
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1, colorScheme: theme ? 'dark' : 'light', forcedColors });
    await walk(page, base, api, prefix, theme);
    await page.close();
    mock.close();
  }
} finally {
  await browser.close();
  server.close();
}
