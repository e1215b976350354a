/**
 * The demo practice website: the real mock API handlers over the demo dataset, in this page's
 * service worker. The widget is registered only once the worker answers, so no request escapes.
 */
import { setupWorker } from 'msw/browser';
import demo from '../mock-api/data/demo.json';
import { createHandlers } from '../mock-api/handlers.ts';
import { MockStore } from '../mock-api/store.ts';

const worker = setupWorker(...createHandlers(new MockStore(demo), { base: `${location.origin}/api` }));
await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
await import('../src/define.ts');
