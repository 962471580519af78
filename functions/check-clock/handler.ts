/**
 * Clock step "Check": after a Wait, read the case. Due means the case is open and the clock is
 * still in its plan (duty not done, still applicable, deadline unchanged); otherwise the clock ends quietly.
 */

import type { ClockInput } from '../adapters/workflow.js';
import { clockInputSchema } from '../adapters/workflow.js';
import { defaultLifecycleDeps, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { isClockStillDue } from '../core/clock-plan.js';

/** The Check step. */
export async function checkClock(event: ClockInput, d: LifecycleDeps): Promise<{ due: boolean }> {
  const { state } = await d.cases.getCase(event.caseId, 'system');
  const due = state.status === 'open' && isClockStillDue(event.key, state, d.config(event.associationId));
  return { due };
}

/** The handler over given dependencies (local engine, tests). */
export const createCheckClockHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('check-clock', clockInputSchema, () => deps, checkClock);

/** The deployed handler. */
export const handler = lifecycleLambda('check-clock', clockInputSchema, defaultLifecycleDeps, checkClock);
