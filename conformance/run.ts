/** Runs the selected checks one after the other against a backend and collects their results. */
import { CHECKS, type Check } from './checks.ts';
import { CheckFailure, CheckSkipped, Context, type Level, type Status, type SuiteOptions } from './context.ts';
import { RequestError } from './http.ts';

export interface CheckResult {
  id: string;
  title: string;
  section: string;
  level: Level;
  needsWrite: boolean;
  status: Status;
  /** Why it failed or was skipped; a note for a pass (may be empty). */
  message: string;
  ms: number;
}

export interface SuiteResult {
  api: string;
  practice: string;
  write: boolean;
  startedAt: string;
  ms: number;
  results: CheckResult[];
  /** True when no MUST check failed (SHOULD failures do not count). */
  ok: boolean;
}

/** The checks `--only` / `--skip` select, in suite order; unknown ids are the caller's to report. */
export function selectChecks(only?: readonly string[], skipIds?: readonly string[]): Check[] {
  return CHECKS.filter((check) => (!only || only.includes(check.id)) && !skipIds?.includes(check.id));
}

export function unknownIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !CHECKS.some((check) => check.id === id));
}

export async function runSuite(options: SuiteOptions, onResult?: (result: CheckResult) => void): Promise<SuiteResult> {
  const started = Date.now();
  const ctx = new Context(options);
  const results: CheckResult[] = [];
  for (const check of selectChecks(options.only, options.skip)) {
    const t0 = performance.now();
    let status: Status;
    let message: string;
    if (check.needsWrite && !options.write) {
      status = 'skip';
      message = 'books and cancels: run with --write';
    } else {
      try {
        message = (await check.run(ctx)) ?? '';
        status = 'pass';
      } catch (error) {
        if (error instanceof CheckSkipped) status = 'skip';
        else status = 'fail';
        const known = error instanceof CheckFailure || error instanceof CheckSkipped || error instanceof RequestError;
        message = known ? error.message : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      }
    }
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      section: check.section,
      level: check.level,
      needsWrite: check.needsWrite,
      status,
      message,
      ms: Math.round(performance.now() - t0),
    };
    results.push(result);
    onResult?.(result);
  }
  return {
    api: options.api,
    practice: options.practice,
    write: options.write,
    startedAt: new Date(started).toISOString(),
    ms: Date.now() - started,
    results,
    ok: !results.some((r) => r.status === 'fail' && r.level === 'MUST'),
  };
}
