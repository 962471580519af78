/** Sharing parts of the safety plan with one key contact: only what the victim permitted, with consent (000). */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { maySharePlanWith } from '../consent.js';
import { type FieldProblem, Refusal } from '../problems.js';
import { freeText } from '../report.js';
import { unprocessable } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  contact: z.number().check(z.int(), z.gte(0), z.lte(29)),
  items: z.array(freeText(120).check(z.minLength(1, 'is required'))).check(z.minLength(1), z.maxLength(30)),
});

export type ShareCommand = { kind: 'share'; input: z.infer<typeof schema> };

/** POST …/safety-plan/share. */
export const share = {
  schema,
  apply(state: CaseState, { input }: ShareCommand, ctx: CommandContext): CommandResult {
    const contact = ctx.safetyPlan?.keyContacts[input.contact];
    if (!contact) throw unprocessable('no such key contact', 'contact', 'is not a key contact on the safety plan');
    const refused: FieldProblem[] = [];
    const missing: string[] = [];
    let basis: string | null = null;
    const permission = { permitted: contact.mayShare, ...(contact.perpetratorSide ? { perpetratorSide: true } : {}) };
    input.items.forEach((item, i) => {
      const may = maySharePlanWith(permission, item, state.consents);
      if (!may.mayShare) {
        refused.push({ field: `items[${i}]`, problem: may.missing ?? 'may not be shared' });
        if (may.missing && !missing.includes(may.missing)) missing.push(may.missing);
      } else basis = may.basis;
    });
    if (refused.length) throw new Refusal('unprocessable', 'the safety plan may not be shared', refused, missing);
    const details = { shared: input.items, contact: input.contact, basis };
    return { state, events: [{ type: 'safety-plan-updated', duty: 'safety-plan', details }], changes: {} };
  },
};
