/**
 * What every check shares: the options, the HTTP client, and lazily fetched, memoized facts about
 * the backend (practice, catalog, the signed-in client, slots) validated with the contract's own
 * zod schemas (src/contract), plus helpers that book and always clean up after themselves.
 */
import * as z from 'zod/mini';
import {
  AuthTokenResponse,
  BookingsResponse,
  CatalogResponse,
  MeResponse,
  SlotsResponse,
  type Slot,
} from '../src/contract/api.ts';
import { Practice, type Booking, type Chain, type Package } from '../src/contract/entities.ts';
import { fieldErrors } from '../src/contract/issues.ts';
import { PROBLEM_SCHEMAS, PROBLEM_STATUS, type ProblemCode } from '../src/contract/problems.ts';
import { decideBooking, type Decision } from '../src/rules/decide.ts';
import { offerings, type Offering } from '../src/rules/offering.ts';
import { addDays, todayOf } from '../src/rules/time.ts';
import { describeExchange, Http, type Exchange, type RequestOptions } from './http.ts';

// zod/mini ships without messages; name what is wrong in English.
z.config(z.locales.en());

export type Level = 'MUST' | 'SHOULD';
export type Status = 'pass' | 'fail' | 'skip';

export interface SuiteOptions {
  api: string;
  practice: string;
  token?: string;
  email?: string;
  code?: string;
  write: boolean;
  timeoutMs: number;
  only?: string[];
  skip?: string[];
}

/** Thrown by a check (through `fail`) to report a failure with its message. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** Thrown by a check (through `skip`) when it cannot apply to this backend or dataset. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

export function fail(message: string): never {
  throw new CheckFailure(message);
}

export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

/** A failed precondition (a response another check is about) stops a dependent check. */
function prerequisite(what: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  fail(`cannot run: ${what} failed:\n${message}`);
}

