import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createCaseRepository, type CaseRepository } from '../../functions/adapters/case-repository.js';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { ConflictError, CryptoError, RetryableStorageError, StorageError } from '../../functions/adapters/errors.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { ASSOCIATION, newCase, report, testCrypto } from './case-fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const awsError = (name: string, message = 'x') => Object.assign(new Error(message), { name, $metadata: {} });
let crypto: FieldCrypto;
let repo: CaseRepository;

beforeAll(() => {
  crypto = testCrypto().crypto;
  repo = createCaseRepository({ client: createDocumentClient({ endpoint: 'http://127.0.0.1:1' }), tableName: 't', associationId: ASSOCIATION, crypto, retry: { attempts: 3, baseDelayMs: 1 } });
});
afterEach(() => ddb.reset());

/** A stored case item as the table would give it back. */
async function storedItem(version: number) {
  const input = newCase(crypto, report());
  const sealed = await crypto.seal({ state: input.state, report: input.report, notes: [], outbox: [] }, { associationId: ASSOCIATION, caseId: input.state.id });
  return {
    caseId: input.state.id,
    item: { pk: `CASE#${input.state.id}`, sk: 'CASE', itemType: 'case', caseId: input.state.id, reference: input.state.reference, associationId: ASSOCIATION, status: 'open', reportedAt: input.state.reportedAt, risk: 'standard', abuseTypes: [], version, createdAt: 'x', updatedAt: 'x', linkKeys: [], outboxIds: [], sealed },
  };
}

describe('issue 4 §3: DynamoDB failures become typed errors (aws-sdk-client-mock)', () => {
  it('throttling is retried, and the write goes through', async () => {
    const { caseId, item } = await storedItem(3);
    ddb.on(GetCommand).resolves({ Item: item });
    ddb.on(PutCommand).rejectsOnce(awsError('ProvisionedThroughputExceededException')).rejectsOnce(awsError('ThrottlingException')).resolves({});
    const out = await repo.updateCase(caseId, 3, (c) => c);
    expect(out.version).toBe(4);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(3);
  });

  it('throttling that outlasts the retries is a RetryableStorageError (503), naming no data', async () => {
    const { caseId, item } = await storedItem(3);
    ddb.on(GetCommand).resolves({ Item: item });
    ddb.on(PutCommand).rejects(awsError('ProvisionedThroughputExceededException', 'Rate of requests exceeds the allowed throughput'));
    const err = await repo.updateCase(caseId, 3, (c) => c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableStorageError);
    expect((err as RetryableStorageError).retryable).toBe(true);
    expect((err as RetryableStorageError).causeName).toBe('ProvisionedThroughputExceededException');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(3);
  });

  it('ConditionalCheckFailed on the versioned put is a ConflictError (409)', async () => {
    const { caseId, item } = await storedItem(5);
    ddb.on(GetCommand).resolves({ Item: item });
    ddb.on(PutCommand).rejects(awsError('ConditionalCheckFailedException'));
    const err = await repo.updateCase(caseId, 5, (c) => c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ code: 'conflict', caseId, expectedVersion: 5 });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('a non-retryable failure is a StorageError, not retried, its message not echoed', async () => {
    ddb.on(GetCommand).rejects(awsError('ValidationException', 'One or more parameter values were invalid: CanaryValue'));
    const err = await repo.getCase('case-1', 'system').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).not.toContain('CanaryValue');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('a keyring failure while reading is a CryptoError whose message holds no data', async () => {
    const { item } = await storedItem(1);
    const broken: FieldCrypto = {
      seal: () => Promise.reject(new Error('CanarySecret')),
      open: () => Promise.reject(new CryptoError('field decryption failed', 'KMSInvalidStateException')),
      hmac: crypto.hmac,
    };
    const r = createCaseRepository({ client: createDocumentClient({ endpoint: 'http://127.0.0.1:1' }), tableName: 't', associationId: ASSOCIATION, crypto: broken });
    ddb.on(GetCommand).resolves({ Item: item });
    const err = await r.getCase(item.caseId, 'system').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CryptoError);
    expect((err as Error).message).toBe('field decryption failed');
  });
});
