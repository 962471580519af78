/**
 * The one mapping from an error to an HTTP answer. A domain Refusal becomes a 4xx by its kind, the
 * adapters' typed errors by their class, and anything else a 500 carrying only the correlation id.
 * Every 4xx body is `{ error, fields?, ...extra }`: fixed words and field names, never a value sent.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { Refusal, type RefusalKind } from '../../core/problems.js';
import { AdapterError, ConflictError, InvalidInputError, NotFoundError, RetryableStorageError } from '../errors.js';
import { HttpError } from './errors.js';

/** The status code of each kind of refusal: the only place the domain's words meet HTTP's. */
const REFUSAL_STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  conflict: 409,
  unprocessable: 422,
  forbidden: 403,
  'not-found': 404,
};

/** A status, a body and any headers the response needs beyond the JSON ones. */
export interface ErrorAnswer {
  statusCode: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const refusalBody = (r: Refusal) => ({
  error: r.message,
  ...(r.problems.length ? { fields: r.problems } : {}),
  ...(r.missing ? { missing: r.missing } : {}),
});

/** Maps an error to its answer, logging what a 5xx was (class and message only). */
export function errorAnswer(error: unknown, correlationId: string, logger: Logger): ErrorAnswer {
  if (error instanceof HttpError) return { statusCode: error.statusCode, body: error.body() };
  if (error instanceof Refusal) return { statusCode: REFUSAL_STATUS[error.kind], body: refusalBody(error) };
  if (error instanceof ConflictError) {
    const fields = [{ field: 'expectedVersion', problem: 'is not the current version' }];
    return { statusCode: 409, body: { error: 'the case has changed since you read it; reload and try again', fields } };
  }
  if (error instanceof NotFoundError) return { statusCode: 404, body: { error: 'not found' } };
  // The same answer as any other bad field: the field and fixed words, never the value sent.
  if (error instanceof InvalidInputError)
    return { statusCode: 400, body: { error: 'invalid request', fields: [error.problem] } };
  // Adapter messages hold ids and fixed words only (errors.ts); any other error's message may quote
  // a value (a SyntaxError quotes the text it could not parse), so only its class is logged.
  const name = error instanceof Error ? error.name || error.constructor.name : typeof error;
  const message = error instanceof AdapterError ? { errorMessage: error.message } : {};
  const cause = error instanceof AdapterError && error.causeName ? { causeName: error.causeName } : {};
  if (error instanceof RetryableStorageError) {
    logger.warn('request failed: storage unavailable', { errorClass: name, ...message, ...cause });
    return { statusCode: 503, body: { error: 'unavailable', correlationId }, headers: { 'retry-after': '2' } };
  }
  logger.error('request failed', { errorClass: name, ...message, ...cause });
  return { statusCode: 500, body: { error: 'internal', correlationId } };
}
