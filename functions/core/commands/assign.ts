/** Assigning a case to an officer (who may do so is a case-access rule, checked before). */
import { z } from 'zod';
import type { CaseState } from '../case.js';
import { conflict } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

/** Who works the case: their staff id (Cognito subject) and the email people know them by. */
const schema = z.strictObject({
  officer: z.string().regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id'),
  email: z.email().max(254),
});

export type AssignCommand = { kind: 'assign'; input: z.infer<typeof schema> };

/** POST …/assign. */
export const assign = {
  schema,
  apply(state: CaseState, { input }: AssignCommand, _ctx: CommandContext): CommandResult {
    if (state.status === 'closed') throw conflict('the case is closed', 'status', 'must not be closed');
    const { officer, email } = input;
    const from = state.assignedOfficer;
    state.assignedOfficer = officer;
    state.assignedOfficerEmail = email;
    return {
      state,
      events: [{ type: 'officer-assigned', details: { officer, email, ...(from ? { from } : {}) } }],
      changes: {},
    };
  },
};
