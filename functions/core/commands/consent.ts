/** Recording the victim's consent, a refusal, or an override on a lawful basis (000, 002). */
import * as z from 'zod/mini';
import type { CaseState, ConsentRecord } from '../case.js';
import { validateOverride } from '../consent.js';
import { OVERRIDE_BASES } from '../duties.js';
import { Refusal } from '../problems.js';
import { freeText } from '../report.js';
import { consentRuleFor } from '../routing.js';
import { duty, invalid, unprocessable } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  duty,
  decision: z.enum(['given', 'refused', 'overridden']),
  basis: z.optional(z.enum(OVERRIDE_BASES)),
  reason: z.optional(freeText(2000)),
});

export type ConsentCommand = { kind: 'consent'; input: z.infer<typeof schema> };

const EVENT = { given: 'consent-given', refused: 'consent-refused', overridden: 'consent-overridden' } as const;

/** POST …/consent: a consent decision for one duty. */
export const consent = {
  schema,
  apply(state: CaseState, { input }: ConsentCommand, { now, actor }: CommandContext): CommandResult {
    const basis = input.basis ? { basis: input.basis } : {};
    const reason = input.reason ? { reason: input.reason } : {};
    if (input.decision === 'overridden') {
      const check = validateOverride({ duty: input.duty, ...basis, ...reason });
      if (!check.ok) {
        throw new Refusal('unprocessable', 'the override is not allowed', check.problems);
      }
    } else {
      if (input.basis) throw invalid([{ field: 'basis', problem: 'is only for an override' }]);
      if (consentRuleFor(input.duty) === 'not-needed')
        throw unprocessable('this duty needs no consent', 'duty', 'needs no consent');
    }
    const record: ConsentRecord = {
      duty: input.duty,
      decision: input.decision,
      ...basis,
      ...reason,
      at: now.toISOString(),
      by: actor,
    };
    state.consents = [...state.consents, record];
    return {
      state,
      events: [{ type: EVENT[input.decision], duty: input.duty, details: { ...basis, ...reason } }],
      changes: {},
    };
  },
};
