/**
 * Lifecycle step "Triage": raise the case's alerts (core rules/alerts), bring the running clocks in line
 * with the plan (rules/clock-reconciliation), keep the next deadline for the caseload; all idempotent,
 * and none waits on another's failure (docs/delivery.md). An execution older than HANDOVER_AFTER_DAYS,
 * or past HANDOVER_AFTER_CYCLES cycles, instead starts its continuation (which triages at once).
 */
import { z } from 'zod';
import { keepNextDue, runClockPlan } from '../adapters/lifecycle-effects.js';
import { continuationOf, isDueForHandover } from '../adapters/workflow.js';
import { defaultLifecycleDeps, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { planClocks } from '../core/clock-plan.js';
import { alertsFor } from '../core/rules/alerts.js';
import { sendAlerts } from './alerts.js';

const input = z.object({
  caseId: z.string().min(1),
  associationId: z.string().min(1),
  /** `$$.Execution.Name` and `$$.Execution.StartTime`: when to hand over to a continuation. */
  execution: z.string().min(1).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** `$.loop.cycles`: Triage cycles this execution has run, so a busy case hands over too. */
  cycles: z.number().int().min(0).optional(),
});

/** What the state machine keeps: whether the lifecycle is over or handed over, and the change counter seen. */
export type TriageResult = { closed: boolean; handedOver: boolean; seen: number };

/** The Triage step. */
export async function triage(event: z.infer<typeof input>, d: LifecycleDeps): Promise<TriageResult> {
  const { caseId, associationId } = event;
  // Read the change counter before the case: a change after this read re-runs Triage.
  const record = await d.store.get(caseId);
  const stored = await d.cases.getCase(caseId, 'system');
  const { state, reference } = stored;
  const config = d.config(associationId);
  const now = d.now();
  const open = state.status === 'open';
  if (open && isDueForHandover(event.startedAt, now, event.cycles)) {
    const next = continuationOf(caseId, event.execution ?? caseId) + 1;
    await d.workflow.continueCase(caseId, associationId, next);
    return { closed: false, handedOver: true, seen: record.changeSeq };
  }
  // Alerts and clocks do not wait on each other: mail down must not stop the clocks, nor Step Functions the
  // alerts. Each is idempotent; the first failure fails the step for its Retry, after both were tried.
  const failures: unknown[] = [];
  const tried = (work: Promise<unknown>) => work.catch((e: unknown) => void failures.push(e));
  await tried(sendAlerts(d, { caseId, associationId, reference }, open ? alertsFor(state, config) : [], now));
  // The plan is empty for a case that is not open, so closure stops every clock here too.
  await tried(runClockPlan(d, { caseId, associationId }, planClocks(state, config), record));
  await tried(keepNextDue(d.cases, caseId, config, stored));
  if (failures.length > 0) throw failures[0];
  return { closed: !open, handedOver: false, seen: record.changeSeq };
}

/** The handler over given dependencies (local engine, tests). */
export const createTriageHandler = (deps: LifecycleDeps) => lifecycleLambda('triage', input, () => deps, triage);

/** The deployed handler. */
export const handler = lifecycleLambda('triage', input, defaultLifecycleDeps, triage);
