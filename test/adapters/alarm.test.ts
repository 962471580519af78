/**
 * Faults are loud through a path that does not depend on the thing that failed: RecordFault writes
 * the timeline event first, then raises the operations alarm on the alarm topic (SNS in AWS; in one
 * process locally, with an email subscriber), never through the mailer. An alarm carries ids, the
 * stage, the error class and the case link only: no canary string reaches it.
 */

import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createInProcessAlarmTopic, createSnsAlarmTopic, emailSubscriber } from '../../functions/adapters/alarm.js';
import type { NewEvent } from '../../functions/adapters/store/index.js';
import type { LifecycleDeps } from '../../functions/adapters/workflow-lambda.js';
import { alarmWords, type OperationsAlarm } from '../../functions/core/escalation.js';
import { createRecordFaultHandler } from '../../functions/record-fault/handler.js';
import { defined } from '../support/defined.js';

const sns = mockClient(SNSClient);
const sesMock = mockClient(SESv2Client);
afterEach(() => {
  sns.reset();
  sesMock.reset();
});

const CANARIES = ['Zebedee Canaryfield', '17 Canary Wharf Close', 'zebedee.canary@example.org', 'bluecanary'];
const TOPIC = 'arn:aws:sns:eu-west-2:111122223333:Haven-wrekin-operations';

/** RecordFault's deps over a case full of canaries; the mailer fails the test if it is used. */
function faultDeps(
  options: {
    appendFails?: boolean;
    tableDown?: boolean;
    now?: Date;
    topic?: ReturnType<typeof createSnsAlarmTopic>;
  } = {},
) {
  const order: string[] = [];
  const markers = new Set<string>();
  const events: NewEvent[] = [];
  const local = createInProcessAlarmTopic([]);
  const deps = {
    cases: {
      getCase: async () => ({
        reference: 'WR-0042',
        state: { facts: { name: CANARIES[0] } },
        report: { person: { name: CANARIES[0], address: CANARIES[1] }, safeContact: { email: CANARIES[2] } },
      }),
      appendEvent: async (_: string, e: NewEvent) => {
        order.push(`event:${e.type}`);
        if (options.appendFails || options.tableDown)
          throw Object.assign(new Error('table down'), { name: 'ProvisionedThroughputExceeded' });
        events.push(e);
      },
    },
    store: {
      hasMarker: async (c: string, k: string) => {
        if (options.tableDown) throw Object.assign(new Error('table down'), { name: 'ServiceUnavailable' });
        return markers.has(`${c}|${k}`);
      },
      putMarker: async (c: string, k: string) => {
        if (options.tableDown) throw Object.assign(new Error('table down'), { name: 'ServiceUnavailable' });
        markers.add(`${c}|${k}`);
      },
    },
    mailer: {
      send: async () => {
        throw new Error('RecordFault must not send mail');
      },
    },
    alarm: {
      raise: async (a: OperationsAlarm) => {
        order.push(`alarm:${a.kind}`);
        await (options.topic ?? local).raise(a);
      },
    },
    config: getAssociation,
    now: () => options.now ?? new Date('2026-06-01T10:00:00.000Z'),
    consoleUrl: 'https://haven.example.org/console',
  } as unknown as LifecycleDeps;
  return { deps, order, events, raised: local.raised, markers };
}

const fault = {
  caseId: 'case-7',
  associationId: 'wrekin',
  stage: 'clock',
  key: 'initialContact@2026-06-02T09:00:00.000Z',
  tier: 1,
  error: 'MailError',
};

