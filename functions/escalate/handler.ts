/**
 * Clock step "Escalate": tell this tier of the chain that a duty is overdue (reference, duty, since
 * when in London words, who holds the case, who took it on, what to do next, link; nothing about the
 * people), the case officer at the assigned officer's own address when there is one, record it on
 * the timeline and in the alerts list, and say when the next tier is due. Idempotent per (clock key,
 * tier): a send claim, fixed event and alert ids. A tier whose email may have gone (no SES answer:
 * docs/delivery.md) counts as told, so the next tier goes on schedule.
 */

import { caseRepository } from '../adapters/case-parts.js';
import { alarm, fieldCrypto, mailer } from '../adapters/lambda-parts.js';
import { notify } from '../adapters/lifecycle-effects.js';
import { type ClockInput, clockInputSchema } from '../adapters/workflow.js';
import { fromEnvironment, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import { CLOCK_DUTY } from '../core/duties.js';
import { nextStepWords } from '../core/duty-steps.js';
import {
  afterTier,
  caseLink,
  escalationEmail,
  parseClockKey,
  recipientsFor,
  tierRecord,
  tierRoles,
} from '../core/escalation.js';

/** The clock execution's next state: the next tier and when it is due, or `more: false`. */
export type EscalateResult = ClockInput & { more: boolean };

/** The Escalate step. */
export async function escalate(event: ClockInput, d: LifecycleDeps): Promise<EscalateResult> {
  const { caseId, associationId, key, tier } = event;
  const { clock, deadline } = parseClockKey(key);
  const config = d.config(associationId);
  const { reference, state } = await d.cases.getCase(caseId, 'system');
  const now = d.now();
  const to = recipientsFor(config, tierRoles(config, tier), state);
  const { id, events } = tierRecord(key, tier, tierRoles(config, tier), now, to);
  const words = escalationEmail({
    reference,
    clock,
    deadline,
    now,
    tier,
    link: caseLink(d.consoleUrl, caseId),
    assignedTo: state.assignedOfficer ? state.assignedOfficerEmail : undefined,
    acknowledged: state.escalationAcks?.[key],
    nextStep: nextStepWords(config, CLOCK_DUTY[clock]),
  });
  const email = { idempotencyKey: id, to: to.map((r) => r.to), ...words };
  await notify(d, caseId, email, events, { associationId, stage: 'clock', reference });
  const [sentAt, deadlineIso, duty] = [now.toISOString(), deadline.toISOString(), CLOCK_DUTY[clock]];
  const common = { caseId, reference, key, clock, duty, tier, deadline: deadlineIso, tierAt: event.at, sentAt };
  await d.cases.recordAlerts(to.map((r) => ({ ...common, alertKey: r.alertKey, role: r.role, to: r.to })));
  return { caseId, associationId, key, ...afterTier(config, tier, event.at) };
}

/** The handler over given dependencies (local engine, tests). */
export const createEscalateHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('escalate', clockInputSchema, () => deps, escalate);

/** The deployed handler. */
const deployed = fromEnvironment({ cases: caseRepository, fieldCrypto, mailer, alarm });
export const handler = lifecycleLambda('escalate', clockInputSchema, deployed, escalate);
