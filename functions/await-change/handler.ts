/**
 * Lifecycle step "WaitForChange" (`.waitForTaskToken`): park the task token on the case's workflow
 * record so `signalChange` can resume it; if a change was counted since Triage read the case, resume
 * at once instead (the race between a change and the wait).
 */
import * as z from 'zod/mini';
import { runtime } from '../adapters/lambda-parts.js';
import { fromEnvironment, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';

const input = z.object({
  caseId: z.string().check(z.minLength(1)),
  seen: z.number().check(z.int(), z.gte(0)),
  token: z.string().check(z.minLength(1)),
  /** The brief wait of pending alerts (WaitBrieflyForChange): kept with the token, for a resume after a restart. */
  brief: z.optional(z.boolean()),
});

/** The WaitForChange step. */
export async function awaitChange(event: z.infer<typeof input>, d: LifecycleDeps): Promise<{ parked: boolean }> {
  const parked = await d.store.parkToken(event.caseId, event.token, event.seen, event.brief ?? false, d.now());
  if (!parked) await d.workflow.resume(event.caseId, event.token);
  return { parked };
}

/** The handler over given dependencies (local engine, tests). */
export const createAwaitChangeHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('await-change', input, () => deps, awaitChange);

/** The deployed handler. */
export const handler = lifecycleLambda('await-change', input, fromEnvironment({ runtime }), awaitChange);
