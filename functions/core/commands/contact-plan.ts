/**
 * Recording a newly agreed safe-contact plan (004 §7.3, 003): a new version, kept with who agreed it
 * and who recorded it. The case's facts take the standing of the plan now in force (the victim's
 * latest word wins), and agreeing it with the victim does the agree-safe-contact duty of an open case.
 * A plan may be recorded on a closed case too ("do not email me any more"): it is what keeps anything
 * Haven still sends, such as the feedback request after closure, within what is safe.
 */
import type * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { contactPlanInputSchema, currentPlan, nextPlanVersion, safeContactStanding } from '../contact-plan.js';
import { Refusal } from '../problems.js';
import { done, invalid, whenGiven } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

/** When it was agreed, if given: not in the future (a future agreement would outrank every later one). */
function agreedAtGiven(iso: string | undefined, now: Date): string | undefined {
  if (iso === undefined) return undefined;
  try {
    return whenGiven(iso, now);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    throw invalid(e.problems.map((p) => ({ ...p, field: 'agreedAt' })));
  }
}

export type ContactPlanCommand = { kind: 'contactPlan'; input: z.infer<typeof contactPlanInputSchema> };

/** POST …/contact-plan. */
export const contactPlan = {
  schema: contactPlanInputSchema,
  apply(state: CaseState, { input }: ContactPlanCommand, ctx: CommandContext): CommandResult {
    const agreedAt = agreedAtGiven(input.agreedAt, ctx.now);
    const versions = ctx.contactPlans ?? [];
    const version = nextPlanVersion(
      versions,
      { ...input, ...(agreedAt ? { agreedAt } : {}) },
      { at: ctx.now.toISOString(), by: ctx.actor },
    );
    const all = [...versions, version];
    state.facts = { ...state.facts, safeContact: safeContactStanding(currentPlan(all)) };
    const withVictim = input.agreedWith === 'victim' && state.status === 'open';
    if (withVictim) state.duties['agree-safe-contact'] = done(state, 'agree-safe-contact', ctx);
    const details = {
      version: version.version,
      agreedWith: version.agreedWith,
      noDirectContact: version.noDirectContact,
      ways: version.ways.map((w) => w.way),
    };
    return {
      state,
      events: [
        { type: 'contact-plan-agreed', ...(withVictim ? { duty: 'agree-safe-contact' as const } : {}), details },
      ],
      changes: { contactPlans: all },
    };
  },
};
