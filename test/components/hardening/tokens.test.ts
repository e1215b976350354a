/**
 * Tokens: kept in memory only — never in localStorage (nor sessionStorage or a
 * cookie), never in a URL, never logged — and forgotten on sign-out. (A 401 mid-flow keeping the
 * checkout: session.test.ts.)
 */
import { expect } from '@open-wc/testing';
import './embed.ts';
import { http } from '../helpers/backend.ts';
import { useMockApi } from '../helpers/mock-api.ts';
import { until, watchPageErrors } from '../helpers/page.ts';
import { PortalPage } from '../helpers/portal-page.ts';

interface Seen {
  url: string;
  authorization: string | null;
}

/** Records every request the page makes: through fetch (URL) and at the mock (URL and Authorization). */
function recorder() {
  const fetched: string[] = [];
  const fetchedWith: Seen[] = [];
  const atMock: Seen[] = [];
  const logged: string[] = [];
  const originalFetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    fetched.push(url);
    fetchedWith.push({ url, authorization: new Headers(init?.headers).get('Authorization') });
    return originalFetch(input, init);
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originalConsole = Object.fromEntries(methods.map((m) => [m, console[m]]));
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === 'string' ? arg : safeString(arg))).join(' '));
      originalConsole[method]!.apply(console, args);
    };
  }
  const handler = http.all('*', ({ request }) => {
    atMock.push({ url: request.url, authorization: request.headers.get('Authorization') });
    return undefined;
  });
  return {
    fetched,
    fetchedWith,
    atMock,
    logged,
    handler,
    restore() {
      window.fetch = originalFetch;
      Object.assign(console, originalConsole);
    },
  };
}

function safeString(value: unknown): string {
  try {
    return `${String(value)} ${JSON.stringify(value)}`;
  } catch {
    return String(value);
  }
}

function storedValues(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
}

function expectNowhere(token: string, record: ReturnType<typeof recorder>) {
  expect(token.length, 'a token to look for').to.be.greaterThan(8);
  expect(localStorage.length, 'localStorage entries').to.equal(0);
  expect(storedValues(sessionStorage).filter((value) => value.includes(token)), 'sessionStorage').to.deep.equal([]);
  expect(document.cookie.includes(token), 'cookie').to.equal(false);
  expect(record.fetched.length, 'requests recorded').to.be.greaterThan(0);
  expect(record.fetched.filter((url) => url.includes(token) || url.includes(encodeURIComponent(token))), 'URLs fetched').to.deep.equal([]);
  expect(record.atMock.filter((seen) => seen.url.includes(token)), 'URLs at the backend').to.deep.equal([]);
  expect(record.logged.filter((line) => line.includes(token)), 'console').to.deep.equal([]);
  expect(location.href.includes(token), 'page URL').to.equal(false);
}

/**
 * Every API request the page fetched has reached the backend, the bookings among them. Matched by
 * URL and Authorization, not counted: a request the previous test sent (another client's bookings)
 * may arrive during this one, and must not stand in for one of this test's.
 */
const allArrived = (record: { fetchedWith: Seen[]; atMock: Seen[] }) => {
  const key = (seen: Seen) => `${seen.url} ${seen.authorization}`;
  const arrived = new Map<string, number>();
  for (const seen of record.atMock) arrived.set(key(seen), (arrived.get(key(seen)) ?? 0) + 1);
  const api = record.fetchedWith.filter((seen) => seen.url.includes('/api/practices/'));
  return api.some((seen) => seen.url.endsWith('/bookings')) && api.every((seen) => {
    const left = arrived.get(key(seen)) ?? 0;
    arrived.set(key(seen), left - 1);
    return left > 0;
  });
};

