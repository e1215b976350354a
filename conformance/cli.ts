#!/usr/bin/env node
/** `punchcard-conformance` / `npm run conformance --`: checks a backend against the contract. */
import { writeFileSync } from 'node:fs';
import { parseCliArgs, USAGE } from './args.ts';
import { jsonReport, junitReport, progressLine, summaryTable } from './report.ts';
import { runSuite } from './run.ts';

const parsed = parseCliArgs(process.argv.slice(2));
if ('error' in parsed) {
  process.stderr.write(`punchcard-conformance: ${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const { options } = parsed;

process.stdout.write(`punchcard conformance: ${options.api} practice ${options.practice}${options.write ? ' (--write: books and cancels)' : ' (read-only)'}\n\n`);
const suite = await runSuite(options, (result) => process.stdout.write(`${progressLine(result)}\n`));
process.stdout.write(`\n${summaryTable(suite)}\n`);

if (options.report && options.out) {
  try {
    writeFileSync(options.out, options.report === 'junit' ? junitReport(suite) : jsonReport(suite));
    process.stdout.write(`${options.report} report written to ${options.out}\n`);
  } catch (error) {
    process.stderr.write(`punchcard-conformance: cannot write ${options.out}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
process.exit(suite.ok ? 0 : 1);
