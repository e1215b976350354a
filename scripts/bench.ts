/**
 * `npm run bench`: measures and prints one table of figures and ratios. A benchmark, not a test:
 * it never fails a build; the size budget (npm run size) is what CI enforces.
 */
import { mockServerBench } from './bench/mock-server.ts';
import { rulesBench } from './bench/rules.ts';
import { formatTable } from './bench/table.ts';

const rows = [...rulesBench(), ...(await mockServerBench())];
console.log(`punchcard bench — node ${process.version}, ${new Date().toISOString()}\n`);
console.log(formatTable(rows));
