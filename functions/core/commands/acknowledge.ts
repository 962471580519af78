/** Recording that the other agency acknowledged a referral: never before the referral was made. */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import type { Duty } from '../duties.js';
import { instant, note, unprocessable, whenGiven } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({ at: z.optional(instant), note: z.optional(note) });

export type AcknowledgeCommand = { kind: 'acknowledge'; duty: Duty; input: z.infer<typeof schema> };

/** POST …/referrals/{duty}/acknowledge. */
export const acknowledge = {
  schema,
  namesDuty: true,
  apply(state: CaseState, { input, duty }: AcknowledgeCommand, { now }: CommandContext): CommandResult {
    const held = state.duties[duty];
    const referral = held?.referral;
    if (!held || !referral) throw unprocessable('no referral has been made', 'duty', 'has no referral made yet');
    const beforeReferral = { at: referral.madeAt, problem: 'must not be before the referral was made' };
    const acknowledgedAt = whenGiven(input.at, now, beforeReferral);
    state.duties[duty] = { ...held, referral: { ...referral, acknowledgedAt } };
    const details = { acknowledgedAt, ...(input.note ? { note: input.note } : {}) };
    return { state, events: [{ type: 'referral-acknowledged', duty, at: acknowledgedAt, details }], changes: {} };
  },
};
