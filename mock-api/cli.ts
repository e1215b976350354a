#!/usr/bin/env node
/** `punchcard-mock-api` / `npm run mock-api --`: the mock API as a local HTTP server. */
import { parseArgs } from 'node:util';
import { loadStore } from './load.ts';
import { createMockServer } from './server.ts';
import { DatasetError } from './store.ts';

const HELP = `Usage: punchcard-mock-api [options]

Serves the punchcard backend contract (docs/backend.md) from a dataset, for demos, tests and
integrating developers.

Options:
  --data <file>   dataset JSON (schema: mock-api/dataset.schema.json); default: the demo dataset
  --port <n>      port to listen on; 0 picks a free one (default 4010)
  --host <addr>   address to listen on (default 127.0.0.1)
  --now <instant> override the dataset's fixed clock, e.g. 2026-11-24T09:00:00+01:00
  --help          show this help
`;

function fail(message: string): never {
  process.stderr.write(`punchcard-mock-api: ${message}\n\n${HELP}`);
  process.exit(2);
}

let values: { data?: string; port?: string; host?: string; now?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
if (values.now !== undefined && Number.isNaN(Date.parse(values.now))) fail(`--now must be an ISO instant, not "${values.now}"`);

let store;
try {
  store = loadStore(values.data, {
    now: values.now,
    onLoginCode: ({ practiceId, email, code }) => process.stdout.write(`login code for ${email} at ${practiceId}: ${code}\n`),
  });
} catch (error) {
  if (!(error instanceof DatasetError)) throw error;
  process.stderr.write(`punchcard-mock-api: ${error.message}\n`);
  process.exit(1);
}

const server = createMockServer(store);
server.on('error', (error: NodeJS.ErrnoException) => {
  process.stderr.write(`punchcard-mock-api: cannot listen on ${values.host}:${port}: ${error.code ?? error.message}\n`);
  process.exit(1);
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const host = values.host!.includes(':') ? `[${values.host}]` : values.host;
  process.stdout.write(`punchcard mock API serving ${values.data ?? 'the demo dataset'}\n`);
  process.stdout.write(`API base URL: http://${host}:${actual}\n`);
  for (const { practice, customers } of store.dataset.practices) {
    process.stdout.write(`  practice ${practice.id}: http://${host}:${actual}/practices/${practice.id}\n`);
    for (const customer of customers) {
      const signIn = [customer.tokens[0] && `token ${customer.tokens[0]}`, customer.loginCode && `code ${customer.loginCode}`].filter(Boolean);
      process.stdout.write(`    ${customer.email}${signIn.length ? `: ${signIn.join(', ')}` : ''}\n`);
    }
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
