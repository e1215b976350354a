/**
 * The demo practice website: the real mock API handlers over the demo dataset, in this page's
 * service worker. The widget is registered only once the worker answers, so no request escapes.
 */
import { setupWorker } from 'msw/browser';
import demo from '../mock-api/data/demo.json';
import type { Dataset } from '../src/contract/dataset.ts';
import { createHandlers } from '../mock-api/handlers.ts';
import { MockStore } from '../mock-api/store.ts';

const portal = document.querySelector('punchcard-portal')! as HTMLElementTagNameMap['punchcard-portal'];
const practiceSelect = document.querySelector<HTMLSelectElement>('#practice')!;
const localeSelect = document.querySelector<HTMLSelectElement>('#locale')!;
const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
const clients = document.querySelector('#clients')!;
const events = document.querySelector('#events')!;

function say(text: string) {
  events.textContent = text;
}

function showClients() {
  const practice = (demo as Dataset).practices.find((p) => p.practice.id === practiceSelect.value)!;
  clients.replaceChildren(
    ...practice.customers.map((customer) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${customer.displayName} (${customer.email}, code ${customer.loginCode})`;
      button.addEventListener('click', () => portal.setAttribute('token', customer.tokens[0]!));
      item.append(button);
      return item;
    }),
  );
}

practiceSelect.addEventListener('change', () => {
  portal.removeAttribute('token');
  portal.setAttribute('practice', practiceSelect.value);
  showClients();
});
localeSelect.addEventListener('change', () => {
  if (localeSelect.value) portal.setAttribute('locale', localeSelect.value);
  else portal.removeAttribute('locale');
});
themeSelect.addEventListener('change', () => {
  portal.className = themeSelect.value;
});
portal.addEventListener('punchcard-signed-in', (event) => say(`punchcard-signed-in: ${event.detail.customer.displayName}`));
portal.addEventListener('punchcard-booked', (event) => say(`punchcard-booked: ${event.detail.booking.id}`));
portal.addEventListener('punchcard-cancelled', (event) => say(`punchcard-cancelled: ${event.detail.booking.id}`));
portal.addEventListener('punchcard-error', (event) => say(`punchcard-error: ${event.detail.code} — ${event.detail.message}`));
// The page around the widget is complete before the widget starts, so nothing above it moves later.
showClients();

const worker = setupWorker(
  ...createHandlers(
    new MockStore(demo, { onLoginCode: ({ email, code }) => say(`Mock email to ${email}: your code is ${code}`) }),
    { base: `${location.origin}/api` },
  ),
);
await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
await import('../src/define.ts');
