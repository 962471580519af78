import type { AssociationConfig, ClockName } from './association.js';
import type { CaseState } from './case.js';
import type { Clock, Nation } from './clock-schema.js';
import { deadline } from './clocks.js';
import type { Duty } from './duties.js';
import { CLOCK_DUTY } from './duties.js';
import { route } from './routing.js';
import { emergencyWorksStart } from './rules/emergency-works.js';
import { holdingDeadline, isHoldingPaused } from './rules/holding-area.js';
import { decideClockStart } from './rules/no-safe-contact.js';

/** A clock the workflow should be keeping for a case. Instants are ISO strings. */
export interface PlannedClock {
  /** `${clock}@${deadline}`: the same case planned twice gives the same key, so a running clock is never started again. */
  key: string;
  clock: ClockName;
  duty: Duty;
  startsAt: string;
  deadline: string;
}

/** The latest of a list of ISO instants, or the fallback when the list is empty. */
function latest(instants: readonly string[], fallback: string): string {
  return instants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), fallback);
}

/** When a clock starts, how long it runs and (holding area) its deadline, for a case; undefined when it should not run now. */
function anchor(
  clock: ClockName,
  length: Clock,
  state: CaseState,
  nation: Nation,
): { start: string; length: Clock; due?: Date } | undefined {
  switch (clock) {
    case 'regularContact':
      // "at least every 14 days unless agreed otherwise with the victim" (001 §7), from the last contact.
      return { start: latest(state.contacts, state.reportedAt), length: state.agreedContactRhythm ?? length };
    case 'emergencySecurityWorks':
      // 24 hours from the violent incident being reported (004 §7.4.9).
      return { start: emergencyWorksStart(state), length };
    case 'decideSafeContact': {
      // From the report, like first contact; nothing left to decide in time once initial contact is done.
      const start = decideClockStart(state);
      return start === undefined ? undefined : { start, length };
    }
    case 'holdingArea':
      // No clock runs while statutory or legal action is ongoing (000); the deadline is holdingDeadline's.
      if (isHoldingPaused(state)) return undefined;
      return { start: state.reportedAt, length, due: holdingDeadline(state, length, nation).deadline };
    default:
      // Report clocks: initial contact, safeguarding log, Local Authority and CQC reports run from the report.
      return { start: state.reportedAt, length };
  }
}

/**
 * The clocks an open case needs now: configured by the association, for a duty routing requires,
 * and not yet done or closed off as no further action.
 */
export function planClocks(state: CaseState, config: AssociationConfig): PlannedClock[] {
  if (state.status !== 'open') return [];
  const plan: PlannedClock[] = [];
  for (const action of route(state.facts, config)) {
    const status = state.duties[action.duty]?.status;
    if (status === 'done' || status === 'no-further-action') continue;
    for (const clock of action.clocks) {
      const length = config.clocks[clock];
      if (!length || CLOCK_DUTY[clock] !== action.duty) continue;
      const a = anchor(clock, length, state, config.nation);
      if (!a) continue;
      const due = (a.due ?? deadline(new Date(a.start), a.length, config.nation)).toISOString();
      plan.push({
        key: `${clock}@${due}`,
        clock,
        duty: action.duty,
        startsAt: new Date(a.start).toISOString(),
        deadline: due,
      });
    }
  }
  return plan;
}

/** Whether a clock that has woken is still in the case's plan; if not, it ends quietly. */
export function isClockStillDue(key: string, state: CaseState, config: AssociationConfig): boolean {
  return planClocks(state, config).some((p) => p.key === key);
}

/** The clock due next: which clock, the duty it keeps and its deadline (ISO). */
export interface NextDeadline {
  clock: ClockName;
  duty: Duty;
  deadline: string;
}

/**
 * The case's next deadline and the clock keeping it: the earliest among its planned clocks (the first
 * planned on a tie; undefined when none runs). The one home of the "next clock" rule: the clear
 * nextDueAt, its clock name and the case view all come from here. A breached clock stays in the plan
 * until its duty is done, so an overdue case keeps its past deadline.
 */
export function nextDeadline(plan: readonly PlannedClock[]): NextDeadline | undefined {
  const first = plan.reduce<PlannedClock | undefined>(
    (min, p) => (min === undefined || Date.parse(p.deadline) < Date.parse(min.deadline) ? p : min),
    undefined,
  );
  return first && { clock: first.clock, duty: first.duty, deadline: first.deadline };
}
