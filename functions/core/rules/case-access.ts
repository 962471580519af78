/**
 * Who may see and assign which case (000, 004 §10): managers and the safeguarding lead see every case
 * and assign them; officers see the cases of their areas, those whose area nobody knows yet, and
 * those assigned to them. The timeline records the most senior role the caller holds.
 */
import { ALL_CASES_ROLES, type Role, SENIORITY } from '../roles.js';

/** The caller as the rules need them: their staff id, roles and areas. */
export interface Staff {
  sub: string;
  roles: readonly Role[];
  areas: readonly string[];
}

/** Where a case sits, as its clear summary says. */
interface CasePlace {
  area?: string;
  assignedOfficer?: string;
}

const holdsAny = (who: Staff, roles: readonly Role[]) => who.roles.some((r) => roles.includes(r));

/** Managers and the safeguarding lead see every case. */
export function seesAll(who: Staff): boolean {
  return holdsAny(who, ALL_CASES_ROLES);
}

/** Managers and the safeguarding lead assign cases to officers. */
export function mayAssign(who: Staff): boolean {
  return holdsAny(who, ALL_CASES_ROLES);
}

/** Whether the caller may see this case. */
export function maySee(who: Staff, place: CasePlace): boolean {
  if (seesAll(who)) return true;
  if (place.assignedOfficer && place.assignedOfficer === who.sub) return true;
  // A report whose area is not known yet is every officer's to pick up (see the caseload).
  if (place.area === undefined) return who.roles.includes('officer');
  return who.areas.includes(place.area);
}

/** The role recorded on the timeline for the caller (the most senior case role they hold). */
export function actingRole(who: Staff): Role {
  for (const r of SENIORITY) if (r !== 'board' && who.roles.includes(r)) return r;
  return who.roles[0] ?? 'officer';
}
