/**
 * The side effects the lifecycle steps do the same way: an email sent once per key with the timeline
 * events that record it (each once per id); the clock executions brought in line with a plan (core
 * rules/clock-reconciliation decides which; this starts, stops and keeps the ledger); and the case's
 * clear next deadline kept in step with the plan for the caseload.
 */
import type { AssociationConfig } from '../core/association.js';
import { nextDeadline, type PlannedClock, planClocks } from '../core/clock-plan.js';
import { type ClockLedger, type ClockReconciliation, reconcileClocks } from '../core/rules/clock-reconciliation.js';
import { ConflictError } from './errors.js';
import type { OutgoingEmail } from './mailer.js';
import { type NewEvent, nextDueFields } from './store/index.js';
import type { LifecycleCases, LifecycleDeps } from './workflow-lambda.js';

/** A timeline event the system records, with the fixed id that makes a retry harmless. */
export type SystemEvent = Omit<NewEvent, 'actor' | 'id'> & { id: string };

/** Sends the email (if any, once per key), then records the events in order (once per id). */
export async function notify(
  d: Pick<LifecycleDeps, 'mailer' | 'cases'>,
  caseId: string,
  email: OutgoingEmail | undefined,
  events: SystemEvent[],
): Promise<void> {
  if (email) await d.mailer.send(caseId, email);
  for (const e of events) await d.cases.appendEvent(caseId, { ...e, actor: 'system' });
}

/** Starts the planned clocks not running, then stops the running ones not planned, and records what runs. */
export async function runClockPlan(
  d: Pick<LifecycleDeps, 'workflow' | 'store'>,
  ids: { caseId: string; associationId: string },
  plan: readonly PlannedClock[],
  ledger: ClockLedger,
): Promise<ClockReconciliation> {
  const r = reconcileClocks(plan, ledger);
  for (const c of r.start) await d.workflow.startClock({ ...ids, ...c });
  for (const c of r.stop) await d.workflow.stopClock(ids.caseId, c.key, c.generation);
  await d.store.setClocks(ids.caseId, r.clocks, r.stopped);
  return r;
}

/** Attempts at writing the next deadline when staff writes keep landing first. */
const DEADLINE_ATTEMPTS = 5;

/**
 * Sets the case's next deadline (nextDueAt, with the clock and duty keeping it) to the earliest its plan
 * keeps (removed when none), writing only when it differs, at the version read. A staff write that lands
 * first is never overwritten: the case is read again and the deadline computed from what it now is.
 */
export async function keepNextDue(
  cases: LifecycleCases,
  caseId: string,
  config: AssociationConfig,
  read: Awaited<ReturnType<LifecycleCases['getCase']>>,
): Promise<void> {
  let current = read;
  for (let attempt = 1; ; attempt++) {
    const next = nextDeadline(planClocks(current.state, config));
    // Compared field by field, so a case stored before the clock name was kept gets it on its next triage.
    const stored = nextDueFields(next);
    if (
      stored.nextDueAt === current.nextDueAt &&
      stored.nextDueClock === current.nextDueClock &&
      stored.nextDueDuty === current.nextDueDuty
    )
      return;
    try {
      await cases.setNextDueAt(caseId, current.version, next);
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= DEADLINE_ATTEMPTS) throw e;
      current = await cases.getCase(caseId, 'system');
    }
  }
}
