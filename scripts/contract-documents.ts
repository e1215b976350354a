/**
 * Builds the contract documents from the zod schemas: `mock-api/openapi.json` (OpenAPI 3.1)
 * and `mock-api/dataset.schema.json` (JSON Schema 2020-12). Pure: returns the text to write.
 */
import * as z from 'zod/mini';
import * as api from '../src/contract/api.ts';
import * as entities from '../src/contract/entities.ts';
import { Dataset } from '../src/contract/dataset.ts';
import { FieldError, PROBLEM_SCHEMAS, PROBLEM_STATUS, type ProblemCode } from '../src/contract/problems.ts';
import { ROUTES, type Route } from '../src/contract/routes.ts';

type JsonObject = Record<string, unknown>;

const pascal = (code: string) => code.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const problemName = (code: ProblemCode) => `${pascal(code)}Problem`;

/** Named components, in document order. Unnamed sub-schemas are inlined where they are used. */
const COMPONENTS: [string, z.ZodMiniType, string][] = [
  ['Service', entities.Service, 'A bookable or sellable service (Leistung). `code` is the service number.'],
  ['PackageType', entities.PackageType, 'A category grouping package names, e.g. "#Massage".'],
  ['Budget', entities.Budget, 'Limits of a package; each is optional, absent or null meaning unlimited.'],
  ['PackageTemplate', entities.PackageTemplate, 'What a package is created from; later changes never affect created packages.'],
  ['ChainStep', entities.ChainStep, 'One service of a chain, on a day of the chain, at a relative or fixed start.'],
  ['PackageRule', entities.PackageRule, 'Whether a chain requires, or is prevented by, a package (of a type, or any when null).'],
  ['CreatesPackage', entities.CreatesPackage, 'A chain that creates a package from a template when the condition holds.'],
  ['Chain', entities.Chain, 'A service chain (Leistungskette): what a client books online.'],
  ['Usage', entities.Usage, 'What a package has consumed.'],
  ['Validity', entities.Validity, 'Activation and the inclusive validity window of a package.'],
  ['Package', entities.Package, "A package held by a client. Never carries staff-only notes."],
  ['Customer', entities.Customer, 'A client of the practice.'],
  ['Bonus', entities.Bonus, "A client's bonus account (Kundenbonus)."],
  ['BookingPolicy', entities.BookingPolicy, 'Lead time, booking horizon and cancellation window.'],
  ['Practice', api.PracticeResponse, 'The practice. `serverTime` is the clock every "today" derives from.'],
  ['Catalog', api.CatalogResponse, 'Everything a practice offers.'],
  ['BookedStep', entities.BookedStep, 'One step of a slot or booking, with its instants.'],
  ['Price', entities.Price, 'Money in minor units: the total and what is due now.'],
  ['Booking', entities.Booking, 'A booking of a chain.'],
  ['AuthCodeRequest', api.AuthCodeRequest, 'Ask for a sign-in code.'],
  ['AuthTokenRequest', api.AuthTokenRequest, 'Exchange a code for a token.'],
  ['AuthTokenResponse', api.AuthTokenResponse, 'A bearer token and the signed-in client.'],
  ['MeResponse', api.MeResponse, 'The signed-in client, their packages and bonus.'],
  ['Slot', api.Slot, 'A bookable start with the instants of every step.'],
  ['SlotsResponse', api.SlotsResponse, 'Free starts, sorted by start.'],
  ['BookingRequest', api.BookingRequest, 'Book a chain; packageId optional.'],
  ['RescheduleRequest', api.RescheduleRequest, 'Move a booking to another start; participants default to the booking\'s.'],
  ['BookingsResponse', api.BookingsResponse, "The signed-in client's bookings."],
  ['FieldError', FieldError, 'One bad field of a request.'],
  ...(Object.entries(PROBLEM_SCHEMAS) as [ProblemCode, z.ZodMiniType][]).map(
    ([code, schema]) =>
      [problemName(code), schema, `Problem \`${code}\` (HTTP ${PROBLEM_STATUS[code]}).`] as [string, z.ZodMiniType, string],
  ),
];

/** JSON Schema for every component, with references between them as `#/components/schemas/X`. */
function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string; description: string }>();
  for (const [id, schema, description] of COMPONENTS) registry.add(schema, { id, description });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonObject> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function queryParameters(query: z.ZodMiniObject): JsonObject[] {
  const schema = z.toJSONSchema(query, { target: 'draft-2020-12', io: 'input' }) as {
    properties: Record<string, JsonObject>;
    required?: string[];
  };
  const descriptions: Record<string, string> = {
    from: 'First practice-local day (inclusive).',
    to: 'Last practice-local day (inclusive); at most 62 days from `from`.',
    participants: 'How many people; default 1, at most the chain\'s maxParticipants.',
  };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    description: descriptions[name],
    schema: property,
  }));
}

