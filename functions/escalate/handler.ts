/**
 * Clock step "Escalate": tell this tier of the chain that a duty is overdue (reference, duty, how
 * overdue, link; nothing about the people), record it on the timeline, and say when the next tier is
 * due. Idempotent per (clock key, tier): the email carries a send marker, the events fixed ids.
 */

import { notify } from '../adapters/lifecycle-effects.js';
import type { ClockInput } from '../adapters/workflow.js';
import { clockInputSchema } from '../adapters/workflow.js';
import { defaultLifecycleDeps, type LifecycleDeps, lifecycleLambda } from '../adapters/workflow-lambda.js';
import {
  afterTier,
  caseLink,
  escalationEmail,
  mailboxesFor,
  parseClockKey,
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
  const { reference } = await d.cases.getCase(caseId, 'system');
  const now = d.now();
  const roles = tierRoles(config, tier);
  const { id, events } = tierRecord(key, tier, roles, now);
  const words = escalationEmail({ reference, clock, deadline, now, tier, link: caseLink(d.consoleUrl, caseId) });
  await notify(d, caseId, { idempotencyKey: id, to: mailboxesFor(config, roles), ...words }, events);
  return { caseId, associationId, key, ...afterTier(config, tier, event.at) };
}

/** The handler over given dependencies (local engine, tests). */
export const createEscalateHandler = (deps: LifecycleDeps) =>
  lifecycleLambda('escalate', clockInputSchema, () => deps, escalate);

/** The deployed handler. */
export const handler = lifecycleLambda('escalate', clockInputSchema, defaultLifecycleDeps, escalate);
