/** The demo dataset, read fresh for each test that mutates it. */
import { readFileSync } from 'node:fs';
import type { Dataset } from '../../src/contract/dataset.ts';

export const DEMO_PATH = new URL('../../mock-api/data/demo.json', import.meta.url);

export function readDemo(): Dataset {
  return JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as Dataset;
}
