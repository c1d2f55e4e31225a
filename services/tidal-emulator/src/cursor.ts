import { ApiError } from './api-error.js';

/**
 * TIDAL's `page[cursor]` values are opaque server-generated strings; the emulator's encode an offset. They
 * are base64url so that they survive a query string unescaped, as TIDAL's do.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'o' in value) {
      const offset = (value as { o: unknown }).o;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  throw ApiError.badRequest('Invalid page cursor', { parameter: 'page[cursor]' });
}
