import type { CaseSummary } from '../adapters/case-repository.js';
import { hasRole, type Identity, type Role } from '../adapters/http/identity.js';

/** Roles that work cases. The board sees figures only. */
export const CASE_ROLES: readonly Role[] = ['officer', 'manager', 'safeguarding-lead'];

/** Managers and the safeguarding lead see every case; officers the cases of their areas, of no known area, or assigned to them. */
export function seesAll(who: Identity): boolean {
  return hasRole(who, ['manager', 'safeguarding-lead']);
}

/** Managers and the safeguarding lead assign cases to officers. */
export function mayAssign(who: Identity): boolean {
  return hasRole(who, ['manager', 'safeguarding-lead']);
}

/** Whether the caller may see this case. */
export function maySee(who: Identity, summary: Pick<CaseSummary, 'area' | 'assignedOfficer'>): boolean {
  if (seesAll(who)) return true;
  if (summary.assignedOfficer && summary.assignedOfficer === who.sub) return true;
  // A report whose area is not known yet is every officer's to pick up (see the caseload).
  if (summary.area === undefined) return who.roles.includes('officer');
  return who.areas.includes(summary.area);
}

/** The role recorded on the timeline for the caller (the most senior they hold). */
export function actingRole(who: Identity): Role {
  for (const r of ['safeguarding-lead', 'manager', 'officer'] as const) if (who.roles.includes(r)) return r;
  return who.roles[0] ?? 'officer';
}
