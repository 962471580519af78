/**
 * Clock step "Check": after a Wait, read the case. Due means the case is open and the clock is
 * still in its plan (duty not done, still applicable, deadline unchanged); otherwise the clock ends quietly.
 */
import { z } from 'zod';
import { isClockStillDue } from '../core/clock-plan.js';
import { defaultLifecycleDeps, lifecycleLambda, type LifecycleDeps } from '../adapters/workflow-lambda.js';

export const clockStepInput = z.object({
  caseId: z.string().min(1),
  associationId: z.string().min(1),
  key: z.string().min(1),
  tier: z.number().int().min(0),
  at: z.string().min(1),
});

/** The Check step. */
export async function checkClock(event: z.infer<typeof clockStepInput>, d: LifecycleDeps): Promise<{ due: boolean }> {
  const { state } = await d.cases.getCase(event.caseId, 'system');
  const due = state.status === 'open' && isClockStillDue(event.key, state, d.config(event.associationId));
  return { due };
}

/** The handler over given dependencies (local engine, tests). */
export const createCheckClockHandler = (deps: LifecycleDeps) => lifecycleLambda('check-clock', clockStepInput, () => deps, checkClock);

/** The deployed handler. */
export const handler = lifecycleLambda('check-clock', clockStepInput, defaultLifecycleDeps, checkClock);
