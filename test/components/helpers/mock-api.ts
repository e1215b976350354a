/**
 * Starts the real MSW handlers over the demo dataset in the test page's service worker.
 * Each test gets a fresh store (bookings made in one test never leak into the next).
 */
import { setupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import demo from '../../../mock-api/data/demo.json';
import { createHandlers } from '../../../mock-api/handlers.ts';
import { MockStore } from '../../../mock-api/store.ts';

export const API = `${location.origin}/api`;
export const demoDataset: unknown = demo;

const worker = setupWorker();
let started: Promise<unknown> | undefined;

/** Serves a fresh demo store (or the given handlers first, to break the backend on purpose). */
export async function useMockApi(...overrides: RequestHandler[]): Promise<MockStore> {
  return useMockDataset(demo, ...overrides);
}

/** A deep copy of the demo dataset, to modify for one test and serve with `useMockDataset`. */
export function demoCopy(): typeof demo {
  return structuredClone(demo);
}

/** Like `useMockApi`, over a dataset of the test's own (such as a modified `demoCopy()`). */
export async function useMockDataset(dataset: unknown, ...overrides: RequestHandler[]): Promise<MockStore> {
  // A fresh backend, and no checkout saved by an earlier test (the runner may reuse the tab).
  sessionStorage.clear();
  started ??= worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
  await started;
  const store = new MockStore(dataset);
  worker.resetHandlers(...overrides, ...createHandlers(store));
  return store;
}
