/**
 * Fault step: a lifecycle task kept failing after its retries. Record the fault on the case timeline
 * first, then raise the operations alarm on the alarm topic (once per fault run: core `faultRecord`),
 * which does not go through SES: when mail is what fails, both still appear. If the timeline write fails
 * (the table is what fails) the alarm is still raised, then the step fails for its Retry (which does not
 * publish again from the same container: `raiseOnce`). The state machine then tries the step again after
 * a pause. The last fault of a run (`parked`) also records the case or clock as parked
 * (`workflow-parked`) and raises its own alarm, once per parked execution: the execution fails next, and
 * the sweep starts it again.
 */
import * as z from 'zod/mini';
import { caseRepository } from '../adapters/case-parts.js';
import { alarm, fieldCrypto } from '../adapters/lambda-parts.js';
import { raiseOnce } from '../adapters/lifecycle-effects.js';
import { fromEnvironment, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { caseLink, faultRecord, parkedRecord } from '../core/escalation.js';

const input = z.object({
  caseId: z.string().check(z.minLength(1)),
  associationId: z.string().check(z.minLength(1)),
  stage: z.enum(['triage', 'closure', 'clock']),
  key: z.optional(z.string()),
  tier: z.optional(z.number().check(z.int(), z.gte(0))),
  error: z.optional(z.string()),
  /** Faults in a row so far, this one included (the state machine's `$.loop.faults`). */
  faults: z.optional(z.number().check(z.int(), z.gte(1))),
  /** The last fault: the state machine parks this case or clock (its execution fails next). */
  parked: z.optional(z.boolean()),
  /** `$$.Execution.Name` of the parked execution: one parked event per execution. */
  execution: z.optional(z.string().check(z.minLength(1))),
});

/** The RecordFault step. */
export async function recordFault(event: z.infer<typeof input>, d: LifecycleDeps): Promise<{ recorded: true }> {
  const { caseId, associationId, stage } = event;
  const { alarmId, errorName, event: fault } = faultRecord(event, d.now());
  const parked = event.parked ? parkedRecord(event, d.now()) : undefined;
  const events = parked ? [fault, parked] : [fault];
  const unrecorded = await (async () => {
    for (const e of events) await d.cases.appendEvent(caseId, { ...e, actor: 'system' });
  })().then(
    () => undefined,
    (e: unknown) => e,
  );
  // The case itself may be what fails to read: the alarm then names the case id only.
  const reference = await d.cases.getCase(caseId, 'system').then(
    (c) => c.reference,
    () => undefined,
  );
  const { key, tier } = event;
  const link = caseLink(d.consoleUrl, caseId);
  const ids = { associationId, caseId, reference, stage, key, tier, errorName, link };
  if (alarmId) await raiseOnce(d, { id: alarmId, kind: 'workflow-fault', ...ids, urgent: false });
  if (parked) await raiseOnce(d, { id: parked.id, kind: 'workflow-parked', ...ids, urgent: false });
  if (unrecorded !== undefined) throw unrecorded;
  return { recorded: true };
}

/** The handler over given dependencies (local engine, tests). */
export const createRecordFaultHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('record-fault', input, () => deps, recordFault);

/** The deployed handler. */
export const handler = lifecycleLambda(
  'record-fault',
  input,
  fromEnvironment({ cases: caseRepository, fieldCrypto, alarm }),
  recordFault,
);
