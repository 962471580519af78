/** Recording that the other agency acknowledged a referral: never before the referral was made. */
import { z } from 'zod';
import type { CaseState } from '../case.js';
import type { Duty } from '../duties.js';
import { checkInstant, instant, invalid, note, unprocessable } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({ at: instant.optional(), note: note.optional() });

export type AcknowledgeCommand = { kind: 'acknowledge'; duty: Duty; input: z.infer<typeof schema> };

/** POST …/referrals/{duty}/acknowledge. */
export const acknowledge = {
  schema,
  namesDuty: true,
  apply(state: CaseState, { input, duty }: AcknowledgeCommand, { now }: CommandContext): CommandResult {
    const held = state.duties[duty];
    const referral = held?.referral;
    if (!held || !referral) throw unprocessable('no referral has been made', 'duty', 'has no referral made yet');
    const bad = checkInstant(input.at, 'at', now, referral.madeAt);
    const beforeReferral = { field: 'at', problem: 'must not be before the referral was made' };
    if (bad) throw invalid([bad.problem.startsWith('must not be before the report') ? beforeReferral : bad]);
    const acknowledgedAt = input.at ? new Date(input.at).toISOString() : now.toISOString();
    state.duties[duty] = { ...held, referral: { ...referral, acknowledgedAt } };
    const details = { acknowledgedAt, ...(input.note ? { note: input.note } : {}) };
    return { state, events: [{ type: 'referral-acknowledged', duty, at: acknowledgedAt, details }], changes: {} };
  },
};
