/**
 * The feedback request after a closure (003, 001), decided by core rules/feedback-channel against the
 * plan in force at the moment of asking: sent by email, left to the officer by a way the plan allows,
 * deferred to the next safe window (the lifecycle waits, then this runs again on the case as it is
 * then), or not sent; each recorded on the timeline, once per closure (and per deferral). What the
 * lifecycle gets back holds the closure and the instant to wait for, never a person's details.
 */
import { notify, type SystemEvent } from '../adapters/lifecycle-effects.js';
import type { LifecycleDeps } from '../adapters/workflow-lambda.js';
import { currentPlan } from '../core/contact-plan.js';
import { feedbackEmail, feedbackRequest } from '../core/rules/feedback-channel.js';

/** What the lifecycle does next about feedback: nothing, or wait until `at` and ask again for `closure`. */
export type FeedbackNext = { waits: false } | { waits: true; at: string; closure: string };

/** Asks for feedback on the closure at `closure` (ISO) if the case is still closed by it, as the plan allows now. */
export async function askForFeedback(
  d: LifecycleDeps,
  ids: { caseId: string; associationId: string },
  closure: string,
): Promise<FeedbackNext> {
  const { caseId } = ids;
  const { state, contactPlans } = await d.cases.getCase(caseId, 'system');
  // Reopened (its new lifecycle owns it), or closed again (that closure asks for itself).
  const closedAt = state.closedAt ? new Date(state.closedAt).toISOString() : undefined;
  if (state.status !== 'closed' || (closedAt !== undefined && closedAt !== closure)) return { waits: false };
  const config = d.config(ids.associationId);
  const now = d.now();
  const request = feedbackRequest(config, currentPlan(contactPlans), now);
  if (!request) return { waits: false };
  const at = now.toISOString();
  if (request.channel === 'wait') {
    const details = { until: request.until, reason: request.reason };
    const id = `feedback-deferred:${closure}:${request.until}`;
    await notify(d, caseId, undefined, [{ id, type: 'feedback-deferred', at, details }]);
    return { waits: true, at: request.until, closure };
  }
  const event = (e: Omit<SystemEvent, 'at'>): SystemEvent[] => [{ ...e, at }];
  if (request.channel === 'none') {
    const details = { reason: request.reason };
    await notify(
      d,
      caseId,
      undefined,
      event({ id: `feedback-not-sent:${closure}`, type: 'feedback-not-sent', details }),
    );
    return { waits: false };
  }
  const email =
    request.channel === 'email'
      ? { idempotencyKey: `feedback:${closure}`, to: [request.to], ...feedbackEmail({ associationName: config.name }) }
      : undefined;
  const details = request.channel === 'email' ? { channel: 'email' } : { channel: 'officer', way: request.way };
  const how = { associationId: ids.associationId, stage: 'closure', reference: state.reference };
  await notify(
    d,
    caseId,
    email,
    event({ id: `feedback-requested:${closure}`, type: 'feedback-requested', details }),
    how,
  );
  return { waits: false };
}
