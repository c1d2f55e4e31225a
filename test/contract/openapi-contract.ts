import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * TIDAL's official OpenAPI spec (test/contract/tidal-api-oas.json.gz; version, source and how to update it
 * in test/contract/README.md) as a validator of exchanges: a response against the schema the spec declares
 * for its operation, status and media type; a request against the operation's declared parameters, include
 * paths, headers and body. Schemas are OpenAPI 3.0 and are read by Ajv after a small conversion
 * (`nullable`, `discriminator` with its mapping); objects are checked closed (no property the spec does
 * not name), which the spec does not demand of TIDAL but the emulator and the client must meet: neither
 * may invent a field.
 */

export const SPEC_PATH = fileURLToPath(new URL('./tidal-api-oas.json.gz', import.meta.url));
const SCHEMA_ID = 'tidal-oas';
const JSON_API = 'application/vnd.api+json';
/** Include trees the spec allows by default (its "Relationships and includes"). */
export const MAX_INCLUDE_DEPTH = 3;
export const MAX_INCLUDED_RESOURCES = 10;

/**
 * Statuses no operation declares that any request may still get, because they come from the OAuth layer in
 * front of every operation (RFC 6750): 401 for a missing, unknown or expired token, 403 for a token whose
 * grant or scopes the operation's security requirement does not accept. Their body must still be a JSON:API
 * error document (the spec's default error body).
 */
export const AUTH_STATUSES = new Set([401, 403]);

/** Which resource types a relationship holds, where its name is not itself the type. */
const RELATIONSHIP_TARGETS: Record<string, Record<string, readonly string[]>> = {
  playlists: { items: ['tracks', 'videos'], owners: ['users'], coverArt: ['artworks'] },
  albums: { items: ['tracks', 'videos'], owners: ['users'], coverArt: ['artworks'] },
  tracks: { owners: ['users'], similarTracks: ['tracks'] },
  artists: { profileArt: ['artworks'], owners: ['users'] },
  videos: { thumbnailArt: ['artworks'], similarVideos: ['videos'] },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SecurityRequirement {
  scheme: string;
  scopes: string[];
}

export interface ResponseExchange {
  method: string;
  /** The operation's path template, as the spec writes it: `/playlists/{id}/relationships/items`. */
  template: string;
  status: number;
  contentType: string | null;
  body: unknown;
  /** The include paths the request named: a resource may carry only relationships they request. */
  include?: readonly string[];
}

/** The members JSON:API allows in an error object ("standard error objects", the spec's introduction). */
const JSON_API_ERROR_MEMBERS = new Set([
  'id',
  'links',
  'status',
  'code',
  'title',
  'detail',
  'source',
  'meta',
]);

export interface RequestExchange {
  method: string;
  template: string;
  /** Query parameters in order, repeated names repeated. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed body; undefined when none was sent. */
  body: unknown;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonObject }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonObject }> }>;
  security?: Array<Record<string, string[]>>;
}

let loaded: TidalApiContract | null = null;

export class TidalApiContract {
  readonly version: string;
  private readonly spec: JsonObject;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly graph: Map<string, Set<string>>;

  /** The contract of the spec kept in the repository (parsed once per process). */
  static load(): TidalApiContract {
    loaded ??= new TidalApiContract(JSON.parse(gunzipSync(readFileSync(SPEC_PATH)).toString('utf8')));
    return loaded;
  }

