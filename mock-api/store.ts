/**
 * The mock API's in-memory state, loaded from a dataset (docs/backend.md "The mock API"): the dataset itself (packages
 * and bookings change as clients book), issued sign-in codes and tokens, failed attempts and
 * idempotent answers. Browser-safe: no node:* imports, so the demo page's service worker setup
 * uses the very same store.
 */
import * as z from 'zod/mini';
import { Dataset, type DatasetCustomer, type DatasetPractice } from '../src/contract/dataset.ts';
import { fieldErrors } from '../src/contract/issues.ts';
import type { FieldError } from '../src/contract/problems.ts';

// zod/mini ships without messages ("Invalid input"); the mock explains bad fields in English.
z.config(z.locales.en());

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
  /** Called with every sign-in code the mock "emails" (the server prints them). */
  onLoginCode?: (code: { practiceId: string; email: string; code: string }) => void;
  /**
   * The clock of the sign-in timers — code lifetime, locks, token lifetime (docs/rules.md "Sessions"): real
   * elapsed time (`Date.now`) unless a test injects another. The calendar (`now`) stands still.
   */
  securityClock?: () => number;
}

/** How long an issued token is valid, on the security clock. */
export const TOKEN_LIFETIME_MS = 12 * 3_600_000;
/** How long an emailed code is valid (and it is valid for one successful sign-in). */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** Code requests per address within CODE_REQUEST_WINDOW_MS, known or unknown address alike. */
export const MAX_CODE_REQUESTS = 5;
export const CODE_REQUEST_WINDOW_MS = 15 * 60_000;
/** Wrong codes per address before sign-in is locked, and for how long. */
export const MAX_CODE_ATTEMPTS = 5;
export const ATTEMPT_LOCK_MS = 15 * 60_000;
/**
 * Wrong codes from one network (any email, any practice) before it is locked, for ATTEMPT_LOCK_MS:
 * at least 100 (docs/rules.md "Sessions"), so that one attacker behind a clinic's Wi-Fi or a carrier's NAT cannot
 * lock out the honest clients sharing its address. Counted per network: `networkOf`.
 */
export const MAX_REMOTE_CODE_ATTEMPTS = 100;

/**
 * The network a client address counts for: an IPv4 address (also written as `::ffff:a.b.c.d`)
 * itself, an IPv6 address its /64 (one host holds a whole /64, and could otherwise rotate through
 * it). Anything else (no address) counts as itself.
 */
