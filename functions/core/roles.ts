/**
 * Staff roles, as the Cognito groups (and the local sign-in) name them, and which roles may use
 * which part of Haven. The one list: the APIs, the CDK user pool groups and the local runtime read it.
 */

/** Staff roles as Cognito groups name them. */
export const ROLES = ['officer', 'manager', 'safeguarding-lead', 'board'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work cases. The board sees figures only. */
export const CASE_ROLES: readonly Role[] = ['officer', 'manager', 'safeguarding-lead'];

/** Roles that read the figures (heads of service and the board). */
export const FIGURES_ROLES: readonly Role[] = ['manager', 'safeguarding-lead', 'board'];

/** Roles that see every case of the association and assign cases to officers. */
export const ALL_CASES_ROLES: readonly Role[] = ['manager', 'safeguarding-lead'];

/** Most senior first: the role recorded on the timeline for someone who holds several. */
export const SENIORITY: readonly Role[] = ['safeguarding-lead', 'manager', 'officer', 'board'];

/**
 * One member of the association's staff as the staff directory lists them: their staff id (Cognito
 * subject), email, one role they hold (a person in two role groups is listed once for each) and the
 * area ids they work in (the same `custom:areas` their token carries).
 */
export interface StaffMember {
  sub: string;
  email: string;
  role: Role;
  areas: string[];
}
