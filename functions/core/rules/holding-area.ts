/**
 * The 21-day holding area (000): a case is resolved out of the holding area within 21 days of its
 * opening, unless statutory or legal action is ongoing. The one home of the rule: the clock plan,
 * closure (case-status) and the figures all call `holdingDeadline`.
 */
import type { Clock, Nation } from '../clock-schema.js';
import { deadline } from '../clocks.js';

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
 * The holding-area deadline. The clock counts from the case opening and stands still while statutory or
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
export function holdingDeadline(
  c: HoldingCase,
  clock: Clock,
  nation: Nation,
  now?: Date,
  countDeadline: (start: Date, clock: Clock, nation: Nation) => Date = deadline,
): HoldingDeadline {
  const start = new Date(c.openedAt ?? c.reportedAt);
  const from = start.getTime();
  const until = now?.getTime() ?? Infinity;
  const spans = c.holdingPauses
    .map(
      (p) =>
        [
          Math.max(from, Date.parse(p.from)),
          Math.min(until, p.to === undefined ? (now?.getTime() ?? Date.parse(p.from)) : Date.parse(p.to)),
        ] as const,
    )
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
  return { start, deadline: new Date(due), pausedMs, paused: isHoldingPaused(c) };
}

/** The pause for statutory or legal action that has not ended yet (000), if there is one. */
export function openHoldingPause<P extends { from: string; to?: string }>(c: {
  holdingPauses: readonly P[];
}): P | undefined {
  return c.holdingPauses.find((p) => p.to === undefined);
}

/** Whether the holding clock stands still now: a pause for statutory or legal action has not ended (000). */
export function isHoldingPaused(c: Pick<HoldingCase, 'holdingPauses'>): boolean {
  return openHoldingPause(c) !== undefined;
}
