/**
 * What the caseload's views share: the listings a caller's caseload is read from (their areas), the
 * merged cursor, and a caseload item built from the clear summary alone.
 */

import { decodeCursor } from '../adapters/cursor.js';
import type { Identity } from '../adapters/http/identity.js';
import { isListingCursors } from '../adapters/merged-pages.js';
import type { CaseSummary } from '../adapters/store/index.js';
import { NO_AREA } from '../contract/table-layout.js';
import { Refusal } from '../core/problems.js';
import { type Staff, seesAll } from '../core/rules/case-access.js';
import { caseFlags } from '../core/rules/case-flags.js';
import { countedLinkedReferrals } from '../core/rules/linked-cases.js';
import { nextAction, overdueCount } from '../core/worklist.js';

/** The listings a caller's caseload is merged from: one area each (undefined: every area, one index). */
export function listingsFor(who: Identity, q: { area?: string; officer?: string }): (string | undefined)[] | 'own' {
  if (seesAll(who)) return [q.area];
  if (q.area) {
    if (!who.areas.includes(q.area))
      throw new Refusal('forbidden', 'that area is not one of yours', [
        { field: 'area', problem: 'is not one of your areas' },
      ]);
    return [q.area];
  }
  if (q.officer === who.sub) return [undefined]; // their own cases, in any area
  // Officers also see reports whose area nobody knows yet, so no case waits unseen for a manager.
  // An officer with no areas sees the cases assigned to them.
  return who.areas.length ? [...who.areas, NO_AREA] : 'own';
}

/** A merged cursor that names none of the caller's listings is bad input (400), never read. */
export function startsOf<P>(raw: string | undefined, listings: readonly string[], isPosition: (v: unknown) => v is P) {
  if (!raw) return undefined;
  try {
    return decodeCursor(raw, isListingCursors(listings, isPosition));
  } catch {
    throw new Refusal('invalid', 'invalid request', [
      { field: 'cursor', problem: 'must be the cursor of a previous page' },
    ]);
  }
}

/**
 * A caseload item: the clear summary as the open index projects it, with the clock due next named
 * from the clear fields written with nextDueAt, the flags, the next action (the open action due
 * soonest; with no clock, the first open one), every open action, and how many clocks are overdue.
 * An item written before the work-queue facts were kept has no flags or actions until its next write.
 * The repeat-MARAC flag counts only the linked cases' referrals `who` may see, as the case view does.
 */
export function caseloadItem(
  { nextDueClock, nextDueDuty, worklist, highRiskFirst: _tier, ...s }: CaseSummary,
  who: Staff,
  now: Date,
) {
  const nextClock =
    s.nextDueAt && nextDueClock && nextDueDuty
      ? { clock: nextDueClock, duty: nextDueDuty, deadline: s.nextDueAt }
      : null;
  const overdue = s.nextDueAt !== undefined && Date.parse(s.nextDueAt) < now.getTime();
  const flags = {
    immediateDanger: s.immediateDanger === true,
    highRisk: s.risk === 'high',
    ...(worklist
      ? {
          // The case view's rules: the case's own referrals and those of the linked cases the reader
          // may see (core/rules/linked-cases.ts), as the write found them.
          repeatMarac: caseFlags(
            {
              maracReferrals: worklist.maracReferrals,
              incidents: [],
              linkedMaracReferrals: countedLinkedReferrals(who, worklist.linkedMaracReferrals),
            },
            now,
          ).repeatMarac,
          children: worklist.children,
          staffSafety: worklist.staffSafety,
        }
      : {}),
  };
  const work = worklist
    ? {
        nextAction: nextAction(worklist.actions) ?? null,
        actions: worklist.actions,
        overdueClocks: overdueCount(worklist.deadlines, now),
      }
    : { nextAction: null, actions: [], overdueClocks: overdue ? 1 : 0 };
  return { ...s, overdue, nextClock, flags, ...work };
}
