import {
  ApiErrorSchema,
  PublishApprovalRequestSchema,
  RemedyAcceptedSchema,
  RemedyReportSchema,
  RemedyRequestSchema,
  RemedyStatusSchema,
  WatchListSchema,
  WatchRequestSchema,
  WatchScheduleSchema,
  WatchSchema,
} from '@tidal-remedy/contracts';
import { z } from 'zod';
import { APPROVAL_BODY_LIMIT, JSON_BODY_LIMIT } from './json-body.js';

/**
 * The HTTP API as OpenAPI 3.1, served at `GET /openapi.json`. Every body's schema is zod's own JSON Schema
 * (draft 2020-12, OpenAPI 3.1's dialect) of the contract the route parses or answers with, so the document
 * cannot drift from the code; the API tests check every answer they get against it.
 */

type JsonSchema = Record<string, unknown>;

/** What a client sends: the schemas as zod reads them (defaults optional, a cron as a string allowed). */
const REQUESTS = {
  RemedyRequest: RemedyRequestSchema,
  PublishApprovalRequest: PublishApprovalRequestSchema,
  WatchRequest: WatchRequestSchema,
};

/** What the API answers. */
const RESPONSES = {
  RemedyAccepted: RemedyAcceptedSchema,
  RemedyStatus: RemedyStatusSchema,
  RemedyReport: RemedyReportSchema,
  Watch: WatchSchema,
  WatchList: WatchListSchema,
  ApiError: ApiErrorSchema,
};

const CRON = {
  type: 'object',
  properties: {
    cron: { type: 'string', minLength: 1, maxLength: 200 },
    tz: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['cron'],
  additionalProperties: false,
};
const EVERY = {
  type: 'object',
  properties: { every: { type: 'number', minimum: 1 / 60, description: 'minutes between runs' } },
  required: ['every'],
  additionalProperties: false,
};

/**
 * A watch's schedule is read through transforms (a string is a cron; the answer keeps the fields given),
 * which JSON Schema cannot say: spelled out here, as it is read and as it is answered. The one schema
 * spelled by hand; every other is zod's, and a transform elsewhere fails the API tests (the answers it
 * describes as anything would not be checked: see openapi.test.ts).
 */
function scheduleSchema(io: 'input' | 'output'): JsonSchema {
  return io === 'input'
    ? { anyOf: [{ type: 'string', description: 'a cron expression, read in UTC' }, CRON, EVERY] }
    : { oneOf: [CRON, EVERY] };
}

function componentsOf(
  schemas: Record<string, z.ZodType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
    override: (ctx) => {
      if (ctx.zodSchema !== WatchScheduleSchema) return;
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
      Object.assign(ctx.jsonSchema, scheduleSchema(io));
    },
  });
  // Each is a component of this document, not a document of its own.
  return Object.fromEntries(
    Object.entries(converted).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema as JsonSchema]),
  );
}

const ref = (id: keyof typeof REQUESTS | keyof typeof RESPONSES) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: keyof typeof REQUESTS | keyof typeof RESPONSES) => ({
  content: { 'application/json': { schema: ref(id) } },
});

/** Answers every error has: `{ error, message, details }`, what is wrong and what to do. */
const ERRORS: Record<number, string> = {
  400: 'The body, a header or a parameter is invalid; `details.issues` names each field.',
  401: 'No valid bearer token (or session cookie).',
  403: 'A page’s form, or a JSON API write authorized by the session cookie alone, posted from another site or without its anti-forgery token (`X-CSRF-Token` for the JSON API): send the bearer token.',
  404: 'No such remedy or watch.',
  409: 'The remedy is not in a state for this (not failed for a retry, not awaiting review for a publish); for a watch, `watch_limit`: there are WATCH_LIMIT watches already.',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  422: 'The Idempotency-Key was used for another request.',
  500: 'The API failed; the message carries a request id to report.',
  503: 'Redis is unreachable; try again (`Retry-After`).',
};

function errors(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(
    [...statuses, 401, 500, 503].map((status) => [
      String(status),
      { description: ERRORS[status], ...json('ApiError') },
    ]),
  );
}

const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: what,
});
const accepted = {
  description: 'Accepted; follow `status_url`.',
  headers: { Location: { schema: { type: 'string' }, description: 'the status URL' } },
  ...json('RemedyAccepted'),
};
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
/** A page's 401: JSON for programs, the sign-in page for a browser (Accept: text/html). */
const pageUnauthorized = {
  description: `${ERRORS[401]} A browser (Accept: text/html) gets a page saying how to sign in.`,
  content: { ...json('ApiError').content, ...html('').content },
};
const seeOther = { description: 'Redirects to the page (`Location`).' };

