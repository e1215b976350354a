/**
 * Compiles the zod schemas of the answers the widget reads into a module of constructor calls
 * (src/contract/wire-schemas.generated.ts) that src/contract/wire.ts interprets in the browser.
 * Run by `npm run gen`; tests check the output is current and that zod and the compiled checks
 * accept and reject the same values.
 *
 * Any zod feature the interpreter does not know (a new refinement, a transform) stops the
 * generator instead of being dropped silently.
 */
import type * as z from 'zod/mini';
import * as api from '../src/contract/api.ts';
import * as entities from '../src/contract/entities.ts';
import * as primitives from '../src/contract/primitives.ts';
import * as problems from '../src/contract/problems.ts';

/** What the client checks, by the name it uses; the types are declared beside them in the output. */
export const WIRE_ROOTS = {
  Practice: api.PracticeResponse,
  CatalogResponse: api.CatalogResponse,
  MeResponse: api.MeResponse,
  AuthTokenResponse: api.AuthTokenResponse,
  SlotsResponse: api.SlotsResponse,
  Booking: api.BookingResponse,
  BookingsResponse: api.BookingsResponse,
  Problem: problems.Problem,
} as const;

/** The TypeScript type of each root, written into the generated module. */
const ROOT_TYPES: Record<keyof typeof WIRE_ROOTS, string> = {
  Practice: 'entities.Practice',
  CatalogResponse: 'api.CatalogResponse',
  MeResponse: 'api.MeResponse',
  AuthTokenResponse: 'api.AuthTokenResponse',
  SlotsResponse: 'api.SlotsResponse',
  Booking: 'entities.Booking',
  BookingsResponse: 'api.BookingsResponse',
  Problem: 'problems.Problem',
};

/** Refinements the interpreter implements, by the schema that carries them. */
const KNOWN_REFINEMENTS = new Map<z.core.$ZodType, 'timeZone'>([[primitives.TimeZone, 'timeZone']]);

/** zod string formats that are a regular expression and nothing else (others, like url, parse). */
const REGEX_FORMATS = new Set(['date', 'datetime', 'email']);

// zod's internal definitions differ per schema kind; this compiler reads them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = Record<string, any>;
const isSchema = (value: unknown): value is z.core.$ZodType => typeof value === 'object' && value !== null && '_zod' in value;

/** Names for shared schemas: the roots first, then the contract modules' exports. */
function schemaNames(): Map<z.core.$ZodType, string> {
  const names = new Map<z.core.$ZodType, string>();
  for (const module of [WIRE_ROOTS, primitives, entities, problems, api]) {
    for (const [name, value] of Object.entries(module)) if (isSchema(value) && !names.has(value)) names.set(value, name);
  }
  return names;
}

