/**
 * Batch reads and writes retry what DynamoDB leaves unprocessed a bounded number of rounds (3, the
 * SDK's own attempts per request), then give up with a RetryableStorageError (a 503) naming no data;
 * an intake cut short after its case item is finished by the retry with the same key.
 */
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { RetryableStorageError } from '../../functions/adapters/errors.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { batchGet, batchPut, type Store } from '../../functions/adapters/store/access.js';
import { createCaseRepository } from '../../functions/adapters/store/index.js';
import { defined } from '../support/defined.js';
import type { TestTable } from '../support/dynalite.js';
import { ASSOCIATION, newCase, report, startTestRepository, testCrypto } from './case-fixtures.js';

const TABLE = 't';
const CANARY = 'CanaryPerson-7f3a';
const mocks: ReturnType<typeof mockClient>[] = [];
let crypto: FieldCrypto;

beforeAll(() => {
  crypto = testCrypto().crypto;
});
afterEach(() => {
  for (const m of mocks.splice(0)) m.restore();
});

/** A store over a document client whose every command is answered by aws-sdk-client-mock. */
function mockedStore(): { store: Store; mock: ReturnType<typeof mockClient> } {
  const client = DynamoDBDocumentClient.from(createDocumentClient({ endpoint: 'http://127.0.0.1:1' }));
  const mock = mockClient(client);
  mocks.push(mock);
  const store: Store = {
    client,
    table: TABLE,
    associationId: ASSOCIATION,
    config: getAssociation(ASSOCIATION),
    crypto,
    now: () => new Date('2026-11-25T10:00:00Z'),
  };
  return { store, mock };
}

const item = (n: number) => ({ pk: `LINK#${n}`, sk: `CASE#${n}`, name: `${CANARY}-${n}` });
const key = (n: number) => ({ pk: `CASE#${CANARY}-${n}`, sk: 'CASE' });
const writeRequests = (call: { args: unknown[] }) =>
  (call.args[0] as { input: BatchWriteCommandInput }).input.RequestItems?.[TABLE] ?? [];
const getKeys = (call: { args: unknown[] }) =>
  (call.args[0] as { input: BatchGetCommandInput }).input.RequestItems?.[TABLE]?.Keys ?? [];

describe('batchPut sends again what DynamoDB left unprocessed, a bounded number of rounds', () => {
  it('items always left unprocessed: a RetryableStorageError after 3 rounds, naming no data', async () => {
    // Prepare
    const { store, mock } = mockedStore();
    const items = [item(1), item(2)];
    mock
      .on(BatchWriteCommand)
      .resolves({ UnprocessedItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } });

    // Act
    const err = await batchPut(store, items).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(RetryableStorageError);
    expect(err).toMatchObject({ retryable: true, code: 'storage-unavailable', causeName: 'UnprocessedItems' });
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(3);
    expect((err as Error).message).not.toContain(CANARY);
    expect((err as Error).message).not.toContain('LINK#');
    expect(JSON.stringify(err)).not.toContain(CANARY);
  });

  it('an item left unprocessed once is sent again alone, and the batch succeeds', async () => {
    // Prepare
    const { store, mock } = mockedStore();
    const items = [item(1), item(2), item(3)];
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [{ PutRequest: { Item: item(2) } }] } })
      .resolves({ UnprocessedItems: {} });

    // Act
    await batchPut(store, items);

    // Assess
    const calls = mock.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(writeRequests(defined(calls[0], 'the first round'))).toHaveLength(3);
    expect(writeRequests(defined(calls[1], 'the second round'))).toEqual([{ PutRequest: { Item: item(2) } }]);
  });

  it('the bound holds per request of 25: a later request is not sent once one gives up', async () => {
    // Prepare
    const { store, mock } = mockedStore();
    const items = Array.from({ length: 30 }, (_, n) => item(n));
    mock.on(BatchWriteCommand).callsFake((input: BatchWriteCommandInput) => ({ UnprocessedItems: input.RequestItems }));

    // Act
    const err = await batchPut(store, items).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(RetryableStorageError);
    const calls = mock.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => writeRequests(c).length === 25)).toBe(true);
  });
});

