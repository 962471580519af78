/**
 * docs/delivery.md: each email is claimed before SES is called and SES gets one request per claim. A
 * lost answer is "maybe sent": recorded once, operations alarmed once, never resent blindly; an SES
 * refusal releases the claim and fails the step for its Retry; a claim found unsettled (the Lambda died
 * between SES accepting and the sent mark) is maybe sent too. Immediate-danger and high-risk alerts
 * allow one resend: never more than two copies. Real conditional writes (dynalite), SES mocked.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessAlarmTopic } from '../../functions/adapters/alarm.js';
import { type NotifyHow, notify } from '../../functions/adapters/lifecycle-effects.js';
import {
  ClaimTakenError,
  classifySesFailure,
  createSesMailer,
  MailError,
  type OutgoingEmail,
  type SendMarkers,
  singleAttemptSesClient,
} from '../../functions/adapters/mailer.js';
import type { NewEvent } from '../../functions/adapters/store/index.js';
import { createDynamoWorkflowStore, type WorkflowStore } from '../../functions/adapters/workflow-store.js';
import { keys } from '../../functions/contract/table-layout.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';

const ses = mockClient(SESv2Client);
let table: TestTable;
let store: WorkflowStore;
beforeAll(async () => {
  table = await startTestTable();
  store = createDynamoWorkflowStore({ doc: table.client, tableName: table.tableName });
}, 30_000);
afterAll(async () => table?.stop());
afterEach(() => ses.reset());

const CANARY = 'canary-recipient-5521@example.org';
/** What the SDK throws when the socket closes after the request went (no HTTP status). */
const lostReply = () => Object.assign(new Error(`socket hang up ${CANARY}`), { code: 'ECONNRESET', $metadata: {} });
/** What the SDK throws when nothing listens on SES's port: the request never went. */
const refusedConnection = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', $metadata: {} });

let n = 0;
/** A fresh case, its email, the events notify records, the alarms it raises, and `run()` for one step attempt. */
function scene(
  options: { how?: Partial<NotifyHow>; markers?: SendMarkers; like?: { caseId: string; email: OutgoingEmail } } = {},
) {
  n += 1;
  const caseId = options.like?.caseId ?? `case-${n}-${Date.now()}`;
  const email: OutgoingEmail = options.like?.email ?? {
    idempotencyKey: `escalation:k${n}:0`,
    to: [CANARY],
    subject: 'Overdue',
    text: 'x',
  };
  const events = new Map<string, NewEvent>();
  const alarm = createInProcessAlarmTopic([]);
  const mailer = createSesMailer({
    client: singleAttemptSesClient({ region: 'eu-west-2' }),
    from: 'haven@haven.example.org',
    markers: options.markers ?? store,
    now: () => new Date(),
  });
  const d = {
    mailer,
    alarm,
    store,
    now: () => new Date('2026-06-01T09:00:00.000Z'),
    consoleUrl: 'https://haven.example.org/console',
    cases: {
      appendEvent: async (_: string, e: NewEvent & { id: string }) => {
        if (!events.has(e.id)) events.set(e.id, e);
      },
    } as never,
  };
  const how: NotifyHow = { associationId: 'one-manchester', stage: 'clock', reference: 'OM-1', ...options.how };
  const sent = { id: email.idempotencyKey, type: 'escalation-sent' as const, at: '2026-06-01T09:00:00.000Z' };
  const run = () => notify(d, caseId, email, [sent], how);
  const claim = async () =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: keys.sent(caseId, email.idempotencyKey) }),
      )
    ).Item;
  return { caseId, events, alarms: alarm.raised, run, claim, mailer, email };
}

