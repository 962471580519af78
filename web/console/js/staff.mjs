// Who is signed in, from the token's claims: the console reads them to choose what to show; the API
// verifies the token and decides what is allowed.
import { humanise } from './view.mjs';

/** The claims in a JWT's payload (not verified: the API verifies; the console only reads who it is). @param {string} token */
export function jwtClaims(token) {
  const payload = String(token).split('.')[1];
  if (!payload) return undefined;
  try {
    const b64 = payload.replaceAll('-', '+').replaceAll('_', '/');
    const text = decodeURIComponent(
      Array.from(
        atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)),
        (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      ).join(''),
    );
    return /** @type {Record<string, unknown>} */ (JSON.parse(text));
  } catch {
    return undefined;
  }
}

const ROLE_ALIASES = /** @type {Record<string, string>} */ ({
  officer: 'officer',
  'case-officer': 'officer',
  officers: 'officer',
  manager: 'manager',
  managers: 'manager',
  'line-manager': 'manager',
  'operations-manager': 'manager',
  'safeguarding-lead': 'safeguarding-lead',
  board: 'board',
});

/** A list claim as Cognito or API Gateway may give it: array, "[a b]" or "a,b". @param {unknown} v @returns {string[]} */
function claimList(v) {
  if (Array.isArray(v)) return v.flatMap(claimList);
  if (typeof v !== 'string') return [];
  return v
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * Who is signed in, from token claims: subject, email, roles, areas, and what they may use. The board
 * sees figures only; officers work cases; managers and the safeguarding lead do both.
 * @param {Record<string, unknown> | undefined} claims
 */
export function staffFrom(claims) {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const roles = [
    ...new Set(
      claimList(claims['cognito:groups']).flatMap((g) =>
        ROLE_ALIASES[g.toLowerCase()] ? [ROLE_ALIASES[g.toLowerCase()]] : [],
      ),
    ),
  ];
  const areas = claimList(claims['custom:areas']).map((a) => a.toLowerCase());
  const worksCases = roles.some((r) => r === 'officer' || r === 'manager' || r === 'safeguarding-lead');
  const seesFigures = roles.some((r) => r === 'manager' || r === 'safeguarding-lead' || r === 'board');
  const seesAllCases = roles.some((r) => r === 'manager' || r === 'safeguarding-lead');
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : '',
    roles,
    areas,
    worksCases,
    seesFigures,
    seesAllCases,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
  };
}

/** The role words for the header. @param {string[]} roles */
export function roleWords(roles) {
  const names = /** @type {Record<string, string>} */ ({
    officer: 'Case officer',
    manager: 'Manager',
    'safeguarding-lead': 'Safeguarding lead',
    board: 'Board member',
  });
  return roles.map((r) => names[r] ?? humanise(r)).join(', ');
}

/**
 * The association a local token belongs to: its audience is `haven-local-<id>` (local/identity.ts).
 * @param {Record<string, unknown> | undefined} claims
 */
export function localAssociationOf(claims) {
  const aud = claims?.aud;
  const m = typeof aud === 'string' ? /^haven-local-([a-z0-9-]+)$/.exec(aud) : null;
  return m ? m[1] : undefined;
}
