/**
 * Changing the facts of a case: a signposted record becomes a case when the victim lives in one of
 * our homes; an open case is never made signposted (it is closed instead).
 */
import * as z from 'zod/mini';
import { type CaseFacts, type CaseState, caseFactsSchema } from '../case.js';
import { openedByViolentIncident } from '../rules/emergency-works.js';
import { conflict, invalid, unprocessable } from './common.js';
import type { CommandContext, CommandEvent, CommandResult } from './types.js';

// The facts an officer may change: all of CaseFacts but those set by their own commands.
const schema = z
  .partial(
    z.extend(z.omit(caseFactsSchema, { immediateDanger: true, risk: true, pathway: true }), {
      area: z.string().check(z.regex(/^[a-z0-9-]{2,60}$/, 'must be an area id such as leeds')),
    }),
  )
  .check(z.refine((f) => Object.keys(f).length > 0, 'give at least one fact'));

export type FactsCommand = { kind: 'facts'; input: z.infer<typeof schema> };

/** POST …/facts. */
export const facts = {
  schema,
  apply(state: CaseState, { input }: FactsCommand, { config, now }: CommandContext): CommandResult {
    if (input.area !== undefined && !config.areas.some((a) => a.id === input.area))
      throw invalid([{ field: 'area', problem: `must be one of: ${config.areas.map((a) => a.id).join(', ')}` }]);
    if (state.status === 'closed') throw conflict('the case is closed', 'status', 'must not be closed');
    const events: CommandEvent[] = [];
    if (state.status === 'signposted') {
      if (input.resident !== true)
        throw conflict('the record is signposted', 'resident', 'must be true to open a case from a signposted record');
      state.status = 'open';
      events.push({ type: 'case-reopened', details: { because: 'victim lives in one of our homes' } });
    } else if (input.resident === false)
      throw unprocessable(
        'an open case cannot be made signposted',
        'resident',
        'cannot change an open case to not resident; close it instead',
      );
    const changed = Object.keys(input) as (keyof CaseFacts)[];
    // A violent incident newly recorded: the emergency-security-works clock runs from now (004 §7.4.9).
    if (input.violentIncident === true && !state.facts.violentIncident)
      state.duties['emergency-security-works'] = openedByViolentIncident(now.toISOString());
    state.facts = { ...state.facts, ...input };
    events.push({ type: 'facts-updated', details: { changed } });
    return { state, events, changes: {} };
  },
};
