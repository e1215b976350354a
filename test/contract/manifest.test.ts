import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { renderApi, withApi } from '../../scripts/readme-api.ts';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('custom-elements.json and README element reference', () => {
  it('custom-elements.json is what the analyzer makes of the JSDoc headers now', async () => {
    // The analyzer writes next to its working directory (and touches package.json there): run it on a copy.
    const work = mkdtempSync(join(tmpdir(), 'punchcard-cem-'));
    cpSync(new URL('src', root), join(work, 'src'), { recursive: true });
    cpSync(new URL('custom-elements-manifest.config.mjs', root), join(work, 'custom-elements-manifest.config.mjs'));
    writeFileSync(join(work, 'package.json'), JSON.stringify({ customElements: 'custom-elements.json' }));
    const bin = new URL('node_modules/.bin/custom-elements-manifest', root).pathname;
    await promisify(execFile)(bin, ['analyze'], { cwd: work });
    assert.ok(readFileSync(join(work, 'custom-elements.json'), 'utf8') === read('custom-elements.json'), 'custom-elements.json is stale: run `npm run gen`');
  });

  it('README.md shows the reference generated from custom-elements.json', () => {
    const readme = read('README.md');
    assert.ok(withApi(readme, renderApi(JSON.parse(read('custom-elements.json')))) === readme, 'README.md element reference is stale: run `npm run gen`');
  });

  it('the manifest lists every element with the public surface of SPEC 3', () => {
    const manifest = JSON.parse(read('custom-elements.json'));
    const elements = manifest.modules.flatMap((m: { declarations?: object[] }) => m.declarations ?? []).filter((d: { tagName?: string }) => d.tagName);
    const byTag = Object.fromEntries(elements.map((d: { tagName: string }) => [d.tagName, d]));
    assert.deepEqual(Object.keys(byTag).sort(), ['punchcard-credits', 'punchcard-offers', 'punchcard-portal']);
    for (const d of elements) {
      // SPEC 3's attributes on every element; the credits add `usable-only` (the portal's overview).
      const own = d.tagName === 'punchcard-credits' ? ['usable-only'] : [];
      assert.deepEqual(d.attributes.map((a: { name: string }) => a.name).sort(), ['api', 'locale', 'practice', 'timeout', 'token', ...own].sort(), d.tagName);
      assert.ok(d.events.some((e: { name?: string }) => e.name === 'punchcard-error'), `${d.tagName} declares punchcard-error`);
      assert.ok(d.cssProperties.every((p: { name: string; default?: string }) => p.name.startsWith('--punchcard-') && p.default), `${d.tagName}: CSS properties with defaults`);
    }
    const portalEvents = byTag['punchcard-portal'].events.map((e: { name?: string }) => e.name);
    for (const name of ['punchcard-signed-in', 'punchcard-booked', 'punchcard-cancelled']) assert.ok(portalEvents.includes(name), name);
    const parts = (tag: string) => byTag[tag].cssParts.map((p: { name: string }) => p.name);
    assert.ok(parts('punchcard-offers').includes('offer'));
    assert.ok(parts('punchcard-credits').includes('package') && parts('punchcard-credits').includes('credit-meter'));
    assert.ok(['slot', 'error', 'offer', 'package', 'credit-meter'].every((p) => parts('punchcard-portal').includes(p)));
  });
});