export function networkOf(address: string): string {
  const plain = address.trim().replace(/%.*$/, '').toLowerCase();
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
  if (v4) return v4[1]!;
  if (!/^[0-9a-f:]+$/.test(plain) || !plain.includes(':')) return plain;
  const [head = '', tail] = plain.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => parseInt(group || '0', 16).toString(16)).join(':')}::/64`;
}

interface IssuedToken {
  practiceId: string;
  customerId: string;
  expiresAtMs: number;
}

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

function randomDigits(count: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(count));
  return [...bytes].map((b) => String(b % 10)).join('');
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Addresses are compared case-insensitively after trimming (docs/rules.md "Sessions"). */
const addressKey = (practiceId: string, email: string) => `${practiceId}\n${email.trim().toLowerCase()}`;

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export class MockStore {
  readonly dataset: Dataset;
  readonly onLoginCode: MockStoreOptions['onLoginCode'];
  /** The mock's clock: fixed at the dataset's `now` unless a test advances it. */
  nowMs: number;

  readonly #tokens = new Map<string, IssuedToken>();
  /** Tokens signed out of (issued or from the dataset): refused from then on. */
  readonly #revoked = new Set<string>();
  /** Emailed codes by practice and address: the last one only, until it expires or is used. */
  readonly #codes = new Map<string, { code: string; expiresAtMs: number }>();
  /** When each address asked for a code, within the last CODE_REQUEST_WINDOW_MS. */
  readonly #codeRequests = new Map<string, number[]>();
  readonly #clock: () => number;
  readonly #failures = new Map<string, { count: number; lockedUntilMs: number }>();
  readonly #remoteFailures = new Map<string, { count: number; lockedUntilMs: number }>();
  readonly #answers = new Map<string, StoredAnswer>();
  #sequence = 0;

  constructor(json: unknown, options: MockStoreOptions = {}) {
    const source = options.source ?? 'the dataset';
    const parsed = Dataset.safeParse(json);
    if (!parsed.success) throw new DatasetError(source, fieldErrors(parsed.error));
    // A deep copy: bookings change the store, never the caller's object.
    this.dataset = structuredClone(parsed.data);
    const now = options.now ?? this.dataset.now;
    this.nowMs = Date.parse(now);
    if (Number.isNaN(this.nowMs)) throw new DatasetError(source, [{ path: 'now', message: `not an instant: ${now}` }]);
    this.onLoginCode = options.onLoginCode;
    this.#clock = options.securityClock ?? (() => Date.now());
  }

  /** Now on the security clock (real elapsed time): code lifetime, locks and tokens run on it. */
  get securityNowMs(): number {
    return this.#clock();
  }

  /** Moves the mock clock (tests of expiry and windows). */
  advanceClock(ms: number): void {
    this.nowMs += ms;
  }

  practice(id: string): DatasetPractice | undefined {
    return this.dataset.practices.find((entry) => entry.practice.id === id);
  }

  /** The client a bearer token belongs to in this practice: dataset tokens, or issued ones not expired; none once revoked. */
  customerByToken(entry: DatasetPractice, token: string): DatasetCustomer | undefined {
    if (this.#revoked.has(token)) return undefined;
    const issued = this.#tokens.get(token);
    if (issued) {
      if (issued.practiceId !== entry.practice.id || issued.expiresAtMs <= this.securityNowMs) return undefined;
      return entry.customers.find((c) => c.id === issued.customerId);
    }
    return entry.customers.find((c) => c.tokens.includes(token));
  }

  /** Sign-out: the token is refused from now on, a dataset token too (until the mock restarts). */
  revokeToken(token: string): void {
    this.#tokens.delete(token);
    this.#revoked.add(token);
  }

  customerByEmail(entry: DatasetPractice, email: string): DatasetCustomer | undefined {
    const wanted = email.trim().toLowerCase();
    return entry.customers.find((c) => c.email.trim().toLowerCase() === wanted);
  }

  /**
   * "Emails" a sign-in code: the dataset's fixed `loginCode` (which never expires, is never used
   * up and is not replaced), else a new random one that replaces the earlier ones, valid for
   * CODE_LIFETIME_MS and one sign-in.
   */
  sendCode(entry: DatasetPractice, customer: DatasetCustomer): string {
    const code = customer.loginCode ?? randomDigits(6);
    if (customer.loginCode === undefined || customer.loginCode === null) {
      this.#codes.set(addressKey(entry.practice.id, customer.email), { code, expiresAtMs: this.securityNowMs + CODE_LIFETIME_MS });
    }
    this.onLoginCode?.({ practiceId: entry.practice.id, email: customer.email, code });
    return code;
  }

  /** Is `code` right for this client: the dataset's `loginCode`, or the last code sent while it is valid? */
  isRightCode(entry: DatasetPractice, customer: DatasetCustomer, code: string): boolean {
    if (customer.loginCode && code === customer.loginCode) return true;
    const sent = this.#codes.get(addressKey(entry.practice.id, customer.email));
    return sent !== undefined && sent.code === code && this.securityNowMs < sent.expiresAtMs;
  }

  /**
   * Counts a code request for an address (known or not: the answer must not tell) and says how
   * long it must wait when it asked MAX_CODE_REQUESTS times within CODE_REQUEST_WINDOW_MS (0: it may ask).
   */
  codeRequestWaitMs(practiceId: string, email: string): number {
    const key = addressKey(practiceId, email);
    const now = this.securityNowMs;
    const recent = (this.#codeRequests.get(key) ?? []).filter((at) => now - at < CODE_REQUEST_WINDOW_MS);
    if (recent.length >= MAX_CODE_REQUESTS) {
      this.#codeRequests.set(key, recent);
      return recent[0]! + CODE_REQUEST_WINDOW_MS - now;
    }
    this.#codeRequests.set(key, [...recent, now]);
    return 0;
  }

  /** Is sign-in for this address locked after too many wrong codes? */
  isLocked(practiceId: string, email: string): boolean {
    return this.lockedForMs(practiceId, email) > 0;
  }

  /** How long code sign-in for this address stays locked (0: not locked): the `Retry-After`. */
  lockedForMs(practiceId: string, email: string): number {
    const failures = this.#failures.get(addressKey(practiceId, email));
    return failures !== undefined && failures.count >= MAX_CODE_ATTEMPTS ? Math.max(0, failures.lockedUntilMs - this.securityNowMs) : 0;
  }

  /** Is sign-in from this client's network locked after too many wrong codes (for any address)? */
  isRemoteLocked(remote: string): boolean {
    return this.remoteLockedForMs(remote) > 0;
  }

  remoteLockedForMs(remote: string): number {
    const failures = this.#remoteFailures.get(networkOf(remote));
    return failures !== undefined && failures.count >= MAX_REMOTE_CODE_ATTEMPTS ? Math.max(0, failures.lockedUntilMs - this.securityNowMs) : 0;
  }

  /**
   * Counts a wrong code for the email address and, when known, the client's network address. The
   * fifth wrong one for an address also invalidates its emailed code (docs/rules.md "Sessions").
   */
  recordWrongCode(practiceId: string, email: string, remote: string | null = null): void {
    const now = this.securityNowMs;
    const count = (map: Map<string, { count: number; lockedUntilMs: number }>, key: string) => {
      const failures = map.get(key);
      const next = failures && now < failures.lockedUntilMs ? failures.count + 1 : 1;
      map.set(key, { count: next, lockedUntilMs: now + ATTEMPT_LOCK_MS });
      return next;
    };
    if (count(this.#failures, addressKey(practiceId, email)) >= MAX_CODE_ATTEMPTS) this.#codes.delete(addressKey(practiceId, email));
    if (remote !== null) count(this.#remoteFailures, networkOf(remote));
  }

  issueToken(entry: DatasetPractice, customer: DatasetCustomer): { token: string; expiresAtMs: number } {
    // Signed in: the wrong guesses are forgiven, and the emailed code is used up.
    this.#failures.delete(addressKey(entry.practice.id, customer.email));
    this.#codes.delete(addressKey(entry.practice.id, customer.email));
    // 256 random bits, base64url: unguessable (a UUID has only 122).
    const token = `pct_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
    const expiresAtMs = this.securityNowMs + TOKEN_LIFETIME_MS;
    this.#tokens.set(token, { practiceId: entry.practice.id, customerId: customer.id, expiresAtMs });
    return { token, expiresAtMs };
  }

  /** The answer first given to an `Idempotency-Key` of this client, if any. */
  storedAnswer(practiceId: string, customerId: string, key: string): StoredAnswer | undefined {
    return this.#answers.get(`${practiceId}\n${customerId}\n${key}`);
  }

  storeAnswer(practiceId: string, customerId: string, key: string, answer: StoredAnswer): void {
    this.#answers.set(`${practiceId}\n${customerId}\n${key}`, answer);
  }

  /** A new id, unique in this store: `bk-…`, `pkg-…`. */
  nextId(prefix: string): string {
    this.#sequence += 1;
    return `${prefix}-${this.#sequence.toString(36).padStart(4, '0')}-${randomDigits(4)}`;
  }

  /** A new unique package code like `PKG-7F3K2-9QX4M`; the last five characters are the short code. */
  nextPackageCode(): string {
    const taken = new Set(this.dataset.practices.flatMap((p) => p.customers.flatMap((c) => c.packages.map((pkg) => pkg.code))));
    for (;;) {
      const bytes = crypto.getRandomValues(new Uint8Array(10));
      const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
      const code = `PKG-${chars.slice(0, 5)}-${chars.slice(5)}`;
      if (!taken.has(code)) return code;
    }
  }
}
