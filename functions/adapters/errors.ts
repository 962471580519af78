/**
 * Typed errors of the adapters. Messages name ids, fields and error classes only, never a value a
 * person typed, so they are safe to log and to map to HTTP responses.
 */
import type { FieldProblem } from '../core/problems.js';

/** Base class: `code` is stable for handlers to switch on; `retryable` says whether trying again may help. */
export abstract class AdapterError extends Error {
  abstract readonly code: string;
  readonly retryable: boolean = false;
  /** Class name of the underlying error, when there was one (its message is not kept: it may hold data). */
  readonly causeName?: string;
  constructor(message: string, causeName?: string) {
    super(message);
    // Each class spells its name as a field: a minified bundle renames classes, and the name reaches
    // logs, fault records and alarms.
    this.name = new.target.name;
    if (causeName) this.causeName = causeName;
  }
}

/** The case changed since it was read (stale version) or an item already exists: handlers map to 409. */
export class ConflictError extends AdapterError {
  override readonly name = 'ConflictError';
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly caseId?: string,
    readonly expectedVersion?: number,
    readonly actualVersion?: number,
  ) {
    super(message);
  }
}

/** No such case (or item): handlers map to 404. */
export class NotFoundError extends AdapterError {
  override readonly name = 'NotFoundError';
  readonly code = 'not-found';
  constructor(
    message: string,
    readonly caseId?: string,
  ) {
    super(message);
  }
}

/** DynamoDB throttled or failed transiently, after the SDK's own retries: handlers map to 503, workflows retry. */
export class RetryableStorageError extends AdapterError {
  override readonly name = 'RetryableStorageError';
  readonly code = 'storage-unavailable';
  override readonly retryable = true;
}

/** DynamoDB failed in a way retrying will not fix (validation, access, item too large): a 500. */
export class StorageError extends AdapterError {
  override readonly name = 'StorageError';
  readonly code = 'storage-error';
}

/** Encryption, decryption, encryption-context check or key loading failed: a 500, never with data. */
export class CryptoError extends AdapterError {
  override readonly name = 'CryptoError';
  readonly code = 'crypto-error';
}

/** A request carried something unusable (e.g. a malformed cursor): handlers map to 400. */
export class InvalidInputError extends AdapterError {
  override readonly name = 'InvalidInputError';
  readonly code = 'invalid-input';
  /** The field at fault and what is wrong with it, in fixed words: what the 400 names. */
  constructor(
    message: string,
    readonly problem: FieldProblem,
  ) {
    super(message);
  }
}

/** A caller broke the repository's contract (e.g. changed a case id in `mutate`): a programming error. */
export class RepositoryUsageError extends AdapterError {
  override readonly name = 'RepositoryUsageError';
  readonly code = 'usage-error';
}
