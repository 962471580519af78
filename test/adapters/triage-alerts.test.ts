/**
 * Triage's alerts are tried one by one, each whatever became of the others: a failed immediate-danger
 * alert does not keep the high-risk alert from going in the same Triage; the first failure fails the
 * step after all were tried (docs/delivery.md).
 */
import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createInProcessAlarmTopic } from '../../functions/adapters/alarm.js';
import type { Mailer } from '../../functions/adapters/mailer.js';
import type { NewEvent } from '../../functions/adapters/store/index.js';
import type { LifecycleDeps } from '../../functions/adapters/workflow-lambda.js';
import type { CaseAlert } from '../../functions/core/rules/alerts.js';
import { sendAlerts } from '../../functions/triage/alerts.js';

describe('triage alerts: each tried independently', () => {
  it('a failed immediate-danger alert does not stop the high-risk alert; the first failure is thrown after both', async () => {
    // Prepare
    const tried: string[] = [];
    const events: NewEvent[] = [];
    const mailer: Mailer = {
      send: async (_caseId, email) => {
        tried.push(email.idempotencyKey);
        if (email.idempotencyKey.startsWith('alert:immediate-danger'))
          throw Object.assign(new Error('table down'), { name: 'ServiceUnavailable' });
        return { outcome: 'sent' };
      },
    };
    const alarm = createInProcessAlarmTopic([]);
    const d = {
      mailer,
      alarm,
      store: { hasMarker: async () => false, putMarker: async () => undefined },
      cases: { appendEvent: async (_: string, e: NewEvent) => void events.push(e) },
      config: getAssociation,
      now: () => new Date('2026-06-01T09:00:00.000Z'),
      consoleUrl: 'https://haven.example.org/console',
    } as unknown as LifecycleDeps;
    const alerts: CaseAlert[] = [
      { id: 'alert:immediate-danger:2026-06-01T08:00:00.000Z', reason: 'immediate-danger', roles: ['line-manager'] },
      { id: 'alert:high-risk:2026-06-01T08:00:00.000Z', reason: 'high-risk', roles: ['line-manager'] },
    ];

    // Act
    const thrown = await sendAlerts(
      d,
      { caseId: 'c-1', associationId: 'wrekin', reference: 'WR-1' },
      alerts,
      d.now(),
    ).catch((e: unknown) => e);

    // Assess
    expect((thrown as Error).name).toBe('ServiceUnavailable');
    expect(tried).toEqual(alerts.map((a) => a.id));
    // the alert held up is on the timeline (once), the other sent
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['workflow-fault', `fault:alert:${alerts[0]?.id}`],
      ['escalation-sent', alerts[1]?.id],
    ]);
    expect(alarm.raised.map((a) => [a.kind, a.key, a.urgent])).toEqual([['email-refused', alerts[0]?.id, true]]);
  });
});
