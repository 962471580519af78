/** Writing the safety plan (000): its steps and key contacts are kept encrypted, the duty done once it has any. */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { freeText } from '../report.js';
import { done, needOpen } from './common.js';
import type { CommandContext, CommandResult, PlanInput } from './types.js';

const keyContact = z.strictObject({
  name: freeText(120).check(z.minLength(1, 'is required')),
  relationship: z.optional(freeText(120)),
  phone: z.optional(freeText(30)),
  email: z.optional(z.email().check(z.maxLength(254))),
  mayShare: z._default(z.array(freeText(120).check(z.minLength(1, 'is required'))).check(z.maxLength(30)), []),
  perpetratorSide: z.optional(z.boolean()),
});

const schema = z.strictObject({
  steps: z
    .array(z.strictObject({ text: freeText(1000).check(z.minLength(1, 'is required')), done: z.optional(z.boolean()) }))
    .check(z.maxLength(50)),
  keyContacts: z.array(keyContact).check(z.maxLength(30)),
});

export type SafetyPlanCommand = { kind: 'safetyPlan'; input: z.infer<typeof schema> };

/** POST …/safety-plan. */
export const safetyPlan = {
  schema,
  apply(state: CaseState, { input }: SafetyPlanCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    const plan: PlanInput = input;
    const already = state.duties['safety-plan'];
    if (plan.steps.length || plan.keyContacts.length)
      state.duties['safety-plan'] = already?.status === 'done' ? already : done(state, 'safety-plan', ctx);
    const details = { steps: plan.steps.length, keyContacts: plan.keyContacts.length };
    return {
      state,
      events: [{ type: 'safety-plan-updated', duty: 'safety-plan', details }],
      changes: { safetyPlan: plan },
    };
  },
};
