/**
 * The load scenario shared by test/mock-api/load.test.ts and the benchmark (scripts/bench/load.ts):
 * a dataset of many clients holding unused packages, the real mock API process on a free loopback
 * port, N concurrent clients booking and cancelling at random for a bounded time, then the
 * server's state read back over HTTP and checked against the invariants of SPEC 2.3 and 4:
 * no budget below zero, no slot over capacity, usage equal to the sum of the active bookings,
 * no booking lost or doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset, DatasetCustomer, DatasetPackage } from '../../src/contract/dataset.ts';
import type { Booking, Chain, Package } from '../../src/contract/entities.ts';
import { consumptionOf, indexServices } from '../../src/rules/budget.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../test/mock-api/fixtures/test-dataset.json', import.meta.url));
const PRACTICE = 'test-physio';
const P = `/practices/${PRACTICE}`;

export interface LoadOptions {
  clients?: number;
  durationMs?: number;
  /** Sees every response body (the internalNote check). */
  onBody?: (body: string) => void;
}

export interface LoadResult {
  clients: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** HTTP status → count, over the load phase. */
  statuses: Record<number, number>;
  /** Distinct bookings created (201) and cancelled (200 on cancel) during the load. */
  booked: number;
  cancelled: number;
  replays: number;
  /** Every broken invariant, in words; empty when all hold. */
  violations: string[];
  /** The dataset's staff notes (none must ever be sent). */
  internalNotes: string[];
}

// ------------------------------------------------------------------ dataset

/** The fixture's practice with `clients` new clients, each with a token and unused packages. */
export function loadDataset(clients: number): Dataset {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Dataset;
  const physio = fixture.practices.find((p) => p.practice.id === PRACTICE)!;
  const validity = { activation: 'immediate' as const, activatedOn: '2026-01-01', validFrom: '2026-01-01', validUntil: '2027-12-31', durationDays: null };
  const unused = { appointments: 0, amount: 0, services: [] };
  const pkg = (id: string, fields: Partial<DatasetPackage>): DatasetPackage => ({
    id,
    code: `PKG-${id.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-10).padStart(10, 'X')}`,
    name: 'Load package',
    packageTypeId: 'massage-card',
    status: 'confirmed',
    kind: 'credits',
    budget: {},
    usage: unused,
    validity,
    billing: 'per_package',
    price: 10000,
    customerNote: null,
    internalNote: `STAFF-ONLY load note ${id}`,
    ...fields,
  });
  const customers: DatasetCustomer[] = [];
  for (let i = 0; i < clients; i++) {
    const n = String(i).padStart(3, '0');
    const packages: DatasetPackage[] = [];
    // Small budgets, so that clients run out while the load runs.
    if (i % 4 !== 3) packages.push(pkg(`pkg-load-${n}-a`, { budget: { maxAppointments: 1 + (i % 3), services: [{ serviceId: 'massage', maxCount: null }] } }));
    if (i % 4 === 1) packages.push(pkg(`pkg-load-${n}-m`, { budget: { maxAmount: 11000 } }));
    if (i % 4 === 2) packages.push(pkg(`pkg-load-${n}-y`, { packageTypeId: 'training-card', budget: { maxAppointments: 4, services: [{ serviceId: 'yoga', maxCount: 3 }] } }));
    customers.push({
      id: `load-${n}`,
      displayName: `Load client ${n}`,
      email: `load-${n}@example.test`,
      loginCode: null,
      tokens: [`tok-load-${n}`],
      packages,
      bonus: i % 2 === 0 ? { unit: 'stamps', balance: 0, expiring: [], warnDaysBeforeExpiry: 14 } : null,
      bookings: [],
    } as DatasetCustomer);
  }
  return { ...fixture, practices: [{ ...physio, customers }] };
}

// ------------------------------------------------------------------ process

async function startMock(dataFile: string): Promise<{ child: ChildProcess; base: URL }> {
  const child = spawn(process.execPath, ['mock-api/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the mock API did not start:\n${err}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /API base URL: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the mock API exited with ${code}:\n${err}`)));
  });
  child.stdout!.resume();
  return { child, base: new URL(base) };
}

// ------------------------------------------------------------------ traffic

interface Answer {
  status: number;
  body: string;
  json: unknown;
  ms: number;
}

function client(base: URL, agent: Agent, onBody?: (body: string) => void) {
  return (method: 'GET' | 'POST', path: string, token: string, body?: unknown, key?: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      if (key) headers['Idempotency-Key'] = key;
      const payload = body === undefined ? undefined : JSON.stringify(body);
      if (payload !== undefined) headers['Content-Type'] = 'application/json';
      const req = request({ host: base.hostname, port: base.port, method, path, headers, agent, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          onBody?.(text);
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: text, json, ms: performance.now() - started });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on('error', reject);
      req.end(payload);
    });
}

