/** Benchmark of src/rules: offering over a large catalog, and its growth with the catalog. */
import type { Chain, Package, Service } from '../../src/contract/entities.ts';
import { offerings } from '../../src/rules/offering.ts';
import type { BenchRow } from './table.ts';

/** A small deterministic PRNG, so every run measures the same input. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['t-massage', 't-physio', 't-fitness', 't-sauna', 't-yoga'];

export function syntheticInput(chainCount: number, packageCount: number, seed = 1) {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const services: Service[] = Array.from({ length: 40 }, (_, i) => ({
    id: `s${i}`,
    name: `Service ${i}`,
    code: `${1000 + i}`,
    durationMinutes: 15 + 15 * (i % 4),
    price: 2000 + 500 * (i % 7),
    productType: i % 13 === 0 ? 'value_card' : 'service',
    onlineBookable: i % 11 !== 0,
  }));
  const chains: Chain[] = Array.from({ length: chainCount }, (_, i) => {
    const kind = pick(['none', 'requires', 'requires', 'prevented_by'] as const);
    const typeId = rnd() < 0.2 ? null : pick(TYPES);
    return {
      id: `c${i}`,
      name: `Chain ${i}`,
      description: '',
      steps: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, s) => ({
        serviceId: pick(services).id,
        day: 1 + (s > 0 && rnd() < 0.3 ? 1 : 0),
        start: { kind: 'relative' as const, offsetMinutes: s * 30 },
        quantity: rnd() < 0.2 ? ('per_participant' as const) : ('one' as const),
      })),
      maxParticipants: 1 + Math.floor(rnd() * 4),
      packageRule: kind === 'none' ? { kind } : { kind, packageTypeId: typeId },
      createsPackage: null,
    };
  });
  const packages: Package[] = Array.from({ length: packageCount }, (_, i) => {
    const max = 5 + Math.floor(rnd() * 10);
    const used = Math.floor(rnd() * max);
    const listed = rnd() < 0.4 ? [pick(services).id, pick(services).id] : [];
    return {
      id: `p${String(i).padStart(3, '0')}`,
      code: `PKG-AAAAA-${String(10000 + i)}`,
      name: `Package ${i}`,
      packageTypeId: pick(TYPES),
      status: used === 0 ? 'confirmed' : pick(['in_progress', 'in_progress', 'completed', 'cancelled'] as const),
      kind: pick(['credits', 'credits', 'time', 'unlimited'] as const),
      budget: {
        maxAppointments: max,
        maxAmount: rnd() < 0.3 ? 50_000 : null,
        services: listed.map((serviceId) => ({ serviceId, maxCount: rnd() < 0.5 ? null : 5 })),
      },
      usage: { appointments: used, amount: used * 2500, services: [] },
      validity: {
        activation: pick(['immediate', 'first_booking', 'manual'] as const),
        activatedOn: '2026-10-01',
        validFrom: '2026-10-01',
        validUntil: rnd() < 0.3 ? null : `2027-0${1 + Math.floor(rnd() * 9)}-15`,
        durationDays: 180,
      },
      billing: rnd() < 0.5 ? 'per_package' : 'per_appointment',
      price: 30_000,
      customerNote: null,
    };
  });
  return { catalog: { services, chains }, packages };
}

/** Median milliseconds per call, after warming up. */
export function timePerCall(fn: () => unknown, minMs = 400): number {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  const until = performance.now() + minMs;
  while (performance.now() < until || samples.length < 10) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export function rulesBench(): BenchRow[] {
  const today = '2026-11-24';
  const small = syntheticInput(500, 50);
  const large = syntheticInput(5000, 50);
  const perCall = timePerCall(() => offerings(small.catalog, small.packages, today));
  const perCallLarge = timePerCall(() => offerings(large.catalog, large.packages, today));
  return [
    { metric: 'offerings(): 500 chains × 50 packages, ms per call', value: perCall, goal: '≤ 2 ms', ok: perCall <= 2 },
    { metric: 'offerings(): 5000 chains × 50 packages, ms per call', value: perCallLarge, goal: '', ok: null },
    {
      metric: 'offerings(): 10× the chains, time ratio',
      value: perCallLarge / perCall,
      goal: '≤ 12 (linear)',
      ok: perCallLarge / perCall <= 12,
    },
  ];
}
