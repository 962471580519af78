/**
 * AWS failure paths end as a correlation id and nothing else: DynamoDB throttling (503, retry later),
 * a conditional write lost to another writer (409), and KMS refusing to make a data key (500).
 */
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createFieldCrypto } from '../../functions/adapters/field-crypto.js';
import { submitReport } from '../../functions/adapters/report-intake.js';
import { createCaseRepository } from '../../functions/adapters/store/index.js';
import { createHandler as casesHandler } from '../../functions/cases/handler.js';
import { reportSchema } from '../../functions/core/report.js';
import { createHandler as intakeHandler } from '../../functions/intake/handler.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, captureOutput, type Harness, MANAGER, report, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const awsError = (name: string) => Object.assign(new Error(`${name} from AWS`), { name, $metadata: {} });
const mocks: { restore: () => void }[] = [];
afterEach(() => {
  for (const m of mocks.splice(0)) m.restore();
});

/** A repository over a document client whose `send` is mocked, falling through to dynalite for reads. */
function mockedRepository(setup: (m: ReturnType<typeof mockClient>) => void) {
  const doc = DynamoDBDocumentClient.from(h.table.client);
  const m = mockClient(doc);
  mocks.push(m);
  setup(m);
  return createCaseRepository({
    client: doc,
    tableName: h.table.tableName,
    associationId: 'one-manchester',
    config: getAssociation('one-manchester'),
    crypto: h.crypto,
  });
}

describe('AWS error paths', () => {
  it('DynamoDB throttling on intake answers 503 with a correlation id only, logged with the error class', async () => {
    // Prepare
    const cases = mockedRepository((m) => m.on(PutCommand).rejects(awsError('ProvisionedThroughputExceededException')));

    // Act
    const { result: res, output } = await captureOutput(() =>
      call(
        intakeHandler({ ...h.deps, cases }),
        apiEvent('POST', '/api/reports', { body: report(), headers: { 'x-correlation-id': 'corr-throttle-0001' } }),
      ),
    );

    // Assess
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'unavailable', correlationId: 'corr-throttle-0001' });
    expect(res.headers['retry-after']).toBeDefined();
    const line = defined(
      output.split('\n').find((l) => l.includes('storage unavailable')),
      'a storage unavailable log line',
    );
    expect(JSON.parse(line)).toMatchObject({
      correlationId: 'corr-throttle-0001',
      errorClass: 'RetryableStorageError',
    });
  });

  it('a conditional write lost to another writer is a 409, and the workflow is not signalled', async () => {
    // Prepare
    const inPerson = report({ safeContact: { method: 'in-person' } as never });
    const id = (await submitReport(h.deps, reportSchema.parse(inPerson), 'aws-cond-1', h.clock.now)).caseId;
    const real = h.table.client;
    const cases = mockedRepository((m) => {
      // Reads go through to dynalite; the conditional put of the new version loses the race.
      m.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
      m.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
      m.on(BatchGetCommand).callsFake((input) => real.send(new BatchGetCommand(input)));
      m.on(PutCommand).rejects(awsError('ConditionalCheckFailedException'));
    });
    const signals = h.workflow.signalled.length;

    // Act
    const res = await call(
      casesHandler({ ...h.deps, cases }),
      apiEvent('POST', `/api/cases/${id}/contacts`, {
        body: { way: 'in-person' },
        claims: MANAGER,
        headers: { 'if-match': '"1"' },
      }),
    );

    // Assess
    expect(res.status).toBe(409);
    expect(res.body.fields).toEqual([{ field: 'expectedVersion', problem: 'is not the current version' }]);
    expect(h.workflow.signalled.length).toBe(signals);
  });

  it('KMS refusing a data key answers 500 with a correlation id only, and stores nothing', async () => {
    // Prepare
    const kms = mockClient(KMSClient);
    mocks.push(kms);
    kms.on(GenerateDataKeyCommand).rejects(awsError('KMSInvalidStateException'));
    const crypto = createFieldCrypto({
      keyring: 'kms',
      keyArn: 'arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555',
      linkKey: Buffer.alloc(32, 7).toString('base64'),
    });
    const cases = createCaseRepository({
      client: h.table.client,
      tableName: h.table.tableName,
      associationId: 'one-manchester',
      config: getAssociation('one-manchester'),
      crypto,
    });
    const before = (await h.cases.listOpenCases({})).items.length;

    // Act
    const { result: res, output } = await captureOutput(() =>
      call(
        intakeHandler({ ...h.deps, cases, hmac: crypto.hmac }),
        apiEvent('POST', '/api/reports', { body: report({ narrative: 'kms failure' }) }),
      ),
    );

    // Assess
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', correlationId: res.headers['x-correlation-id'] });
    const line = defined(
      output.split('\n').find((l) => l.includes('request failed')),
      'a request failed log line',
    );
    expect(JSON.parse(line)).toMatchObject({ errorClass: 'CryptoError', correlationId: res.body.correlationId });
    expect((await h.cases.listOpenCases({})).items.length).toBe(before);
  });

  it('a failed workflow signal leaves the stored change in place and says so', async () => {
    // Prepare
    const inPerson = report({ safeContact: { method: 'in-person' } as never });
    const id = (await submitReport(h.deps, reportSchema.parse(inPerson), 'aws-signal-1', h.clock.now)).caseId;
    const workflow = {
      startCase: async () => {},
      reopenCase: async () => {},
      signalChange: async () => Promise.reject(awsError('ThrottlingException')),
    };

    // Act
    const res = await call(
      casesHandler({ ...h.deps, workflow }),
      apiEvent('POST', `/api/cases/${id}/contacts`, {
        body: { way: 'in-person' },
        claims: MANAGER,
        headers: { 'if-match': '1' },
      }),
    );

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.signalled).toBe(false);
    expect(defined(await h.cases.getSummary(id), `the summary of ${id}`).version).toBe(2);
  });
});
