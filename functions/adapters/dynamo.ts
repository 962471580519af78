/**
 * The DynamoDB document client, created once per process (per endpoint), and the one place DynamoDB
 * errors become typed adapter errors.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RetryableStorageError, StorageError } from './errors.js';

/** Where the table lives. `endpoint` points at dynalite (tests, `npm start`); absent in AWS. */
export interface DynamoOptions {
  endpoint?: string;
  region?: string;
}

const clients = new Map<string, DynamoDBDocumentClient>();

/** Builds a new document client (tests that need their own middleware use this). */
export function createDocumentClient(options: DynamoOptions = {}): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const base = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'eu-west-2',
    ...(local ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/** The shared document client for `options` (created on first call, reused across invocations). */
export function documentClient(options: DynamoOptions = {}): DynamoDBDocumentClient {
  const key = `${options.endpoint ?? 'aws'}|${options.region ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = createDocumentClient(options);
    clients.set(key, client);
  }
  return client;
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TimeoutError',
]);

/** The error's class name as DynamoDB reports it. */
export function errorName(e: unknown): string {
  return (e as { name?: string })?.name ?? 'Error';
}

/** Whether `e` is DynamoDB refusing a condition expression (the basis of every safe write here). */
export function isConditionFailed(e: unknown): boolean {
  return errorName(e) === 'ConditionalCheckFailedException';
}

/** How hard `withRetry` tries; tests shorten the delay. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 25 };

/**
 * Runs one DynamoDB call, retrying throttling and transient faults with jittered backoff (on top of the
 * SDK's own retries, which mocks bypass), then surfacing them as RetryableStorageError. Conditional
 * failures are rethrown as they are, for the caller to interpret; anything else becomes StorageError.
 */
export async function withRetry<T>(operation: string, call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (isConditionFailed(e)) throw e;
      const name = errorName(e);
      if (!RETRYABLE.has(name) && (e as { $retryable?: unknown })?.$retryable === undefined) {
        throw new StorageError(`DynamoDB ${operation} failed`, name);
      }
      if (attempt >= policy.attempts) throw new RetryableStorageError(`DynamoDB ${operation} is throttled or unavailable; try again`, name);
      const delay = policy.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
    }
  }
}
