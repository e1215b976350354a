/** Reads a dataset file for the Node server; every failure names the file and what is wrong. */
import { readFileSync } from 'node:fs';
import { DatasetError, MockStore, type MockStoreOptions } from './store.ts';

export const DEMO_DATASET = new URL('./data/demo.json', import.meta.url);

export function loadStore(file: string | URL = DEMO_DATASET, options: Omit<MockStoreOptions, 'source'> = {}): MockStore {
  const source = file instanceof URL ? decodeURIComponent(file.pathname) : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(source, [{ path: '(file)', message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error) }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(source, [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return new MockStore(json, { ...options, source });
}