  constructor(spec: JsonObject) {
    this.spec = spec;
    this.version = String((spec.info as JsonObject).version);
    const schemas = ((spec.components as JsonObject).schemas ?? {}) as JsonObject;
    this.ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    addFormatsModule.default(this.ajv, ['date-time', 'date', 'uuid', 'uri']);
    const int = (bits: number) => (n: number) =>
      Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1) && Number.isSafeInteger(n);
    this.ajv.addFormat('int32', { type: 'number', validate: int(32) });
    this.ajv.addFormat('int64', { type: 'number', validate: int(64) });
    this.ajv.addFormat('float', { type: 'number', validate: Number.isFinite });
    this.ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
    const defs: JsonObject = {};
    for (const [name, schema] of Object.entries(schemas)) defs[name] = toJsonSchema(schema);
    this.ajv.addSchema({ $id: SCHEMA_ID, $defs: defs });
    this.graph = relationshipGraph(schemas);
  }

  /** The operation the spec declares for this method and path template, if any. */
  operation(method: string, template: string): Operation | undefined {
    const path = (this.spec.paths as JsonObject)[template] as JsonObject | undefined;
    return path?.[method.toLowerCase()] as Operation | undefined;
  }

  /** The operation's security requirements: alternatives, each a scheme and the scopes it lists. */
  security(method: string, template: string): SecurityRequirement[] {
    return (this.operation(method, template)?.security ?? []).flatMap((requirement) =>
      Object.entries(requirement).map(([scheme, scopes]) => ({ scheme, scopes })),
    );
  }

  /** The relationships the spec documents for a resource type (its `<Type>_Relationships`). */
  relationships(type: string): ReadonlySet<string> | undefined {
    return this.graph.get(type);
  }

  /** The resource types a relationship of `type` may hold, as this contract reads the spec. */
  targetsOf(type: string, relationship: string): readonly string[] | undefined {
    const explicit = RELATIONSHIP_TARGETS[type]?.[relationship];
    if (explicit) return explicit;
    return this.graph.has(relationship) ? [relationship] : undefined;
  }

  /** What is wrong with a response, by the spec; empty when it fits. */
  responseProblems(exchange: ResponseExchange): string[] {
    const where = `${exchange.method} ${exchange.template} → ${exchange.status}`;
    const operation = this.operation(exchange.method, exchange.template);
    if (!operation) return [`${where}: the spec declares no such operation`];
    let declared = operation.responses?.[String(exchange.status)];
    if (declared?.$ref) declared = this.resolve(declared.$ref) as typeof declared;
    let schemaRef: JsonObject | undefined;
    if (declared) {
      const media = exchange.contentType?.split(';')[0]?.trim() ?? '';
      const content = declared.content?.[media];
      if (!content) {
        return [
          `${where}: answered as ${exchange.contentType ?? '(no Content-Type)'}; the spec declares ${Object.keys(declared.content ?? {}).join(', ') || 'no body'}`,
        ];
      }
      schemaRef = content.schema;
    } else if (AUTH_STATUSES.has(exchange.status)) {
      if (exchange.contentType?.split(';')[0]?.trim() !== JSON_API) {
        return [`${where}: an error is answered as ${exchange.contentType ?? '(none)'}, not ${JSON_API}`];
      }
      schemaRef = { $ref: '#/components/schemas/Default400ResponseBody' };
    } else {
      return [
        `${where}: the spec declares no ${exchange.status} for this operation (it declares ${Object.keys(operation.responses ?? {}).join(', ')})`,
      ];
    }
    if (!schemaRef) return [];
    const problems = this.validate(
      schemaRef,
      exchange.body,
      `${where} body`,
      (error) =>
        // The spec's error bodies name only some of JSON:API's error members; the others are still standard.
        exchange.status >= 400 &&
        error.keyword === 'additionalProperties' &&
        /^\/errors\/\d+$/.test(error.instancePath) &&
        JSON_API_ERROR_MEMBERS.has(String(error.params.additionalProperty)),
    );
    if (exchange.status < 300) {
      problems.push(
        ...this.unrequestedRelationships(
          rootTypeOf(exchange.template),
          exchange.include ?? [],
          exchange.body,
        ).map((problem) => `${where}: ${problem}`),
      );
    }
    return problems;
  }

  /**
   * Relationships a document carries that its request did not name in `include`: "a relationship that was
   * not requested is absent from the response, not empty" (the spec, since 1.10.67).
   */
  unrequestedRelationships(rootType: string, include: readonly string[], document: unknown): string[] {
    const requested = new Set<string>();
    for (const path of include) {
      let types: string[] = [rootType];
      for (const segment of path.split('.')) {
        const colon = segment.indexOf(':');
        const name = colon < 0 ? segment : segment.slice(colon + 1);
        if (colon >= 0) types = [segment.slice(0, colon)];
        const next = new Set<string>();
        for (const type of types) {
          requested.add(`${type}.${name}`);
          for (const target of this.targetsOf(type, name) ?? []) next.add(target);
        }
        types = [...next];
      }
    }
    const problems: string[] = [];
    const doc = (document ?? {}) as { data?: unknown; included?: unknown };
    const resources = [
      ...(Array.isArray(doc.data) ? doc.data : doc.data ? [doc.data] : []),
      ...(Array.isArray(doc.included) ? doc.included : []),
    ] as Array<{ id?: string; type?: string; relationships?: Record<string, unknown> }>;
    for (const resource of resources) {
      for (const name of Object.keys(resource.relationships ?? {})) {
        if (!requested.has(`${resource.type}.${name}`)) {
          problems.push(
            `${resource.type} ${resource.id} carries the relationship ${name}, which was not requested`,
          );
        }
      }
    }
    return problems;
  }

  /** What is wrong with a request, by the spec; empty when it fits. */
  requestProblems(request: RequestExchange): string[] {
    const where = `${request.method} ${request.template}`;
    const operation = this.operation(request.method, request.template);
    if (!operation) return [`${where}: the spec declares no such operation`];
    const problems: string[] = [];
    const parameters = (operation.parameters ?? []).map((parameter) =>
      '$ref' in parameter ? (this.resolve(parameter.$ref) as unknown as Parameter) : parameter,
    );
    const values = new Map<string, string[]>();
    for (const [name, value] of request.query) values.set(name, [...(values.get(name) ?? []), value]);
    for (const name of values.keys()) {
      if (!parameters.some((parameter) => parameter.in === 'query' && parameter.name === name)) {
        problems.push(`${where}: query parameter ${name} is not declared`);
      }
    }
    for (const parameter of parameters) {
      if (parameter.in === 'path') continue;
      const given =
        parameter.in === 'query'
          ? values.get(parameter.name)
          : parameter.in === 'header'
            ? optionalList(request.headers[parameter.name.toLowerCase()])
            : undefined;
      if (!given) {
        if (parameter.required) problems.push(`${where}: required ${parameter.in} ${parameter.name} missing`);
        continue;
      }
      const schema = parameter.schema ?? {};
      let value: unknown;
      if (schema.type === 'array') {
        // The include list is comma-separated (the spec's "Relationships and includes"); other arrays are
        // repeated parameters (style form, explode).
        value = parameter.name === 'include' ? given.flatMap((v) => v.split(',')) : given;
      } else if (given.length > 1) {
        problems.push(`${where}: ${parameter.in} ${parameter.name} given ${given.length} times`);
        continue;
      } else {
        value = given[0];
      }
      problems.push(...this.validate(schema, value, `${where} ${parameter.in} ${parameter.name}`));
      if (parameter.name === 'include' && Array.isArray(value)) {
        problems.push(
          ...this.includeProblems(rootTypeOf(request.template), value as string[]).map(
            (problem) => `${where} include: ${problem}`,
          ),
        );
      }
    }
    const media = request.headers['content-type']?.split(';')[0]?.trim();
    if (request.body === undefined) {
      if (operation.requestBody) problems.push(`${where}: the spec requires a body`);
    } else {
      const content = media ? operation.requestBody?.content?.[media] : undefined;
      if (!content?.schema) {
        problems.push(
          `${where}: body sent as ${media ?? '(no Content-Type)'}; the spec declares ${Object.keys(operation.requestBody?.content ?? {}).join(', ') || 'no body'}`,
        );
      } else {
        problems.push(...this.validate(content.schema, request.body, `${where} body`));
      }
    }
    return problems;
  }

  /**
   * What is wrong with include paths on a request whose root resource is `rootType`, by the spec's
   * "Relationships and includes": dot-separated paths relative to the root, each segment a relationship
   * documented for the types reached so far (or `type:relationship`, a type qualifier), at most 3 levels
   * and 10 distinct resources named.
   */
  includeProblems(rootType: string, paths: readonly string[]): string[] {
    const problems: string[] = [];
    const named = new Set<string>();
    for (const path of paths) {
      const segments = path.split('.');
      if (segments.length > MAX_INCLUDE_DEPTH) {
        problems.push(`${path} is ${segments.length} levels deep (at most ${MAX_INCLUDE_DEPTH})`);
      }
      let types: readonly string[] = [rootType];
      for (const [index, segment] of segments.entries()) {
        named.add(segments.slice(0, index + 1).join('.'));
        const colon = segment.indexOf(':');
        const qualifier = colon < 0 ? null : segment.slice(0, colon);
        const name = colon < 0 ? segment : segment.slice(colon + 1);
        if (qualifier !== null) {
          if (!types.includes(qualifier)) {
            problems.push(`${path}: ${qualifier} is not among ${types.join(', ')}`);
            break;
          }
          types = [qualifier];
        }
        const having = types.filter((type) => this.graph.get(type)?.has(name));
        if (having.length === 0) {
          problems.push(`${path}: ${name} is not a relationship of ${types.join(' or ')}`);
          break;
        }
        const next = new Set<string>();
        for (const type of having) {
          const targets = this.targetsOf(type, name);
          if (!targets && index < segments.length - 1) {
            problems.push(`${path}: this contract does not know what ${type}.${name} holds`);
          }
          for (const target of targets ?? []) next.add(target);
        }
        types = [...next];
      }
    }
    if (named.size > MAX_INCLUDED_RESOURCES) {
      problems.push(`names ${named.size} resources (at most ${MAX_INCLUDED_RESOURCES})`);
    }
    return problems;
  }

  private resolve(ref: string): JsonObject {
    let node: Json = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) node = (node as JsonObject)[part] ?? null;
    if (node === null) throw new Error(`Unresolved $ref ${ref} in the TIDAL spec`);
    return node as JsonObject;
  }

  private validate(
    schema: JsonObject,
    value: unknown,
    what: string,
    allowed: (error: ErrorObject) => boolean = () => false,
  ): string[] {
    const key = JSON.stringify(schema);
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(key, validator);
    }
    if (validator(value)) return [];
    return (validator.errors ?? [])
      .filter((error) => !allowed(error))
      .slice(0, 8)
      .map((error) => `${what}: ${describeError(error)}`);
  }
}

