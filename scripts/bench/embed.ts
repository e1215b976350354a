/**
 * The built embed in headless Chromium (Debian's, through playwright-core): time to the first
 * offer painted against a static page listing the same offers, the round trips before offers
 * appear, memory across mount/unmount cycles, and 20 portals on one page. Needs `npm run build`.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { createMockServer } from '../../mock-api/server.ts';
import { loadStore } from '../../mock-api/load.ts';
import { offerings } from '../../src/rules/offering.ts';
import { localDateOf } from '../../src/rules/time.ts';
import type { BenchRow } from './table.ts';

const RUNS = 21;
const PRACTICE = 'physio-berlin';
const root = new URL('../../', import.meta.url);

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));

/** Waits for the first `[part~=offer]` (in the light DOM or any shadow root) and a frame after it. */
const FIRST_OFFER = `
  new Promise((resolve) => {
    const find = (root) => root.querySelector('[part~="offer"]') || [...root.querySelectorAll('*')].map((el) => el.shadowRoot && find(el.shadowRoot)).find(Boolean);
    const tick = () => (find(document) ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(tick));
    tick();
  })`;

function pages(api: string) {
  const store = loadStore();
  const entry = store.practice(PRACTICE)!;
  const today = localDateOf(store.nowMs, entry.practice.timeZone);
  const names = offerings(entry.catalog, [], today).filter((o) => o.offered).map((o) => o.chain.name);
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  // Every page in the widget's default font: a page listing offers shows them in some font, and
  // the first text in a font the page has not used yet costs its own ~15 ms of layout here.
  const head = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>bench</title><style>body{font-family:system-ui,sans-serif}</style></head><body>';
  return {
    '/embed.html': `${head}<script type="module" src="/dist/punchcard.js"></script><punchcard-offers api="${api}" practice="${PRACTICE}"></punchcard-offers></body></html>`,
    '/static.html': `${head}<ul>${names.map((n) => `<li part="offer"><h3>${escape(n)}</h3></li>`).join('')}</ul></body></html>`,
    '/empty.html': `${head}<script type="module" src="/dist/punchcard.js"></script></body></html>`,
    '/portal.html': `${head}<script type="module" src="/dist/punchcard.js"></script><punchcard-portal api="${api}" practice="${PRACTICE}" locale="en" token="demo-berlin-anna"></punchcard-portal></body></html>`,
    // The floor for any embedded widget that fetches its data: one script file that loads the
    // same two answers, makes a currency formatter and writes the names into a list: no
    // framework, no checks, no rules.
    '/bare.html': `${head}<script type="module" src="/bare.js"></script></body></html>`,
    '/bare.js': `const base = '${api}/practices/${PRACTICE}';
      const [practice, catalog] = await Promise.all([fetch(base).then((r) => r.json()), fetch(base + '/catalog').then((r) => r.json())]);
      const money = new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: practice.currency });
      const list = document.createElement('ul');
      for (const chain of catalog.chains) {
        const item = list.appendChild(document.createElement('li'));
        item.setAttribute('part', 'offer');
        item.textContent = chain.name + ' ' + money.format(0);
      }
      document.body.append(list);`,
  } as Record<string, string>;
}

