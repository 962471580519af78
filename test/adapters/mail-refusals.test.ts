/**
 * docs/delivery.md, the defects a review found: a permanent SES refusal and an email with no recipients
 * are recorded and alarmed once and never resent, and the step carries on; a claim write retried after
 * a lost reply is our own; a claim that never reached SES is claimed again; an attempt taken over does
 * not send; an urgent alert alarms on any failure; the SES client opens a fresh connection per send.
 */
/**
 * docs/delivery.md: each email is claimed before SES is called and SES gets one request per claim. A
 * lost answer is "maybe sent": recorded once, operations alarmed once, never resent blindly; an SES
 * refusal releases the claim and fails the step for its Retry; a claim found unsettled (the Lambda died
 * between SES accepting and the sent mark) is maybe sent too. Immediate-danger and high-risk alerts
 * allow one resend: never more than two copies. Real conditional writes (dynalite), SES mocked.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ClaimTakenError,
  classifySesFailure,
  type SendMarkers,
  singleAttemptSesClient,
} from '../../functions/adapters/mailer.js';
import { createDynamoWorkflowStore, type WorkflowStore } from '../../functions/adapters/workflow-store.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';
import { CANARY, mailScene } from '../support/mail-scene.js';
import { startSesFaults } from '../support/ses-faults.js';

const ses = mockClient(SESv2Client);
let table: TestTable;
let store: WorkflowStore;
beforeAll(async () => {
  table = await startTestTable();
  store = createDynamoWorkflowStore({ doc: table.client, tableName: table.tableName });
}, 30_000);
afterAll(async () => table?.stop());
afterEach(() => ses.reset());

const scene = (options?: Parameters<typeof mailScene>[1]) => mailScene({ table, store }, options);
describe('delivery defects found in review (docs/delivery.md)', () => {
  const rejected = () =>
    new MessageRejected({ message: `not verified: ${CANARY}`, $metadata: { httpStatusCode: 400 } });

  it('a permanent SES refusal is never retried: the claim refused, email-refused recorded, one alarm, the step carries on', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(rejected());
    const s = scene();

    // Act
    await s.run();
    await s.run(); // the step run again: nothing is sent and nothing alarmed again

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(await s.claim()).toMatchObject({ state: 'refused' });
    expect([...s.events.values()].map((e) => e.type)).toEqual(['escalation-sent', 'email-refused']);
    expect(s.events.get(`refused:${s.email.idempotencyKey}`)?.details).toEqual({
      sendKey: s.email.idempotencyKey,
      errorName: 'MessageRejected',
    });
    expect(s.alarms.map((a) => [a.kind, a.errorName, a.urgent])).toEqual([
      ['email-not-sent', 'MessageRejected', false],
    ]);
    expect(JSON.stringify([...s.events.values(), ...s.alarms])).not.toContain(CANARY);
  });

  it('a permanent refusal of an immediate-danger alert raises an urgent alarm, once', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(rejected());
    const s = scene({ how: { stage: 'triage', copies: 2, urgent: true } });

    // Act
    await s.run();
    await s.run();

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(s.alarms.map((a) => [a.kind, a.urgent])).toEqual([['email-not-sent', true]]);
  });

  it('an email with no recipients is recorded as not sent (email-refused, NoRecipients) and alarmed once', async () => {
    // Prepare
    const first = scene();
    const s = scene({ like: { caseId: first.caseId, email: { ...first.email, to: [] } } });

    // Act
    await s.run();
    await s.run();

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect([...s.events.values()].map((e) => [e.type, e.details?.errorName])).toEqual([
      ['escalation-sent', undefined],
      ['email-refused', 'NoRecipients'],
    ]);
    expect(s.alarms.map((a) => [a.kind, a.errorName])).toEqual([['email-not-sent', 'NoRecipients']]);
  });

  it('a claim write whose reply was lost (the SDK retried it) is our own claim: the email is sent, once', async () => {
    // Prepare: the first Put lands, its reply is lost, and the SDK's retry meets its own item
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-6' });
    let lost = false;
    const doc = {
      send: async (command: { constructor: { name: string } }) => {
        if (!lost && command.constructor.name === 'PutCommand') {
          lost = true;
          await table.client.send(command as never);
        }
        return table.client.send(command as never);
      },
    };
    const retried = createDynamoWorkflowStore({ doc: doc as never, tableName: table.tableName });
    const s = scene({ markers: retried });

    // Act
    await s.run();

    // Assess
    expect(lost).toBe(true);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(await s.claim()).toMatchObject({ state: 'sent', copies: 0 });
    expect([...s.events.values()].map((e) => e.type)).toEqual(['escalation-sent']);
  });

  it('a claim that never reached SES (the attempt died before sending) is claimed again: sent once, not maybe sent', async () => {
    // Prepare: the first attempt claims, then dies before marking the claim as sending
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-7' });
    const dying: SendMarkers = {
      claimSend: (c, k, copies, at) => store.claimSend(c, k, copies, at),
      settleSend: async () => {
        throw Object.assign(new Error('Lambda timed out'), { name: 'Sandbox.Timedout' });
      },
    };
    const s = scene({ markers: dying });

    // Act
    const died = await s.run().catch((e: unknown) => e);
    const again = scene({ like: s });
    await again.run();

    // Assess
    expect(String(died)).toMatch(/timed out/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(await s.claim()).toMatchObject({ state: 'sent', copies: 0 });
    expect([...again.events.values()].map((e) => e.type)).toEqual(['escalation-sent']);
    expect(again.alarms).toEqual([]);
  });

  it('an attempt whose claim a later attempt took over cannot move it to sending (ClaimTakenError: the mailer stops before SES)', async () => {
    // Prepare: attempt A has claimed; attempt B (the task retried while A still ran) claims after it
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-8' });
    const s = scene();
    const a = await store.claimSend(s.caseId, s.email.idempotencyKey, 1, new Date());
    const b = await store.claimSend(s.caseId, s.email.idempotencyKey, 1, new Date());

    // Act
    const aSending = await store
      .settleSend(s.caseId, s.email.idempotencyKey, 'sending', a.claim === 'claimed' ? a.token : undefined)
      .catch((e: unknown) => e);
    await store.settleSend(s.caseId, s.email.idempotencyKey, 'sending', b.claim === 'claimed' ? b.token : undefined);

    // Assess
    expect([a.claim, b.claim]).toEqual(['claimed', 'claimed']);
    expect(aSending).toBeInstanceOf(ClaimTakenError);
    expect(await s.claim()).toMatchObject({ state: 'sending', copies: 0 });
  });

  it('an urgent alert that fails for any reason (the claim cannot be written) alarms operations at once', async () => {
    // Prepare
    const down: SendMarkers = {
      claimSend: async () => {
        throw Object.assign(new Error('table down'), { name: 'ProvisionedThroughputExceededException' });
      },
      settleSend: async () => undefined,
    };
    const s = scene({ markers: down, how: { stage: 'triage', copies: 2, urgent: true } });

    // Act
    const thrown = await s.run().catch((e: unknown) => e);

    // Assess
    expect((thrown as Error).name).toBe('ProvisionedThroughputExceededException');
    expect(s.alarms.map((a) => [a.kind, a.urgent, a.errorName])).toEqual([
      ['email-refused', true, 'ProvisionedThroughputExceededException'],
    ]);
  });
});

describe('the SES client: one attempt, a fresh connection each send', () => {
  it('does not reuse a kept-alive socket (a stale one SES closed would read as maybe sent)', async () => {
    // Prepare: an SES stand-in that counts connections
    ses.restore();
    const sockets = new Set<unknown>();
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive' });
      res.end('{"MessageId":"m"}');
    });
    server.on('connection', (c) => sockets.add(c));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = singleAttemptSesClient({
      region: 'eu-west-2',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const command = () =>
      new SendEmailCommand({ FromEmailAddress: 'a@b.org', Destination: { ToAddresses: ['c@d.org'] }, Content: {} });

    // Act
    try {
      await client.send(command());
      await client.send(command());
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      ses.restore();
    }

    // Assess
    expect(sockets.size).toBe(2);
  });
});

describe('the SES fault proxy (test/support/ses-faults.ts)', () => {
  it('refuse mode is connection refused even when another server binds the port the proxy freed', async () => {
    // Prepare: the proxy in pass mode, then refusing, and a parallel worker taking its freed port
    ses.restore();
    const faults = await startSesFaults('http://127.0.0.1:9');
    const freed = Number((await faults.endpoint()).url.port);
    await faults.mode('refuse');
    const squatter = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"MessageId":"squatter"}');
    });
    await new Promise<void>((resolve) => squatter.listen(freed, '127.0.0.1', resolve));
    const client = singleAttemptSesClient({
      region: 'eu-west-2',
      endpoint: faults.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });

    // Act
    const e = await client
      .send(
        new SendEmailCommand({ FromEmailAddress: 'a@b.org', Destination: { ToAddresses: ['c@d.org'] }, Content: {} }),
      )
      .catch((x: unknown) => x)
      .finally(async () => {
        await new Promise((resolve) => squatter.close(resolve));
        await faults.close();
      });

    // Assess
    expect((e as { code?: string }).code).toBe('ECONNREFUSED');
    expect(classifySesFailure(e).kind).toBe('refused');
  });
});
