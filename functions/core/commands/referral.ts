/** Making a referral to another agency: only for a duty the case requires, and only with the consent it needs. */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { consentStatus } from '../consent.js';
import type { Duty } from '../duties.js';
import {
  afterReport,
  done,
  duty,
  instant,
  needOpen,
  note,
  requiredAction,
  unprocessable,
  whenGiven,
} from './common.js';
import type { CommandContext, CommandResult } from './types.js';

/** Duties done by referring to another agency: made, then acknowledged. */
export const REFERRAL_DUTIES: readonly Duty[] = [
  'marac-referral',
  'refuge-names-check',
  'specialist-support-referral',
  'childrens-social-care-referral',
  'adult-safeguarding-referral',
  'elder-abuse-safeguarding-referral',
  'police-referral-modern-slavery',
  'local-authority-report',
  'cqc-notification',
  'mappa-liaison',
];

const schema = z.strictObject({ duty, at: z.optional(instant), note: z.optional(note) });

export type ReferralCommand = { kind: 'referral'; input: z.infer<typeof schema> };

/** POST …/referrals: a referral made (now, or when it was made). */
export const referral = {
  schema,
  apply(state: CaseState, { input }: ReferralCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    const madeAt = whenGiven(input.at, ctx.now, afterReport(state));
    if (!REFERRAL_DUTIES.includes(input.duty)) throw unprocessable('not a referral', 'duty', 'is not a referral duty');
    const action = requiredAction(state, ctx.config, input.duty);
    if (!action)
      throw unprocessable('the case does not require this referral', 'duty', 'is not required for this case');
    const consent = consentStatus(action, state.consents);
    if (!consent.mayProceed) {
      const problem = consent.missing ?? "needs the victim's consent";
      throw unprocessable('consent is needed before this referral', 'consent', problem, [consent.missing ?? 'consent']);
    }
    state.duties[input.duty] = done(state, input.duty, ctx, { at: madeAt, referral: { madeAt } });
    if (input.duty === 'marac-referral') state.maracReferrals = [...state.maracReferrals, madeAt];
    const details = { madeAt, basis: consent.basis, ...(input.note ? { note: input.note } : {}) };
    return { state, events: [{ type: 'referral-made', duty: input.duty, at: madeAt, details }], changes: {} };
  },
};
