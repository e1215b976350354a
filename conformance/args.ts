/** Command-line flags of `punchcard-conformance`: parsed into suite options, or a usage error. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CHECKS } from './checks.ts';
import type { SuiteOptions } from './context.ts';
import { unknownIds } from './run.ts';

export const USAGE = `Usage: punchcard-conformance --api <url> --practice <id> (--token-file <f> | --token <t> | --email <e> --code <c>) [options]

Checks a backend against the punchcard contract (mock-api/openapi.json) with the same schemas and rules as the
widget and the mock API.

Required:
  --api <url>          API base URL, e.g. http://127.0.0.1:4010
  --practice <id>      practice id, e.g. physio-berlin
  sign-in, one of:
  --token-file <file>  a file holding a bearer token of a test client
  PUNCHCARD_TOKEN=<t>  the same, from the environment
  --token <t>          the same on the command line (it then shows in the process list)
  --email <e> --code <c>  sign in with an emailed code (POST …/auth/token)

Options:
  --write              also run the checks that book and cancel (default: read-only)
  --report <format>    json or junit, written to --out
  --out <file>         where the report goes (required with --report)
  --only <ids>         run only these checks (comma-separated ids)
  --skip <ids>         leave these checks out (comma-separated ids)
  --timeout <ms>       per request (default 10000)
  --help               show this help

Exit status: 0 when every MUST check passes (SHOULD failures are reported only), 1 when a MUST
check fails, 2 on bad usage.

Checks:
${CHECKS.map((c) => `  ${c.id.padEnd(32)} ${c.level.padEnd(6)} §${c.section.padEnd(8)}${c.needsWrite ? ' (--write)' : ''}`.trimEnd()).join('\n')}
`;

export interface CliOptions extends SuiteOptions {
  report?: 'json' | 'junit';
  out?: string;
}

export type Parsed = { help: true } | { help: false; options: CliOptions } | { error: string };

const ids = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);

export function parseCliArgs(argv: string[], env: Record<string, string | undefined> = process.env): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        api: { type: 'string' },
        practice: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        email: { type: 'string' },
        code: { type: 'string' },
        write: { type: 'boolean', default: false },
        report: { type: 'string' },
        out: { type: 'string' },
        only: { type: 'string' },
        skip: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  if (!values.api) return { error: '--api is required' };
  try {
    const url = new URL(values.api);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `--api must be an http(s) URL, not "${values.api}"` };
  } catch {
    return { error: `--api must be a URL, not "${values.api}"` };
  }
  if (!values.practice) return { error: '--practice is required' };
  if (values.token !== undefined && values['token-file'] !== undefined) return { error: 'use either --token or --token-file, not both' };
  if (values['token-file'] !== undefined) {
    try {
      values.token = readFileSync(values['token-file'], 'utf8').trim();
    } catch (error) {
      return { error: `--token-file: cannot read "${values['token-file']}" (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
    if (!values.token) return { error: `--token-file: "${values['token-file']}" is empty` };
  }
  // The environment's token counts when no sign-in was given on the command line.
  if (values.token === undefined && values.email === undefined && values.code === undefined && env.PUNCHCARD_TOKEN) values.token = env.PUNCHCARD_TOKEN.trim();
  if (values.token !== undefined && (values.email !== undefined || values.code !== undefined)) return { error: 'use either --token or --email with --code, not both' };
  if (values.token === undefined && (values.email === undefined || values.code === undefined)) return { error: 'sign in with --token-file, PUNCHCARD_TOKEN, --token, or --email with --code' };
  if (values.report !== undefined && values.report !== 'json' && values.report !== 'junit') return { error: `--report must be json or junit, not "${values.report}"` };
  if ((values.report === undefined) !== (values.out === undefined)) return { error: '--report and --out go together' };
  const timeoutMs = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return { error: `--timeout must be a positive whole number of milliseconds, not "${values.timeout}"` };
  const only = ids(values.only);
  const skipIds = ids(values.skip);
  const unknown = unknownIds([...(only ?? []), ...(skipIds ?? [])]);
  if (unknown.length) return { error: `unknown check id(s): ${unknown.join(', ')}` };
  return {
    help: false,
    options: {
      api: values.api,
      practice: values.practice,
      token: values.token,
      email: values.email,
      code: values.code,
      write: values.write ?? false,
      timeoutMs,
      only,
      skip: skipIds,
      report: values.report as CliOptions['report'],
      out: values.out,
    },
  };
}