describe('email delivery: a claim before SES, one request per claim (docs/delivery.md)', () => {
  it('a lost SES answer: one request, the email recorded as maybe sent once, operations alarmed once, no resend on retry', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(lostReply());
    const s = scene();

    // Act
    await s.run();
    await s.run(); // the step run again (its Retry, or the fault loop)

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect([...s.events.values()].map((e) => e.type)).toEqual(['escalation-sent', 'email-maybe-sent']);
    expect(s.events.get(`maybe-sent:${s.email.idempotencyKey}`)?.details).toEqual({
      sendKey: s.email.idempotencyKey,
      errorName: 'ECONNRESET',
    });
    expect(s.alarms.map((a) => [a.kind, a.caseId, a.key, a.urgent])).toEqual([
      ['email-maybe-sent', s.caseId, s.email.idempotencyKey, false],
    ]);
    expect(JSON.stringify([...s.events.values(), ...s.alarms])).not.toContain(CANARY);
    expect(await s.claim()).toMatchObject({ state: 'uncertain', copies: 1 });
  });

  it('an SES refusal (throttled): the claim is released, the error is retryable, and the next attempt sends once', async () => {
    // Prepare
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: `slow down ${CANARY}`, $metadata: { httpStatusCode: 429 } }))
      .resolves({ MessageId: 'm-1' });
    const s = scene();

    // Act
    const first = await s.run().catch((e: unknown) => e);

    // Assess
    expect(first).toBeInstanceOf(MailError);
    expect((first as MailError).retryable).toBe(true);
    expect((first as MailError).message).not.toContain(CANARY);
    expect(await s.claim()).toMatchObject({ state: 'released', copies: 0 });
    expect(s.events.size).toBe(0);

    // Act
    await s.run();
    await s.run();

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    expect(await s.claim()).toMatchObject({ state: 'sent' });
    expect([...s.events.values()].map((e) => e.type)).toEqual(['escalation-sent']);
    expect(s.alarms).toEqual([]);
  });

  it('SES unreachable (connection refused) is a refusal: nothing went, so the claim is released and the next attempt sends', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejectsOnce(refusedConnection()).resolves({ MessageId: 'm-2' });
    const s = scene();

    // Act
    const first = await s.run().catch((e: unknown) => e);
    await s.run();

    // Assess
    expect((first as MailError).sdkError).toBe('ECONNREFUSED');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    expect(await s.claim()).toMatchObject({ state: 'sent', copies: 0 });
  });

  it('a crash between SES accepting and the sent mark: the retry sends nothing and records the email as maybe sent', async () => {
    // Prepare: the sent mark is never written (the Lambda died after SES answered)
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-3' });
    const crashing: SendMarkers = {
      claimSend: (c, k, copies, at) => store.claimSend(c, k, copies, at),
      settleSend: async (c, k, how, token) => {
        if (how === 'sent') throw Object.assign(new Error('Lambda timed out'), { name: 'Sandbox.Timedout' });
        await store.settleSend(c, k, how, token);
      },
    };
    const s = scene({ markers: crashing });

    // Act
    const crashed = await s.run().catch((e: unknown) => e);
    const retried = scene({ like: s }); // the retry runs in a new container, with the real markers
    await retried.run();
    await retried.run();

    // Assess
    expect(String(crashed)).toMatch(/timed out/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(await s.claim()).toMatchObject({ state: 'uncertain', copies: 1 });
    expect(retried.events.get(`maybe-sent:${s.email.idempotencyKey}`)?.details).toMatchObject({
      errorName: 'Interrupted',
    });
    expect(retried.alarms.map((a) => a.kind)).toEqual(['email-maybe-sent']);
  });

  it('immediate danger and high risk: one resend after a lost answer, never more than two copies, operations alarmed at once as urgent', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(lostReply());
    const s = scene({ how: { stage: 'triage', copies: 2, urgent: true } });

    // Act
    await s.run();
    await s.run();

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    expect(await s.claim()).toMatchObject({ state: 'uncertain', copies: 2 });
    expect(s.alarms.map((a) => [a.kind, a.urgent])).toEqual([['email-maybe-sent', true]]);
  });

  it('immediate danger: a lost answer then an accepted resend is sent (two requests, no alarm)', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejectsOnce(lostReply()).resolves({ MessageId: 'm-4' });
    const s = scene({ how: { stage: 'triage', copies: 2, urgent: true } });

    // Act
    await s.run();

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    expect(await s.claim()).toMatchObject({ state: 'sent', copies: 1 });
    expect([...s.events.values()].map((e) => e.type)).toEqual(['escalation-sent']);
    expect(s.alarms).toEqual([]);
  });

  it('immediate danger: an alert SES refuses for now alarms operations at once (urgent, once), then fails the step for its Retry', async () => {
    // Prepare
    ses
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: `slow down: ${CANARY}`, $metadata: { httpStatusCode: 429 } }));
    const s = scene({ how: { stage: 'triage', copies: 2, urgent: true } });

    // Act
    const thrown = [await s.run().catch((e: unknown) => e), await s.run().catch((e: unknown) => e)];

    // Assess
    for (const e of thrown) expect(e).toBeInstanceOf(MailError);
    expect(s.alarms.map((a) => [a.kind, a.urgent, a.errorName])).toEqual([
      ['email-refused', true, 'TooManyRequestsException'],
    ]);
    expect(JSON.stringify(s.alarms)).not.toContain(CANARY);
  });

  it('a client that retries by itself is refused: one claim must be one SES request', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-5' });
    const s = scene();
    const retrying = createSesMailer({
      client: new SESv2Client({ region: 'eu-west-2' }),
      from: 'haven@haven.example.org',
      markers: store,
      now: () => new Date(),
    });

    // Act
    const e = await retrying.send(s.caseId, s.email).catch((x: unknown) => x);

    // Assess
    expect(String(e)).toMatch(/one attempt per send/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

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

  it('an attempt whose claim a later attempt took over does not call SES', async () => {
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

describe('what an SES failure means: nothing went, or it may have gone', () => {
  const status = (name: string, httpStatusCode: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });
  const network = (code: string, name = 'Error', message = code) =>
    Object.assign(new Error(message), { name, code, $metadata: {} });
  const cases: [string, unknown, string][] = [
    ['SES refused the message (400)', status('MessageRejected', 400), 'refused'],
    ['SES throttled (429)', status('TooManyRequestsException', 429), 'refused'],
    ['SES failed (500)', status('InternalFailure', 500), 'refused'],
    ['connection refused', network('ECONNREFUSED'), 'refused'],
    ['SES host not found', network('ENOTFOUND'), 'refused'],
    [
      'no credentials (raised before any request)',
      Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
      'refused',
    ],
    ['no endpoint (raised before any request)', Object.assign(new Error('x'), { name: 'EndpointError' }), 'refused'],
    [
      'timed out connecting',
      Object.assign(new Error('the request socket did not establish a connection with the server within 3000 ms'), {
        name: 'TimeoutError',
      }),
      'refused',
    ],
    ['connection reset after the request went', network('ECONNRESET'), 'no-answer'],
    [
      'the request timed out waiting for the answer',
      network('ETIMEDOUT', 'TimeoutError', 'exceeded requestTimeout'),
      'no-answer',
    ],
    ['aborted', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'no-answer'],
    ['anything else without a status', new Error('odd'), 'no-answer'],
    ['an answer of 200 whose body did not parse (it was sent)', status('SyntaxError', 200), 'accepted'],
  ];
  for (const [what, error, kind] of cases)
    it(`${what}: ${kind}`, () => {
      // Act
      const out = classifySesFailure(error);

      // Assess
      expect(out.kind).toBe(kind);
    });
});
