/**
 * MSW handlers: the mock API of the contract (docs/backend.md), answering from a MockStore and deciding with src/rules.
 * The same handlers serve the demo page (service worker), the component tests and the
 * standalone HTTP server (getResponse).
 *
 * Booking decisions are serialized per practice by construction: everything between reading the
 * request and storing the booking runs synchronously, so N concurrent requests for the last
 * credit are decided one after the other and exactly one wins.
 */
import { http, HttpResponse } from 'msw';
import * as z from 'zod/mini';
import {
  AuthCodeRequest,
  AuthTokenRequest,
  AuthTokenResponse,
  BookingRequest,
  BookingResponse,
  BookingsResponse,
  CatalogResponse,
  MAX_SLOT_QUERY_DAYS,
  MeResponse,
  PracticeResponse,
  RescheduleRequest,
  SlotsQuery,
  SlotsResponse,
} from '../src/contract/api.ts';
import type { DatasetCustomer, DatasetPractice } from '../src/contract/dataset.ts';
import type { Booking, Price } from '../src/contract/entities.ts';
import { fieldErrors } from '../src/contract/issues.ts';
import { minorUnitsPerUnit } from '../src/contract/money.ts';
import { PROBLEM_STATUS, type FieldError } from '../src/contract/problems.ts';
import { ROUTES } from '../src/contract/routes.ts';
import { consumptionOf, indexServices } from '../src/rules/budget.ts';
import { applyBooking, cancelBookingOn, firstStepMs, mayCancel, packageFromTemplate } from '../src/rules/apply.ts';
import { decideBooking, referenceProblem } from '../src/rules/decide.ts';
import { decideReschedule } from '../src/rules/reschedule.ts';
import { bookedSteps } from '../src/rules/steps.ts';
import { daysBetween, formatInstant, localDateOf } from '../src/rules/time.ts';
import { draftBody, problem, problemFromDraft, withRetryAfter } from './problem.ts';
import { isStartOffered, slotsBetween, type SlotContext } from './slots.ts';
import type { MockStore } from './store.ts';

export interface HandlerOptions {
  /** Prefix every route with this base (an absolute URL or `*`); default `*`: any origin and prefix. */
  base?: string;
  /**
   * Read the client's network address from the REMOTE_ADDRESS_HEADER request header. Only the Node
   * server sets this: it drops any incoming header of that name and sets it from the socket. In the
   * browser (the demo's service worker) there is no address, and a page's header is ignored.
   */
  trustRemoteAddressHeader?: boolean;
}

/** What msw hands a resolver: the request and the path's parameters. */
type ResolverArgs = { request: Request; params: Record<string, string | readonly string[] | undefined> };

/** The header through which the Node server hands the peer's address to the handlers. */
export const REMOTE_ADDRESS_HEADER = 'x-punchcard-remote-address';

/** FNV-1a over the serialized body: a stable, cheap entity tag. */
function entityTag(body: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    hash ^= body.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `"${(hash >>> 0).toString(36)}-${body.length.toString(36)}"`;
}

const invalid = (errors: FieldError[]) => problem('validation_failed', 'The request is not valid; see errors.', { errors });

/** The JSON body, or the field errors that make it unusable. */
async function readBody<S extends z.ZodMiniType>(request: Request, schema: S): Promise<{ value: z.infer<S> } | { errors: FieldError[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await request.text());
  } catch {
    return { errors: [{ path: 'body', message: 'not valid JSON' }] };
  }
  const result = schema.safeParse(json);
  return result.success ? { value: result.data } : { errors: fieldErrors(result.error, 'body') };
}

function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '');
  return match ? match[1]! : null;
}

/** Bonus a booking earns: 1 stamp per booking, or 1 point per 10 units of the total (in its currency's minor units). */
function bonusFor(customer: DatasetCustomer, price: Price): number | null {
  if (!customer.bonus) return null;
  return customer.bonus.unit === 'stamps' ? 1 : Math.floor(price.total / (10 * minorUnitsPerUnit(price.currency)));
}

