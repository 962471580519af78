/**
 * Triage's alerts: each alert the case calls for (core rules/alerts) mailed to its roles once per alert
 * id and recorded on the timeline; immediate danger and high risk delivered as `alertDelivery` says
 * (one resend after a lost SES answer, operations alarmed at once when one cannot go: docs/delivery.md).
 */
import { notify, raiseOnce } from '../adapters/lifecycle-effects.js';
import type { LifecycleDeps } from '../adapters/workflow-lambda.js';
import { alertPendingRecord, caseLink, mailboxesFor } from '../core/escalation.js';
import { alertDelivery, alertEmail, type CaseAlert } from '../core/rules/alerts.js';

/**
 * Tells each alert's roles (once per alert id; immediate danger and high risk as core `alertDelivery`
 * says). Each alert is tried whatever became of the others (a failed immediate-danger alert must not
 * keep the high-risk one from going); the first failure is thrown after all were tried. An alert that
 * cannot go yet is on the timeline and alarmed once (urgent ones were alarmed at once by notify).
 */
export async function sendAlerts(
  d: LifecycleDeps,
  ids: { caseId: string; associationId: string; reference: string },
  alerts: readonly CaseAlert[],
  now: Date,
): Promise<void> {
  const { caseId, associationId, reference } = ids;
  const link = caseLink(d.consoleUrl, caseId);
  const failures: unknown[] = [];
  for (const { id, reason, roles } of alerts) {
    const email = {
      idempotencyKey: id,
      to: mailboxesFor(d.config(associationId), roles),
      ...alertEmail({ reason, reference, link }),
    };
    const sent = { id, type: 'escalation-sent' as const, at: now.toISOString(), details: { reason, roles } };
    const how = { associationId, stage: 'triage', reference, ...alertDelivery(reason) };
    await notify(d, caseId, email, [sent], how).catch(async (e: unknown) => {
      failures.push(e);
      const { event, alarmId, errorName } = alertPendingRecord(id, (e as { name?: string } | null)?.name, now);
      // Best effort: the table or the topic may be what fails; the alert itself is retried either way.
      await d.cases.appendEvent(caseId, { ...event, actor: 'system' }).catch(() => undefined);
      if (!how.urgent) {
        const alarm = {
          id: alarmId,
          kind: 'workflow-fault' as const,
          associationId,
          caseId,
          reference,
          stage: 'triage',
        };
        await raiseOnce(d, { ...alarm, key: id, errorName, link, urgent: false }).catch(() => undefined);
      }
    });
  }
  if (failures.length > 0) throw failures[0];
}