const CHAINS = ['single', 'long', 'followup', 'card-start', 'group'] as const;
const TIMES = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '13:15', '13:45', '14:15', '14:45', '15:15', '15:45', '16:15'];
/** Days at least two days after the dataset's clock (so cancelling is allowed), all in CEST. */
const DAYS = Array.from({ length: 12 }, (_, i) => `2026-04-${String(2 + i).padStart(2, '0')}`);

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

interface Sent {
  body: { chainId: string; start: string; participants: number; packageId?: string | null };
  key: string;
  status: number;
  id: string | null;
}

// ------------------------------------------------------------------ run

export async function runLoad({ clients = 200, durationMs = 5000, onBody }: LoadOptions = {}): Promise<LoadResult> {
  const dataset = loadDataset(clients);
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-load-'));
  const dataFile = join(dir, 'load-dataset.json');
  writeFileSync(dataFile, JSON.stringify(dataset));
  const entry = dataset.practices[0]!;
  const services = indexServices(entry.catalog.services);
  const chains = new Map(entry.catalog.chains.map((c) => [c.id, c]));
  const customers = entry.customers;
  const violations: string[] = [];
  const { child, base } = await startMock(dataFile);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const call = client(base, agent, onBody);

  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  /** Booking id → index of the client that got its 201. */
  const created = new Map<string, number>();
  const cancelledIds = new Set<string>();
  let replays = 0;

  const count = (answer: Answer, what: string) => {
    latencies.push(answer.ms);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status >= 500) violations.push(`${what} → ${answer.status} ${answer.body.slice(0, 200)}`);
  };

  async function worker(i: number, until: number): Promise<void> {
    const me = customers[i]!;
    const token = me.tokens[0]!;
    const own = me.packages.map((p) => p.id);
    const active: string[] = [];
    let last: Sent | null = null;
    while (performance.now() < until) {
      const roll = Math.random();
      if (roll < 0.1 && last) {
        // Replay the last booking request with its key: the same answer, nothing booked twice.
        const answer = await call('POST', `${P}/bookings`, token, last.body, last.key);
        count(answer, 'replay');
        replays += 1;
        const id = answer.status === 201 ? (answer.json as Booking).id : null;
        if (answer.status !== last.status || id !== last.id) {
          violations.push(`client ${i}: replayed key ${last.key} answered ${answer.status} ${id}, first ${last.status} ${last.id}`);
        }
      } else if (roll < 0.4 && active.length > 0) {
        const index = Math.floor(Math.random() * active.length);
        const id = active[index]!;
        const answer = await call('POST', `${P}/bookings/${id}/cancel`, token);
        count(answer, `cancel ${id}`);
        if (answer.status === 200) {
          cancelledIds.add(id);
          active.splice(index, 1);
        } else violations.push(`client ${i}: cancelling own booking ${id} → ${answer.status} ${answer.body.slice(0, 200)}`);
      } else {
        const chainId = pick(CHAINS);
        const body: Sent['body'] = {
          chainId,
          start: `${pick(DAYS)}T${pick(TIMES)}:00+02:00`,
          participants: chainId === 'group' ? 1 + Math.floor(Math.random() * 3) : 1,
        };
        const choice = Math.random();
        if (choice < 0.3 && own.length > 0) body.packageId = pick(own);
        else if (choice < 0.4) body.packageId = null;
        else if (choice < 0.45) body.packageId = pick(customers[(i + 1) % customers.length]!.packages.map((p) => p.id).concat('pkg-nobody'));
        const key = randomUUID();
        const answer = await call('POST', `${P}/bookings`, token, body, key);
        count(answer, `book ${JSON.stringify(body)}`);
        let id: string | null = null;
        if (answer.status === 201) {
          const booking = answer.json as Booking;
          id = booking.id;
          if (created.has(id)) violations.push(`booking id ${id} was created twice`);
          created.set(id, i);
          active.push(id);
          if (booking.createdPackage) own.push(booking.createdPackage);
        } else if (body.packageId && !own.includes(body.packageId) && answer.status !== 404) {
          violations.push(`client ${i}: booking with a package not its own (${body.packageId}) → ${answer.status}, not 404`);
        }
        last = { body, key, status: answer.status, id };
      }
    }
  }

  let began: number;
  let seconds: number;
  try {
    // Warm the server up (JIT) before the clock starts.
    await Promise.all(customers.slice(0, 20).map((c) => call('GET', `${P}/me`, c.tokens[0]!)));
    began = performance.now();
    const until = began + durationMs;
    await Promise.all(customers.map((_, i) => worker(i, until)));
    seconds = (performance.now() - began) / 1000;

    // ---------------------------------------------------------- the state, over HTTP
    const states = await Promise.all(
      customers.map(async (c) => {
        const [me, list] = await Promise.all([call('GET', `${P}/me`, c.tokens[0]!), call('GET', `${P}/bookings`, c.tokens[0]!)]);
        if (me.status !== 200 || list.status !== 200) violations.push(`${c.id}: /me → ${me.status}, /bookings → ${list.status}`);
        return { customer: c, packages: (me.json as { packages: Package[] }).packages, bookings: (list.json as { bookings: Booking[] }).bookings };
      }),
    );
    checkInvariants(states, { created, cancelledIds, chains, services, violations });
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  const internalNotes = customers.flatMap((c) => c.packages.flatMap((p) => (p.internalNote ? [p.internalNote] : [])));
  return {
    clients,
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
    statuses,
    booked: created.size,
    cancelled: cancelledIds.size,
    replays,
    violations,
    internalNotes,
  };
}