export function createHandlers(store: MockStore, { base = '*', trustRemoteAddressHeader = false }: HandlerOptions = {}) {
  const unknownPractice = (id: string) => problem('not_found', `There is no practice "${id}".`);
  const unauthorized = () => problem('unauthorized', 'Sign in: a valid bearer token is required.');

  /** Resolves the practice of the path, and for `auth` the signed-in client, before `handle`. */
  function route<P extends { practiceId: string }>(
    auth: 'none' | 'required',
    handle: (args: { entry: DatasetPractice; customer: DatasetCustomer; request: Request; params: P }) => Response | Promise<Response>,
  ) {
    return ({ request, params }: ResolverArgs) => {
      const typed = params as unknown as P;
      const entry = store.practice(typed.practiceId);
      if (!entry) return unknownPractice(typed.practiceId);
      let customer: DatasetCustomer | undefined;
      if (auth === 'required') {
        const token = bearerToken(request);
        customer = token ? store.customerByToken(entry, token) : undefined;
        if (!customer) return unauthorized();
      }
      return handle({ entry, customer: customer!, request, params: typed });
    };
  }

  /**
   * A write with an `Idempotency-Key` (a booking, a move), checked in the contract's order: the
   * practice; 1. well formed — every bad field at once, the header included; 2. signed in; then
   * `answer`, which must not await (so that concurrent writes are decided one after the other).
   */
  function keyedWrite<S extends z.ZodMiniType>(
    schema: S,
    answer: (args: { entry: DatasetPractice; customer: DatasetCustomer; key: string; body: z.infer<S>; params: ResolverArgs['params'] }) => Response,
  ) {
    return async ({ request, params }: ResolverArgs) => {
      const entry = store.practice(String(params.practiceId));
      if (!entry) return unknownPractice(String(params.practiceId));
      const key = request.headers.get('Idempotency-Key')?.trim() ?? '';
      const body = await readBody(request, schema);
      const errors: FieldError[] = [];
      if (key === '' || key.length > 200) errors.push({ path: 'header.Idempotency-Key', message: key === '' ? 'required' : 'at most 200 characters' });
      if ('errors' in body) errors.push(...body.errors);
      if (errors.length > 0 || 'errors' in body) return invalid(errors);
      const token = bearerToken(request);
      const customer = token ? store.customerByToken(entry, token) : undefined;
      if (!customer) return unauthorized();
      return answer({ entry, customer, key, body: body.value, params });
    };
  }

  const allBookings = (entry: DatasetPractice) => entry.customers.flatMap((c) => c.bookings);

  /** The context of a chain's slots; `exceptBookingId`: as if that booking did not exist (rescheduling it). */
  function slotContext(entry: DatasetPractice, chainId: string, exceptBookingId?: string): SlotContext | null {
    const chain = entry.catalog.chains.find((c) => c.id === chainId);
    if (!chain) return null;
    const bookings = allBookings(entry);
    return {
      chain,
      services: indexServices(entry.catalog.services),
      timeZone: entry.practice.timeZone,
      schedule: entry.practice.schedule,
      policy: entry.practice.bookingPolicy,
      nowMs: store.nowMs,
      bookings: exceptBookingId === undefined ? bookings : bookings.filter((booking) => booking.id !== exceptBookingId),
    };
  }

  // The catalog never changes while the mock runs: serialize and tag it once per practice.
  const catalogs = new WeakMap<DatasetPractice, { body: Uint8Array<ArrayBuffer>; etag: string }>();
  function serializedCatalog(entry: DatasetPractice) {
    let cached = catalogs.get(entry);
    if (!cached) {
      const json = JSON.stringify(CatalogResponse.parse(entry.catalog));
      cached = { body: new TextEncoder().encode(json), etag: entityTag(json) };
      catalogs.set(entry, cached);
    }
    return cached;
  }

  const send = (schema: z.ZodMiniType, body: unknown, status = 200) => HttpResponse.json(schema.parse(body) as object, { status });

  /** How the mock answers each operation of the contract's route table (src/contract/routes.ts). */
  const resolvers: Record<string, (args: ResolverArgs) => Response | Promise<Response>> = {
    getPractice: route('none', ({ entry }) => {
        const { schedule: _schedule, ...practice } = entry.practice;
        return send(PracticeResponse, { ...practice, contact: practice.contact ?? null, serverTime: formatInstant(store.nowMs, practice.timeZone) });
      }),

    getCatalog: route('none', ({ entry, request }) => {
        const { body, etag } = serializedCatalog(entry);
        const ifNoneMatch = request.headers.get('If-None-Match');
        // Weak comparison (RFC 9110 13.1.2): a proxy may have weakened the tag to W/"…".
        if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
          return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
        }
        return new HttpResponse(body, { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag } });
      }),

    requestLoginCode: route('none', async ({ entry, request }) => {
        const body = await readBody(request, AuthCodeRequest);
        if ('errors' in body) return invalid(body.errors);
        // Limited per address, known or not, so that the answer tells nothing about who is a client.
        const wait = store.codeRequestWaitMs(entry.practice.id, body.value.email);
        if (wait > 0) return withRetryAfter(problem('too_many_attempts', 'Too many code requests for this address; try again later.'), wait);
        const customer = store.customerByEmail(entry, body.value.email);
        // 202 either way: the answer must not reveal who is a client.
        if (customer) store.sendCode(entry, customer);
        return new HttpResponse(null, { status: 202 });
      }),

    signOut: route('required', ({ request }) => {
        store.revokeToken(bearerToken(request)!);
        return new HttpResponse(null, { status: 204 });
      }),

    exchangeLoginCode: route('none', async ({ entry, request }) => {
        const body = await readBody(request, AuthTokenRequest);
        if ('errors' in body) return invalid(body.errors);
        const { email, code } = body.value;
        const { id: practiceId, timeZone } = entry.practice;
        const remote = trustRemoteAddressHeader ? request.headers.get(REMOTE_ADDRESS_HEADER) : null;
        const remoteLock = remote === null ? 0 : store.remoteLockedForMs(remote);
        if (remoteLock > 0) {
          return withRetryAfter(problem('too_many_attempts', 'Too many wrong codes from your network address; try again later.'), remoteLock);
        }
        const lock = store.lockedForMs(practiceId, email);
        if (lock > 0) {
          return withRetryAfter(problem('too_many_attempts', 'Too many wrong codes for this address; request a new code later.'), lock);
        }
        const customer = store.customerByEmail(entry, email);
        if (!customer || !store.isRightCode(entry, customer, code)) {
          store.recordWrongCode(practiceId, email, remote);
          return problem('invalid_code', 'This code is not right for this address.');
        }
        const { token, expiresAtMs } = store.issueToken(entry, customer);
        const { id, displayName, email: address } = customer;
        return send(AuthTokenResponse, { token, expiresAt: formatInstant(expiresAtMs, timeZone), customer: { id, displayName, email: address } });
      }),

    getMe: route('required', ({ customer }) => {
        const { id, displayName, email, packages, bonus } = customer;
        // The response schema strips what only staff may see (internalNote).
        return send(MeResponse, { customer: { id, displayName, email }, packages, bonus });
      }),

    getSlots: route<{ practiceId: string; chainId: string }>('none', ({ entry, request, params }) => {
        const ctx = slotContext(entry, params.chainId);
        if (!ctx) return problem('not_found', `There is no chain "${params.chainId}".`);
        const url = new URL(request.url);
        const query = Object.fromEntries(url.searchParams);
        const errors: FieldError[] = [];
        for (const name of url.searchParams.keys()) {
          // Own, named parameters only: `constructor` or `__proto__` are not parameters.
          if (!Object.hasOwn(SlotsQuery.shape, name)) errors.push({ path: `query.${name}`, message: 'unknown parameter' });
        }
        const parsed = SlotsQuery.safeParse(query);
        if (!parsed.success) errors.push(...fieldErrors(parsed.error, 'query'));
        const participants = parsed.success ? Number(parsed.data.participants ?? 1) : 1;
        if (parsed.success) {
          const { from, to } = parsed.data;
          if (to < from) errors.push({ path: 'query.to', message: 'must not be before from' });
          else if (daysBetween(from, to) + 1 > MAX_SLOT_QUERY_DAYS) errors.push({ path: 'query.to', message: `at most ${MAX_SLOT_QUERY_DAYS} days from from` });
          if (participants > ctx.chain.maxParticipants) {
            errors.push({ path: 'query.participants', message: `this chain takes at most ${ctx.chain.maxParticipants}` });
          }
        }
        if (errors.length > 0 || !parsed.success) return invalid(errors);
        const except = parsed.data.exceptBooking;
        if (except !== undefined) {
          // Only the booking's own client may see the starts it would free.
          const token = bearerToken(request);
          const customer = token ? store.customerByToken(entry, token) : undefined;
          if (!customer) return unauthorized();
          if (!customer.bookings.some((booking) => booking.id === except)) return problem('not_found', `You have no booking "${except}".`);
        }
        const slots = slotsBetween(parsed.data.from, parsed.data.to, participants, except === undefined ? ctx : slotContext(entry, params.chainId, except)!).map((slot) => ({
          start: formatInstant(slot.startMs, ctx.timeZone),
          steps: bookedSteps(slot.steps, ctx.timeZone),
        }));
        return send(SlotsResponse, { slots });
      }),

    // From the answer on nothing awaits: the decision and its effect are one synchronous step.
    createBooking: keyedWrite(BookingRequest, ({ entry, customer, key, body }) => book(entry, customer, key, body)),

    listBookings: route('required', ({ customer }) => {
        const bookings = [...customer.bookings].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
        return send(BookingsResponse, { bookings });
      }),

    cancelBooking: route<{ practiceId: string; bookingId: string }>('required', ({ entry, customer, params }) => cancel(entry, customer, params.bookingId)),

    rescheduleBooking: keyedWrite(RescheduleRequest, ({ entry, customer, key, body, params }) => reschedule(entry, customer, String(params.bookingId), key, body)),
  };

  // One handler per row of ROUTES: the paths and methods are the contract's, never typed again here.
  return [
    ...ROUTES.map((row) => {
      const resolve = resolvers[row.operationId];
      if (!resolve) throw new Error(`mock API: no resolver for ${row.operationId}`);
      return http[row.method](`${base}${row.path.replace(/\{(\w+)\}/g, ':$1')}`, resolve);
    }),
    // Anything else is not a route: a problem, never an unhandled request.
    http.all(`${base}/practices/*`, ({ request }) => problem('not_found', `No route ${request.method} ${new URL(request.url).pathname}.`)),
  ];

  function book(entry: DatasetPractice, customer: DatasetCustomer, key: string, request: z.infer<typeof BookingRequest>): Response {
    const { practice, catalog } = entry;
    // 3. the chain and a named package exist
    const missing = referenceProblem(catalog, customer.packages, request);
    if (missing) return problemFromDraft(missing);
    // 4. a replayed key returns the first answer; another body under the same key is refused
    const fingerprint = JSON.stringify([request.chainId, Date.parse(request.start), request.participants, request.packageId ?? null]);
    const stored = store.storedAnswer(practice.id, customer.id, key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        return problem('idempotency_key_reused', 'This Idempotency-Key was used with another request.');
      }
      return replay(stored.status, stored.body);
    }
    const answer = decideAndApply(entry, customer, request);
    store.storeAnswer(practice.id, customer.id, key, { fingerprint, ...answer });
    return replay(answer.status, answer.body);
  }

  function replay(status: number, body: unknown): Response {
    const headers = status >= 400 ? { 'Content-Type': 'application/problem+json' } : undefined;
    return HttpResponse.json(body as object, { status, headers });
  }

  /** Steps 5–8 with src/rules, then the booking's effect on the store. */
  function decideAndApply(entry: DatasetPractice, customer: DatasetCustomer, request: z.infer<typeof BookingRequest>): { status: number; body: unknown } {
    const { practice, catalog } = entry;
    const decision = decideBooking({
      catalog,
      packages: customer.packages,
      timeZone: practice.timeZone,
      currency: practice.currency,
      request,
      isSlotOffered: (chain, startMs, participants) => isStartOffered(startMs, participants, slotContext(entry, chain.id)!),
    });
    if (!decision.ok) return { status: PROBLEM_STATUS[decision.problem.code], body: draftBody(decision.problem) };
    const { plan } = decision;
    let packageId = plan.packageId;
    let createdPackage: string | null = null;
    if (plan.createFrom) {
      const today = localDateOf(store.nowMs, practice.timeZone);
      const created = packageFromTemplate(plan.createFrom, { id: store.nextId('pkg'), code: store.nextPackageCode(), today });
      customer.packages.push(applyBooking(created, plan.consumption, plan.firstDay));
      packageId = createdPackage = created.id;
    } else if (packageId) {
      const index = customer.packages.findIndex((pkg) => pkg.id === packageId);
      customer.packages[index] = { ...customer.packages[index]!, ...applyBooking(customer.packages[index]!, plan.consumption, plan.firstDay) };
    }
    const bonusEarned = bonusFor(customer, plan.price);
    if (customer.bonus && bonusEarned) customer.bonus = { ...customer.bonus, balance: customer.bonus.balance + bonusEarned };
    const booking: Booking = {
      id: store.nextId('bk'),
      chainId: plan.chain.id,
      status: 'booked',
      start: formatInstant(plan.startMs, practice.timeZone),
      participants: plan.participants,
      steps: bookedSteps(plan.steps, practice.timeZone),
      packageId,
      createdPackage,
      price: plan.price,
      bonusEarned,
      // Trimmed by the contract; nothing left is no note.
      note: request.note || null,
    };
    customer.bookings.push(booking);
    return { status: 201, body: BookingResponse.parse(booking) };
  }

  function reschedule(entry: DatasetPractice, customer: DatasetCustomer, bookingId: string, key: string, request: z.infer<typeof RescheduleRequest>): Response {
    const { practice, catalog } = entry;
    // 3. the booking is this client's (another client's is answered as one that does not exist)
    const index = customer.bookings.findIndex((b) => b.id === bookingId);
    if (index < 0) return problem('not_found', `You have no booking "${bookingId}".`);
    // 4. replay or reuse of the key
    const fingerprint = JSON.stringify(['reschedule', bookingId, Date.parse(request.start), request.participants ?? null]);
    const stored = store.storedAnswer(practice.id, customer.id, key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) return problem('idempotency_key_reused', 'This Idempotency-Key was used with another request.');
      return replay(stored.status, stored.body);
    }
    const booking = customer.bookings[index]!;
    // 5–9 with src/rules
    const decision = decideReschedule({
      catalog,
      packages: customer.packages,
      booking,
      request,
      timeZone: practice.timeZone,
      currency: practice.currency,
      nowMs: store.nowMs,
      cancelUntilHours: practice.bookingPolicy.cancelUntilHours,
      isSlotOffered: (chain, startMs, participants) => isStartOffered(startMs, participants, slotContext(entry, chain.id, booking.id)!),
    });
    let answer: { status: number; body: unknown };
    if (!decision.ok) {
      answer = { status: PROBLEM_STATUS[decision.problem.code], body: draftBody(decision.problem) };
    } else {
      const { plan } = decision;
      // The package's use moves with the booking: returned at the old start, charged at the new one.
      if (plan.packageAfter) {
        const paying = customer.packages.findIndex((pkg) => pkg.id === plan.packageAfter!.id);
        customer.packages[paying] = plan.packageAfter;
      }
      // The bonus follows the price: unchanged when the price is.
      const bonusEarned = plan.price.total === booking.price.total ? booking.bonusEarned : bonusFor(customer, plan.price);
      if (customer.bonus) {
        const balance = customer.bonus.balance - (booking.bonusEarned ?? 0) + (bonusEarned ?? 0);
        customer.bonus = { ...customer.bonus, balance: Math.max(0, balance) };
      }
      const moved: Booking = {
        ...booking,
        start: formatInstant(plan.startMs, practice.timeZone),
        participants: plan.participants,
        steps: bookedSteps(plan.steps, practice.timeZone),
        packageId: plan.packageAfter?.id ?? null,
        price: plan.price,
        bonusEarned,
      };
      customer.bookings[index] = moved;
      answer = { status: 200, body: BookingResponse.parse(moved) };
    }
    store.storeAnswer(practice.id, customer.id, key, { fingerprint, ...answer });
    return replay(answer.status, answer.body);
  }

  function cancel(entry: DatasetPractice, customer: DatasetCustomer, bookingId: string): Response {
    const { practice, catalog } = entry;
    const index = customer.bookings.findIndex((b) => b.id === bookingId);
    // Another client's booking is answered exactly like one that does not exist.
    if (index < 0) return problem('not_found', `You have no booking "${bookingId}".`);
    const booking = customer.bookings[index]!;
    if (booking.status === 'cancelled') return send(BookingResponse, booking);
    const firstMs = firstStepMs(booking);
    if (!mayCancel(store.nowMs, firstMs, practice.bookingPolicy.cancelUntilHours)) {
      return problem(
        'cancellation_window_passed',
        `Bookings can be cancelled until ${practice.bookingPolicy.cancelUntilHours} hours before the first appointment.`,
      );
    }
    const chain = catalog.chains.find((c) => c.id === booking.chainId);
    const pkgIndex = customer.packages.findIndex((pkg) => pkg.id === booking.packageId);
    if (chain && pkgIndex >= 0) {
      const pkg = customer.packages[pkgIndex]!;
      const consumption = consumptionOf(chain, indexServices(catalog.services), booking.participants);
      const otherBookings = customer.bookings.filter((b) => b !== booking && b.status === 'booked' && b.packageId === pkg.id).length;
      const returned = cancelBookingOn(pkg, consumption, localDateOf(firstMs, practice.timeZone), {
        createdByThisBooking: booking.createdPackage === pkg.id,
        otherBookings,
      });
      customer.packages[pkgIndex] = { ...pkg, ...returned };
    }
    if (customer.bonus && booking.bonusEarned) {
      customer.bonus = { ...customer.bonus, balance: Math.max(0, customer.bonus.balance - booking.bonusEarned) };
    }
    const cancelled: Booking = { ...booking, status: 'cancelled' };
    customer.bookings[index] = cancelled;
    return send(BookingResponse, cancelled);
  }
}
