/**
 * docs/delivery.md: each email is claimed before SES is called and SES gets one request per claim. A
 * lost answer is "maybe sent": recorded once, operations alarmed once, never resent blindly; an SES
 * refusal releases the claim and fails the step for its Retry; a claim found unsettled (the Lambda died
 * between SES accepting and the sent mark) is maybe sent too. Immediate-danger and high-risk alerts
 * allow one resend: never more than two copies. Real conditional writes (dynalite), SES mocked.
 */

import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifySesFailure, createSesMailer, MailError, type SendMarkers } from '../../functions/adapters/mailer.js';
import { createDynamoWorkflowStore, type WorkflowStore } from '../../functions/adapters/workflow-store.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';
import { CANARY, lostReply, mailScene, refusedConnection } from '../support/mail-scene.js';

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