/** The resource type an operation's path starts from: `/playlists/{id}/relationships/items` → playlists. */
export function rootTypeOf(template: string): string {
  return template.split('/')[1] ?? '';
}

function optionalList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath || '(root)';
  if (error.keyword === 'additionalProperties') {
    return `${at} has ${String(error.params.additionalProperty)}, which the spec does not declare`;
  }
  if (error.keyword === 'enum') {
    return `${at} ${error.message} (${(error.params.allowedValues as unknown[]).join(', ')})`;
  }
  return `${at} ${error.message ?? error.keyword}`;
}

/** Each documented resource type (the `included` discriminator's mapping) and its relationships' names. */
function relationshipGraph(schemas: JsonObject): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const mapping = (((schemas.Included as JsonObject).items as JsonObject).discriminator as JsonObject)
    .mapping as Record<string, string>;
  for (const [type, ref] of Object.entries(mapping)) {
    const resource = schemas[ref.split('/').at(-1)!] as JsonObject;
    const relationshipsRef = ((resource.properties as JsonObject)?.relationships as JsonObject | undefined)
      ?.$ref as string | undefined;
    const relationships = relationshipsRef
      ? (schemas[relationshipsRef.split('/').at(-1)!] as JsonObject)
      : undefined;
    graph.set(type, new Set(Object.keys((relationships?.properties as JsonObject | undefined) ?? {})));
  }
  return graph;
}

