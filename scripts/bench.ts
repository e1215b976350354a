/**
 * `npm run bench`: measures and prints one table of figures and ratios. A benchmark, not a test:
 * it never fails a build; the size budget (npm run size) is what CI enforces.
 */
import { embedBench } from './bench/embed.ts';
import { lighthouseBench } from './bench/lighthouse.ts';
import { loadBench } from './bench/load.ts';
import { mockServerBench } from './bench/mock-server.ts';
import { rulesBench } from './bench/rules.ts';
import { formatTable } from './bench/table.ts';
import { measure } from './size.ts';

const sizes = measure(new URL('../dist/', import.meta.url)).map((row) => ({
  metric: `${row.file}: min+gzip ÷ budget (${(row.gzip / 1024).toFixed(1)} of ${(row.budget / 1024).toFixed(0)} KB)`,
  value: row.gzip / row.budget,
  goal: '≤ 1',
  ok: row.gzip <= row.budget,
}));
const rows = [...sizes, ...(await embedBench()), ...(await lighthouseBench()), ...rulesBench(), ...(await mockServerBench()), ...(await loadBench())];
console.log(`punchcard bench — node ${process.version}, ${new Date().toISOString()}\n`);
console.log(formatTable(rows));
