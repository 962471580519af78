/** Writing the safety plan (000): its steps and key contacts are kept encrypted, the duty done once it has any. */
import { z } from 'zod';
import type { CaseState } from '../case.js';
import { freeText } from '../report.js';
import { done, needOpen } from './common.js';
import type { CommandContext, CommandResult, PlanInput } from './types.js';

const keyContact = z.strictObject({
  name: freeText(120).min(1, 'is required'),
  relationship: freeText(120).optional(),
  phone: freeText(30).optional(),
  email: z.email().max(254).optional(),
  mayShare: z.array(freeText(120).min(1, 'is required')).max(30).default([]),
  perpetratorSide: z.boolean().optional(),
});

const schema = z.strictObject({
  steps: z.array(z.strictObject({ text: freeText(1000).min(1, 'is required'), done: z.boolean().optional() })).max(50),
  keyContacts: z.array(keyContact).max(30),
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
