/**
 * The contract checks the widget runs on every answer, without zod in the browser.
 *
 * zod/mini's runtime alone is about 7 KB min+gzip, more than a quarter of the embed's budget
 * (docs/decisions.md). So `npm run gen` compiles the zod schemas the client needs into calls of
 * the small constructors below (`wire-schemas.generated.ts`), and `checkWire` interprets them.
 * The zod schemas stay the one source; a test proves both accept and reject the same values.
 */
import { formatPath } from './issues.ts';
import type { FieldError } from './problems.ts';
import { zoneFormatter } from './zone.ts';

type Literal = string | number | boolean | null;

export interface StringChecks {
  min?: number;
  max?: number;
  /** Regular expressions (no flags) the value must match… */
  patterns?: RegExp[];
  /** …and the contract type named when it does not: "expected Instant". */
  label?: string;
  /** The value must be a time zone this browser knows (IANA). */
  timeZone?: boolean;
}

/** A check compiled from a zod schema. */
export type WireSchema =
  | ({ type: 'string' } & StringChecks)
  | { type: 'int'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: Literal[] }
  | { type: 'object'; properties: Record<string, WireSchema> }
  | { type: 'array'; items: WireSchema; min?: number }
  | { type: 'nullable' | 'optional'; of: WireSchema }
  | { type: 'default'; of: WireSchema; value: Literal }
  /** A union decided by one property, like zod's discriminatedUnion. */
  | { type: 'tagged'; key: string; cases: Record<string, WireSchema> };

// The constructors the generated module calls: short, so that the compiled contract stays small.
export const string = (checks: StringChecks = {}): WireSchema => ({ type: 'string', ...checks });
export const int = (min?: number, max?: number): WireSchema => ({ type: 'int', min, max });
export const boolean: WireSchema = { type: 'boolean' };
export const oneOf = (...values: Literal[]): WireSchema => ({ type: 'enum', values });
export const object = (properties: Record<string, WireSchema>): WireSchema => ({ type: 'object', properties });
export const array = (items: WireSchema, min?: number): WireSchema => ({ type: 'array', items, min });
export const nullable = (of: WireSchema): WireSchema => ({ type: 'nullable', of });
export const optional = (of: WireSchema): WireSchema => ({ type: 'optional', of });
export const withDefault = (of: WireSchema, value: Literal): WireSchema => ({ type: 'default', of, value });
export const tagged = (key: string, cases: Record<string, WireSchema>): WireSchema => ({ type: 'tagged', key, cases });

export type WireResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * Where in the answer a check is: a linked list from the leaf up, turned into an array only for
 * an issue. (An answer of a month's slots has thousands of nodes: no array per node, no closure per
 * call, so the calendar paints in the frame its answer arrives in — docs/benchmark.md.)
 */
type Path = { up: Path; key: PropertyKey } | null;

function report(issues: Issue[], path: Path, message: string): undefined {
  const keys: PropertyKey[] = [];
  for (let at = path; at; at = at.up) keys.unshift(at.key);
  issues.push({ path: keys, message });
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks `value` against `schema`. Like zod, it reports every bad field, fills in defaults and
 * returns a copy that holds only the properties the contract names.
 */
export function checkWire<T>(schema: WireSchema, value: unknown): WireResult<T> {
  const issues: Issue[] = [];
  const out = walk(schema, value, null, issues);
  return issues.length === 0 ? { ok: true, value: out as T } : { ok: false, errors: issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

function walk(s: WireSchema, value: unknown, path: Path, issues: Issue[]): unknown {
  switch (s.type) {
    case 'optional':
      return value === undefined ? value : walk(s.of, value, path, issues);
    case 'nullable':
      return value === null ? value : walk(s.of, value, path, issues);
    case 'default':
      return value === undefined ? s.value : walk(s.of, value, path, issues);
    case 'string':
      if (typeof value !== 'string') return report(issues, path, 'expected a string');
      if (s.min !== undefined && value.length < s.min) report(issues, path, `expected at least ${s.min} characters`);
      if (s.max !== undefined && value.length > s.max) report(issues, path, `expected at most ${s.max} characters`);
      if (s.patterns?.some((pattern) => !pattern.test(value))) report(issues, path, `expected ${s.label}`);
      if (s.timeZone) {
        try {
          zoneFormatter(value); // cached: the rules use the same formatter right after
        } catch {
          report(issues, path, 'unknown time zone');
        }
      }
      return value;
    case 'int':
      if (!Number.isSafeInteger(value)) return report(issues, path, 'expected a whole number');
      if (s.min !== undefined && (value as number) < s.min) report(issues, path, `expected at least ${s.min}`);
      if (s.max !== undefined && (value as number) > s.max) report(issues, path, `expected at most ${s.max}`);
      return value;
    case 'boolean':
      return typeof value === 'boolean' ? value : report(issues, path, 'expected true or false');
    case 'enum':
      return s.values.includes(value as Literal) ? value : report(issues, path, `expected one of ${s.values.map((v) => JSON.stringify(v)).join(', ')}`);
    case 'array': {
      if (!Array.isArray(value)) return report(issues, path, 'expected an array');
      if (s.min !== undefined && value.length < s.min) report(issues, path, `expected at least ${s.min} items`);
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = walk(s.items, value[i], { up: path, key: i }, issues);
      return out;
    }
    case 'object': {
      if (!isRecord(value)) return report(issues, path, 'expected an object');
      const out: Record<string, unknown> = {};
      for (const key in s.properties) {
        const checked = walk(s.properties[key]!, Object.hasOwn(value, key) ? value[key] : undefined, { up: path, key }, issues);
        if (checked !== undefined) out[key] = checked;
      }
      return out;
    }
    case 'tagged': {
      if (!isRecord(value)) return report(issues, path, 'expected an object');
      const tag = value[s.key];
      if (typeof tag !== 'string' || !Object.hasOwn(s.cases, tag)) return report(issues, { up: path, key: s.key }, `expected one of ${Object.keys(s.cases).join(', ')}`);
      return walk(s.cases[tag]!, value, path, issues);
    }
  }
}
