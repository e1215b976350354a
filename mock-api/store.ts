/**
 * The mock API's in-memory state, loaded from a dataset (SPEC 5). Browser-safe: no node:*
 * imports, so the demo page's service worker setup uses the very same store.
 */
import { Dataset, type DatasetPractice } from '../src/contract/dataset.ts';
import { fieldErrors } from '../src/contract/issues.ts';
import type { FieldError } from '../src/contract/problems.ts';

/** A dataset that does not match the dataset schema; `errors` names every bad field. */
export class DatasetError extends Error {
  readonly source: string;
  readonly errors: FieldError[];
  constructor(source: string, errors: FieldError[]) {
    super(`${source} is not a valid punchcard dataset:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    this.name = 'DatasetError';
    this.source = source;
    this.errors = errors;
  }
}

export interface MockStoreOptions {
  /** Overrides the dataset's `now` (an ISO instant). */
  now?: string;
  /** Names the dataset in error messages (a file path). */
  source?: string;
}

export class MockStore {
  readonly dataset: Dataset;
  /** The fixed clock every "today" and `serverTime` derive from. */
  readonly nowMs: number;

  constructor(json: unknown, options: MockStoreOptions = {}) {
    const parsed = Dataset.safeParse(json);
    if (!parsed.success) throw new DatasetError(options.source ?? 'the dataset', fieldErrors(parsed.error));
    // A deep copy: bookings mutate the store, never the caller's object.
    this.dataset = structuredClone(parsed.data);
    const now = options.now ?? this.dataset.now;
    this.nowMs = Date.parse(now);
    if (Number.isNaN(this.nowMs)) throw new DatasetError(options.source ?? 'the dataset', [{ path: 'now', message: `not an instant: ${now}` }]);
  }

  practice(id: string): DatasetPractice | undefined {
    return this.dataset.practices.find((entry) => entry.practice.id === id);
  }
}