/** The JSON body of a success answer, parsed with the contract schema; fails with the offending fields. */
export function expectJson<S extends z.ZodMiniType>(x: Exchange, schema: S, status = 200): z.infer<S> {
  if (x.status !== status) fail(`expected HTTP ${status}, got ${x.status}\n${describeExchange(x)}`);
  const type = x.headers.get('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) fail(`expected Content-Type application/json, got "${type}"\n${describeExchange(x)}`);
  if (x.json === undefined) fail(`the body is not JSON\n${describeExchange(x)}`);
  const parsed = schema.safeParse(x.json);
  if (!parsed.success) fail(`the body breaks the contract:\n${issuesText(parsed.error)}\n${describeExchange(x)}`);
  return parsed.data as z.infer<S>;
}

export function issuesText(error: z.core.$ZodError): string {
  return fieldErrors(error)
    .slice(0, 12)
    .map((e) => `  at ${e.path}: ${e.message}`)
    .join('\n');
}

/** A problem answer of exactly this code: its status, `application/problem+json`, and the code's schema. */
export function expectProblem(x: Exchange, code: ProblemCode, context = ''): z.infer<(typeof PROBLEM_SCHEMAS)[ProblemCode]> {
  const prefix = context ? `${context}: ` : '';
  const got = (x.json as { code?: unknown } | undefined)?.code;
  const status = PROBLEM_STATUS[code];
  if (x.status !== status || got !== code) {
    fail(`${prefix}expected ${status} ${code}, got ${x.status}${typeof got === 'string' ? ` ${got}` : ''}\n${describeExchange(x)}`);
  }
  const type = x.headers.get('Content-Type') ?? '';
  if (!/^application\/problem\+json\b/i.test(type)) {
    fail(`${prefix}expected Content-Type application/problem+json, got "${type}"\n${describeExchange(x)}`);
  }
  const parsed = PROBLEM_SCHEMAS[code].safeParse(x.json);
  if (!parsed.success) fail(`${prefix}the problem breaks the contract:\n${issuesText(parsed.error)}\n${describeExchange(x)}`);
  return parsed.data;
}

/** The fields of the practice other checks need: judged leniently so one bad field fails only `practice.shape`. */
const PracticeBasics = z.object({
  timeZone: Practice.shape.timeZone,
  serverTime: Practice.shape.serverTime,
  bookingPolicy: Practice.shape.bookingPolicy,
  currency: z.optional(z.unknown()),
});

export interface PracticeBasics {
  timeZone: string;
  serverTime: string;
  serverMs: number;
  today: string;
  /** Currency for local price computations only (a bad one is `practice.shape`'s business). */
  currency: string;
  bookingPolicy: { minLeadMinutes: number; maxAdvanceDays: number; cancelUntilHours: number };
}

export interface SlotQuery {
  chainId: string;
  exchange: Exchange;
  /** The slots when the answer matches the contract, else null. */
  slots: Slot[] | null;
}

/** A start of a chain the rules say this client may book, with the local decision for it. */
export interface Bookable {
  chain: Chain;
  slot: Slot;
  decision: Extract<Decision, { ok: true }>;
}

const memo = <T>(fn: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
};

export class Context {
  readonly options: SuiteOptions;
  readonly http: Http;
  /** Lines a check adds to its (passing) result. */
  notes: string[] = [];
  readonly base: string;

  constructor(options: SuiteOptions) {
    this.options = options;
    this.http = new Http(options.api, options.timeoutMs);
    this.base = `/practices/${encodeURIComponent(options.practice)}`;
  }

  request(method: string, path: string, options?: RequestOptions): Promise<Exchange> {
    return this.http.request(method, `${this.base}${path}`, options);
  }

  readonly practiceExchange = memo(() => this.request('GET', ''));

  readonly practice = memo(async (): Promise<PracticeBasics> => {
    try {
      const x = await this.practiceExchange();
      const basics = expectJson(x, PracticeBasics);
      return {
        ...basics,
        currency: typeof basics.currency === 'string' ? basics.currency : 'EUR',
        serverMs: Date.parse(basics.serverTime),
        today: todayOf(basics.serverTime, basics.timeZone),
      };
    } catch (error) {
      prerequisite(`GET ${this.base}`, error);
    }
  });

  readonly catalogExchange = memo(() => this.request('GET', '/catalog'));

  readonly catalog = memo(async () => {
    try {
      return expectJson(await this.catalogExchange(), CatalogResponse);
    } catch (error) {
      prerequisite(`GET ${this.base}/catalog`, error);
    }
  });

  /** The answer of signing in with --email/--code, or null with --token. */
  readonly signIn = memo(async (): Promise<Exchange | null> => {
    const { email, code } = this.options;
    if (this.options.token !== undefined || email === undefined || code === undefined) return null;
    return this.request('POST', '/auth/token', { body: { email, code } });
  });

  readonly token = memo(async (): Promise<string> => {
    if (this.options.token !== undefined) return this.options.token;
    try {
      const x = await this.signIn();
      return expectJson(x!, AuthTokenResponse).token;
    } catch (error) {
      prerequisite(`signing in as ${this.options.email}`, error);
    }
  });

  async fetchMe(): Promise<z.infer<typeof MeResponse>> {
    const token = await this.token();
    try {
      return expectJson(await this.request('GET', '/me', { token }), MeResponse);
    } catch (error) {
      prerequisite(`GET ${this.base}/me`, error);
    }
  }

  /** `/me` as the suite first saw it. */
  readonly me = memo(() => this.fetchMe());

  async fetchBookings(): Promise<Booking[]> {
    const token = await this.token();
    try {
      return expectJson(await this.request('GET', '/bookings', { token }), BookingsResponse).bookings;
    } catch (error) {
      prerequisite(`GET ${this.base}/bookings`, error);
    }
  }

  /** Every chain with whether src/rules offers it to the signed-in client today. */
  readonly offerings = memo(async (): Promise<Offering[]> => {
    const [catalog, me, practice] = await Promise.all([this.catalog(), this.me(), this.practice()]);
    return offerings(catalog, me.packages, practice.today);
  });

  /**
   * The date windows of the slot checks: the next two weeks (the minimum lead time and the slots
   * the booking checks use), and the last week up to one day past the horizon (maxAdvanceDays).
   */
  async slotWindows(): Promise<Array<[string, string]>> {
    const { today, bookingPolicy } = await this.practice();
    const last = bookingPolicy.maxAdvanceDays + 1;
    const nearEnd = Math.min(13, last);
    const windows: Array<[string, string]> = [[today, addDays(today, nearEnd)]];
    if (last > nearEnd) windows.push([addDays(today, Math.max(nearEnd + 1, last - 7)), addDays(today, last)]);
    return windows;
  }

  /** One slots query per chain and window (one participant), for the slot checks. */
  readonly slotQueries = memo(async (): Promise<SlotQuery[]> => {
    const [catalog, windows] = await Promise.all([this.catalog(), this.slotWindows()]);
    const jobs = catalog.chains.flatMap((chain) => windows.map(([from, to]) => ({ chain, from, to })));
    const out: SlotQuery[] = [];
    // A few at a time: enough to be quick, few enough for a small backend.
    for (let i = 0; i < jobs.length; i += 4) {
      const batch = await Promise.all(
        jobs.slice(i, i + 4).map(async ({ chain, from, to }) => {
          const exchange = await this.request('GET', `/chains/${encodeURIComponent(chain.id)}/slots?from=${from}&to=${to}`);
          const parsed = exchange.status === 200 ? SlotsResponse.safeParse(exchange.json) : null;
          return { chainId: chain.id, exchange, slots: parsed?.success ? parsed.data.slots : null };
        }),
      );
      out.push(...batch);
    }
    return out;
  });

  /** The slots of a chain in the first window (one participant); fails when the answer breaks the contract. */
  async slotsOf(chainId: string): Promise<Slot[]> {
    const queries = (await this.slotQueries()).filter((q) => q.chainId === chainId);
    const first = queries[0];
    if (!first) fail(`no slots query for chain ${chainId}`);
    if (first.slots === null) fail(`cannot run: the slots of ${chainId} break the contract\n${describeExchange(first.exchange)}`);
    return first.slots;
  }

  /** The local decision of the booking rules (src/rules) for a request by the signed-in client. */
  async decide(request: { chainId: string; start: string; participants: number; packageId?: string | null }, slotOffered: boolean, packages?: readonly Package[]): Promise<Decision> {
    const [catalog, me, practice] = await Promise.all([this.catalog(), this.me(), this.practice()]);
    return decideBooking({
      catalog,
      packages: packages ?? me.packages,
      timeZone: practice.timeZone,
      currency: practice.currency,
      request,
      isSlotOffered: () => slotOffered,
    });
  }

  /** Can a booking at this slot still be cancelled (with an hour to spare)? */
  async cancellable(slot: Slot): Promise<boolean> {
    const { serverMs, bookingPolicy } = await this.practice();
    const first = Math.min(...slot.steps.map((s) => Date.parse(s.start)));
    return first >= serverMs + bookingPolicy.cancelUntilHours * 3_600_000 + 3_600_000;
  }

  /**
   * Offered chains with a cancellable slot the rules accept for one participant; `filter` narrows
   * the chains, `packageId` names the paying package.
   */
  async bookables(filter: (chain: Chain) => boolean, packageId?: string, limit = 1): Promise<Bookable[]> {
    const offered = (await this.offerings()).filter((o) => o.offered && filter(o.chain));
    const out: Bookable[] = [];
    for (const { chain } of offered) {
      let found = 0;
      for (const slot of await this.slotsOf(chain.id)) {
        if (!(await this.cancellable(slot))) continue;
        const decision = await this.decide({ chainId: chain.id, start: slot.start, participants: 1, ...(packageId ? { packageId } : {}) }, true);
        if (!decision.ok || decision.plan.createFrom) continue;
        out.push({ chain, slot, decision });
        if (++found >= limit) break;
      }
      if (limit === 1 && out.length > 0) return out;
    }
    return out;
  }

  /**
   * Runs `fn`, then cancels every booking of the client that appeared meanwhile, so that a check
   * (or a backend defect) never leaves a booking behind.
   */
  async withCleanup<T>(fn: () => Promise<T>): Promise<T> {
    const before = new Set((await this.fetchBookings()).map((b) => b.id));
    try {
      return await fn();
    } finally {
      try {
        const token = await this.token();
        for (const booking of await this.fetchBookings()) {
          if (!before.has(booking.id) && booking.status === 'booked') {
            await this.request('POST', `/bookings/${encodeURIComponent(booking.id)}/cancel`, { token });
          }
        }
      } catch {
        // Best effort: the check's own result says what went wrong.
      }
    }
  }
}
