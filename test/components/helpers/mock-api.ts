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
  started ??= worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
  await started;
  const store = new MockStore(demo);
  worker.resetHandlers(...overrides, ...createHandlers(store));
  return store;
}
