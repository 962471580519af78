/** Marking a required action done, or closed with no further action and a reason (003). */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { endsWithCaseProblem } from '../case-status.js';
import { consentStatus } from '../consent.js';
import type { Duty } from '../duties.js';
import { freeText } from '../report.js';
import { needsWhatWasDone } from '../rules/immediate-danger.js';
import { DECIDE_SAFE_CONTACT } from '../rules/no-safe-contact.js';
import { done, invalid, needOpen, requiredAction, unprocessable } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({ outcome: z.enum(['done', 'no-further-action']), reason: z.optional(freeText(2000)) });

export type ActionCommand = { kind: 'action'; duty: Duty; input: z.infer<typeof schema> };

/**
 * Why an outcome is not recorded here: initial contact is a contact, checked against the safe-contact
 * plan (POST …/contacts); how to make contact safely is decided by recording the plan agreed, and is
 * closed off only once initial contact is, or initial contact would wait for it with no clock at all.
 */
function recordedElsewhereProblem(
  state: CaseState,
  duty: Duty,
  outcome: 'done' | 'no-further-action',
): string | undefined {
  if (duty === 'initial-contact' && outcome === 'done')
    return 'is done by recording the contact, so it is checked against the safe-contact plan';
  if (duty !== DECIDE_SAFE_CONTACT) return undefined;
  if (outcome === 'done')
    return 'is done by recording the safe-contact plan agreed (through the reporter, an agency or MARAC)';
  const initial = state.duties['initial-contact']?.status;
  if (initial !== 'done' && initial !== 'no-further-action')
    return 'can be closed off only after initial contact is: its clock waits for this decision';
  return undefined;
}

/** POST …/actions/{duty}. */
export const action = {
  schema,
  namesDuty: true,
  apply(state: CaseState, { input, duty }: ActionCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    // Regular contact and the holding clock run until the case closes (001 §7, 000).
    const endsWithCase = endsWithCaseProblem(duty);
    if (endsWithCase) throw unprocessable('this duty ends only with the case', 'duty', endsWithCase);
    const recordedElsewhere = recordedElsewhereProblem(state, duty, input.outcome);
    if (recordedElsewhere) throw unprocessable('this action is recorded another way', 'duty', recordedElsewhere);
    const required = requiredAction(state, ctx.config, duty);
    if (!required)
      throw unprocessable('the case does not require this action', 'duty', 'is not required for this case');
    const at = ctx.now.toISOString();
    if (input.outcome === 'no-further-action') {
      if (!input.reason) throw invalid([{ field: 'reason', problem: 'is required for no further action' }]);
      state.duties[duty] = {
        ...(state.duties[duty] ?? {}),
        status: 'no-further-action',
        at,
        by: ctx.actor,
        reason: input.reason,
      };
      return { state, events: [{ type: 'duty-closed', duty, details: { reason: input.reason } }], changes: {} };
    }
    if (!input.reason && needsWhatWasDone(duty))
      throw invalid([{ field: 'reason', problem: 'must say what was done (999 advised, called for them, …)' }]);
    const consent = consentStatus(required, state.consents);
    if (!consent.mayProceed) {
      const problem = consent.missing ?? "needs the victim's consent";
      throw unprocessable('consent is needed before this action', 'consent', problem, [consent.missing ?? 'consent']);
    }
    state.duties[duty] = done(state, duty, ctx, input.reason ? { reason: input.reason } : {});
    const details = { basis: consent.basis, ...(input.reason ? { reason: input.reason } : {}) };
    return { state, events: [{ type: 'action-done', duty, details }], changes: {} };
  },
};
