import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '@tidal-remedy/test-support/process';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

export const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  secrets?: Array<{ source: string; target?: string }>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string }>;
  [key: string]: unknown;
}

/**
 * Compose's variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR`, `$$`) over every
 * string, as compose applies it before validating: `env` stands for the shell that runs `docker compose`.
 */
export function interpolate(value: unknown, env: Record<string, string | undefined> = {}): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (whole, braced?: string, operator?: string, fallback?: string, bare?: string) => {
        if (whole === '$$') return '$';
        const set = env[braced ?? bare ?? ''];
        if (operator === ':-') return set ? set : (fallback ?? '');
        if (operator === '-') return set !== undefined ? set : (fallback ?? '');
        return set ?? '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env)]));
  }
  return value;
}

/** The compose file as compose sees it: YAML with merge keys (`<<: *anchor`), interpolated from `env`. */
export function readComposeFile(
  file = COMPOSE_FILE,
  env: Record<string, string | undefined> = {},
): ComposeFile {
  return interpolate(parse(readFileSync(file, 'utf8'), { merge: true }), env) as ComposeFile;
}

/**
 * The vendored schema says draft 2019-09 but keeps draft-04's `id` on its subschemas, which ajv refuses:
 * those ids are labels only (every `$ref` is a `#/definitions/...` pointer), so they are dropped. Property
 * names (inside properties, patternProperties, definitions) are left alone.
 */
function withoutLegacyIds(node: unknown, isNameMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => isNameMap || !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [
        key,
        withoutLegacyIds(
          value,
          !isNameMap && (key === 'properties' || key === 'patternProperties' || key === 'definitions'),
        ),
      ]),
  );
}

function compileComposeSchema() {
  const raw = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/compose-spec.json'), 'utf8'));
  // Its $schema URL (http, with '#') is not the one ajv registers for 2019-09; Ajv2019 applies that draft anyway.
  const { $schema: _metaSchema, ...schema } = withoutLegacyIds(raw) as Record<string, unknown>;
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  // The spec's custom formats, as compose reads them.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat(
    'ports',
    /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  );
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  return ajv.compile(schema);
}

let validator: ReturnType<typeof compileComposeSchema> | undefined;

/** The compose spec's errors for a compose file (after interpolation); empty when it conforms. */
export function composeSchemaErrors(compose: unknown): ErrorObject[] {
  validator ??= compileComposeSchema();
  return validator(compose) ? [] : [...(validator.errors ?? [])];
}