const PATHS = {
  '/v1/remedies': {
    post: {
      summary: 'Start a remedy',
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          description: 'A repeat with the same key (within a day) answers the same remedy.',
        },
      ],
      requestBody: { required: true, description: `At most ${JSON_BODY_LIMIT}.`, ...json('RemedyRequest') },
      responses: {
        '202': {
          ...accepted,
          headers: {
            ...accepted.headers,
            'Idempotent-Replayed': { schema: { const: 'true' }, description: 'on a repeat of a key' },
          },
        },
        ...errors(400, 403, 413, 415, 422),
      },
    },
  },
  '/v1/remedies/{id}': {
    get: {
      summary: 'A remedy: state, progress, error, approval, and its report once done (or proposed)',
      parameters: [idParameter('a remedy id, rem-…')],
      responses: { '200': { description: 'The remedy.', ...json('RemedyStatus') }, ...errors(404) },
    },
  },
  '/v1/remedies/{id}/publish': {
    post: {
      summary: 'Approve a remedy awaiting review, with a person’s choices',
      parameters: [idParameter('a remedy id, rem-…')],
      requestBody: {
        required: false,
        description: `At most ${APPROVAL_BODY_LIMIT}; none publishes the proposal as a new playlist.`,
        ...json('PublishApprovalRequest'),
      },
      responses: { '202': accepted, ...errors(400, 403, 404, 409, 413, 415) },
    },
  },
  '/v1/remedies/{id}/retry': {
    post: {
      summary: 'Run a failed remedy again',
      parameters: [idParameter('a remedy id, rem-…')],
      responses: { '202': accepted, ...errors(403, 404, 409) },
    },
  },
  '/v1/watches': {
    post: {
      summary: 'Remedy a playlist on a schedule',
      requestBody: { required: true, ...json('WatchRequest') },
      responses: {
        '201': {
          description: 'The watch.',
          headers: { Location: { schema: { type: 'string' } } },
          ...json('Watch'),
        },
        ...errors(400, 403, 409, 413, 415),
      },
    },
    get: {
      summary: 'The watches, a page at a time, oldest first',
      parameters: [
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          description: 'Watches per page.',
        },
        {
          name: 'cursor',
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength: 200 },
          description: 'The `nextCursor` of the page before; absent for the first page.',
        },
      ],
      responses: { '200': { description: 'One page of watches.', ...json('WatchList') }, ...errors(400) },
    },
  },
  '/v1/watches/{id}': {
    get: {
      summary: 'A watch',
      parameters: [idParameter('a watch id, wat-…')],
      responses: { '200': { description: 'The watch.', ...json('Watch') }, ...errors(404) },
    },
    delete: {
      summary: 'Stop a watch (its remedies and reports stay)',
      parameters: [idParameter('a watch id, wat-…')],
      responses: { '204': { description: 'Stopped.' }, ...errors(403, 404) },
    },
  },
  '/': {
    get: {
      summary: 'The start page: a form to remedy a playlist',
      security: [{ bearer: [] }, { session: [] }, { linkToken: [] }],
      responses: { '200': html('The page.'), '303': seeOther, ...errors(), '401': pageUnauthorized },
    },
  },
  '/remedies': {
    post: {
      summary: 'The start page’s form',
      requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
      responses: { '303': seeOther, '400': html('The form again, with what is wrong.'), ...errors(403, 413) },
    },
  },
  '/remedies/{id}': {
    get: {
      summary: 'A remedy as a page: live progress, the review form, the report',
      parameters: [idParameter('a remedy id, rem-…')],
      security: [{ bearer: [] }, { session: [] }, { linkToken: [] }],
      responses: { '200': html('The page.'), '303': seeOther, ...errors(404), '401': pageUnauthorized },
    },
  },
  '/remedies/{id}/publish': {
    post: {
      summary: 'The review form',
      parameters: [idParameter('a remedy id, rem-…')],
      requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
      responses: { '303': seeOther, ...errors(400, 403, 404, 409, 413) },
    },
  },
  '/remedies/{id}/retry': {
    post: {
      summary: 'The Retry button of a failed remedy',
      parameters: [idParameter('a remedy id, rem-…')],
      requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
      responses: { '303': seeOther, ...errors(400, 403, 404, 413) },
    },
  },
  '/healthz': {
    get: {
      summary: 'Liveness: the process runs',
      security: [],
      responses: { '200': { description: 'Up.', content: { 'application/json': { schema: status('ok') } } } },
    },
  },
  '/readyz': {
    get: {
      summary: 'Readiness: a write and read under the prefix, and each queue, work',
      security: [],
      responses: {
        '200': { description: 'Ready.', content: { 'application/json': { schema: status('ready') } } },
        '503': {
          description: 'Redis does not do what the API needs; details: each check.',
          ...json('ApiError'),
        },
      },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics of the whole pipeline',
      security: [{ bearer: [] }, { session: [] }, { scrape: [] }],
      responses: {
        '200': {
          description: 'Prometheus text format.',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        ...errors(),
      },
    },
  },
  '/admin/queues': {
    get: {
      summary: 'The queue board (bull-board): its page, and its own API below this path',
      responses: { '200': html('The board.'), ...errors() },
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This document',
      security: [],
      responses: {
        '200': {
          description: 'OpenAPI 3.1.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  },
};

function status(value: string): JsonSchema {
  return {
    type: 'object',
    properties: { status: { const: value } },
    required: ['status'],
    additionalProperties: false,
  };
}

/** The document, built once: it depends on nothing but the code. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'tidal-remedy',
    version: '1',
    description:
      'Finds the unavailable tracks of a TIDAL playlist, picks a replacement for each, and publishes a ' +
      'corrected playlist. Errors are `{ error, message, details }`.',
  },
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  security: [{ bearer: [] }, { session: [] }],
  paths: PATHS,
  components: {
    schemas: { ...componentsOf(REQUESTS, 'input'), ...componentsOf(RESPONSES, 'output') },
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'The secret remedy-api/token the API was started with.',
      },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'tr_session',
        description:
          'Set by opening a page once with `?token=`. Reads only, on the JSON API: a write with it alone needs this site’s Origin and the header `X-CSRF-Token`, as the pages’ forms do.',
      },
      scrape: {
        type: 'http',
        scheme: 'bearer',
        description:
          'With METRICS_SCRAPE_AUTH: the secret remedy-metrics/token, Prometheus’s, which opens GET /metrics only.',
      },
      linkToken: {
        type: 'apiKey',
        in: 'query',
        name: 'token',
        description: 'The API token in a page link: answered with the session cookie and a redirect.',
      },
    },
  },
};
