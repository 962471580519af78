/**
 * The store's reach into its table: one association's table, its field crypto and its clock, and the
 * few calls every job here makes. Every call goes through `storageCall` (dynamo.ts), so what the SDK's
 * own retries could not fix arrives as a typed error.
 */
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '../../contract/table-layout.js';
import type { AssociationConfig } from '../../core/association.js';
import { storageCall } from '../dynamo.js';
import { RetryableStorageError } from '../errors.js';
import type { FieldCrypto } from '../field-crypto.js';
import type { CaseItem } from './items.js';

/** What every store module works on: the table of one association, its config, its field crypto, a clock. */
export interface Store {
  client: DynamoDBDocumentClient;
  table: string;
  associationId: string;
  /** The association's config: the work-queue facts of each write are derived with it (worklist-meta.ts). */
  config: AssociationConfig;
  crypto: FieldCrypto;
  now: () => Date;
}

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** One item by key, read consistently; `projection` (with `names`) narrows what is read. */
export async function getItem(
  store: Store,
  key: Key,
  projection?: string,
  names?: Record<string, string>,
): Promise<Item | undefined> {
  const out = await storageCall('GetItem', () =>
    store.client.send(
      new GetCommand({
        TableName: store.table,
        Key: key,
        ConsistentRead: true,
        ...(projection ? { ProjectionExpression: projection } : {}),
        ...(names ? { ExpressionAttributeNames: names } : {}),
      }),
    ),
  );
  return out.Item;
}

/** The case item, or undefined. */
export async function getCaseItem(store: Store, caseId: string): Promise<CaseItem | undefined> {
  return (await getItem(store, keys.case(caseId))) as CaseItem | undefined;
}

/** One put; a failed condition is rethrown as it is (isConditionFailed) for the caller to interpret. */
export async function putItem(store: Store, input: Omit<PutCommandInput, 'TableName'>): Promise<void> {
  await storageCall('PutItem', () => store.client.send(new PutCommand({ TableName: store.table, ...input })));
}

/** One query, one page. */
export function queryOnce(store: Store, input: Omit<QueryCommandInput, 'TableName'>) {
  return storageCall('Query', () => store.client.send(new QueryCommand({ TableName: store.table, ...input })));
}

/** The pages of a query (the SDK's paginator), each page's items handed to `onPage`: true reads on, false stops. */
export async function queryPages(
  store: Store,
  input: Omit<QueryCommandInput, 'TableName'>,
  onPage: (items: Item[], lastKey: Item | undefined) => boolean,
  pageSize?: number,
): Promise<void> {
  await storageCall('Query', async () => {
    const pages = paginateQuery(
      { client: store.client, ...(pageSize ? { pageSize } : {}) },
      { TableName: store.table, ...input },
    );
    for await (const page of pages) if (onPage(page.Items ?? [], page.LastEvaluatedKey) === false) break;
  });
}

/** Every item a query matches, over all its pages. */
export async function queryAll(store: Store, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = [];
  await queryPages(store, input, (page) => {
    items.push(...page);
    return true;
  });
  return items;
}

/**
 * Rounds of one batch request, the first included, before what DynamoDB still leaves unprocessed is a
 * RetryableStorageError (a 503; a workflow retries). Unprocessed keys or items are DynamoDB throttling
 * part of a request it accepted, which the SDK does not retry; a request refused whole the SDK already
 * retries itself (dynamo.ts, `maxAttempts`, 3 by default). So the items left over get the same three
 * tries, 50 ms then 100 ms apart: at most 150 ms of waiting more, then a prompt 503, instead of a loop
 * that runs to the Lambda timeout while the table stays throttled. A partial batch is harmless to
 * repeat (gets read, puts are of items fixed by their key), so the caller's retry finishes it.
 * (BatchGetItem also leaves keys past a 16 MB reply: every caller projects a few small attributes.)
 */
const BATCH_ROUNDS = 3;
const BATCH_BACKOFF_MS = 50;

/** Whether a batch request (or what a response left unprocessed) still names anything. */
function hasRequests(request: Record<string, unknown> | undefined): request is Record<string, unknown> {
  return request !== undefined && Object.keys(request).length > 0;
}

/**
 * Before `round` of a batch: past BATCH_ROUNDS gives up, naming the operation and the response field
 * that was left (never a key or an item); otherwise waits, doubling from BATCH_BACKOFF_MS.
 */
async function unprocessedLeft(operation: string, field: string, round: number): Promise<void> {
  if (round > BATCH_ROUNDS)
    throw new RetryableStorageError(
      `DynamoDB ${operation} left part of its request unprocessed after ${BATCH_ROUNDS} rounds; try again`,
      field,
    );
  await new Promise((r) => setTimeout(r, BATCH_BACKOFF_MS * 2 ** (round - 2)));
}

/** Items by key (100 keys a request), read consistently; `projection` narrows what is read. */
export async function batchGet(
  store: Store,
  keyList: Key[],
  projection?: { expression: string; names: Record<string, string> },
): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let request: BatchGetCommandInput['RequestItems'] = {
      [store.table]: {
        Keys: keyList.slice(i, i + 100),
        ConsistentRead: true,
        ...(projection ? { ProjectionExpression: projection.expression } : {}),
        ...(projection && Object.keys(projection.names).length > 0
          ? { ExpressionAttributeNames: projection.names }
          : {}),
      },
    };
    // The SDK retries failed requests, not the keys a successful one left unprocessed: those are asked again here.
    for (let round = 1; hasRequests(request); round++) {
      if (round > 1) await unprocessedLeft('BatchGetItem', 'UnprocessedKeys', round);
      const out = await storageCall('BatchGetItem', () =>
        store.client.send(new BatchGetCommand({ RequestItems: request })),
      );
      items.push(...(out.Responses?.[store.table] ?? []));
      request = out.UnprocessedKeys;
    }
  }
  return items;
}

/**
 * Plain puts of whole items (25 a request): only for items whose content is fixed by their key, so a
 * put repeated (or one of a batch left unprocessed and sent again) is harmless. No conditions.
 */
export async function batchPut(store: Store, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let request: BatchWriteCommandInput['RequestItems'] = {
      [store.table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    // As batchGet: the SDK retries failed requests, not the items a successful one left unprocessed.
    for (let round = 1; hasRequests(request); round++) {
      if (round > 1) await unprocessedLeft('BatchWriteItem', 'UnprocessedItems', round);
      const out = await storageCall('BatchWriteItem', () =>
        store.client.send(new BatchWriteCommand({ RequestItems: request })),
      );
      request = out.UnprocessedItems;
    }
  }
}