function siteServer(html: Record<string, string>): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (html[path]) {
      res.writeHead(200, { 'Content-Type': path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' });
      res.end(html[path]);
      return;
    }
    try {
      const body = readFileSync(new URL(`.${path}`, root));
      res.writeHead(200, { 'Content-Type': path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function firstOffer(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return (await page.evaluate(FIRST_OFFER)) as number;
}

/**
 * Sequential waves of API requests before the offers appear (1 = all in parallel). Under 100 ms
 * of emulated latency: on bare loopback an answer can be back before the page's second fetch()
 * call returns (the first call of a page sets up its network context, 1–8 ms here), which would
 * count two parallel requests as two waves.
 */
async function roundTrips(page: Page, url: string, api: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: -1, uploadThroughput: -1 });
  const spans: { start: number; end: number }[] = [];
  const started = new Map<object, number>();
  page.on('request', (r) => r.url().startsWith(api) && started.set(r, Date.now()));
  page.on('requestfinished', (r) => started.has(r) && spans.push({ start: started.get(r)!, end: Date.now() }));
  await firstOffer(page, url);
  spans.sort((a, b) => a.start - b.start);
  let waves = 0;
  let waveEnd = -Infinity;
  for (const span of spans) {
    if (span.start >= waveEnd) {
      waves += 1;
      waveEnd = span.end;
    } else waveEnd = Math.max(waveEnd, span.end);
  }
  return waves;
}

/**
 * The JS heap after the first mount/unmount cycle and after `count`, and how many portals (and
 * their stores) are still alive after the last: a leak keeps unmounted portals, while the heap
 * also grows by JIT code and the browser's own per-request records, which are not ours.
 */
async function heapAfterCycles(page: Page, site: string, api: string, count: number): Promise<{ first: number; last: number; alive: number }> {
  await page.goto(`${site}/empty.html`);
  await page.waitForFunction(() => customElements.get('punchcard-portal'));
  const client = await page.context().newCDPSession(page);
  const heap = async () => {
    await client.send('HeapProfiler.collectGarbage');
    return (await client.send('Runtime.getHeapUsage')).usedSize;
  };
  const cycle = () =>
    page.evaluate(
      async ([api, practice]) => {
        const el = document.createElement('punchcard-portal');
        el.setAttribute('api', api!);
        el.setAttribute('practice', practice!);
        document.body.append(el);
        const find = (root: ParentNode): Element | null =>
          root.querySelector('[part~="offer"]') ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean) ?? null;
        while (!find(el.shadowRoot!)) await new Promise((r) => setTimeout(r, 5));
        el.remove();
      },
      [api, PRACTICE],
    );
  const instances = async (expression: string) => {
    const { result: prototype } = await client.send('Runtime.evaluate', { expression });
    const { objects } = await client.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId! });
    const { result } = await client.send('Runtime.callFunctionOn', { objectId: objects.objectId!, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
    return result.value as number;
  };
  await cycle();
  const first = await heap();
  for (let i = 1; i < count; i++) await cycle();
  const last = await heap();
  // A leak keeps every unmounted portal; give the last one's pending tasks a moment to settle.
  await page.waitForTimeout(1000);
  await heap();
  const alive = await instances("customElements.get('punchcard-portal').prototype");
  return { first, last, alive };
}

async function manyPortals(page: Page, site: string, api: string, count: number): Promise<number> {
  await page.goto(`${site}/empty.html`);
  await page.waitForFunction(() => customElements.get('punchcard-portal'));
  return page.evaluate(
    async ([api, practice, count]) => {
      const start = performance.now();
      const els = Array.from({ length: Number(count) }, () => {
        const el = document.createElement('punchcard-portal');
        el.setAttribute('api', String(api));
        el.setAttribute('practice', String(practice));
        document.body.append(el);
        return el;
      });
      const find = (root: ParentNode): Element | null =>
        root.querySelector('[part~="offer"]') ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean) ?? null;
      while (!els.every((el) => find(el.shadowRoot!))) await new Promise((r) => setTimeout(r, 5));
      return performance.now() - start;
    },
    [api, PRACTICE, count] as const,
  );
}

/**
 * The booking steps on the built embed, from a signed-in portal: "Book" pressed as soon as the
 * offers show → the calendar painted, measured against the slots answer's arrival; then a day
 * chosen → its times painted (no request: the month's starts are already there).
 */
async function bookingSteps(page: Page, site: string): Promise<{ book: number; afterSlots: number; dayToTimes: number }> {
  await page.goto(`${site}/portal.html`);
  return page.evaluate(async () => {
    const find = (root: ParentNode, selector: string): HTMLElement | null =>
      root.querySelector<HTMLElement>(selector) ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot, selector)).find(Boolean) ?? null;
    /** The timestamp of the first frame in which `selector` is rendered. */
    const painted = (selector: string) =>
      new Promise<number>((resolve) => {
        const tick = (now: number) => (find(document, selector) ? resolve(now) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      });
    await painted('button.book');
    const start = performance.now();
    find(document, 'button.book')!.click();
    const calendar = await painted('[role="grid"][aria-busy="false"] button[aria-disabled="false"]');
    const slots = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/slots')).at(-1) as PerformanceResourceTiming;
    const dayClicked = performance.now();
    find(document, '[role="grid"] button[aria-disabled="false"]')!.click();
    const times = await painted('[part~="slot"]');
    return { book: calendar - start, afterSlots: calendar - slots.responseEnd, dayToTimes: times - dayClicked };
  });
}

