/**
 * Lighthouse (the `lighthouse` package, desktop preset) on the built demo page, run in Debian's
 * Chromium: performance score, CLS and TBT. Needs `vite build --mode demo` (npm run bench does it).
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktop from 'lighthouse/core/config/desktop-config.js';
import type { BenchRow } from './table.ts';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serve(dir: URL): Server {
  return createServer((req, res) => {
    let path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(new URL(`.${path}`, dir));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=3600' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
}

export async function lighthouseBench(): Promise<BenchRow[]> {
  const server = serve(new URL('../../dist/demo/', import.meta.url));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/demo/`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, desktop);
    const lhr = result!.lhr;
    const score = Math.round((lhr.categories.performance!.score ?? 0) * 100);
    const cls = lhr.audits['cumulative-layout-shift']!.numericValue ?? NaN;
    const tbt = lhr.audits['total-blocking-time']!.numericValue ?? NaN;
    return [
      { metric: 'Lighthouse (desktop) on the demo page: performance', value: score, goal: '≥ 98', ok: score >= 98 },
      { metric: 'Lighthouse: cumulative layout shift', value: cls, goal: '0', ok: cls === 0 },
      { metric: 'Lighthouse: total blocking time, ms', value: tbt, goal: '0', ok: tbt === 0 },
    ];
  } finally {
    chrome.kill();
    server.close();
  }
}
