/**
 * DynamoDB failures become typed errors once the SDK's own retries give up. The SDK's client runs with
 * its real retry strategy; a middleware inside the retry step plays DynamoDB for each attempt, so
 * every attempt the SDK makes is counted and nothing leaves the process.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { ConflictError, CryptoError, RetryableStorageError, StorageError } from '../../functions/adapters/errors.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { type CaseRepository, createCaseRepository } from '../../functions/adapters/store/index.js';
import { ASSOCIATION, newCase, report, testCrypto } from './case-fixtures.js';

const awsError = (name: string, message = 'x') => Object.assign(new Error(message), { name, $metadata: {} });
let crypto: FieldCrypto;

beforeAll(() => {
  crypto = testCrypto().crypto;
});

/** What the fake DynamoDB answers to one attempt: an output, or an error to throw. */
type Answer = (operation: string) => unknown;

/** A document client (3 attempts a call) whose every attempt is answered by `answer`; `calls` lists the operations tried. */
function fakeDynamo(answer: Answer): { client: DynamoDBDocumentClient; calls: string[] } {
  const client = createDocumentClient({ endpoint: 'http://127.0.0.1:1', maxAttempts: 3 });
  const calls: string[] = [];
  client.middlewareStack.add(
    (_next, context) => async () => {
      const operation = String(context.commandName).replace(/Command$/, '');
      calls.push(operation);
      const output = answer(operation);
      if (output instanceof Error) throw output;
      return { output: { $metadata: {}, ...(output as object) }, response: {} };
    },
    { step: 'finalizeRequest', priority: 'low', name: 'fakeDynamo' },
  );
  return { client, calls };
}

/** Answers each operation from a queue of answers (the last one repeats). */
function answers(byOperation: Record<string, unknown[]>): Answer {
  return (operation) => {
    const queue = byOperation[operation] ?? [{}];
    return queue.length > 1 ? queue.shift() : queue[0];
  };
}

function repository(client: DynamoDBDocumentClient, fieldCrypto: FieldCrypto = crypto): CaseRepository {
  return createCaseRepository({
    client,
    tableName: 't',
    associationId: ASSOCIATION,
    config: getAssociation(ASSOCIATION),
    crypto: fieldCrypto,
  });
}

/** A stored case item as the table would give it back. */
async function storedItem(version: number) {
  const input = newCase(crypto, report());
  const sealed = await crypto.seal(
    { state: input.state, report: input.report, notes: [], outbox: [] },
    { associationId: ASSOCIATION, caseId: input.state.id },
  );
  return {
    caseId: input.state.id,
    item: {
      pk: `CASE#${input.state.id}`,
      sk: 'CASE',
      itemType: 'case',
      caseId: input.state.id,
      reference: input.state.reference,
      associationId: ASSOCIATION,
      status: 'open',
      reportedAt: input.state.reportedAt,
      risk: 'standard',
      abuseTypes: [],
      version,
      createdAt: 'x',
      updatedAt: 'x',
      linkKeys: [],
      outboxIds: [],
      sealed,
    },
  };
}

describe("DynamoDB failures become typed errors after the SDK's own retries", () => {
  it('throttling is retried by the SDK, and the write goes through', async () => {
    // Prepare
    const { caseId, item } = await storedItem(3);
    const { client, calls } = fakeDynamo(
      answers({
        GetItem: [{ Item: item }],
        PutItem: [awsError('ProvisionedThroughputExceededException'), awsError('ThrottlingException'), {}],
      }),
    );

    // Act
    const out = await repository(client).updateCase(caseId, 3, (c) => c);

    // Assess
    expect(out.version).toBe(4);
    expect(calls.filter((c) => c === 'PutItem')).toHaveLength(3);
  });

  it('throttling that outlasts the retries is a RetryableStorageError (503), naming no data', async () => {
    // Prepare
    const { caseId, item } = await storedItem(3);
    const throttled = awsError(
      'ProvisionedThroughputExceededException',
      'Rate of requests exceeds the allowed throughput',
    );
    const { client, calls } = fakeDynamo(answers({ GetItem: [{ Item: item }], PutItem: [throttled] }));

    // Act
    const err = await repository(client)
      .updateCase(caseId, 3, (c) => c)
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(RetryableStorageError);
    expect((err as RetryableStorageError).retryable).toBe(true);
    expect((err as RetryableStorageError).causeName).toBe('ProvisionedThroughputExceededException');
    expect(calls.filter((c) => c === 'PutItem')).toHaveLength(3);
  });

  it('ConditionalCheckFailed on the versioned put is a ConflictError (409), not retried', async () => {
    // Prepare
    const { caseId, item } = await storedItem(5);
    const { client, calls } = fakeDynamo(
      answers({ GetItem: [{ Item: item }], PutItem: [awsError('ConditionalCheckFailedException')] }),
    );

    // Act
    const err = await repository(client)
      .updateCase(caseId, 5, (c) => c)
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ code: 'conflict', caseId, expectedVersion: 5 });
    expect(calls.filter((c) => c === 'PutItem')).toHaveLength(1);
  });

  it('a non-retryable failure is a StorageError, not retried, its message not echoed', async () => {
    // Prepare
    const { client, calls } = fakeDynamo(
      answers({ GetItem: [awsError('ValidationException', 'One or more parameter values were invalid: CanaryValue')] }),
    );

    // Act
    const err = await repository(client)
      .getCase('case-1', 'system')
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).not.toContain('CanaryValue');
    expect(calls.filter((c) => c === 'GetItem')).toHaveLength(1);
  });

  it('a keyring failure while reading is a CryptoError whose message holds no data', async () => {
    // Prepare
    const { item } = await storedItem(1);
    const broken: FieldCrypto = {
      seal: () => Promise.reject(new Error('CanarySecret')),
      open: () => Promise.reject(new CryptoError('field decryption failed', 'KMSInvalidStateException')),
      hmac: crypto.hmac,
    };
    const { client } = fakeDynamo(answers({ GetItem: [{ Item: item }] }));

    // Act
    const err = await repository(client, broken)
      .getCase(item.caseId, 'system')
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(CryptoError);
    expect((err as Error).message).toBe('field decryption failed');
  });
});