describe('batchGet asks again for what DynamoDB left unprocessed, a bounded number of rounds', () => {
  it('keys always left unprocessed: a RetryableStorageError after 3 rounds, naming no data', async () => {
    // Prepare
    const { store, mock } = mockedStore();
    const keyList = [key(1), key(2)];
    mock
      .on(BatchGetCommand)
      .resolves({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: keyList, ConsistentRead: true } } });

    // Act
    const err = await batchGet(store, keyList).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(RetryableStorageError);
    expect(err).toMatchObject({ retryable: true, causeName: 'UnprocessedKeys' });
    expect(mock.commandCalls(BatchGetCommand)).toHaveLength(3);
    expect((err as Error).message).not.toContain(CANARY);
    expect(JSON.stringify(err)).not.toContain(CANARY);
  });

  it('a key left unprocessed once is asked for again alone, and every item is returned', async () => {
    // Prepare
    const { store, mock } = mockedStore();
    const keyList = [key(1), key(2)];
    mock
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [TABLE]: [{ ...key(1), n: 1 }] },
        UnprocessedKeys: { [TABLE]: { Keys: [key(2)], ConsistentRead: true } },
      })
      .resolves({ Responses: { [TABLE]: [{ ...key(2), n: 2 }] }, UnprocessedKeys: {} });

    // Act
    const found = await batchGet(store, keyList);

    // Assess
    expect(found.map((i) => i.n)).toEqual([1, 2]);
    const calls = mock.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(2);
    expect(getKeys(defined(calls[1], 'the second round'))).toEqual([key(2)]);
  });
});

describe('an intake whose link items stayed unprocessed is finished by its retry', () => {
  let table: TestTable;
  let local: FieldCrypto;

  beforeAll(async () => ({ table, crypto: local } = await startTestRepository()));
  afterAll(async () => table.stop());

  it('the case item is written, the 503 is thrown, and the retry with the same key writes the links and the reported event', async () => {
    // Prepare: a client on the same table on which every batch write leaves all its items unprocessed
    const throttled = createDocumentClient({ endpoint: table.endpoint });
    throttled.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        const input = args.input as { RequestItems: unknown };
        return { output: { $metadata: {}, UnprocessedItems: input.RequestItems }, response: {} };
      },
      { step: 'initialize', name: 'unprocessedBatches' },
    );
    const options = {
      tableName: table.tableName,
      associationId: ASSOCIATION,
      config: getAssociation(ASSOCIATION),
      crypto: local,
    };
    const repo = createCaseRepository({ client: table.client, ...options });
    const first = newCase(local, report(), { idempotencyKey: 'intake-key-unprocessed-links' });
    const linkKeys = defined(first.linkKeys, 'the link keys of the report');
    expect(linkKeys.length).toBeGreaterThan(0);
    const err = await createCaseRepository({ client: throttled, ...options })
      .createCase(first)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableStorageError);
    const scan = async () =>
      ((await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items ?? []).filter(
        (i) => i.caseId === first.state.id && i.itemType !== 'idempotency',
      );
    expect((await scan()).map((i) => i.itemType)).toEqual(['case']);

    // Act
    const retry = await repo.createCase(newCase(local, report(), { idempotencyKey: 'intake-key-unprocessed-links' }));

    // Assess
    expect(retry).toMatchObject({ created: false, caseId: first.state.id, reference: first.state.reference });
    const written = (await scan()).map((i) => i.itemType).sort();
    expect(written).toEqual(['case', 'event', ...linkKeys.map(() => 'link')]);
    const linked = await repo.findLinkedCases(linkKeys);
    expect(linked.map((c) => c.caseId)).toEqual([first.state.id]);
    throttled.destroy();
  });
});
