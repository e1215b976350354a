/**
 * `npm run size`: the embed's size budget (issue 8). Prints min+gzip sizes of dist/punchcard.js
 * and each locale chunk against their budgets; exits 1 when one is exceeded. Run after the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const BUDGET = {
  /** Everything a page needs to show the portal: all elements, client, rules, contract checks, English. */
  main: 25 * 1024,
  /** Each further locale, loaded on demand. */
  locale: 3 * 1024,
};

export interface SizeRow {
  file: string;
  bytes: number;
  gzip: number;
  budget: number;
}

export function measure(dist: URL): SizeRow[] {
  const gz = (file: string) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
  const bytes = (file: string) => readFileSync(new URL(file, dist)).length;
  const rows: SizeRow[] = [{ file: 'punchcard.js', bytes: bytes('punchcard.js'), gzip: gz('punchcard.js'), budget: BUDGET.main }];
  for (const file of readdirSync(new URL('locales/', dist)).filter((f) => f.endsWith('.js')).sort()) {
    rows.push({ file: `locales/${file}`, bytes: bytes(`locales/${file}`), gzip: gz(`locales/${file}`), budget: BUDGET.locale });
  }
  return rows;
}

if (import.meta.main) {
  const rows = measure(new URL('../dist/', import.meta.url));
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  console.log('| file | minified | min+gzip | budget | |\n| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.file} | ${kb(row.bytes)} | ${kb(row.gzip)} | ${kb(row.budget)} | ${row.gzip <= row.budget ? 'ok' : 'OVER'} |`);
  const over = rows.filter((row) => row.gzip > row.budget);
  if (over.length > 0) {
    console.error(`\nsize budget exceeded: ${over.map((row) => `${row.file} by ${kb(row.gzip - row.budget)}`).join(', ')}`);
    process.exit(1);
  }
}
