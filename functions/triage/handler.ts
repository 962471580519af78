/**
 * Lifecycle step "Triage": raise the case's alerts (core rules/alerts), bring the running clocks in line with
 * the plan (rules/clock-reconciliation), keep the next deadline for the caseload; all idempotent, none waiting
 * on another's failure (docs/delivery.md). Past HANDOVER_AFTER_DAYS or _CYCLES it starts its continuation.
 */
import * as z from 'zod/mini';
import { alarm, fieldCrypto, mailer, runtime } from '../adapters/lambda-parts.js';
import { lifecycleCaseCalls } from '../adapters/lifecycle-case-calls.js';
import { keepNextDue, runClockPlan } from '../adapters/lifecycle-effects.js';
import { continuationOf, isDueForHandover } from '../adapters/workflow.js';
import { fromEnvironment, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { planClocks } from '../core/clock-plan.js';
import { alertsFor } from '../core/rules/alerts.js';
import { sendAlerts } from './alerts.js';

const input = z.object({
  caseId: z.string().check(z.minLength(1)),
  associationId: z.string().check(z.minLength(1)),
  /** `$$.Execution.Name` and `$$.Execution.StartTime`: when to hand over to a continuation. */
  execution: z.optional(z.string().check(z.minLength(1))),
  startedAt: z.optional(z.iso.datetime({ offset: true })),
  /** `$.loop.cycles`: Triage cycles this execution has run, so a busy case hands over too. */
  cycles: z.optional(z.number().check(z.int(), z.gte(0))),
});

/** What the state machine keeps; alerts pending (not all went): it waits briefly, then triages again. */
export type TriageResult = { closed: boolean; handedOver: boolean; seen: number; alertsPending: boolean };

/** What a piece of work threw, or undefined when it went through. */
const failureOf = (work: Promise<unknown>) => work.then(() => undefined).catch((error: unknown) => ({ error }));

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
    return { closed: false, handedOver: true, seen: record.changeSeq, alertsPending: false };
  }
  // Mail down must not stop the clocks, nor Step Functions the alerts. Alerts that fail leave the step done
  // but pending (the lifecycle still waits for changes); a clock or next-due failure fails it for its Retry.
  const alerts = open ? alertsFor(state, config) : [];
  // Side by side: a hanging SES must not spend the step's time before the clocks run. The plan is empty
  // for a case that is not open, so closure stops every clock here too.
  const [alertsFailed, clocksFailed] = await Promise.all([
    failureOf(sendAlerts(d, { caseId, associationId, reference }, alerts, now)),
    failureOf(runClockPlan(d, { caseId, associationId }, planClocks(state, config), record)),
  ]);
  await keepNextDue(d.cases, caseId, config, stored);
  if (clocksFailed) throw clocksFailed.error;
  return { closed: !open, handedOver: false, seen: record.changeSeq, alertsPending: alertsFailed !== undefined };
}

/** The handler over given dependencies (local engine, tests). */
export const createTriageHandler = (deps: LifecycleDeps) => lifecycleLambda('triage', input, () => deps, triage);

/** The deployed handler. */
const deployed = fromEnvironment({ cases: lifecycleCaseCalls, fieldCrypto, runtime, mailer, alarm });
export const handler = lifecycleLambda('triage', input, deployed, triage);
