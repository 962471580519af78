/** Choosing a case's pathway, for associations whose policy has pathways. */
import * as z from 'zod/mini';
import { type CaseState, PATHWAYS } from '../case.js';
import { needOpen, unprocessable } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({ pathway: z.enum(PATHWAYS) });

export type PathwayCommand = { kind: 'pathway'; input: z.infer<typeof schema> };

/** POST …/pathway: the pathway the case follows. */
export const pathway = {
  schema,
  apply(state: CaseState, { input }: PathwayCommand, { config }: CommandContext): CommandResult {
    needOpen(state);
    if (!config.pathways)
      throw unprocessable('this association does not use pathways', 'pathway', 'is not used by this association');
    state.facts = { ...state.facts, pathway: input.pathway };
    return { state, events: [{ type: 'pathway-chosen', details: { pathway: input.pathway } }], changes: {} };
  },
};
