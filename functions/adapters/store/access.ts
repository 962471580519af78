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
    for (let round = 0; request && Object.keys(request).length > 0; round++) {
      const out = await storageCall('BatchGetItem', () =>
        store.client.send(new BatchGetCommand({ RequestItems: request })),
      );
      items.push(...(out.Responses?.[store.table] ?? []));
      request = out.UnprocessedKeys;
      if (request && Object.keys(request).length > 0)
        await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** round, 500)));
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
    for (let round = 0; request && Object.keys(request).length > 0; round++) {
      const out = await storageCall('BatchWriteItem', () =>
        store.client.send(new BatchWriteCommand({ RequestItems: request })),
      );
      request = out.UnprocessedItems;
      if (request && Object.keys(request).length > 0)
        await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** round, 500)));
    }
  }
}