/** Compiles the roots into the statements of the generated module: one `const` per named schema. */
export function compileWireSchemas(): string[] {
  const names = schemaNames();
  const declared = new Set<string>();
  const statements: string[] = [];
  const stop = (what: string, path: string): never => {
    throw new Error(`wire-schemas: ${what} at ${path} is not supported by src/contract/wire.ts`);
  };
  const literal = (value: unknown) => JSON.stringify(value);
  const regex = (pattern: RegExp, path: string) => (pattern.flags === '' ? String(pattern) : stop(`a regular expression with flags (${pattern})`, path));

  /** The expression for `schema`: a constant's name when it has one, else the constructor call. */
  const compile = (schema: z.core.$ZodType, path: string, root = false): string => {
    const name = names.get(schema);
    if (name && !root) {
      if (!declared.has(name)) {
        declared.add(name);
        statements.push(`const ${name} = ${compile(schema, name, true)};`);
      }
      return name;
    }
    const def = schema._zod.def as AnyDef;
    const checks = (def.checks ?? []).map((c: z.core.$ZodCheck) => c._zod.def as AnyDef);
    switch (def.type) {
      case 'string': {
        const options: string[] = [];
        const patterns: string[] = [];
        if (def.format) patterns.push(REGEX_FORMATS.has(def.format) ? regex(def.pattern, path) : stop(`the string format ${def.format}`, path));
        for (const check of checks) {
          if (check.check === 'min_length') options.push(`min: ${check.minimum}`);
          else if (check.check === 'max_length') options.push(`max: ${check.maximum}`);
          else if (check.check === 'string_format' && check.format === 'regex') patterns.push(regex(check.pattern, path));
          else if (check.check === 'custom' && KNOWN_REFINEMENTS.get(schema) === 'timeZone') options.push('timeZone: true');
          else stop(`the check ${check.check}`, path);
        }
        // The message names the contract's type (`expected Instant`), as openapi.json does; the
        // zod messages stay with the mock, where they reach integrators in validation_failed.
        if (patterns.length) options.push(`patterns: [${patterns.join(', ')}]`, `label: ${literal(names.get(schema) ?? def.format ?? path)}`);
        return options.length ? `string({ ${options.join(', ')} })` : 'string()';
      }
      case 'number': {
        if (def.format !== 'safeint') stop('a number that is not an int', path);
        let min: number | undefined;
        let max: number | undefined;
        for (const check of checks) {
          if (check.check === 'greater_than' && check.inclusive) min = check.value;
          else if (check.check === 'less_than' && check.inclusive) max = check.value;
          else stop(`the check ${check.check}`, path);
        }
        return max !== undefined ? `int(${min}, ${max})` : min !== undefined ? `int(${min})` : 'int()';
      }
      case 'boolean':
        if (checks.length) stop('a check on a boolean', path);
        return 'boolean';
      case 'enum':
        return `oneOf(${Object.values(def.entries).map(literal).join(', ')})`;
      case 'literal':
        return `oneOf(${def.values.map(literal).join(', ')})`;
      case 'object': {
        if (checks.length || def.catchall) stop('an object check or catchall', path);
        const properties = Object.entries(def.shape as Record<string, z.core.$ZodType>).map(([key, value]) => `${key}: ${compile(value, `${path}.${key}`)}`);
        return `object({ ${properties.join(', ')} })`;
      }
      case 'array': {
        let min: number | undefined;
        for (const check of checks) {
          if (check.check === 'min_length') min = check.minimum;
          else stop(`the check ${check.check}`, path);
        }
        const items = compile(def.element, `${path}[]`);
        return min !== undefined ? `array(${items}, ${min})` : `array(${items})`;
      }
      case 'nullable':
      case 'optional':
        return `${def.type}(${compile(def.innerType, path)})`;
      case 'default': {
        const value = def.defaultValue;
        if (typeof value === 'object' && value !== null) stop('a default that is not a single value', path);
        return `withDefault(${compile(def.innerType, path)}, ${literal(value)})`;
      }
      case 'union': {
        if (def.discriminator === undefined) {
          // A union of literals is one enum; other unions are not needed yet.
          const values = (def.options as z.core.$ZodType[]).map((o) => (o._zod.def as AnyDef).values);
          if (!values.every((v) => Array.isArray(v))) stop('a union of anything but literals', path);
          return `oneOf(${values.flat().map(literal).join(', ')})`;
        }
        const cases = (def.options as z.core.$ZodType[]).map((option) => {
          const tag = ((option._zod.def as AnyDef).shape?.[def.discriminator]?._zod.def as AnyDef | undefined)?.values;
          if (!Array.isArray(tag) || tag.length !== 1 || typeof tag[0] !== 'string') stop('a discriminator that is not one string literal', path);
          return `${tag[0]}: ${compile(option, `${path}<${tag[0]}>`)}`;
        });
        return `tagged(${literal(def.discriminator)}, { ${cases.join(', ')} })`;
      }
      default:
        return stop(`the zod type ${def.type}`, path);
    }
  };

  for (const [name, schema] of Object.entries(WIRE_ROOTS)) compile(schema, name);
  return statements;
}

/** The text of src/contract/wire-schemas.generated.ts. */
export function wireSchemasModule(): string {
  const statements = compileWireSchemas();
  const types = Object.entries(ROOT_TYPES).map(([name, type]) => `  ${name}: ${type};`);
  return `// Generated by \`npm run gen\` (scripts/wire-schemas.ts) from the zod schemas in this folder. Do not edit.
import type * as api from './api.ts';
import type * as entities from './entities.ts';
import type * as problems from './problems.ts';
import { array, boolean, int, nullable, object, oneOf, optional, string, tagged, withDefault, type WireSchema } from './wire.ts';

${statements.join('\n')}

/** The answers the client checks, by name. */
export const WIRE_SCHEMAS: { [K in keyof WireTypes]: WireSchema } = { ${Object.keys(WIRE_ROOTS).join(', ')} };

/** The type each root checks to. */
export interface WireTypes {
${types.join('\n')}
}
`;
}
