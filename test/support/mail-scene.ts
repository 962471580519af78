/**
 * One mail scene for the delivery tests: a fresh case and email, the events notify records, the alarms
 * it raises, `run()` for one step attempt and `claim()` for the claim item as stored.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createInProcessAlarmTopic } from '../../functions/adapters/alarm.js';
import { type NotifyHow, notify } from '../../functions/adapters/lifecycle-effects.js';
import {
  createSesMailer,
  type OutgoingEmail,
  type SendMarkers,
  singleAttemptSesClient,
} from '../../functions/adapters/mailer.js';
import type { NewEvent } from '../../functions/adapters/store/index.js';
import type { WorkflowStore } from '../../functions/adapters/workflow-store.js';
import { keys } from '../../functions/contract/table-layout.js';
import type { TestTable } from './dynalite.js';

export const CANARY = 'canary-recipient-5521@example.org';
/** What the SDK throws when the socket closes after the request went (no HTTP status). */
export const lostReply = () =>
  Object.assign(new Error(`socket hang up ${CANARY}`), { code: 'ECONNRESET', $metadata: {} });
/** What the SDK throws when nothing listens on SES's port: the request never went. */
export const refusedConnection = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', $metadata: {} });

let n = 0;
/** A fresh case, its email, the events notify records, the alarms it raises, and `run()` for one step attempt. */
export function mailScene(
  env: { table: TestTable; store: WorkflowStore },
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
    markers: options.markers ?? env.store,
    now: () => new Date(),
  });
  const d = {
    mailer,
    alarm,
    store: env.store,
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
      await env.table.client.send(
        new GetCommand({ TableName: env.table.tableName, Key: keys.sent(caseId, email.idempotencyKey) }),
      )
    ).Item;
  return { caseId, events, alarms: alarm.raised, run, claim, mailer, email };
}
