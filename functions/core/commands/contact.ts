/**
 * Recording a contact with the victim, or an attempt that did not reach them (001 §7, 004 §7.3,
 * §7.5.1): every one passes `contactAllowed` against the plan in force. Outside the plan it needs the
 * officer's reason, which goes on the timeline with why the plan refused; inside it, the cautions do.
 * Only a contact that reached them starts the contact record and the agreed rhythm.
 */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { clockSchema } from '../clock-schema.js';
import { contactAllowed } from '../contact-allowed.js';
import { CONTACT_WAYS, planInForceAt } from '../contact-plan.js';
import { afterReport, done, instant, invalid, needOpen, note, unprocessable, whenGiven } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  at: z.optional(instant),
  /** The way it was made (contact-plan.ts). */
  way: z.enum(CONTACT_WAYS),
  /** It was tried and did not reach them: recorded, but it is not a contact. */
  attempt: z.optional(z.literal(true)),
  /** Why contact outside the plan was right ("she rang us", "emergency"): required when the plan refuses it. */
  outsidePlanReason: z.optional(note.check(z.minLength(1, 'is required'))),
  /** A contact rhythm the victim agreed instead of the policy's (001 §7). */
  agreedRhythm: z.optional(
    clockSchema.check(z.refine((c) => !('minutes' in c), 'must be in hours, days or working days, not minutes')),
  ),
  /** How future contact is made safely was agreed with the victim (004 §7.3). */
  safeContactAgreed: z.optional(z.boolean()),
  note: z.optional(note),
});

export type ContactCommand = { kind: 'contact'; input: z.infer<typeof schema> };

/** What an attempt cannot record: nothing was agreed with someone who was not reached. */
function refuseAgreementOnAttempt(input: ContactCommand['input']): void {
  const agreed = (['agreedRhythm', 'safeContactAgreed'] as const).filter((k) => input[k]);
  if (input.attempt && agreed.length)
    throw invalid(
      agreed.map((field) => ({ field, problem: 'cannot be agreed on an attempt that did not reach them' })),
    );
}

/** POST …/contacts: a contact made or attempted (now, or when it happened). */
export const contact = {
  schema,
  apply(state: CaseState, { input }: ContactCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    refuseAgreementOnAttempt(input);
    const when = whenGiven(input.at, ctx.now, afterReport(state));
    // A contact recorded afterwards is checked against the plan in force when it happened.
    const plan = ctx.contactPlans ? planInForceAt(ctx.contactPlans, when) : ctx.contactPlan;
    const check = contactAllowed(plan, input.way, new Date(when));
    if (!check.allowed && !input.outsidePlanReason)
      throw unprocessable(
        'the contact is outside the safe-contact plan',
        'outsidePlanReason',
        `is required: ${check.reason}`,
      );
    const details = {
      at: when,
      way: input.way,
      ...(check.allowed ? { cautions: check.cautions } : { outsidePlan: { refusedBecause: check.reason } }),
      ...(input.outsidePlanReason ? { outsidePlanReason: input.outsidePlanReason } : {}),
      ...(input.agreedRhythm ? { agreedRhythm: input.agreedRhythm } : {}),
      ...(input.note ? { note: input.note } : {}),
    };
    if (input.attempt) return { state, events: [{ type: 'contact-attempted', at: when, details }], changes: {} };
    state.contacts = [...state.contacts, when].sort();
    if (state.duties['initial-contact']?.status !== 'done')
      state.duties['initial-contact'] = done(state, 'initial-contact', ctx, { at: when });
    if (input.safeContactAgreed) state.duties['agree-safe-contact'] = done(state, 'agree-safe-contact', ctx);
    if (input.agreedRhythm) state.agreedContactRhythm = input.agreedRhythm;
    return { state, events: [{ type: 'contact-made', at: when, details }], changes: {} };
  },
};
