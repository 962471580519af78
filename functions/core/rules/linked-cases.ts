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
 * cases whose MARAC referrals count towards the view's repeat-MARAC flag (`mayNameCase`).
 */
import type { AssociationConfig } from '../association.js';
import { maySee, type Staff } from './case-access.js';

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
