/**
 * The DynamoDB document client, created once per process (per endpoint), and the one place DynamoDB
 * errors become typed adapter errors. Throttling and transient faults are retried by the SDK itself
 * (standard retry mode, `maxAttempts`); what is still failing when it gives up is a RetryableStorageError.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RetryableStorageError, StorageError } from './errors.js';

/** Where the table lives. `endpoint` points at dynalite (tests, `npm start`); absent in AWS. */
interface DynamoOptions {
  endpoint?: string;
  region?: string;
  /** Attempts per call, first included, before the SDK gives up (default 3, the SDK's standard). */
  maxAttempts?: number;
  /**
   * With an `endpoint` only: how requests reach it (local/dynalite-port.ts: to dynalite's thread
   * without a socket, local/port-client.ts); HTTP by default. AWS clients always use the SDK's own.
   */
  requestHandler?: DynamoDBClientConfig['requestHandler'];
}

const DEFAULT_MAX_ATTEMPTS = 3;

const clients = new Map<string, DynamoDBDocumentClient>();

/**
 * dynalite (an `endpoint`: tests, `npm start`) reads the shape of a SigV4 Authorization header but
 * never checks the signature (what keeps it Haven's own is local/private-endpoint.ts), so a local
 * client sends a fixed one instead of hashing and signing every request: most of the SDK's CPU on
 * loopback. AWS (no endpoint) is always signed.
 */
const LOCAL_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20000101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=local';
const unsignedLocally = {
  httpAuthSchemes: [
    {
      schemeId: 'aws.auth#sigv4',
      identityProvider: (config: { getIdentityProvider(id: string): unknown }) =>
        config.getIdentityProvider('aws.auth#sigv4'),
      signer: {
        async sign<R extends { headers: Record<string, string> }>(request: R): Promise<R> {
          request.headers.authorization = LOCAL_AUTHORIZATION;
          request.headers['x-amz-date'] = '20000101T000000Z';
          return request;
        },
      },
    },
  ],
};

/** Builds a new document client (tests that need their own middleware use this). */
export function createDocumentClient(options: DynamoOptions = {}): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const base = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'eu-west-2',
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(local
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          ...unsignedLocally,
          ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
        }
      : {}),
  } as DynamoDBClientConfig);
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
function errorName(e: unknown): string {
  return (e as { name?: string })?.name ?? 'Error';
}

/** Whether `e` is DynamoDB refusing a condition expression (the basis of every safe write here). */
export function isConditionFailed(e: unknown): boolean {
  return errorName(e) === 'ConditionalCheckFailedException';
}

/**
 * Runs one DynamoDB call (the SDK has already retried what it can) and types what it throws:
 * throttling and transient faults become RetryableStorageError, conditional failures are rethrown
 * as they are for the caller to interpret, anything else becomes StorageError. No message is kept.
 */
export async function storageCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isConditionFailed(e)) throw e;
    const name = errorName(e);
    if (RETRYABLE.has(name) || (e as { $retryable?: unknown })?.$retryable !== undefined) {
      throw new RetryableStorageError(`DynamoDB ${operation} is throttled or unavailable; try again`, name);
    }
    throw new StorageError(`DynamoDB ${operation} failed`, name);
  }
}
