/** Scoring a DASH checklist (002 §6): the risk, the MARAC referral a high result needs, the answers kept private. */
import type { CaseState } from '../case.js';
import { type DashSubmission, dashSubmissionSchema, scoreDash } from '../dash.js';
import { done, invalid, needOpen } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

export type DashCommand = { kind: 'dash'; input: DashSubmission };

/** POST …/dash: a completed checklist, scored. */
export const dash = {
  schema: dashSubmissionSchema,
  apply(state: CaseState, { input }: DashCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    const { config, now } = ctx;
    // The association's config names the checklist version its officers use (riskTool.version).
    if (input.version !== config.riskTool.version)
      throw invalid(
        [{ field: 'version', problem: `must be ${config.riskTool.version}, the checklist this association uses` }],
        'invalid',
      );
    const result = scoreDash(input, { maracReferrals: state.maracReferrals, incidents: state.incidents }, now);
    state.dash = { score: result.score, risk: result.risk, maracRequired: result.maracRequired, at: now.toISOString() };
    state.facts = { ...state.facts, risk: result.risk };
    state.duties['dash-assessment'] = done(state, 'dash-assessment', ctx);
    // Each high result needs its own referral (a repeat within 12 months is flagged by repeatMarac).
    if (result.maracRequired && state.duties['marac-referral']?.status !== 'open')
      state.duties['marac-referral'] = { status: 'open' };
    const { reasons: _r, ...summary } = result;
    const judgement = input.judgement ? { judgement: input.judgement } : {};
    return {
      state,
      dash: result,
      events: [
        {
          type: 'dash-scored',
          duty: 'dash-assessment',
          details: {
            ...summary,
            reasons: result.reasons,
            ...(input.judgement ? { judgementReasons: input.judgement.reasons } : {}),
          },
        },
      ],
      changes: { dashAnswers: { version: input.version, answers: input.answers, ...judgement } },
    };
  },
};
