import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { CASE_ROLES, ROLES, type Role } from '../functions/core/roles.js';

/** An example user of one association. */
export interface LocalUser {
  associationId: string;
  role: Role;
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

const LIFETIME_S = 8 * 60 * 60;

/** The audience (app client id) of one association's tokens: a token works only for its own association. */
const audienceFor = (associationId: string) => `haven-local-${associationId}`;

/** The areas an example user covers: an officer the first, other case roles every one, the board none. */
const exampleAreas = (role: Role, areaIds: readonly string[]): string[] =>
  !CASE_ROLES.includes(role) ? [] : role === 'officer' ? areaIds.slice(0, 1) : [...areaIds];

/**
 * Staff identity on one machine: an HS256 key made at start-up (so tokens die with the process), example
 * users per association and role (and a second officer; they are the staff directory on one machine), and sign-in codes that keep the token itself out of URLs and history.
 */
export function createLocalIdentity(options: {
  issuerBase: string;
  associations: readonly { id: string; areaIds: readonly string[] }[];
  now?: () => Date;
}) {
  const key = randomBytes(32);
  const now = options.now ?? (() => new Date());
  const users: LocalUser[] = options.associations.flatMap((a) => [
    ...ROLES.map((role) => ({
      associationId: a.id,
      role,
      sub: randomUUID(),
      email: `${role}@${a.id}.haven.local`,
      areas: exampleAreas(role, a.areaIds),
    })),
    // A second officer, for the other areas, so the staff directory gives assignment a choice.
    {
      associationId: a.id,
      role: 'officer' as const,
      sub: randomUUID(),
      email: `officer-2@${a.id}.haven.local`,
      areas: a.areaIds.length > 1 ? a.areaIds.slice(1) : [...a.areaIds],
    },
  ]);
  const codes = new Map(users.map((u) => [randomBytes(18).toString('base64url'), u] as const));

  /** Signs an ID token for `user` with Cognito's claim names. */
  function issue(user: LocalUser): Promise<string> {
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
    return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
  }

  /** Verifies signature, algorithm, issuer, audience and expiry for `associationId`; undefined when any fails. */
  async function verify(token: string, associationId: string): Promise<StaffClaims | undefined> {
    try {
      const { payload } = await jwtVerify<StaffClaims>(token, key, {
        algorithms: ['HS256'], // exactly HS256: no "none", no algorithm swap
        typ: 'JWT',
        issuer: `${options.issuerBase}/${associationId}`,
        audience: audienceFor(associationId),
        requiredClaims: ['exp'],
        currentDate: now(),
      });
      return payload.token_use === 'id' ? (payload as StaffClaims) : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    users,
    issue,
    verify,
    /** The user a sign-in code stands for. */
    userForCode: (code: string) => codes.get(code),
    /** The sign-in code of a user. */
    codeFor: (user: LocalUser) => [...codes].find(([, u]) => u === user)?.[0] as string,
    /** A token for the (first) example user of `role` in `associationId` (tests, scripts). */
    tokenFor(associationId: string, role: Role): Promise<string> {
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
  for (const [name, value] of Object.entries(claims))
    out[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  return out;
}

/**
 * The console pages a sign-in may return to, as paths under /console/ (the same list as the console's
 * session.mjs): never another origin or path, so a sign-in link is no open redirect.
 */
const RETURN_PATH = /^(index|case|tasks|figures|alerts)\.html(\?id=[A-Za-z0-9_-]{1,80})?$/;

/**
 * Where a local sign-in lands: the console page the reader was sent to sign in from, when it is one
 * of the console's own (`return`, as the sign-in page passes it on); else the caseload for case
 * roles and the figures for the board — the console, never a page of token claims.
 */
export function signInLanding(user: Pick<LocalUser, 'role'>, returnTo: string | null | undefined): string {
  const wanted = (returnTo ?? '').replace(/^\/?console\//, '');
  if (RETURN_PATH.test(wanted)) return `/console/${wanted}`;
  return CASE_ROLES.includes(user.role) ? '/console/index.html' : '/console/figures.html';
}

/** The sign-in code in what a person pasted: the code itself, or the whole sign-in link. */
export function signInCode(pasted: string | null | undefined): string {
  const text = (pasted ?? '').trim();
  const fromLink = /[?&]code=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  return fromLink ?? text;
}
