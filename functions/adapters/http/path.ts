/**
 * Percent-encoding in a request path: a `%` must begin `%XX` and the bytes must be UTF-8, or the path
 * names nothing. Such a path is the client's error (a 400 naming the path, never echoing it), found
 * before any route decodes it (the Router, the local server's route table and static files alike).
 */
import { HttpError } from './errors.js';

/** The answer to a path that does not decode: fixed words naming the path. */
export const MALFORMED_PATH = {
  error: 'invalid path',
  fields: [{ field: 'path', problem: 'has a malformed percent-encoding: each % must begin %XX of UTF-8' }],
};

/** One path segment (or a whole path) decoded; undefined when its percent-encoding is malformed. */
export function decodedPath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Refuses a path whose percent-encoding is malformed, with the 400 of MALFORMED_PATH. */
export function assertDecodablePath(raw: string): void {
  if (decodedPath(raw) === undefined) throw new HttpError(400, MALFORMED_PATH.error, MALFORMED_PATH.fields);
}
