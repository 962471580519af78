/**
 * Lifecycle step "Close": stop every clock at once, then (for a closed case, not a signposted one) ask
 * for feedback as core rules/feedback-channel says (003, 001) and set the lessons-learned review
 * (rules/lessons-learned, 000). Idempotent: fixed event ids, a send marker on the feedback email.
 */
import { z } from 'zod';
import { notify, runClockPlan } from '../adapters/lifecycle-effects.js';
import { defaultLifecycleDeps, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { feedbackEmail, feedbackRequest } from '../core/rules/feedback-channel.js';
import { lessonsLearnedReview } from '../core/rules/lessons-learned.js';

const input = z.object({ caseId: z.string().min(1), associationId: z.string().min(1) });

/** The Close step. */
export async function closeCase(event: z.infer<typeof input>, d: LifecycleDeps): Promise<{ stopped: number }> {
  const { caseId, associationId } = event;
  const { state, report } = await d.cases.getCase(caseId, 'system');
  // Reopened since this execution saw it closed: the new lifecycle owns the clocks now.
  if (state.status === 'open') return { stopped: 0 };
  const { stop } = await runClockPlan(d, { caseId, associationId }, [], await d.store.get(caseId));
  if (state.status !== 'closed') return { stopped: stop.length };
  const config = d.config(associationId);
  const closedAt = new Date(state.closedAt ?? d.now().toISOString());
  const now = d.now().toISOString();
  // One feedback request and one review per closure: a case closed again after a reopen gets its own.
  const closure = closedAt.toISOString();
  const feedback = feedbackRequest(config, report.safeContact);
  if (feedback) {
    const email =
      feedback.channel === 'email'
        ? {
            idempotencyKey: `feedback:${closure}`,
            to: [feedback.to],
            ...feedbackEmail({ associationName: config.name }),
          }
        : undefined;
    const details = { channel: feedback.channel };
    await notify(d, caseId, email, [
      { id: `feedback-requested:${closure}`, type: 'feedback-requested', at: now, details },
    ]);
  }
  const review = lessonsLearnedReview(config, state, closedAt);
  if (review) {
    const details = { dueAt: review.dueAt.toISOString(), highRisk: review.highRisk };
    await notify(d, caseId, undefined, [
      { id: `lessons-learned-due:${closure}`, type: 'lessons-learned-due', at: now, details },
    ]);
  }
  return { stopped: stop.length };
}

/** The handler over given dependencies (local engine, tests). */
export const createCloseCaseHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('close-case', input, () => deps, closeCase);

/** The deployed handler. */
export const handler = lifecycleLambda('close-case', input, defaultLifecycleDeps, closeCase);
