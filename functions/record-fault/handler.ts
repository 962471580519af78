/**
 * Fault step: a lifecycle task kept failing after its retries. Record the fault on the case timeline
 * and alert the operations mailbox (once per stage, clock and tier), so a stopped clock is never
 * silent; the state machine then tries the step again after a pause. The last fault of a run (`parked`)
 * also records the case or clock as parked (`workflow-parked`): the execution fails next, and the sweep
 * starts it again.
 */
import { z } from 'zod';
import { notify } from '../adapters/lifecycle-effects.js';
import { defaultLifecycleDeps, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { caseLink, faultEmail, faultRecord, mailboxesFor } from '../core/escalation.js';

const input = z.object({
  caseId: z.string().min(1),
  associationId: z.string().min(1),
  stage: z.enum(['triage', 'closure', 'clock']),
  key: z.string().optional(),
  tier: z.number().int().min(0).optional(),
  error: z.string().optional(),
  /** Faults in a row so far, this one included (the state machine's `$.loop.faults`). */
  faults: z.number().int().min(1).optional(),
  /** The last fault: the state machine parks this case or clock (its execution fails next). */
  parked: z.boolean().optional(),
  /** `$$.Execution.Name` of the parked execution: one parked event per execution. */
  execution: z.string().min(1).optional(),
});

/** The RecordFault step. */
export async function recordFault(event: z.infer<typeof input>, d: LifecycleDeps): Promise<{ recorded: true }> {
  const { caseId, associationId, stage } = event;
  const config = d.config(associationId);
  const { sendKey, errorName, event: fault } = faultRecord(event, d.now());
  // The case itself may be what fails to read: the alert then names the case id only.
  const reference = await d.cases.getCase(caseId, 'system').then(
    (c) => c.reference,
    () => undefined,
  );
  const link = caseLink(d.consoleUrl, caseId);
  const words = faultEmail({ caseId, stage, errorName, link, ...(reference ? { reference } : {}) });
  const events = event.parked ? [fault, parkedRecord(event, d.now())] : [fault];
  await notify(d, caseId, { idempotencyKey: sendKey, to: mailboxesFor(config, ['operations']), ...words }, events);
  return { recorded: true };
}

/** The `workflow-parked` timeline event: ids and stage only, once per parked execution. */
function parkedRecord(event: z.infer<typeof input>, now: Date) {
  const { stage, key, tier, execution } = event;
  return {
    id: `parked:${execution ?? `${stage}:${key ?? 'case'}:${tier ?? 0}`}`,
    type: 'workflow-parked' as const,
    at: now.toISOString(),
    details: {
      stage,
      ...(key ? { key } : {}),
      ...(tier !== undefined ? { tier } : {}),
      ...(execution ? { execution } : {}),
    },
  };
}

/** The handler over given dependencies (local engine, tests). */
export const createRecordFaultHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('record-fault', input, () => deps, recordFault);

/** The deployed handler. */
export const handler = lifecycleLambda('record-fault', input, defaultLifecycleDeps, recordFault);
