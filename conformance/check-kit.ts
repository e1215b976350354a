/**
 * What every group of conformance checks shares: the shape of a check and the small helpers to
 * make unique keys and ids and to compare a client's packages before and after.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Level } from './context.ts';
import { truncate } from './http.ts';

export interface Check {
  id: string;
  title: string;
  /** The SPEC section(s) the check holds the backend to, e.g. `4.3`. */
  section: string;
  level: Level;
  /** Books and cancels: runs only with `--write`. */
  needsWrite: boolean;
  /** Returns a note shown with a pass; fails or skips by throwing (`fail`, `skip`). */
  run(ctx: Context): Promise<string | void>;
}

/** A fresh `Idempotency-Key`. */
export const key = () => `conformance-${randomUUID()}`;
/** An id no backend holds. */
export const NO_SUCH = () => `conformance-no-such-${randomUUID().slice(0, 8)}`;
export const pretty = (value: unknown) => truncate(JSON.stringify(value), 600);

/** The packages of /me without volatile noise, to compare before and after. */
export async function packagesNow(ctx: Context) {
  const me = await ctx.fetchMe();
  return { packages: me.packages, bonus: me.bonus };
}

/** Where two JSON values differ, one line per leaf: `packages[0].usage.appointments: 4 → 5`. */
export function differences(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before && after && typeof before === 'object' && typeof after === 'object' && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) =>
      differences((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], Array.isArray(before) ? `${path}[${k}]` : path ? `${path}.${k}` : k),
    );
  }
  return [`${path || '(root)'}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`];
}