export async function embedBench(): Promise<BenchRow[]> {
  const mock = createMockServer(loadStore());
  const api = await listen(mock);
  const site = siteServer(pages(api));
  const base = await listen(site);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const embed: number[] = [];
    const plain: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const [url, into] of [[`${base}/embed.html`, embed], [`${base}/static.html`, plain], [`${base}/bare.html`, bare]] as const) {
        const context = await browser.newContext();
        into.push(await firstOffer(await context.newPage(), url));
        await context.close();
      }
    }
    const context = await browser.newContext();
    const trips = await roundTrips(await context.newPage(), `${base}/embed.html`, api);
    const heap = await heapAfterCycles(await context.newPage(), base, api, 100);
    const twenty = await manyPortals(await context.newPage(), base, api, 20);
    await context.close();
    const steps: Awaited<ReturnType<typeof bookingSteps>>[] = [];
    for (let i = 0; i < 5; i++) {
      const fresh = await browser.newContext();
      steps.push(await bookingSteps(await fresh.newPage(), base));
      await fresh.close();
    }
    const stepRows: BenchRow[] = [
      { metric: '"Book" → the calendar painted, built embed (median of 5), ms', value: median(steps.map((s) => s.book)), goal: '', ok: null },
      {
        metric: 'the calendar painted after the slots answer arrived (median of 5), ms',
        value: median(steps.map((s) => s.afterSlots)),
        goal: '≤ 16.7 (one frame)',
        ok: median(steps.map((s) => s.afterSlots)) <= 16.7,
      },
      { metric: 'a day chosen → its times painted (median of 5), ms', value: median(steps.map((s) => s.dayToTimes)), goal: '≤ 16.7 (one frame)', ok: median(steps.map((s) => s.dayToTimes)) <= 16.7 },
    ];
    const ratio = median(embed) / median(plain);
    return [
      { metric: `first offer painted, built embed (median of ${RUNS}), ms`, value: median(embed), goal: '', ok: null },
      { metric: `first offer painted, static page (median of ${RUNS}), ms`, value: median(plain), goal: '', ok: null },
      { metric: 'first offer painted, embed ÷ static', value: ratio, goal: '≤ 1.5×', ok: ratio <= 1.5 },
      { metric: `first offer painted, bare fetch-and-list script (median of ${RUNS}), ms`, value: median(bare), goal: '', ok: null },
      { metric: 'first offer painted, bare script ÷ static (the floor for a widget that fetches)', value: median(bare) / median(plain), goal: '', ok: null },
      { metric: 'first offer painted, embed ÷ bare script (what punchcard adds)', value: median(embed) / median(bare), goal: '≤ 1.25×', ok: median(embed) / median(bare) <= 1.25 },
      { metric: 'sequential API round trips before the offers', value: trips, goal: '1', ok: trips === 1 },
      { metric: 'heap after 100 portal mount/unmount ÷ after the first', value: heap.last / heap.first, goal: '≤ 1.1×', ok: heap.last / heap.first <= 1.1 },
      { metric: 'portals still in memory after 100 mount/unmount', value: heap.alive, goal: '0', ok: heap.alive === 0 },
      { metric: '20 portals on one page: all offers shown, ms', value: twenty, goal: '', ok: null },
      ...stepRows,
    ];
  } finally {
    await browser.close();
    site.close();
    mock.close();
    mock.closeAllConnections();
  }
}
