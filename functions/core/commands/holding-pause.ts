/** Pausing and resuming the 21-day holding clock while statutory or legal action is ongoing (000). */
import * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { freeText } from '../report.js';
import { openHoldingPause } from '../rules/holding-area.js';
import { conflict, needOpen } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  action: z.enum(['pause', 'resume']),
  reason: freeText(2000).check(z.minLength(1, 'is required')),
});

export type HoldingPauseCommand = { kind: 'holdingPause'; input: z.infer<typeof schema> };

/** POST …/holding-pause. */
export const holdingPause = {
  schema,
  apply(state: CaseState, { input }: HoldingPauseCommand, { now }: CommandContext): CommandResult {
    needOpen(state);
    const at = now.toISOString();
    const open = openHoldingPause(state);
    if (input.action === 'pause') {
      if (open) throw conflict('the holding clock is already paused', 'action', 'the clock is already paused');
      state.holdingPauses = [...state.holdingPauses, { from: at }];
      // The reason over the holding period (000): statutory or legal action ongoing.
      const resolved = state.duties['case-resolved'];
      if (!resolved?.reason)
        state.duties['case-resolved'] = { ...(resolved ?? { status: 'open' }), reason: input.reason };
    } else {
      if (!open) throw conflict('the holding clock is not paused', 'action', 'the clock is not paused');
      state.holdingPauses = state.holdingPauses.map((p) => (p === open ? { from: p.from, to: at } : p));
    }
    const details = { holding: input.action, reason: input.reason };
    return { state, events: [{ type: 'facts-updated', duty: 'case-resolved', details }], changes: {} };
  },
};