// ------------------------------------------------------------------ invariants

interface State {
  customer: DatasetCustomer;
  packages: Package[];
  bookings: Booking[];
}

function checkInvariants(
  states: State[],
  context: {
    created: Map<string, number>;
    cancelledIds: Set<string>;
    chains: Map<string, Chain>;
    services: ReturnType<typeof indexServices>;
    violations: string[];
  },
): void {
  const { created, cancelledIds, chains, services, violations } = context;

  // No booking lost or doubled; each has the status its client's answers say.
  states.forEach(({ customer, bookings }, i) => {
    const seen = new Map<string, number>();
    for (const b of bookings) seen.set(b.id, (seen.get(b.id) ?? 0) + 1);
    for (const [id, times] of seen) {
      if (times !== 1) violations.push(`${customer.id}: booking ${id} listed ${times} times`);
      if (created.get(id) !== i) violations.push(`${customer.id}: booking ${id} listed, but this client never received a 201 for it`);
    }
    for (const [id, owner] of created) {
      if (owner === i && !seen.has(id)) violations.push(`${customer.id}: booking ${id} (answered 201) is missing from /bookings`);
    }
    for (const b of bookings) {
      const expected = cancelledIds.has(b.id) ? 'cancelled' : 'booked';
      if (b.status !== expected) violations.push(`${customer.id}: booking ${b.id} is ${b.status}, expected ${expected}`);
    }
  });

  // Budgets: never below zero; usage equals the sum of the active bookings' consumption.
  for (const { customer, packages, bookings } of states) {
    for (const pkg of packages) {
      const { budget, usage } = pkg;
      const expected = { appointments: 0, amount: 0, services: new Map<string, number>() };
      for (const b of bookings) {
        if (b.status !== 'booked' || b.packageId !== pkg.id) continue;
        const c = consumptionOf(chains.get(b.chainId)!, services, b.participants);
        expected.appointments += c.appointments;
        expected.amount += c.amount;
        for (const [id, n] of c.services) expected.services.set(id, (expected.services.get(id) ?? 0) + n);
      }
      const where = `${customer.id} package ${pkg.id}`;
      if (usage.appointments !== expected.appointments) violations.push(`${where}: usage.appointments ${usage.appointments}, active bookings ${expected.appointments}`);
      if (usage.amount !== expected.amount) violations.push(`${where}: usage.amount ${usage.amount}, active bookings ${expected.amount}`);
      for (const id of new Set([...expected.services.keys(), ...usage.services.map((s) => s.serviceId)])) {
        const used = usage.services.find((s) => s.serviceId === id)?.count ?? 0;
        if (used !== (expected.services.get(id) ?? 0)) violations.push(`${where}: usage of ${id} ${used}, active bookings ${expected.services.get(id) ?? 0}`);
      }
      if (budget.maxAppointments != null && usage.appointments > budget.maxAppointments) violations.push(`${where}: ${usage.appointments} appointments used of ${budget.maxAppointments}`);
      if (budget.maxAmount != null && usage.amount > budget.maxAmount) violations.push(`${where}: amount ${usage.amount} used of ${budget.maxAmount}`);
      for (const limit of budget.services ?? []) {
        const used = usage.services.find((s) => s.serviceId === limit.serviceId)?.count ?? 0;
        if (limit.maxCount !== null && used > limit.maxCount) violations.push(`${where}: ${used} × ${limit.serviceId} used of ${limit.maxCount}`);
      }
    }
  }

  // Capacity: another chain's step never overlaps; one chain's participants at any instant ≤ its maximum.
  const steps = states.flatMap(({ bookings }) =>
    bookings
      .filter((b) => b.status === 'booked')
      .flatMap((b) => b.steps.map((s) => ({ booking: b.id, chainId: b.chainId, participants: b.participants, from: Date.parse(s.start), to: Date.parse(s.end) }))),
  );
  steps.sort((a, b) => a.from - b.from);
  for (let x = 0; x < steps.length; x++) {
    const a = steps[x]!;
    let present = a.participants;
    for (let y = 0; y < steps.length; y++) {
      const b = steps[y]!;
      if (y === x || b.booking === a.booking) continue;
      if (b.from > a.from) break;
      if (b.to <= a.from) continue;
      // b is in progress at a's start
      if (b.chainId !== a.chainId) violations.push(`bookings ${a.booking} (${a.chainId}) and ${b.booking} (${b.chainId}) overlap`);
      else present += b.participants;
    }
    const max = chains.get(a.chainId)!.maxParticipants;
    if (present > max) violations.push(`${present} participants of ${a.chainId} at ${new Date(a.from).toISOString()} (max ${max})`);
  }
}
