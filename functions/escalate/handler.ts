/**
 * Clock step "Escalate": tell this tier of the chain that a duty is overdue (reference, duty, how
 * overdue, link; nothing about the people), record it on the timeline, and say when the next tier is
 * due. Idempotent per (clock key, tier): the email carries a send marker, the events fixed ids.
 */
import { z } from 'zod';
import { CLOCK_DUTY } from '../core/association.js';
import { caseLink, clockToken, escalationEmail, mailboxesFor, nextTierAt, parseClockKey, tierRoles } from '../core/escalation.js';
import { defaultLifecycleDeps, lifecycleLambda, type LifecycleDeps } from '../adapters/workflow-lambda.js';
import { clockStepInput } from '../check-clock/handler.js';

/** The clock execution's next state: the next tier and when it is due, or `more: false`. */
export interface EscalateResult {
  caseId: string;
  associationId: string;
  key: string;
  tier: number;
  at: string;
  more: boolean;
}

/** The Escalate step. */
export async function escalate(event: z.infer<typeof clockStepInput>, d: LifecycleDeps): Promise<EscalateResult> {
  const { caseId, associationId, key, tier } = event;
  const { clock, deadline } = parseClockKey(key);
  const config = d.config(associationId);
  const { reference } = await d.cases.getCase(caseId, 'system');
  const now = d.now();
  const roles = tierRoles(config, tier);
  const id = `escalation:${clockToken(key)}:${tier}`;
  const email = escalationEmail({ reference, clock, deadline, now, tier, link: caseLink(d.consoleUrl, caseId) });
  await d.mailer.send(caseId, { idempotencyKey: id, to: mailboxesFor(config, roles), ...email });
  const duty = CLOCK_DUTY[clock];
  if (tier === 0)
    await d.cases.appendEvent(caseId, { id: `breach:${clockToken(key)}`, type: 'clock-breached', at: deadline.toISOString(), actor: 'system', duty, details: { clock, deadline: deadline.toISOString() } });
  await d.cases.appendEvent(caseId, { id, type: 'escalation-sent', at: now.toISOString(), actor: 'system', duty, details: { clock, tier, roles, deadline: deadline.toISOString() } });
  const next = nextTierAt(config, tier, new Date(event.at));
  return { caseId, associationId, key, tier: next ? tier + 1 : tier, at: (next ?? new Date(event.at)).toISOString(), more: next !== undefined };
}

/** The handler over given dependencies (local engine, tests). */
export const createEscalateHandler = (deps: LifecycleDeps) => lifecycleLambda('escalate', clockStepInput, () => deps, escalate);

/** The deployed handler. */
export const handler = lifecycleLambda('escalate', clockStepInput, defaultLifecycleDeps, escalate);
