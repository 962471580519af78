/**
 * The one cursor format of Haven's paged lists: a JSON value in base64url. The caller says what a
 * well-formed value is, so a cursor that was not made by us (or names what the caller may not read)
 * is refused as bad input, never used.
 */
import { InvalidInputError } from './errors.js';

/** A cursor for `value` (a DynamoDB key, or a map of them). */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The value a cursor carries, when `isValid` accepts it; otherwise InvalidInputError (`cursor is not valid`). */
export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (isValid(value)) return value;
  } catch {
    // Not base64url JSON: refused below like any other cursor we did not make.
  }
  throw new InvalidInputError('cursor is not valid', {
    field: 'cursor',
    problem: 'must be the cursor of a previous page',
  });
}
