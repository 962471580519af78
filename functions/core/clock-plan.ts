import { CLOCK_DUTY, type AssociationConfig, type ClockName } from './association.js';
import type { Clock, Nation } from './clock-schema.js';
import type { CaseState } from './case.js';
import { deadline } from './clocks.js';
import type { Duty } from './duties.js';
import { route } from './routing.js';

/** A clock the workflow should be keeping for a case. Instants are ISO strings. */
export interface PlannedClock {
  /** `${clock}@${deadline}`: the same case planned twice gives the same key, so a running clock is never started again. */
  key: string;
  clock: ClockName;
  duty: Duty;
  startsAt: string;
  deadline: string;
}

/** A case as the holding-area rule reads it; instants are ISO strings. */
export interface HoldingCase {
  /** When the report was received: the clock's start when `openedAt` is not known. */
  reportedAt: string;
  /**
   * When the case was opened (DOMAIN: the holding clock runs from "case opened"). CaseState keeps no
   * separate opening instant, and a resident's report opens its case as it is received, so callers
   * pass reportedAt; a signposted record opened later starts its clock at its report too.
   */
  openedAt?: string;
  /** Pauses for statutory or legal action (000); `to` absent while still paused. */
  holdingPauses: readonly { from: string; to?: string }[];
}

/** Where the holding-area clock stands: its start, its deadline with paused time added, and whether it is paused now. */
export interface HoldingDeadline {
  start: Date;
  deadline: Date;
  pausedMs: number;
  paused: boolean;
}

/**
 * The 21-day holding-area deadline (000), the one home of the rule: case-status, the clock plan and
 * the figures all call it. The clock counts from the case opening and stands still while statutory or
 * legal action is ongoing: pauses are clipped to the start (and to `now` when given), overlapping
 * pauses count once, and the deadline is moved later by the paused time. A pause that begins after
 * the deadline has already passed does not undo the breach. An open pause counts up to `now`, or,
 * without `now`, not at all (the deadline as it stood when the pause began).
 *
 * Paused time counts as elapsed time: the unpaused deadline is counted in London days
 * (clocks.ts `deadline`), then the real milliseconds spent paused are added. A pause across a clocks
 * change therefore adds the hours that really passed (a pause from 24 Oct 2026 12:00 BST to 26 Oct
 * 12:00 GMT adds 49 hours, not 2 days), and the deadline can move an hour off the opening's wall time.
 */
export function holdingDeadline(c: HoldingCase, clock: Clock, nation: Nation, now?: Date, countDeadline: (start: Date, clock: Clock, nation: Nation) => Date = deadline): HoldingDeadline {
  const start = new Date(c.openedAt ?? c.reportedAt);
  const from = start.getTime();
  const until = now?.getTime() ?? Infinity;
  const spans = c.holdingPauses
    .map((p) => [Math.max(from, Date.parse(p.from)), Math.min(until, p.to === undefined ? (now?.getTime() ?? Date.parse(p.from)) : Date.parse(p.to))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let due = countDeadline(start, clock, nation).getTime();
  let pausedMs = 0;
  let reach = from;
  for (const [a, b] of spans) {
    const begin = Math.max(a, reach);
    if (begin >= due) break; // the clock had already run out
    if (b > begin) {
      pausedMs += b - begin;
      due += b - begin;
    }
    reach = Math.max(reach, b);
  }
  return { start, deadline: new Date(due), pausedMs, paused: c.holdingPauses.some((p) => p.to === undefined) };
}

/** The latest of a list of ISO instants, or the fallback when the list is empty. */
function latest(instants: readonly string[], fallback: string): string {
  return instants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), fallback);
}

/** When a clock starts, how long it runs and (holding area) its deadline, for a case; undefined when it should not run now. */
function anchor(clock: ClockName, length: Clock, state: CaseState, nation: Nation): { start: string; length: Clock; due?: Date } | undefined {
  switch (clock) {
    case 'regularContact':
      // "at least every 14 days unless agreed otherwise with the victim" (001 §7), from the last contact.
      return { start: latest(state.contacts, state.reportedAt), length: state.agreedContactRhythm ?? length };
    case 'emergencySecurityWorks':
      // 24 hours from the violent incident being reported (004 §7.4.9). A violent incident opens the duty
      // with `at` = when it was reported (core/commands/incident.ts); any other incident leaves the clock where it is.
      return { start: state.duties['emergency-security-works']?.at ?? state.reportedAt, length };
    case 'holdingArea':
      // No clock runs while statutory or legal action is ongoing (000); the deadline is holdingDeadline's.
      if (state.holdingPauses.some((p) => p.to === undefined)) return undefined;
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
      plan.push({ key: `${clock}@${due}`, clock, duty: action.duty, startsAt: new Date(a.start).toISOString(), deadline: due });
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
  const first = plan.reduce<PlannedClock | undefined>((min, p) => (min === undefined || Date.parse(p.deadline) < Date.parse(min.deadline) ? p : min), undefined);
  return first && { clock: first.clock, duty: first.duty, deadline: first.deadline };
}
