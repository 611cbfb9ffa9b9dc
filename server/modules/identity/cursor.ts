import { ValidationError } from '../../platform/http/errors.js';

/** Keyset cursors travel as opaque base64url JSON: clients pass them back, never build them. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a (name, id) cursor; anything else is a 400, never a malformed query. */
export function decodeNameIdCursor(cursor: string | undefined): [string, number] | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1])) {
    return [value[0], value[1] as number];
  }
  throw new ValidationError('invalid_field', 'cursor: is not a cursor from a previous page.', { field: 'cursor' });
}
