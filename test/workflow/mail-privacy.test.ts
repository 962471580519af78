/**
 * CONTRIBUTING "Personal data never appears in logs … or error messages": SES names the recipient in
 * some refusals (sandbox "Email address is not verified … : <address>"), and Close mails the victim's
 * safe-contact address (003 feedback). A refused send must fail the task (so the ASL's Retry/Catch
 * run) under a stable error name, with no address in the thrown error, the Lambda "Invoke Error"
 * line, the Step Functions cause or any log line.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';

import { readFileSync } from 'node:fs';
import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import {
  createSesMailer,
  MailError,
  type SendMarkers,
  singleAttemptSesClient,
} from '../../functions/adapters/mailer.js';
import type { LifecycleDeps } from '../../functions/adapters/workflow-lambda.js';
import { createCloseCaseHandler } from '../../functions/close-case/handler.js';
import { captureOutput } from '../handlers/harness.js';
import { defined } from '../support/defined.js';

const CANARY = 'canary-victim-7731@example.org';
const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

const markers = (): SendMarkers & { keys: Set<string> } => {
  const keys = new Set<string>();
  return {
    keys,
    claimSend: async (c, k) => (keys.has(`${c}|${k}`) ? { claim: 'sent' } : { claim: 'claimed' }),
    settleSend: async (c, k, how) => {
      if (how === 'sent') keys.add(`${c}|${k}`);
    },
  };
};
const mailer = (m = markers()) =>
  createSesMailer({
    client: singleAttemptSesClient({ region: 'eu-west-2' }),
    from: 'haven@haven.example.org',
    markers: m,
    now: () => new Date(),
  });
const rejected = () =>
  new MessageRejected({
    message: `Email address is not verified. The following identities failed the check in region EU-WEST-2: ${CANARY}`,
    $metadata: { httpStatusCode: 400 },
  });

/** SES failing for now (a 500), with a message that names the recipient. */
const refusedForNow = () =>
  Object.assign(new Error(`Internal failure sending to ${CANARY}`), {
    name: 'InternalFailure',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });

/** Everything written to stdout, stderr and the console while `fn` runs; what it throws is dropped. */
const capture = async (fn: () => Promise<unknown>): Promise<string> =>
  (await captureOutput(() => fn().catch(() => undefined))).output;

/** What the Node Lambda runtime writes and returns for a thrown error (errorType, errorMessage, trace). */
const invokeError = (e: Error) =>
  JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: String(e.stack).split('\n') });

