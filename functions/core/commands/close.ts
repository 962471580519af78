/**
 * Closing a case: only once closure was discussed with the victim and nothing blocks it (003, 000),
 * and only with why (DOMAIN.md "Closing a case"): the action plan is complete, or no further action is
 * appropriate or possible. The outcome is kept on the case until it reopens.
 */
import * as z from 'zod/mini';
import { type CaseState, CLOSURE_OUTCOMES } from '../case.js';
import { closureBlockers } from '../case-status.js';
import { Refusal } from '../problems.js';
import { freeText } from '../report.js';
import { needOpen } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  discussedWithVictim: z.boolean(),
  /** Why it closes (DOMAIN.md "Closing a case"): a known word, required. */
  outcome: z.enum(CLOSURE_OUTCOMES),
  reason: z.optional(freeText(2000)),
});

export type CloseCommand = { kind: 'close'; input: z.infer<typeof schema> };

/** POST …/close. */
export const close = {
  schema,
  apply(state: CaseState, { input }: CloseCommand, { config, now }: CommandContext): CommandResult {
    needOpen(state);
    if (input.discussedWithVictim) state.closureDiscussedWithVictim = true;
    const blockers = closureBlockers(state, config, now);
    const problems = blockers.map((b) => ({ field: 'case', problem: b }));
    if (blockers.length) throw new Refusal('unprocessable', 'the case cannot be closed yet', problems, blockers);
    state.status = 'closed';
    state.closedAt = now.toISOString();
    state.closureOutcome = input.outcome;
    return {
      state,
      events: [
        { type: 'case-closed', details: { outcome: input.outcome, ...(input.reason ? { reason: input.reason } : {}) } },
      ],
      changes: {},
    };
  },
};