describe('RecordFault: the timeline first, then the alarm topic (never the mailer)', () => {
  it('records the workflow-fault event, then raises the alarm once for the fault run, however often it runs', async () => {
    // Prepare
    const f = faultDeps();
    const handler = createRecordFaultHandler(f.deps);

    // Act
    await handler(fault);
    await handler(fault);

    // Assess
    expect(f.order).toEqual(['event:workflow-fault', 'alarm:workflow-fault', 'event:workflow-fault']);
    expect(f.raised).toEqual([
      {
        id: 'fault:clock:initialContact:2026-06-02T09:00:00.000Z:1:2026-06-01T10',
        kind: 'workflow-fault',
        associationId: 'wrekin',
        caseId: 'case-7',
        reference: 'WR-0042',
        stage: 'clock',
        key: fault.key,
        tier: 1,
        errorName: 'MailError',
        link: 'https://haven.example.org/console/case.html?id=case-7',
        urgent: false,
      },
    ]);
  });

  it('when the timeline write is what fails, the alarm is still raised, then the step fails for its Retry', async () => {
    // Prepare
    const f = faultDeps({ appendFails: true });

    // Act
    const thrown = await createRecordFaultHandler(f.deps)(fault).catch((e: unknown) => e);

    // Assess
    expect(f.order).toEqual(['event:workflow-fault', 'alarm:workflow-fault']);
    expect(f.raised).toHaveLength(1);
    expect((thrown as Error).name).toBe('ProvisionedThroughputExceeded');
  });

  it('the table down: the Retry of RecordFault (5 attempts, the marker unreadable) publishes the alarm once', async () => {
    // Prepare
    const f = faultDeps({ tableDown: true });
    const handler = createRecordFaultHandler(f.deps);

    // Act
    const thrown: unknown[] = [];
    for (let attempt = 0; attempt < 6; attempt++) thrown.push(await handler(fault).catch((e: unknown) => e));

    // Assess
    expect(thrown.every((e) => (e as Error).name === 'ProvisionedThroughputExceeded')).toBe(true);
    expect(f.raised.map((a) => a.kind)).toEqual(['workflow-fault']);
  });

  it('a fault run alarms once: its later faults raise nothing, and a new run months later (or after a restart) alarms again', async () => {
    // Prepare
    const f = faultDeps();
    const later = faultDeps({ now: new Date('2026-11-01T10:00:00.000Z') });
    const run = (faults: number, deps = f.deps) =>
      createRecordFaultHandler(deps)({ ...fault, faults, execution: 'case-7-clock-1' });

    // Act
    for (const faults of [1, 2, 3, 4]) await run(faults);
    for (const m of f.markers) later.markers.add(m); // the same table, months later
    await run(1, later.deps);
    await run(2, later.deps);

    // Assess
    expect(f.raised.map((a) => a.id)).toEqual([
      'fault:clock:initialContact:2026-06-02T09:00:00.000Z:1:case-7-clock-1:2026-06-01T10',
    ]);
    expect(later.raised.map((a) => a.id)).toEqual([
      'fault:clock:initialContact:2026-06-02T09:00:00.000Z:1:case-7-clock-1:2026-11-01T10',
    ]);
  });

  it('parking raises its own alarm naming the case, once per parked execution', async () => {
    // Prepare
    const f = faultDeps();
    const handler = createRecordFaultHandler(f.deps);
    const parked = { ...fault, faults: 8, parked: true, execution: 'case-7-clock-1' };

    // Act
    await handler(parked);
    await handler(parked);
    await handler({ ...parked, execution: 'case-7-clock-2' });

    // Assess
    expect(f.raised.map((a) => [a.kind, a.id, a.reference])).toEqual([
      ['workflow-parked', 'parked:case-7-clock-1', 'WR-0042'],
      ['workflow-parked', 'parked:case-7-clock-2', 'WR-0042'],
    ]);
    const words = alarmWords(defined(f.raised[0], 'the parked alarm'));
    expect(words.subject).toBe('Haven workflow parked: case WR-0042');
  });

  it('the SNS alarm names the association, case id, reference, stage, clock, error class and link, and no canary', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const topic = createSnsAlarmTopic({ client: new SNSClient({ region: 'eu-west-2' }), topicArn: TOPIC });
    const f = faultDeps({ topic });

    // Act
    await createRecordFaultHandler(f.deps)(fault);

    // Assess
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = defined(calls[0], 'the publish').args[0].input;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe('Haven workflow fault: case WR-0042');
    for (const part of ['wrekin', 'case-7', 'clock', 'initialContact@2026-06-02T09:00:00.000Z', 'MailError'])
      expect(input.Message).toContain(part);
    expect(input.Message).toContain('https://haven.example.org/console/case.html?id=case-7');
    const text = JSON.stringify([input, f.events]).toLowerCase();
    for (const c of CANARIES) expect(text).not.toContain(c.toLowerCase());
  });
});

describe('the in-process alarm topic (one machine)', () => {
  const alarm: OperationsAlarm = {
    id: 'email-maybe-sent:escalation:k:0',
    kind: 'email-maybe-sent',
    associationId: 'wrekin',
    caseId: 'case-9',
    stage: 'clock',
    key: 'escalation:k:0',
    errorName: 'ECONNRESET',
    link: 'https://haven.example.org/console/case.html?id=case-9',
    urgent: true,
  };

  it("keeps every alarm raised and emails the association's operations mailbox", async () => {
    // Prepare
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'm' });
    const mailboxOf = (id: string) => getAssociation(id).escalation.mailboxes.operations;
    const client = new SESv2Client({ region: 'eu-west-2' });
    const topic = createInProcessAlarmTopic([emailSubscriber({ client, from: 'haven@haven.local', mailboxOf })]);

    // Act
    await topic.raise(alarm);

    // Assess
    expect(topic.raised).toEqual([alarm]);
    const sent = sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sent.map((i) => i.Destination?.ToAddresses)).toEqual([
      [getAssociation('wrekin').escalation.mailboxes.operations],
    ]);
    expect(sent[0]?.Content?.Simple?.Subject?.Data).toBe('URGENT: Haven email maybe not delivered: case id case-9');
  });

  it('a subscriber that fails (mail down) does not fail the raise: the alarm stays listed', async () => {
    // Prepare
    sesMock.on(SendEmailCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const client = new SESv2Client({ region: 'eu-west-2' });
    const topic = createInProcessAlarmTopic([
      emailSubscriber({ client, from: 'h@h.local', mailboxOf: () => 'ops@x.org' }),
    ]);

    // Act
    await topic.raise(alarm);

    // Assess
    expect(topic.raised).toHaveLength(1);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});
