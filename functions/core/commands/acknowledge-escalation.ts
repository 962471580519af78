/**
 * Taking an escalation on ("I've got this"): a member of staff says they have the overdue duty in
 * hand. Recorded on the timeline (who, when, which duty and tier), kept on the case for the next
 * tier's email and the alerts list, and — where the association sets `escalation.acknowledgementHolds`
 * — holding the chain's next tier until that long after, while the duty is still open
 * (rules/escalation-acknowledgement.ts). Only a tier the chain sent (`ctx.escalationsSent`, from the
 * timeline) can be taken on, and each tier once: a repeat is refused, so it can never extend the hold.
 */
import * as z from 'zod/mini';
import type { ClockName } from '../association.js';
import type { CaseState } from '../case.js';
import { isClockStillDue } from '../clock-plan.js';
import type { Duty } from '../duties.js';
import { CLOCK_DUTY } from '../duties.js';
import { ackHoldsUntil, earliestTierAt } from '../rules/escalation-acknowledgement.js';
import { conflict, instant, invalid, needOpen } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  clock: z.enum(Object.keys(CLOCK_DUTY) as [ClockName, ...ClockName[]]),
  /** The breached deadline the escalation is about (the clock key's instant). */
  deadline: instant,
  /** The tier of the chain being taken on (0: the first, sent at the breach). */
  tier: z.number().check(z.int(), z.gte(0), z.lte(20)),
});

export type AcknowledgeEscalationCommand = {
  kind: 'acknowledgeEscalation';
  duty: Duty;
  input: z.infer<typeof schema>;
};

/** POST …/escalations/{duty}/acknowledge. */
export const acknowledgeEscalation = {
  schema,
  namesDuty: true,
  apply(state: CaseState, { input, duty }: AcknowledgeEscalationCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    const { config, now } = ctx;
    if (CLOCK_DUTY[input.clock] !== duty)
      throw invalid([{ field: 'clock', problem: `does not keep the duty "${duty}"` }]);
    const due = new Date(input.deadline);
    const key = `${input.clock}@${due.toISOString()}`;
    if (!isClockStillDue(key, state, config))
      throw conflict('that escalation has ended', 'duty', 'is done, closed off or no longer kept by this clock');
    // A tier the config's chain has (the earliest it could go is defined only for those).
    if (!earliestTierAt(config, due, input.tier))
      throw invalid([
        { field: 'tier', problem: `must be a tier of the chain (0 to ${config.escalation.tiers.length - 1})` },
      ]);
    if (!ctx.escalationsSent?.[key]?.includes(input.tier))
      throw conflict('that escalation has not been sent', 'tier', 'has not been sent yet');
    const taken = state.escalationAcks?.[key];
    if (taken && taken.tier >= input.tier)
      throw conflict('that escalation has already been taken on', 'tier', 'has already been taken on');
    const at = now.toISOString();
    const ack = { tier: input.tier, by: ctx.actor, ...(ctx.actorEmail ? { email: ctx.actorEmail } : {}), at };
    state.escalationAcks = { ...(state.escalationAcks ?? {}), [key]: ack };
    const holds = ackHoldsUntil(config, ack);
    const details = {
      clock: input.clock,
      deadline: due.toISOString(),
      tier: input.tier,
      ...(ctx.actorEmail ? { by: ctx.actorEmail } : {}),
      ...(holds ? { holdsNextTierUntil: holds.toISOString() } : {}),
    };
    return { state, events: [{ type: 'escalation-acknowledged', duty, details }], changes: {} };
  },
};
