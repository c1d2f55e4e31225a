import type { Request } from 'express';
import { ApiError } from './api-error.js';

/**
 * Reads TIDAL-style query parameters. JSON:API list parameters (`filter[id]`, `include`) are accepted both
 * repeated (`filter[id]=1&filter[id]=2`, how TIDAL's OpenAPI spec serialises arrays) and comma-separated.
 */

function rawValues(req: Request, name: string): string[] {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

export function listParam(req: Request, name: string): string[] {
  return rawValues(req, name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

export function singleParam(req: Request, name: string): string | undefined {
  const values = rawValues(req, name);
  if (values.length > 1)
    throw ApiError.badRequest(`Parameter ${name} may be given once`, { parameter: name });
  return values[0];
}

/** `countryCode`, upper-cased; null when absent (the emulator then reads the catalog without a country). */
export function countryCodeParam(req: Request): string | null {
  const value = singleParam(req, 'countryCode');
  if (value === undefined) return null;
  if (!/^[A-Za-z]{2}$/.test(value)) {
    throw ApiError.badRequest('countryCode must be an ISO 3166-1 alpha-2 code such as US', {
      parameter: 'countryCode',
    });
  }
  return value.toUpperCase();
}

/** A path parameter such as `{id}`. */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}
