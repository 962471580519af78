/**
 * How a running clock stands against its deadline, in the staff console's words: overdue once the
 * deadline has passed, due soon within a day of it, due later before that. The console
 * (web/console/js/view.mjs, browser code) draws the same line; the demo script reports by this one.
 */

/** Within this long of its deadline a clock is due soon. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

/** Where a clock stands: `none` when no clock runs. */
export type ClockStanding = 'overdue' | 'due soon' | 'due later' | 'none';

/** How the earliest deadline (epoch ms, or undefined: no clock) stands at `now` (epoch ms). */
export function clockStanding(deadline: number | undefined, now: number): ClockStanding {
  if (deadline === undefined) return 'none';
  if (deadline < now) return 'overdue';
  // A deadline within the minute is still due soon, never rounded to overdue.
  return deadline - now <= DUE_SOON_MS ? 'due soon' : 'due later';
}
