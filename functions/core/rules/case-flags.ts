/**
 * The case flags of 002 §6 and SafeLives MARAC practice, from the case's own history and that of the
 * victim's or home's other cases. A MARAC referral is a repeat when it is made within 12 months of an
 * earlier referral of the same victim or home: an earlier one of this case, or one of another case
 * linked to it. A case's own first referral, with none before it, is not a repeat. Three or more
 * incidents in 12 months are a potential escalation. Every window runs back from the same London time
 * 12 months before its end, both ends included.
 */
import { londonMonthsBefore } from '../clocks.js';

/** Incidents and MARAC referrals so far, as ISO instants. */
export interface CaseHistory {
  /** This case's own MARAC referrals. */
  maracReferrals: readonly string[];
  incidents: readonly string[];
  /** MARAC referrals of the other cases of the same victim or home (linked cases); none when not known. */
  linkedMaracReferrals?: readonly string[];
}

/** The flags an officer sees on the case and on a DASH result. */
export interface CaseFlags {
  /** A MARAC referral of this case was a repeat: made within 12 months of an earlier one of the victim or home. */
  repeatMarac: boolean;
  /** A MARAC referral made now would be a repeat: one was made for the victim or home in the 12 months before now. */
  maracWouldRepeat: boolean;
  /** Three or more incidents in the 12 months before now. */
  potentialEscalation: boolean;
}

/** How far back the flags look, in months (the console says it from web/console/data). */
export const FLAG_WINDOW_MONTHS = 12;

/** Incidents that make a potential escalation within the window. */
export const ESCALATION_INCIDENTS = 3;

/** The instants of a history list up to `now`, in order; an entry that is not a date is an error that does not echo it. */
function instantsUpTo(list: readonly string[], now: Date, field: string): number[] {
  const out: number[] = [];
  for (const iso of list) {
    const t = Date.parse(iso);
    // The entry itself is never echoed: history is read from the case, and a bad one is a bug to find.
    if (Number.isNaN(t)) throw new Error(`case history ${field} holds an entry that is not a date`);
    if (t <= now.getTime()) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/** Whether some instant of `list` falls in the 12 London months up to `end`, both ends included, before `end`'s own. */
function anyInTwelveMonthsBefore(list: readonly number[], end: number, excludeSelf: boolean): boolean {
  const from = londonMonthsBefore(new Date(end), FLAG_WINDOW_MONTHS).getTime();
  return list.some((t) => t >= from && (excludeSelf ? t < end : t <= end));
}

/** The repeat-MARAC and escalation flags of a case as of `now` (002 §6, SafeLives). */
export function caseFlags(history: CaseHistory, now: Date): CaseFlags {
  const own = instantsUpTo(history.maracReferrals, now, 'maracReferrals');
  const linked = instantsUpTo(history.linkedMaracReferrals ?? [], now, 'linkedMaracReferrals');
  const incidents = instantsUpTo(history.incidents, now, 'incidents');
  const fromNow = londonMonthsBefore(now, FLAG_WINDOW_MONTHS).getTime();
  // Each own referral against the ones before it: this case's earlier referrals (the same instant
  // twice is a second referral) and the linked cases' referrals made before it.
  const repeatMarac = own.some(
    (t, i) => anyInTwelveMonthsBefore(own.slice(0, i), t, false) || anyInTwelveMonthsBefore(linked, t, true),
  );
  return {
    repeatMarac,
    maracWouldRepeat: [...own, ...linked].some((t) => t >= fromNow),
    potentialEscalation: incidents.filter((t) => t >= fromNow).length >= ESCALATION_INCIDENTS,
  };
}
