/**
 * The staff directory: who the association's officers, managers and safeguarding lead are, with their
 * email and areas, as the identity provider lists them — Cognito's role groups in AWS, the local
 * identity's users on one machine (directory-cognito.ts is the AWS one). Assignment picks from it;
 * GET /api/staff lists it. Areas come from the same source as the token's `custom:areas`, lower-cased
 * as identity.ts reads them.
 */
import { CASE_ROLES, type StaffMember } from '../core/roles.js';

/** The association's staff who work cases, one entry per role they hold. */
export interface StaffDirectory {
  list(): Promise<StaffMember[]>;
}

/** Most senior roles first, then by email: the order the console shows. */
const byRoleThenEmail = (a: StaffMember, b: StaffMember) =>
  CASE_ROLES.indexOf(b.role) - CASE_ROLES.indexOf(a.role) || a.email.localeCompare(b.email);

/**
 * The members in case roles, areas lower-cased, in the console's order, without duplicate entries:
 * what every directory lists, however it found its members.
 */
export function directoryEntries(members: readonly StaffMember[]): StaffMember[] {
  const seen = new Set<string>();
  return members
    .filter((m) => CASE_ROLES.includes(m.role))
    .map((m) => ({ sub: m.sub, email: m.email, role: m.role, areas: m.areas.map((a) => a.toLowerCase()) }))
    .filter((m) => {
      const key = `${m.sub}\u0000${m.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(byRoleThenEmail);
}

/** A directory over a known list of users: the local identity's users of one association on one machine. */
export function listedDirectory(members: readonly StaffMember[]): StaffDirectory {
  const entries = directoryEntries(members);
  return { list: async () => entries.map((m) => ({ ...m, areas: [...m.areas] })) };
}
