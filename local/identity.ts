import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** The staff roles, as the Cognito groups name them. */
export const LOCAL_ROLES = ['officer', 'manager', 'safeguarding-lead', 'board'] as const;
export type LocalRole = (typeof LOCAL_ROLES)[number];

/** An example user of one association. */
export interface LocalUser {
  associationId: string;
  role: LocalRole;
  sub: string;
  email: string;
  /** Area ids (`custom:areas`); the board sees figures only, so none. */
  areas: string[];
}

/** The claims of a Cognito ID token, as Haven reads them. */
export interface StaffClaims {
  sub: string;
  email: string;
  'cognito:groups': string[];
  'custom:areas': string;
  token_use: 'id';
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  auth_time: number;
}

const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
const LIFETIME_S = 8 * 60 * 60;

/** The audience (app client id) of one association's tokens: a token works only for its own association. */
export const audienceFor = (associationId: string) => `haven-local-${associationId}`;

/**
 * Staff identity on one machine: an HS256 key made at start-up (so tokens die with the process), example
 * users per association and role, and sign-in codes that keep the token itself out of URLs and history.
 */
export function createLocalIdentity(options: { issuerBase: string; associations: readonly { id: string; areaIds: readonly string[] }[]; now?: () => Date }) {
  const key = randomBytes(32);
  const now = options.now ?? (() => new Date());
  const users: LocalUser[] = options.associations.flatMap((a) =>
    LOCAL_ROLES.map((role) => ({
      associationId: a.id,
      role,
      sub: randomUUID(),
      email: `${role}@${a.id}.haven.local`,
      areas: role === 'board' ? [] : role === 'officer' ? a.areaIds.slice(0, 1) : [...a.areaIds],
    })),
  );
  const codes = new Map(users.map((u) => [randomBytes(18).toString('base64url'), u] as const));
  const sign = (data: string) => createHmac('sha256', key).update(data).digest();

  /** Signs an ID token for `user` with Cognito's claim names. */
  function issue(user: LocalUser): string {
    const iat = Math.floor(now().getTime() / 1000);
    const claims: StaffClaims = {
      sub: user.sub,
      email: user.email,
      'cognito:groups': [user.role],
      'custom:areas': user.areas.join(','),
      token_use: 'id',
      iss: `${options.issuerBase}/${user.associationId}`,
      aud: audienceFor(user.associationId),
      iat,
      auth_time: iat,
      exp: iat + LIFETIME_S,
    };
    const unsigned = `${HEADER}.${b64(claims)}`;
    return `${unsigned}.${b64(sign(unsigned))}`;
  }

  /** Verifies signature, algorithm, issuer, audience and expiry for `associationId`; undefined when any fails. */
  function verify(token: string, associationId: string): StaffClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== HEADER) return undefined; // exactly HS256: no "none", no algorithm swap
    const expected = sign(`${header}.${payload}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: StaffClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StaffClaims;
    } catch {
      return undefined;
    }
    const t = Math.floor(now().getTime() / 1000);
    if (claims.aud !== audienceFor(associationId) || claims.iss !== `${options.issuerBase}/${associationId}`) return undefined;
    if (claims.token_use !== 'id' || typeof claims.exp !== 'number' || claims.exp <= t) return undefined;
    return claims;
  }

  return {
    users,
    issue,
    verify,
    /** The user a sign-in code stands for. */
    userForCode: (code: string) => codes.get(code),
    /** The sign-in code of a user. */
    codeFor: (user: LocalUser) => [...codes].find(([, u]) => u === user)?.[0] as string,
    /** A token for the example user of `role` in `associationId` (tests, scripts). */
    tokenFor(associationId: string, role: LocalRole): string {
      const user = users.find((u) => u.associationId === associationId && u.role === role);
      if (!user) throw new Error(`No example user "${role}" for association "${associationId}"`);
      return issue(user);
    },
  };
}
export type LocalIdentity = ReturnType<typeof createLocalIdentity>;

/**
 * The claims as API Gateway's JWT authorizer hands them to a handler: every value a string, a list
 * rendered as "[a b]" (that is what HTTP APIs do with `cognito:groups`).
 */
export function authorizerClaims(claims: StaffClaims): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) out[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  return out;
}
