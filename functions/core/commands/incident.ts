/**
 * Recording a new incident: a closed case opens again, the DASH is due again (002 §6), and a violent
 * one starts a new 24-hour emergency-security-works clock from when it is reported (004 §7.4.9).
 */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { canTransition } from '../case-status.js';
import { openedByViolentIncident } from '../rules/emergency-works.js';
import { conflict, instant, note, whenGiven } from './common.js';
import type { CommandContext, CommandEvent, CommandResult } from './types.js';

const schema = z.strictObject({
  at: z.optional(instant),
  violent: z._default(z.boolean(), false),
  note: z.optional(note),
});

export type IncidentCommand = { kind: 'incident'; input: z.infer<typeof schema> };

/** POST …/incidents. */
export const incident = {
  schema,
  apply(state: CaseState, { input }: IncidentCommand, { now }: CommandContext): CommandResult {
    const when = whenGiven(input.at, now);
    const at = now.toISOString();
    const events: CommandEvent[] = [];
    if (state.status === 'closed') {
      if (!canTransition('closed', 'open'))
        throw conflict('the case cannot be reopened', 'status', 'cannot be reopened');
      state.status = 'open';
      delete state.closedAt;
      delete state.closureOutcome;
      state.closureDiscussedWithVictim = false;
      events.push({ type: 'case-reopened', details: { because: 'new incident' } });
    } else if (state.status !== 'open')
      throw conflict(`the case is ${state.status}`, 'status', `must be open or closed, is ${state.status}`);
    state.incidents = [...state.incidents, when].sort();
    state.duties['dash-assessment'] = { status: 'open' };
    if (input.violent) {
      state.facts = { ...state.facts, violentIncident: true };
      state.duties['emergency-security-works'] = openedByViolentIncident(at);
    }
    const details = {
      incident: when,
      violent: input.violent,
      dashDueAgain: true,
      ...(input.note ? { note: input.note } : {}),
    };
    events.push({ type: 'facts-updated', details });
    return { state, events, changes: {} };
  },
};
