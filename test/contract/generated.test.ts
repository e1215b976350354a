import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GENERATED } from '../../scripts/gen-contract.ts';
import { PROBLEM_CODES } from '../../src/contract/problems.ts';
import { ROUTES } from '../../src/contract/routes.ts';

const root = new URL('../../', import.meta.url);

describe('generated contract documents', () => {
  for (const [file, build] of Object.entries(GENERATED)) {
    it(`${file} is what \`npm run gen\` produces`, () => {
      const committed = readFileSync(new URL(file, root), 'utf8');
      assert.ok(committed === build(), `${file} is stale: run \`npm run gen\` and commit the result`);
    });
  }

  it('the OpenAPI document has every route of SPEC 4, bearer security and the Idempotency-Key header', () => {
    const doc = JSON.parse(readFileSync(new URL('mock-api/openapi.json', root), 'utf8'));
    assert.equal(doc.openapi, '3.1.0');
    for (const route of ROUTES) {
      const op = doc.paths[route.path]?.[route.method];
      assert.ok(op, `${route.method.toUpperCase()} ${route.path} is missing`);
      assert.ok(op.responses[String(route.success.status)], `${route.operationId} lacks its success response`);
      assert.equal(op.security.some((s: object) => 'bearer' in s), route.auth !== 'none', `${route.operationId} security`);
    }
    const booking = doc.paths['/practices/{practiceId}/bookings'].post;
    assert.ok(booking.parameters.some((p: { $ref?: string }) => p.$ref === '#/components/parameters/IdempotencyKey'));
    assert.equal(doc.components.parameters.IdempotencyKey.name, 'Idempotency-Key');
    assert.deepEqual(doc.components.securitySchemes.bearer, { ...doc.components.securitySchemes.bearer, type: 'http', scheme: 'bearer' });
    const documentedCodes = Object.values(doc.components.schemas)
      .map((s: any) => s.properties?.code?.const)
      .filter(Boolean)
      .sort();
    assert.deepEqual(documentedCodes, [...PROBLEM_CODES].sort());
  });

  it('no response schema of the OpenAPI document mentions internalNote', () => {
    assert.equal(readFileSync(new URL('mock-api/openapi.json', root), 'utf8').includes('internalNote'), false);
    assert.equal(readFileSync(new URL('mock-api/dataset.schema.json', root), 'utf8').includes('internalNote'), true);
  });

  it('the OpenAPI document passes `redocly lint` (recommended-strict)', async () => {
    const run = promisify(execFile);
    const bin = new URL('node_modules/.bin/redocly', root).pathname;
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    try {
      await run(bin, ['lint', '--format=stylish', 'mock-api/openapi.json'], { cwd: root.pathname, env });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      assert.fail(`redocly lint failed:\n${stdout}\n${stderr}`);
    }
  });
});
