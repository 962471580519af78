import type { CaseState } from '../../functions/core/case.js';
import { applyCommand, type Command } from '../../functions/core/commands/index.js';
import type { CommandContext } from '../../functions/core/commands/types.js';
import { Refusal } from '../../functions/core/problems.js';

/** The refusal a command throws; fails the test when the command is accepted. */
export function refusalOf(s: CaseState, command: Command, c: CommandContext): Refusal {
  try {
    applyCommand(s, command, c);
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('the command was accepted');
}
