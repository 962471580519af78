/**
 * The side effects every lifecycle step does the same way: an email sent once per key with the
 * timeline events that record it (each once per id), and the clock executions brought in line with a
 * plan (core rules/clock-reconciliation decides which; this starts, stops and keeps the ledger).
 */
import type { PlannedClock } from '../core/clock-plan.js';
import { reconcileClocks, type ClockLedger, type ClockReconciliation } from '../core/rules/clock-reconciliation.js';
import type { NewEvent } from './case-types.js';
import type { OutgoingEmail } from './mailer.js';
import type { LifecycleDeps } from './workflow-lambda.js';

/** A timeline event the system records, with the fixed id that makes a retry harmless. */
export type SystemEvent = Omit<NewEvent, 'actor' | 'id'> & { id: string };

/** Sends the email (if any, once per key), then records the events in order (once per id). */
export async function notify(d: Pick<LifecycleDeps, 'mailer' | 'cases'>, caseId: string, email: OutgoingEmail | undefined, events: SystemEvent[]): Promise<void> {
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