describe('mail failures carry no address', () => {
  it('003 feedback: an SES refusal for good naming the recipient is refused with the SDK class only, not resent', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(rejected());
    const m = markers();

    // Act
    const out = await mailer(m).send('case-1', { idempotencyKey: 'feedback', to: [CANARY], subject: 's', text: 't' });

    // Assess
    expect(out).toEqual({ outcome: 'refused', errorName: 'MessageRejected' });
    expect(JSON.stringify(out)).not.toContain(CANARY);
    expect(m.keys.size).toBe(0); // not marked sent
  });

  it('003 feedback: an SES refusal for now naming the recipient throws MailError with the SDK class only', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(refusedForNow());
    const m = markers();

    // Act
    const e = await mailer(m)
      .send('case-1', { idempotencyKey: 'feedback', to: [CANARY], subject: 's', text: 't' })
      .catch((x: unknown) => x);

    // Assess
    expect(e).toBeInstanceOf(MailError);
    expect((e as MailError).name).toBe('MailError');
    expect((e as MailError).message).toBe('SES refused the message (InternalFailure)');
    expect((e as MailError).retryable).toBe(true);
    expect((e as Error).cause).toBeUndefined();
    expect(invokeError(e as Error)).not.toContain(CANARY);
    expect(m.keys.size).toBe(0); // not marked sent: a retry sends again
  });

  it('throttling stays retryable', async () => {
    // Prepare
    ses
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: `slow down ${CANARY}`, $metadata: { httpStatusCode: 429 } }));

    // Act
    const e = (await mailer()
      .send('case-1', { idempotencyKey: 'k', to: [CANARY], subject: 's', text: 't' })
      .catch((x: unknown) => x)) as MailError;

    // Assess
    expect(e).toBeInstanceOf(MailError);
    expect(e.retryable).toBe(true);
    expect(e.message).toBe('SES refused the message (TooManyRequestsException)');
  });

  it('003 feedback via Close: the task fails as MailError, and no log line, Invoke Error or SFN cause names the victim', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(refusedForNow());
    const deps = {
      store: { get: async () => ({ clocks: {}, stopped: {} }), setClocks: async () => true },
      workflow: { stopClock: async () => undefined },
      cases: {
        getCase: async () => ({
          state: { status: 'closed', closedAt: '2026-11-20T10:00:00.000Z', facts: {} },
          report: { safeContact: { method: 'email', email: CANARY } },
          contactPlans: [
            {
              version: 1,
              noDirectContact: false,
              ways: [
                {
                  way: 'email',
                  email: CANARY,
                  windows: [],
                  voicemailSafe: false,
                  mayIdentifyUs: true,
                  mayBeWatched: false,
                },
              ],
              agreedWith: 'victim',
              agreedAt: '2026-11-01T10:00:00.000Z',
              recordedAt: '2026-11-01T10:00:00.000Z',
              recordedBy: 'report',
              source: 'report',
            },
          ],
        }),
        appendEvent: async () => undefined,
        setNextDueAt: async () => undefined,
      },
      mailer: mailer(),
      config: getAssociation,
      now: () => new Date('2026-11-25T10:00:00.000Z'),
      consoleUrl: 'https://haven.example.org/console',
    } as unknown as LifecycleDeps;
    expect(getAssociation('wrekin').feedbackAfterClosure).toBe(true);

    // Act
    let thrown: unknown;
    const logs = await capture(async () => {
      thrown = await createCloseCaseHandler(deps)({ caseId: 'case-1', associationId: 'wrekin' }).catch(
        (x: unknown) => x,
      );
    });

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(thrown).toBeInstanceOf(Error);
    const e = thrown as Error;
    expect(e.name).toBe('MailError');
    expect(e.message).toBe('SES refused the message (InternalFailure)');
    expect(logs).toContain('lifecycle step failed');
    // Lambda's Invoke Error line and the TaskFailed cause ($.fault.Cause, RecordFault's input) are this.
    for (const text of [logs, invokeError(e), JSON.stringify({ Error: e.name, Cause: invokeError(e) })])
      expect(text).not.toContain(CANARY);

    // Close's Retry/Catch still match: a task error name (not States.*) is matched by TaskFailed and ALL.
    const asl = JSON.parse(readFileSync('statemachines/case-lifecycle.asl.json', 'utf8')) as {
      States: Record<string, { Retry?: { ErrorEquals: string[] }[]; Catch?: { ErrorEquals: string[] }[] }>;
    };
    expect(e.name.startsWith('States.')).toBe(false);
    const close = defined(asl.States.Close, 'the Close state');
    expect(
      close.Retry?.some((r) => r.ErrorEquals.includes('States.TaskFailed') || r.ErrorEquals.includes(e.name)),
    ).toBe(true);
    expect(close.Catch?.some((c) => c.ErrorEquals.includes('States.ALL') || c.ErrorEquals.includes(e.name))).toBe(true);
  });

  it('an upstream error with a personal message leaves the wrapper as its class and fixed words', async () => {
    // Prepare
    const corrupt = async () => {
      throw Object.assign(new Error(`item for ${CANARY} is corrupt`), { name: 'ValidationException' });
    };
    const deps = { store: { get: corrupt }, cases: { getCase: corrupt } } as unknown as LifecycleDeps;

    // Act
    let thrown: unknown;
    const logs = await capture(async () => {
      thrown = await createCloseCaseHandler(deps)({ caseId: 'case-1', associationId: 'wrekin' }).catch(
        (x: unknown) => x,
      );
    });

    // Assess
    const e = thrown as Error;
    expect(e.name).toBe('ValidationException');
    expect(e.message).toBe('lifecycle step close-case failed (ValidationException)');
    for (const text of [logs, invokeError(e)]) expect(text).not.toContain(CANARY);
  });
});
