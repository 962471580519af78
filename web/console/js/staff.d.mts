/** The claims in a JWT's payload (not verified: the API verifies; the console only reads who it is). @param {string} token */
export function jwtClaims(token: string): Record<string, unknown> | undefined;
/**
 * Who is signed in, from token claims: subject, email, roles, areas, and what they may use. The board
 * sees figures only; officers work cases; managers and the safeguarding lead do both.
 * @param {Record<string, unknown> | undefined} claims
 */
export function staffFrom(claims: Record<string, unknown> | undefined): {
    sub: string;
    email: string;
    roles: string[];
    areas: string[];
    worksCases: boolean;
    seesFigures: boolean;
    seesAllCases: boolean;
    expiresAt: number | undefined;
} | undefined;
/** The role words for the header. @param {string[]} roles */
export function roleWords(roles: string[]): string;
/**
 * The association a local token belongs to: its audience is `haven-local-<id>` (local/identity.ts).
 * @param {Record<string, unknown> | undefined} claims
 */
export function localAssociationOf(claims: Record<string, unknown> | undefined): string | undefined;
