/**
 * Lifecycle step "Close": stop every clock at once, then (for a closed case, not a signposted one) ask
 * for feedback within the safe-contact plan (feedback.ts, 003, 001) and set the lessons-learned review
 * (rules/lessons-learned, 000). Given `feedbackFor` (a closure instant), only the feedback is asked
 * for again: the lifecycle's step after waiting for a safe window. Idempotent: fixed event ids, a send
 * marker on the feedback email.
 */
import * as z from 'zod/mini';
import { alarm, fieldCrypto, mailer, runtime } from '../adapters/lambda-parts.js';
import { lifecycleCaseCalls } from '../adapters/lifecycle-case-calls.js';
import { notify, runClockPlan } from '../adapters/lifecycle-effects.js';
import { fromEnvironment, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { lessonsLearnedReview } from '../core/rules/lessons-learned.js';
import { askForFeedback, type FeedbackNext } from './feedback.js';

const input = z.object({
  caseId: z.string().check(z.minLength(1)),
  associationId: z.string().check(z.minLength(1)),
  feedbackFor: z.optional(z.iso.datetime({ offset: true })),
});

/** The Close step (or, with `feedbackFor`, its feedback after a wait). */
export async function closeCase(
  event: z.infer<typeof input>,
  d: LifecycleDeps,
): Promise<{ stopped: number; feedback: FeedbackNext }> {
  const { caseId, associationId, feedbackFor } = event;
  const ids = { caseId, associationId };
  if (feedbackFor) return { stopped: 0, feedback: await askForFeedback(d, ids, feedbackFor) };
  const { state } = await d.cases.getCase(caseId, 'system');
  // Reopened since this execution saw it closed: the new lifecycle owns the clocks now.
  if (state.status === 'open') return { stopped: 0, feedback: { waits: false } };
  const { stop } = await runClockPlan(d, ids, [], await d.store.get(caseId));
  if (state.status !== 'closed') return { stopped: stop.length, feedback: { waits: false } };
  const config = d.config(associationId);
  const closedAt = new Date(state.closedAt ?? d.now().toISOString());
  // One feedback request and one review per closure: a case closed again after a reopen gets its own.
  const closure = closedAt.toISOString();
  const feedback = await askForFeedback(d, ids, closure);
  const review = lessonsLearnedReview(config, state, closedAt);
  if (review) {
    const details = { dueAt: review.dueAt.toISOString(), highRisk: review.highRisk };
    const at = d.now().toISOString();
    await notify(d, caseId, undefined, [
      { id: `lessons-learned-due:${closure}`, type: 'lessons-learned-due', at, details },
    ]);
  }
  return { stopped: stop.length, feedback };
}

/** The handler over given dependencies (local engine, tests). */
export const createCloseCaseHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('close-case', input, () => deps, closeCase);

/** The deployed handler. */
const deployed = fromEnvironment({ cases: lifecycleCaseCalls, fieldCrypto, runtime, mailer, alarm });
export const handler = lifecycleLambda('close-case', input, deployed, closeCase);
