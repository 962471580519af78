/**
 * Keeps a case's clear next deadline (nextDueAt, with the clock and duty keeping it) in step with its
 * clock plan, for the caseload to order by. Written at the version read; a staff write that lands first
 * is never overwritten: the case is read again and the deadline computed from what it now is.
 */
import type { AssociationConfig } from '../core/association.js';
import { nextDeadline, planClocks } from '../core/clock-plan.js';
import { nextDueFields } from './case-types.js';
import { ConflictError } from './errors.js';
import type { LifecycleCases } from './workflow-lambda.js';

/** Attempts at writing the next deadline when staff writes keep landing first. */
const DEADLINE_ATTEMPTS = 5;

/** Sets the case's next deadline to the earliest its plan keeps (removed when none), writing only when it differs. */
export async function keepNextDue(cases: LifecycleCases, caseId: string, config: AssociationConfig, read: Awaited<ReturnType<LifecycleCases['getCase']>>): Promise<void> {
  let current = read;
  for (let attempt = 1; ; attempt++) {
    const next = nextDeadline(planClocks(current.state, config));
    // Compared field by field, so a case stored before the clock name was kept gets it on its next triage.
    const stored = nextDueFields(next);
    if (stored.nextDueAt === current.nextDueAt && stored.nextDueClock === current.nextDueClock && stored.nextDueDuty === current.nextDueDuty) return;
    try {
      await cases.setNextDueAt(caseId, current.version, next);
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= DEADLINE_ATTEMPTS) throw e;
      current = await cases.getCase(caseId, 'system');
    }
  }
}
