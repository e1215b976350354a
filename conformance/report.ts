/** The suite's reports: a progress line per check and a summary table for people, JSON, JUnit XML for CI. */
import type { CheckResult, SuiteResult } from './run.ts';

const MARK = { pass: '✔', fail: '✖', skip: '-' } as const;

const firstLine = (text: string) => text.split('\n')[0] ?? '';

/** One line per finished check (plus the indented failure message). */
export function progressLine(r: CheckResult): string {
  const head = `${MARK[r.status]} ${r.id.padEnd(32)} ${r.level.padEnd(6)} §${r.section.padEnd(8)} ${`${r.ms} ms`.padStart(8)}`;
  if (r.status === 'fail') return `${head}\n${indent(r.message, '    ')}`;
  if (r.status === 'skip') return `${head}  skipped: ${firstLine(r.message)}`;
  return r.message ? `${head}  ${truncateLine(firstLine(r.message), 100)}` : head;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function truncateLine(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function counts(suite: SuiteResult) {
  const of = (status: CheckResult['status'], level?: CheckResult['level']) =>
    suite.results.filter((r) => r.status === status && (!level || r.level === level)).length;
  return {
    total: suite.results.length,
    passed: of('pass'),
    failed: of('fail'),
    failedMust: of('fail', 'MUST'),
    failedShould: of('fail', 'SHOULD'),
    skipped: of('skip'),
  };
}

/** The summary table and the verdict. */
export function summaryTable(suite: SuiteResult): string {
  const rows = suite.results.map((r) => [r.id, r.level, `§${r.section}`, r.status === 'pass' ? 'pass' : r.status === 'fail' ? 'FAIL' : 'skipped', `${r.ms} ms`]);
  const header = ['check', 'level', 'section', 'result', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const c = counts(suite);
  const verdict = suite.ok
    ? `PASS: every MUST check passed${c.failedShould ? ` (${c.failedShould} SHOULD check(s) failed)` : ''}`
    : `FAIL: ${c.failedMust} MUST check(s) failed`;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${c.passed} passed, ${c.failed} failed (${c.failedMust} MUST, ${c.failedShould} SHOULD), ${c.skipped} skipped in ${suite.ms} ms`,
    verdict,
  ].join('\n');
}

export function jsonReport(suite: SuiteResult): string {
  return `${JSON.stringify({ tool: 'punchcard-conformance', ...suite, summary: counts(suite) }, null, 2)}\n`;
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 does not allow. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML (testsuites/testsuite/testcase with failure and skipped) as CI systems read it. */
export function junitReport(suite: SuiteResult): string {
  const c = counts(suite);
  const name = `punchcard-conformance ${suite.practice} @ ${suite.api}`;
  const cases = suite.results.map((r) => {
    const attrs = `classname="punchcard-conformance.${r.level}" name="${xmlEscape(`${r.id} (§${r.section}, ${r.level})`)}" time="${seconds(r.ms)}"`;
    if (r.status === 'pass') {
      return r.message
        ? `    <testcase ${attrs}>\n      <system-out>${xmlEscape(r.message)}</system-out>\n    </testcase>`
        : `    <testcase ${attrs}/>`;
    }
    if (r.status === 'skip') return `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(firstLine(r.message))}"/>\n    </testcase>`;
    return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(firstLine(r.message))}" type="${r.level}">${xmlEscape(`${r.title}\n\n${r.message}`)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="punchcard-conformance" tests="${c.total}" failures="${c.failed}" errors="0" skipped="${c.skipped}" time="${seconds(suite.ms)}">`,
    `  <testsuite name="${xmlEscape(name)}" tests="${c.total}" failures="${c.failed}" errors="0" skipped="${c.skipped}" time="${seconds(suite.ms)}" timestamp="${suite.startedAt}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