const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LIST_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf']);
/** OpenAPI annotations with no JSON Schema meaning. */
const DROPPED = new Set(['example', 'nullable', 'discriminator', 'xml', 'externalDocs']);

/** An OpenAPI 3.0 schema as JSON Schema for Ajv; `$ref`s point into the spec's schemas, added under SCHEMA_ID. */
function toJsonSchema(node: Json, insideAllOf = false): Json {
  if (Array.isArray(node) || node === null || typeof node !== 'object') return node;
  const discriminator = node.discriminator as JsonObject | undefined;
  if (discriminator?.mapping && Array.isArray(node.oneOf)) {
    // oneOf over loose resource objects would match several; the discriminator picks exactly one.
    const property = String(discriminator.propertyName);
    const mapping = discriminator.mapping as Record<string, string>;
    return {
      type: 'object',
      required: [property],
      properties: { [property]: { enum: Object.keys(mapping) } },
      allOf: Object.entries(mapping).map(([value, ref]) => ({
        if: { properties: { [property]: { const: value } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a promise.
        then: { $ref: refTo(ref) },
      })),
    };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref') out.$ref = refTo(String(value));
    else if (SCHEMA_MAP_KEYWORDS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]),
      );
    } else if (SCHEMA_KEYWORDS.has(key) && typeof value === 'object') out[key] = toJsonSchema(value);
    else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((schema) => toJsonSchema(schema, key === 'allOf'));
    } else out[key] = value;
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if (out.properties && out.additionalProperties === undefined && !insideAllOf && !out.allOf) {
    out.additionalProperties = false;
  }
  return out;
}

function refTo(ref: string): string {
  return ref.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`);
}
