/**
 * The staff directory in AWS: the members of the user pool's case-role groups (the groups
 * lib/staff-auth.ts creates, named by core/roles.ts as the token's `cognito:groups` names them), read
 * with ListUsersInGroup page by page. Each user gives one entry per case-role group they are in, with
 * their `sub`, `email` and `custom:areas` (read as identity.ts reads the claim); a user without a sub
 * or an email, or one Cognito says is disabled, is not listed. The list is kept for `ttlMs` (60 s) per
 * Lambda container, so a console page does not call Cognito per request: someone added to or removed
 * from a group shows (or stops being assignable) within that time.
 */
import {
  CognitoIdentityProviderClient,
  paginateListUsersInGroup,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CASE_ROLES, type Role, type StaffMember } from '../core/roles.js';
import { directoryEntries, type StaffDirectory } from './directory.js';
import { AdapterError } from './errors.js';
import { areasOf } from './http/identity.js';

/** Cognito could not list a group (throttled, denied, no such pool): a 500 with a correlation id only. */
export class DirectoryError extends AdapterError {
  override readonly name = 'DirectoryError';
  readonly code = 'directory-unavailable';
}

/** ListUsersInGroup's largest page. */
const PAGE_SIZE = 60;

/** The value of a user's attribute, trimmed; absent or blank as undefined. */
const attribute = (user: UserType, name: string) =>
  user.Attributes?.find((a) => a.Name === name)?.Value?.trim() || undefined;

/** The directory entry of a user in a role group, if they can be listed. */
function memberOf(user: UserType, role: Role): StaffMember[] {
  if (user.Enabled === false) return [];
  const sub = attribute(user, 'sub');
  const email = attribute(user, 'email');
  if (!sub || !email) return [];
  return [{ sub, email, role, areas: areasOf(attribute(user, 'custom:areas')) }];
}

/** Every listable user of one role group, across all its pages. */
async function groupMembers(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  role: Role,
): Promise<StaffMember[]> {
  const members: StaffMember[] = [];
  const pages = paginateListUsersInGroup({ client, pageSize: PAGE_SIZE }, { UserPoolId: userPoolId, GroupName: role });
  for await (const page of pages) for (const user of page.Users ?? []) members.push(...memberOf(user, role));
  return members;
}

export interface CognitoDirectoryOptions {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  /** How long a listing is kept, in milliseconds (default 60 000). */
  ttlMs?: number;
  /** Milliseconds since the epoch (default Date.now); tests pass their own. */
  now?: () => number;
}

/** The user pool's case-role groups as a staff directory (see the module comment). */
export function cognitoDirectory(options: CognitoDirectoryOptions): StaffDirectory {
  const { client, userPoolId } = options;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; entries: Promise<StaffMember[]> } | undefined;

  const load = async (): Promise<StaffMember[]> => {
    try {
      const groups = await Promise.all(CASE_ROLES.map((role) => groupMembers(client, userPoolId, role)));
      return directoryEntries(groups.flat());
    } catch (e) {
      // Only the class is kept: the SDK's message may name the pool or a user.
      throw new DirectoryError('the staff directory could not be read', e instanceof Error ? e.name : typeof e);
    }
  };

  return {
    async list() {
      const at = now();
      if (!cached || at - cached.at >= ttlMs || at < cached.at) {
        const entries = load();
        cached = { at, entries };
        // A failed listing is not kept: the next request asks Cognito again.
        entries.catch(() => {
          if (cached?.entries === entries) cached = undefined;
        });
      }
      return (await cached.entries).map((m) => ({ ...m, areas: [...m.areas] }));
    },
  };
}

/**
 * The staff directory of a Lambda lib/functions.ts gives USER_POOL_ID (`staff:list`: the cases API),
 * built once per container with the deps; none for any other.
 */
export function directoryFromEnvironment(): { directory?: StaffDirectory } {
  const userPoolId = process.env.USER_POOL_ID;
  if (!userPoolId) return {};
  return { directory: cognitoDirectory({ client: new CognitoIdentityProviderClient({}), userPoolId }) };
}
