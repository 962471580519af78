/**
 * Clock step "Check": after a Wait, read the case. Due means the case is open and the clock is
 * still in its plan (duty not done, still applicable, deadline unchanged); otherwise the clock ends
 * quietly. A due tier that someone's acknowledgement still holds (rules/escalation-acknowledgement.ts)
 * says until when, and the clock waits for that instant, then checks again.
 */

import { caseRepository } from '../adapters/case-parts.js';
import { fieldCrypto } from '../adapters/lambda-parts.js';
import type { ClockInput } from '../adapters/workflow.js';
import { clockInputSchema } from '../adapters/workflow.js';
import { fromEnvironment, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { isClockStillDue } from '../core/clock-plan.js';
import { heldUntil } from '../core/rules/escalation-acknowledgement.js';

/**
 * The Check step: due or not; `held` when a hold still lasts, with `at` the instant it ends (else
 * the instant the clock woke for). Every field is always there: the ASL selects them by path.
 */
export async function checkClock(
  event: ClockInput,
  d: LifecycleDeps,
): Promise<{ due: boolean; held: boolean; at: string }> {
  const { state } = await d.cases.getCase(event.caseId, 'system');
  const config = d.config(event.associationId);
  const due = state.status === 'open' && isClockStillDue(event.key, state, config);
  const until = due ? heldUntil(config, state, event.key, event.tier, d.now()) : undefined;
  return { due, held: until !== undefined, at: until ?? event.at };
}

/** The handler over given dependencies (local engine, tests). */
export const createCheckClockHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('check-clock', clockInputSchema, () => deps, checkClock);

/** The deployed handler. */
export const handler = lifecycleLambda(
  'check-clock',
  clockInputSchema,
  fromEnvironment({ cases: caseRepository, fieldCrypto }),
  checkClock,
);
