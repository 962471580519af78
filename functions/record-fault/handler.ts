/**
 * Fault step: a lifecycle task kept failing after its retries. Record the fault on the case timeline
 * and alert the operations mailbox (once per stage, clock and tier), so a stopped clock is never
 * silent; the state machine then tries the step again later.
 */
import { z } from 'zod';
import { caseLink, clockToken, faultEmail, mailboxesFor } from '../core/escalation.js';
import { defaultLifecycleDeps, lifecycleLambda, type LifecycleDeps } from '../adapters/workflow-lambda.js';

const input = z.object({
  caseId: z.string().min(1),
  associationId: z.string().min(1),
  stage: z.enum(['triage', 'closure', 'clock']),
  key: z.string().optional(),
  tier: z.number().int().min(0).optional(),
  error: z.string().optional(),
});

/** The error class as a plain token; Step Functions' Cause (which may hold a message) is never read. */
function errorClass(error: string | undefined): string {
  const clean = (error ?? 'Error').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 60);
  return clean || 'Error';
}

/** The RecordFault step. */
export async function recordFault(event: z.infer<typeof input>, d: LifecycleDeps): Promise<{ recorded: true }> {
  const { caseId, associationId, stage } = event;
  const config = d.config(associationId);
  const now = d.now();
  const errorName = errorClass(event.error);
  const where = `${stage}:${event.key ? clockToken(event.key) : 'case'}:${event.tier ?? 0}`;
  // The case itself may be what fails to read: the alert then names the case id only.
  const reference = await d.cases.getCase(caseId, 'system').then(
    (c) => c.reference,
    () => undefined,
  );
  await d.mailer.send(caseId, {
    idempotencyKey: `fault:${where}`,
    to: mailboxesFor(config, ['operations']),
    ...faultEmail({ caseId, stage, errorName, link: caseLink(d.consoleUrl, caseId), ...(reference ? { reference } : {}) }),
  });
  const hour = now.toISOString().slice(0, 13);
  await d.cases.appendEvent(caseId, { id: `fault:${where}:${hour}`, type: 'workflow-fault', at: now.toISOString(), actor: 'system', details: { stage, key: event.key, tier: event.tier, errorName } });
  return { recorded: true };
}

/** The handler over given dependencies (local engine, tests). */
export const createRecordFaultHandler = (deps: LifecycleDeps) => lifecycleLambda('record-fault', input, () => deps, recordFault);

/** The deployed handler. */
export const handler = lifecycleLambda('record-fault', input, defaultLifecycleDeps, recordFault);
