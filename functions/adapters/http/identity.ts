import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ROLES, type Role } from '../../core/roles.js';

/** Each role by its own name, and other spellings a Cognito group may use for the same role. */
const ALIASES: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
  'case-officer': 'officer',
  officers: 'officer',
  managers: 'manager',
  'line-manager': 'manager',
  'operations-manager': 'manager',
};

/** The role a Cognito group names, if any (own keys only: a group called `constructor` is no role). */
function roleOf(group: string): Role[] {
  const name = group.toLowerCase();
  const role = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
  return role ? [role] : [];
}

/** Who is calling, from the JWT the API Gateway authorizer verified. */
export interface Identity {
  sub: string;
  email?: string;
  roles: Role[];
  /** Area ids an officer works in (`custom:areas`). */
  areas: string[];
}

/**
 * Splits a claim that API Gateway may hand over as an array, a JSON array string, a bracketed
 * space-separated string ("[officer manager]") or a comma-separated string.
 */
function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => claimList(v));
  if (typeof value !== 'string') return [];
  let text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return claimList(parsed);
    } catch {
      // Not JSON: "[a b]" as HTTP APIs render a list claim.
    }
    text = text.slice(1, -1);
  }
  return text
    .split(/[\s,]+/)
    .map((s) => s.replace(/^["']|["']$/g, '').trim())
    .filter(Boolean);
}

/**
 * Area ids from a `custom:areas` value (a token claim, or the user attribute the staff directory
 * reads): a list in any of claimList's forms, lower-cased.
 */
export const areasOf = (value: unknown): string[] => claimList(value).map((a) => a.toLowerCase());

/** The caller's identity, or undefined when the request carries no verified subject. */
export function identityFrom(event: APIGatewayProxyEventV2): Identity | undefined {
  const ctx = event.requestContext as unknown as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  const claims = ctx.authorizer?.jwt?.claims;
  if (!claims || typeof claims !== 'object') return undefined;
  const sub = claims.sub;
  if (typeof sub !== 'string' || !sub.trim()) return undefined;
  const roles = [...new Set(claimList(claims['cognito:groups']).flatMap((g) => roleOf(g)))];
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  return {
    sub,
    ...(email ? { email } : {}),
    roles,
    areas: areasOf(claims['custom:areas']),
  };
}

/** Whether the identity holds any of the roles. */
export const hasRole = (who: Identity, roles: readonly Role[]): boolean => who.roles.some((r) => roles.includes(r));
