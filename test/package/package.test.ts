/**
 * The published package works once installed: `npm pack` of this project (after `npm run build`),
 * installed into an empty project from the tarball, runs both command-line tools, serves the demo
 * dataset, and lets an app import `punchcard/elements`; on an older Node the tools say in one line
 * that they need Node 24.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../mock-api/support.ts';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir: string;
let project: string;

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/bin/mock-api.js')), 'dist/bin is missing: run `npm run build` first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'punchcard-package-'));
  const { stdout } = await run(npm, ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT });
  const tarball = join(dir, stdout.trim().split('\n').at(-1)!);
  project = join(dir, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  // What a site owner's project gets: the package and its runtime dependencies, nothing of ours.
  await run(npm, ['install', tarball, '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts'], { cwd: project, timeout: 240_000 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const bin = (name: string) => join(project, 'node_modules', '.bin', name);

describe('the package installed from its tarball', () => {
  it('npx punchcard-mock-api --help and npx punchcard-conformance --help', async () => {
    const mock = await run(bin('punchcard-mock-api'), ['--help'], { cwd: project });
    assert.match(mock.stdout, /^Usage: punchcard-mock-api/);
    const conformance = await run(bin('punchcard-conformance'), ['--help'], { cwd: project });
    assert.match(conformance.stdout, /^Usage: punchcard-conformance/);
  });

  it('punchcard-mock-api serves the demo dataset it ships with', async () => {
    const server = spawn(process.execPath, [bin('punchcard-mock-api'), '--port', '0'], { cwd: project });
    try {
      let out = '';
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /API base URL: (\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
      });
      const response = await fetch(`${base}/practices/physio-berlin`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { id: string }).id, 'physio-berlin');
    } finally {
      server.kill();
    }
  });

  it('an app imports punchcard/elements (side-effect free: nothing registered)', async () => {
    // Lit's Node build brings a stand-in customElements registry: nothing may be defined in it.
    const script = "const m = await import('punchcard/elements'); console.log(typeof m.PunchcardPortal, typeof m.ApiClient, typeof globalThis.customElements?.get('punchcard-portal'));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    assert.equal(stdout.trim(), 'function function undefined');
  });

  it('on Node older than 24 each tool says so in one line and exits 1', async (t) => {
    // The machine's own Node (the CI image has Node 20); without an older one there is nothing to try.
    const old = '/usr/bin/node';
    if (!existsSync(old)) return t.skip('no older Node at /usr/bin/node on this machine');
    const { stdout: version } = await run(old, ['--version']);
    if (Number(version.slice(1).split('.')[0]) >= 24) return t.skip(`/usr/bin/node is ${version.trim()}, not older than 24`);
    for (const tool of ['punchcard-mock-api', 'punchcard-conformance']) {
      const result = await run(old, [bin(tool), '--help'], { cwd: project }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(result.code, 1, tool);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${tool}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^${tool} needs Node ≥ 24; this is Node ${version.trim().slice(1).replaceAll('.', '\\.')}`));
    }
  });
});
