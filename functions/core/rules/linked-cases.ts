/**
 * What a case view shows of a linked case (another case of the same victim or home, 002 §6): its
 * summary when the reader may see that case itself (rules/case-access.ts `maySee`, the check reading
 * it directly passes), else only that it exists and who holds it — the team the association's config
 * names for casework (`escalation.mailboxes['case-officer']` and its role title), and the officer
 * assigned to it when there is one — so the reader can ask them, and nothing of the case itself: no
 * reference, status, risk, abuse types or dates.
 *
 * The same check decides whether a case view may name another case by its id anywhere else: the case
 * a recorded sight came from (`linked-case-viewed`), the case that set a home marker, and the linked
 * cases whose MARAC referrals count towards the repeat-MARAC flag (`mayNameCase`), in the view and in
 * the caseload alike (`countedLinkedReferrals`).
 */
import type { AssociationConfig } from '../association.js';
import { maySee, type Staff, seesAll } from './case-access.js';

/** Where a linked case sits and who holds it, as its clear summary says. */
interface LinkedPlace {
  area?: string;
  assignedOfficer?: string;
  assignedOfficerEmail?: string;
}

/** Who holds a linked case the reader may not see: the casework team (title, mailbox) and its officer, if assigned. */
interface LinkedCaseManager {
  title: string;
  mailbox: string;
  officerEmail?: string;
}

/** A linked case as the reader may see it: the whole summary, or only that it exists and who manages it. */
export type LinkedCaseView<T> = ({ restricted: false } & T) | { restricted: true; managedBy: LinkedCaseManager };

/** Who holds a case by the association's config: the casework team and the case's own officer, if one is assigned. */
function linkedCaseManager(linked: LinkedPlace, config: AssociationConfig): LinkedCaseManager {
  return {
    title: config.escalation.roleTitles['case-officer'] ?? 'Case officer',
    mailbox: config.escalation.mailboxes['case-officer'],
    ...(linked.assignedOfficer && linked.assignedOfficerEmail ? { officerEmail: linked.assignedOfficerEmail } : {}),
  };
}

/** The linked case `linked` as `who` may see it in another case's view. */
export function linkedCaseView<T extends LinkedPlace>(
  linked: T,
  who: Staff,
  config: AssociationConfig,
): LinkedCaseView<T> {
  if (mayNameCase(who, linked)) return { restricted: false, ...linked };
  return { restricted: true, managedBy: linkedCaseManager(linked, config) };
}

/**
 * Whether a case view may carry the id (or a fact) of another case `other` it names: only when `who`
 * may see that case, by the check `linkedCaseView` makes; a case with no summary (gone) never.
 */
export function mayNameCase(who: Staff, other: LinkedPlace | undefined): boolean {
  return other !== undefined && maySee(who, other);
}

/**
 * A linked case's MARAC referral as a caseload item keeps it: when, and where that case sat when the
 * item was written (its area and officer: ids, nothing personal). `place` is absent on an item
 * written before it was kept: who may see that case is then not known.
 */
export interface LinkedReferral {
  at: string;
  place?: { area?: string; assignedOfficer?: string };
}

/**
 * The instants of the linked referrals that count towards `who`'s repeat-MARAC flag: those of the
 * cases `who` may see (`mayNameCase`, as the case view counts them). A referral whose case's place is
 * not known counts only for a reader who sees every case, so it never flags a case for a reader who
 * might not see where it came from.
 */
export function countedLinkedReferrals(who: Staff, referrals: readonly LinkedReferral[]): string[] {
  return referrals.filter((r) => (r.place ? mayNameCase(who, r.place) : seesAll(who))).map((r) => r.at);
}
