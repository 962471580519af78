/**
 * The deployed lifecycle Lambdas build their dependencies from the environment lib/functions.ts gives
 * them: their own case repository (typed as the lifecycle uses it, no cast), and only what their
 * permissions allow. A function without mail or a state machine fails on use, naming what is missing.
 * The HTTP Lambdas' deps come from the same builder (adapters/environment.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { caseRepository } from '../../functions/adapters/case-parts.js';
import { figuresReads, openCaseReads } from '../../functions/adapters/case-reads.js';
import { depsFromEnvironment } from '../../functions/adapters/deps.js';
import { storeFromEnvironment } from '../../functions/adapters/environment.js';
import { createFieldCrypto } from '../../functions/adapters/field-crypto.js';
import { fieldCrypto, runtime } from '../../functions/adapters/lambda-parts.js';
import { lifecycleCaseCalls } from '../../functions/adapters/lifecycle-case-calls.js';
import { createCaseRepository } from '../../functions/adapters/store/index.js';
import { defaultLifecycleDeps } from '../../functions/adapters/workflow-lambda.js';
import { bundledAssociationText } from '../../lib/bundling.js';
import { newCase, report } from '../adapters/case-fixtures.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';

let table: TestTable;
const keyFile = join(mkdtempSync(join(tmpdir(), 'haven-deps-')), 'keys.json');
const saved = { ...process.env };

beforeAll(async () => {
  table = await startTestTable();
  // check-clock's environment: table and key only (no MAIL_FROM, no state machine ARNs).
  Object.assign(process.env, {
    ASSOCIATION_ID: 'wrekin',
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    KEY_FILE: keyFile,
    CONSOLE_URL: 'https://console.haven.example.org',
  });
  for (const name of ['MAIL_FROM', 'ALARM_TOPIC_ARN', 'STATE_MACHINE_ARN', 'CLOCK_STATE_MACHINE_ARN'])
    delete process.env[name];
  // The association config lib/functions.ts builds into the bundle (deployed-association.ts).
  vi.stubGlobal('__HAVEN_ASSOCIATION__', bundledAssociationText(getAssociation('wrekin')));
}, 30_000);
afterAll(async () => {
  process.env = saved;
  vi.unstubAllGlobals();
  await table.stop();
});

/** A wrekin case written straight to the table with the key file the environment names. */
async function seedCase() {
  const crypto = createFieldCrypto({ keyring: 'raw-aes', keyFile });
  const input = newCase(crypto, report());
  const { caseId } = await createCaseRepository({
    client: table.client,
    tableName: table.tableName,
    associationId: 'wrekin',
    config: getAssociation('wrekin'),
    crypto,
  }).createCase(input);
  return { crypto, input, caseId };
}

describe('deployed lifecycle dependencies', () => {
  it('read, append to and re-date a case through the lifecycle’s own repository; absent mail and machines fail on use only', async () => {
    // A journey: one deps object, built once from the environment, serves every step, and each
    // repository step works on the version the last one left.

    // Prepare
    const { input, caseId } = await seedCase();

    // Act
    // check-clock's parts (fields:decrypt): lambda-parts.ts
    const deps = await defaultLifecycleDeps({ cases: caseRepository, fieldCrypto });
    const read = await deps.cases.getCase(caseId, 'system');

    // Assess
    expect(read).toMatchObject({ version: 1, reference: input.state.reference });
    expect(deps.cases.setNextDueAt).toBeDefined();

    // Act
    await deps.cases.setNextDueAt(caseId, read.version, {
      clock: 'initialContact',
      duty: 'initial-contact',
      deadline: '2026-12-01T09:00:00.000Z',
    });

    // Assess
    expect(await deps.cases.getCase(caseId, 'system')).toMatchObject({
      version: 2,
      nextDueAt: '2026-12-01T09:00:00.000Z',
      nextDueClock: 'initialContact',
      nextDueDuty: 'initial-contact',
    });

    // Act
    await deps.cases.appendEvent(caseId, {
      id: 'fault:test',
      type: 'workflow-fault',
      at: '2026-11-25T10:00:00.000Z',
      actor: 'system',
      details: { stage: 'clock' },
    });
    const sending = deps.mailer.send(caseId, { idempotencyKey: 'k', to: ['a@example.org'], subject: 's', text: 't' });

    // Assess
    await expect(sending).rejects.toThrow(/mail is not configured/);

    // Act
    const raising = deps.alarm.raise({
      id: 'fault:test',
      kind: 'workflow-fault',
      associationId: 'wrekin',
      caseId,
      stage: 'clock',
      errorName: 'Error',
      link: 'https://console.haven.example.org/case.html?id=x',
      urgent: false,
    });

    // Assess
    await expect(raising).rejects.toThrow(/alarm topic is not configured/);

    // Act
    const starting = deps.workflow.startClock({
      caseId,
      associationId: 'wrekin',
      key: 'initialContact@2026-12-01T09:00:00.000Z',
      deadline: '2026-12-01T09:00:00.000Z',
      generation: 0,
    });

    // Assess
    await expect(starting).rejects.toThrow(/clock state machine is not configured/);
  });

  it('the HTTP deps come from the same builder: the same table and key; a machine not given refuses on use, naming it', async () => {
    // Prepare
    const { crypto, input, caseId } = await seedCase();

    // Act
    // intake's parts (fields:encrypt, workflow:start): lambda-parts.ts
    const deps = await depsFromEnvironment('haven-test', { cases: caseRepository, fieldCrypto, runtime });

    // Assess
    expect(deps.config.id).toBe('wrekin');
    expect(await deps.cases.getSummary(caseId)).toMatchObject({ reference: input.state.reference });
    expect(deps.hmac('x')).toBe(crypto.hmac('x'));
    await expect(deps.workflow.startCase(caseId, 'wrekin')).rejects.toThrow(
      /lifecycle state machine is not configured/,
    );
  });

  it('a narrow case store reads as the whole repository does, and refuses every call it leaves out, naming it', async () => {
    // Prepare
    const { caseId, crypto } = await seedCase();
    const whole = (await storeFromEnvironment({ cases: caseRepository })).cases;
    const options = { client: table.client, tableName: table.tableName, associationId: 'wrekin', crypto };
    const sealed = caseRepository({ ...options, config: getAssociation('wrekin') });

    const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

    // Act
    // the figures' and the sweep's parts: case-reads.ts
    const narrow = (await storeFromEnvironment({ cases: figuresReads })).cases;
    const sweep = (await storeFromEnvironment({ cases: openCaseReads })).cases;
    const close = lifecycleCaseCalls({ ...options, config: getAssociation('wrekin') });
    const none = (await storeFromEnvironment()).cases;

    // Assess
    const counted = await narrow.listCasesForFigures(period);
    expect(counted.map((c) => c.caseId)).toContain(caseId);
    expect(counted).toEqual(await whole.listCasesForFigures(period));
    expect(await sweep.getSummary(caseId)).toEqual({ status: (await whole.getSummary(caseId))?.status });
    expect(await close.getCase(caseId, 'system')).toEqual(await sealed.getCase(caseId, 'system'));
    await expect(close.getSummary(caseId)).rejects.toThrow("the case store's getSummary is not configured");
    await expect(narrow.getCase(caseId, 'system')).rejects.toThrow(
      "the case store's getCase is not configured for this function",
    );
    await expect(none.getSummary(caseId)).rejects.toThrow("the case store's getSummary is not configured");
  });
});