describe('hardening: tokens', () => {
  let record: ReturnType<typeof recorder>;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    record = recorder();
  });
  afterEach(() => record.restore());

  it('signed in by email code: the token is only in Authorization headers, and sign-out forgets it', async () => {
    await useMockApi(record.handler);
    const page = watchPageErrors();
    try {
      const portal = await PortalPage.open({ practice: 'physio-berlin', locale: 'en' });
      await portal.settled();
      await portal.signIn('anna.schmidt@example.com', '482913');
      expect(await portal.signedIn()).to.contain('Anna Schmidt');
      console.log('probe'); // the console is recorded
      expect(record.logged).to.include('probe');

      const me = record.atMock.filter((seen) => /\/me$/.test(new URL(seen.url).pathname) && seen.authorization);
      expect(me.length, '/me sent with a token').to.be.greaterThan(0);
      const token = me.at(-1)!.authorization!.replace(/^Bearer /, '');
      expect(token).to.match(/^pct_/);
      expectNowhere(token, record);

      // Requests sent before signing out (the bookings load after sign-in; the overview does not
      // wait for them) may still be on their way: let every API request the page sent arrive first.
      await until(() => allArrived(record), 'the requests sent before signing out did not arrive');
      const signOutAt = record.atMock.length;
      await portal.signOut();
      // The one request the old token goes with is the one that revokes it (SPEC 4.4).
      await until(() => record.atMock.slice(signOutAt).some((seen) => seen.url.endsWith('/auth/signout')), 'no sign-out request reached the backend');
      const withToken = record.atMock.slice(signOutAt).filter((seen) => seen.authorization?.includes(token));
      expect(withToken.map((seen) => new URL(seen.url).pathname), `requests with the old token after sign-out: ${JSON.stringify(withToken.map((s) => s.url))}`).to.deep.equal(['/api/practices/physio-berlin/auth/signout']);

      // The next client signs in: their /me carries their own token, never Anna's.
      const jonasAt = record.atMock.length;
      await portal.signIn('jonas.weber@example.com', '615204');
      const after = record.atMock.slice(jonasAt);
      const nextMe = after.filter((seen) => /\/me$/.test(new URL(seen.url).pathname));
      expect(nextMe.length, 'the next /me').to.be.greaterThan(0);
      expect(nextMe.every((seen) => seen.authorization !== null && !seen.authorization.includes(token)), 'the next /me is not sent with the old token').to.equal(true);
      // Jonas's bookings load after his sign-in: let them arrive, so they do not reach the next test.
      await until(() => allArrived(record), 'the requests sent after the next sign-in did not arrive');
      expect(after.filter((seen) => seen.authorization?.includes(token))).to.deep.equal([]);
      expectNowhere(token, record);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });

  it('given as the token attribute: never stored, in a URL or logged, and not sent after sign-out', async () => {
    await useMockApi(record.handler);
    const page = watchPageErrors();
    try {
      const token = 'demo-berlin-anna';
      const portal = await PortalPage.open({ practice: 'physio-berlin', token, locale: 'de' });
      expect(await portal.signedIn()).to.contain('Anna Schmidt');
      expect(record.atMock.some((seen) => seen.authorization === `Bearer ${token}`), 'sent as a bearer token').to.equal(true);
      expectNowhere(token, record);

      await until(() => allArrived(record), 'the requests sent before signing out did not arrive');
      const signOutAt = record.atMock.length;
      await portal.signOut();
      // Whatever the portal loads after sign-out (it shows a visitor's offers) goes without the token.
      portal.el.setAttribute('locale', 'en');
      await portal.settled();
      // But the one that revokes it (SPEC 4.4).
      await until(() => record.atMock.slice(signOutAt).some((seen) => seen.url.endsWith('/auth/signout')), 'no sign-out request reached the backend');
      const withToken = record.atMock.slice(signOutAt).filter((seen) => seen.authorization !== null);
      expect(withToken.map((seen) => `${new URL(seen.url).pathname} ${seen.authorization}`), 'requests with a token after sign-out').to.deep.equal([
        `/api/practices/physio-berlin/auth/signout Bearer ${token}`,
      ]);
      expect(portal.account()).to.equal(undefined);
      expectNowhere(token, record);
      expect(page.caught).to.deep.equal([]);
    } finally {
      page.stop();
    }
  });
});
