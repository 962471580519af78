/**
 * The case flags of 002 §6, from the case's own history: a MARAC referral in the last 12 months makes
 * a new one a repeat, and three or more incidents in 12 months are a potential escalation. The window
 * runs from the same London time 12 months before now, both ends included.
 */
import { londonMonthsBefore } from '../clocks.js';

/** Incidents and MARAC referrals of the case so far, as ISO instants. */
export interface CaseHistory {
  maracReferrals: readonly string[];
  incidents: readonly string[];
}

/** The flags an officer sees on the case and on a DASH result. */
export interface CaseFlags {
  /** A MARAC referral in the 12 months before now: a new referral is a repeat. */
  repeatMarac: boolean;
  /** Three or more incidents in the 12 months before now. */
  potentialEscalation: boolean;
}

/** How far back the flags look, in months (the console says it from web/console/data). */
export const FLAG_WINDOW_MONTHS = 12;

/** Incidents that make a potential escalation within the window. */
export const ESCALATION_INCIDENTS = 3;

function countInLastTwelveMonths(list: readonly string[], now: Date, field: string): number {
  const from = londonMonthsBefore(now, FLAG_WINDOW_MONTHS).getTime();
  let n = 0;
  for (const iso of list) {
    const t = Date.parse(iso);
    // The entry itself is never echoed: history is read from the case, and a bad one is a bug to find.
    if (Number.isNaN(t)) throw new Error(`case history ${field} holds an entry that is not a date`);
    if (t >= from && t <= now.getTime()) n++;
  }
  return n;
}

/** The repeat-MARAC and escalation flags of a case as of `now` (002 §6). */
export function caseFlags(history: CaseHistory, now: Date): CaseFlags {
  return {
    repeatMarac: countInLastTwelveMonths(history.maracReferrals, now, 'maracReferrals') > 0,
    potentialEscalation: countInLastTwelveMonths(history.incidents, now, 'incidents') >= ESCALATION_INCIDENTS,
  };
}
