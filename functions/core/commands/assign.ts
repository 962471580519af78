/**
 * Assigning a case to an officer (who may do so is a case-access rule, checked before): the officer
 * is picked from the staff directory, which also gives their email; an id the directory does not
 * list as an officer is refused, so a case never belongs to nobody.
 */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { conflict, unprocessable } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

/** Who works the case: their staff id (Cognito subject); the directory says who that is. */
const schema = z.strictObject({
  officer: z.string().check(z.regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id')),
});

export type AssignCommand = { kind: 'assign'; input: z.infer<typeof schema> };

/** POST …/assign. */
export const assign = {
  schema,
  apply(state: CaseState, { input }: AssignCommand, ctx: CommandContext): CommandResult {
    if (state.status === 'closed') throw conflict('the case is closed', 'status', 'must not be closed');
    const { officer } = input;
    const member = ctx.staff?.find((m) => m.sub === officer && m.role === 'officer');
    if (!member)
      throw unprocessable(
        'only an officer in the staff directory can be assigned',
        'officer',
        'must be an officer in the staff directory',
      );
    const from = state.assignedOfficer;
    state.assignedOfficer = officer;
    state.assignedOfficerEmail = member.email;
    return {
      state,
      events: [{ type: 'officer-assigned', details: { officer, email: member.email, ...(from ? { from } : {}) } }],
      changes: {},
    };
  },
};
