/**
 * GET /api/staff: the association's officers, managers and safeguarding lead from the staff
 * directory, for managers and the safeguarding lead to assign cases from. Each entry is exactly
 * {sub, email, role, areas}: no other attribute the identity provider holds.
 */
import type { Deps } from '../adapters/deps.js';
import type { StaffDirectory } from '../adapters/directory.js';
import { type ApiResult, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import { Refusal } from '../core/problems.js';
import type { StaffMember } from '../core/roles.js';
import { mayAssign } from '../core/rules/case-access.js';
import { callerOf } from './route-input.js';

/** The deps' staff directory; none wired is a fault of the deployment (a 500), never the caller's. */
export function directoryOf(d: Deps): StaffDirectory {
  if (!d.directory) throw new Error('no staff directory is wired for this association');
  return d.directory;
}

/** The members of the directory, as the API shows them. */
export async function staffMembers(d: Deps): Promise<StaffMember[]> {
  const members = await directoryOf(d).list();
  return members.map(({ sub, email, role, areas }) => ({ sub, email, role, areas: [...areas] }));
}

/** GET /api/staff (see the module comment). */
export async function listStaff({ context, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  if (!mayAssign(callerOf(context)))
    throw new Refusal('forbidden', 'only a manager or the safeguarding lead lists the staff', [
      { field: 'role', problem: 'must be manager or safeguarding-lead' },
    ]);
  return json(200, { items: await staffMembers(d) }, context.correlationId);
}
