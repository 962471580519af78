/**
 * Immediate danger (002 §6, 003, 004 §7.4.3): the 999 advice at once, and the case shows it first
 * (banner, caseload flag, sorted first) until an officer records what was done with the
 * advise-emergency-services duty.
 */
import { adviceFor } from '../advice.js';
import type { AssociationConfig } from '../association.js';
import type { CaseState } from '../case.js';

const DUTY = 'advise-emergency-services';

/** Whether the case was reported in immediate danger and no officer has yet recorded what was done. */
export function dangerOpen(state: CaseState): boolean {
  const status = state.duties[DUTY]?.status;
  return state.status === 'open' && state.facts.immediateDanger && status !== 'done' && status !== 'no-further-action';
}

/** Recording the 999 duty done needs what was done, in words: the banner shows it. */
export function needsWhatWasDone(duty: string): boolean {
  return duty === DUTY;
}

/**
 * What the case banner shows: when the danger was reported, whether the 999 advice was shown (the
 * intake advice carries it whenever danger is reported), and what was done, when and by whom. The
 * words of what was done are staff-typed text: `reason` only when `show`, else `reasonGiven`.
 */
export function immediateDangerBanner(state: CaseState, config: AssociationConfig, show: boolean) {
  if (!state.facts.immediateDanger) return null;
  const advice = adviceFor(config, { immediateDanger: true, resident: state.facts.resident });
  const record = state.duties[DUTY];
  const closed = record && (record.status === 'done' || record.status === 'no-further-action');
  return {
    reportedAt: state.reportedAt,
    adviceShown: advice.emergency !== undefined,
    open: dangerOpen(state),
    whatWasDone: closed
      ? {
          outcome: record.status,
          ...(record.at ? { at: record.at } : {}),
          ...(record.by ? { by: record.by } : {}),
          ...(record.reason ? (show ? { reason: record.reason } : { reasonGiven: true as const }) : {}),
        }
      : null,
  };
}