function operation(route: Route): JsonObject {
  const parameters: JsonObject[] = [];
  for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ $ref: `#/components/parameters/${match[1]}` });
  }
  if (route.query) parameters.push(...queryParameters(route.query));
  if (route.idempotencyKey) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (route.etag) parameters.push({ $ref: '#/components/parameters/IfNoneMatch' });

  const responses: JsonObject = {};
  const success: JsonObject = { description: route.success.description };
  if (route.success.schema) {
    const name = COMPONENTS.find(([, schema]) => schema === route.success.schema)?.[0];
    if (!name) throw new Error(`${route.operationId}: the response schema is not a named component`);
    success.content = { 'application/json': { schema: ref(name) } };
  }
  if (route.etag) success.headers = { ETag: { $ref: '#/components/headers/ETag' } };
  responses[String(route.success.status)] = success;
  if (route.etag) {
    responses['304'] = {
      description: 'Not modified: the `If-None-Match` tag matches.',
      headers: { ETag: { $ref: '#/components/headers/ETag' } },
    };
  }

  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of route.problems) {
    const status = PROBLEM_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  // Every route can answer 400 (a URL over 8000 characters, an unknown query parameter); a route
  // with a body 413 (a body over 64 KiB). Both are validation_failed.
  if (!byStatus.has(400)) byStatus.set(400, ['validation_failed']);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const schema = codes.length === 1 ? ref(problemName(codes[0]!)) : { oneOf: codes.map((c) => ref(problemName(c))) };
    responses[String(status)] = {
      description: codes.map((c) => `\`${c}\``).join(', '),
      content: { 'application/problem+json': { schema } },
    };
  }
  // 405 answers the methods this path does not have, operations OpenAPI has no place for: it is
  // declared here so that every problem of the contract is in the document.
  responses['405'] = {
    description: '`method_not_allowed`: the answer to a method this path does not have, with an `Allow` header.',
    headers: { Allow: { description: 'The methods this path answers.', schema: { type: 'string' } } },
    content: { 'application/problem+json': { schema: ref(problemName('method_not_allowed')) } },
  };
  if (route.body) {
    responses['413'] = {
      description: '`validation_failed`: the body is larger than 64 KiB.',
      content: { 'application/problem+json': { schema: ref(problemName('validation_failed')) } },
    };
  }

  const op: JsonObject = {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.path.includes('/auth/') ? 'auth' : route.path.includes('/bookings') ? 'bookings' : 'catalog'],
    parameters,
    security: route.auth === 'required' ? [{ bearer: [] }] : route.auth === 'optional' ? [{}, { bearer: [] }] : [],
    responses,
  };
  if (route.body) {
    const name = COMPONENTS.find(([, schema]) => schema === route.body)?.[0];
    if (!name) throw new Error(`${route.operationId}: the request schema is not a named component`);
    op.requestBody = { required: true, content: { 'application/json': { schema: ref(name) } } };
  }
  return op;
}

export function openApiDocument(version: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(route);
  }
  const schemas = componentSchemas();
  for (const [id, , description] of COMPONENTS) schemas[id] = { description, ...schemas[id] };
  return {
    openapi: '3.1.0',
    info: {
      title: 'punchcard backend contract',
      version,
      description:
        'The HTTP API a practice backend implements for the punchcard widget (SPEC 4). Generated from the zod schemas in src/contract by `npm run gen`; do not edit by hand. Errors are application/problem+json (RFC 9457) with a `code` from SPEC 4.3. Every response carries CORS headers; `ETag` is exposed.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:4010', description: 'The mock API (`npm run mock-api`)' }],
    tags: [
      { name: 'catalog', description: 'Practice, catalog and slots: no sign-in needed' },
      { name: 'auth', description: 'Sign-in by emailed code' },
      { name: 'bookings', description: 'The signed-in client: packages, bookings, cancellation' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from /auth/token or one the host site obtained.' },
      },
      parameters: {
        practiceId: { name: 'practiceId', in: 'path', required: true, description: 'The practice id.', schema: { type: 'string', minLength: 1 } },
        chainId: { name: 'chainId', in: 'path', required: true, description: 'The service chain id.', schema: { type: 'string', minLength: 1 } },
        bookingId: { name: 'bookingId', in: 'path', required: true, description: 'The booking id.', schema: { type: 'string', minLength: 1 } },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'A key the client generates once per checkout and keeps for retries. Missing: 400 validation_failed.',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'An ETag from an earlier answer; when it still matches, the answer is 304.',
          schema: { type: 'string' },
        },
      },
      headers: {
        ETag: { description: 'The version of this representation.', schema: { type: 'string' } },
      },
      schemas,
    },
  };
}

export function datasetJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(Dataset, { target: 'draft-2020-12', io: 'input', reused: 'ref' }) as JsonObject;
  return {
    $schema: schema.$schema,
    $id: 'https://punchcard.invalid/dataset.schema.json',
    title: 'punchcard mock API dataset',
    description:
      'A dataset for the mock API (SPEC 5). Generated from src/contract/dataset.ts by `npm run gen`; do not edit by hand. References between ids are checked by the mock when it loads the file.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

export const serialize = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
