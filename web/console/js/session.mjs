// Who is signed in to the console, and for how long. In AWS: Cognito's hosted UI (authorization code
// with PKCE), configured in config.json. On one machine: the example users' sign-in links set a
// cookie; the console reads its token from /local/whoami (the local runtime has no JSON for it yet).
// A page that needs a sign-in sends the reader to sign in with itself as `?return=` (checked against
// the console's own pages), and they come back to it afterwards.
import { jwtClaims, localAssociationOf, staffFrom } from './staff.mjs';

const TOKEN_KEY = 'haven.console.token';
const ACTIVE_KEY = 'haven.console.lastActive';
const PKCE_KEY = 'haven.console.pkce';
const SIGNED_OUT_KEY = 'haven.console.signedOut';
const RETURN_KEY = 'haven.console.returnTo';

/**
 * The console pages a sign-in may return to (the same list as local/identity.ts): a page name and, for
 * a case, its id — never another origin or path, so `?return=` is no open redirect.
 */
const RETURN_PATH = /^(index|case|tasks|figures|alerts)\.html(\?id=[A-Za-z0-9_-]{1,80})?$/;

/** The console page `raw` names, when it is one a sign-in may return to; else undefined. @param {string | null | undefined} raw */
export function returnTarget(raw) {
  const wanted = String(raw ?? '').replace(/^\/?console\//, '');
  return RETURN_PATH.test(wanted) ? wanted : undefined;
}

/** This page as a return target (a console page with its case id), if it is one. */
export function currentReturnTarget() {
  const page = location.pathname.split('/').pop() || 'index.html';
  return returnTarget(`${page}${location.search}`);
}

/** Keeps where to go after signing in, for this tab only (it survives the hosted UI's round trip). @param {string | undefined} target */
export function rememberReturn(target) {
  if (target) sessionStorage.setItem(RETURN_KEY, target);
}

/** Where to go after signing in, read once and checked again; undefined when nothing is waiting. */
export function takeReturn() {
  const target = returnTarget(sessionStorage.getItem(RETURN_KEY));
  sessionStorage.removeItem(RETURN_KEY);
  return target;
}

/**
 * @typedef {{ auth: 'local' | 'cognito', apiBase?: string, associationId?: string, idleMinutes: number, warnMinutes: number,
 *   cognito?: { domain: string, clientId: string, scopes?: string } }} ConsoleConfig
 */

/** @type {Promise<ConsoleConfig> | undefined} */
let configPromise;

/** The console's config (config.json next to the pages). @returns {Promise<ConsoleConfig>} */
export function loadConfig() {
  configPromise ??= fetch(new URL('../config.json', import.meta.url), { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((c) => ({ auth: 'local', idleMinutes: 15, warnMinutes: 2, ...c }));
  return configPromise;
}

/** A page of the console by file name. @param {string} page */
export const pageUrl = (page) => new URL(`../${page}`, import.meta.url).toString();

/** The signed-in member of staff with their token and where their API is, or undefined. */
export async function currentSession() {
  const config = await loadConfig();
  let token = sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  if (!token && config.auth === 'local') token = await adoptLocalSignIn();
  if (!token) return undefined;
  const claims = jwtClaims(token);
  const staff = staffFrom(claims);
  if (!staff || (staff.expiresAt !== undefined && staff.expiresAt <= Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return undefined;
  }
  const associationId = config.auth === 'local' ? localAssociationOf(claims) : config.associationId;
  if (!associationId) return undefined;
  const apiBase = config.auth === 'local' ? `/${associationId}` : (config.apiBase ?? '');
  return { token, staff, associationId, apiBase, config };
}

/** On one machine: the token the sign-in link's cookie carries, read from the local who-am-I page. */
async function adoptLocalSignIn() {
  try {
    const res = await fetch('/local/whoami', { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) return undefined;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const token = [...doc.querySelectorAll('pre')]
      .map((p) => (p.textContent ?? '').trim())
      .find((t) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(t));
    if (!token) return undefined;
    sessionStorage.setItem(TOKEN_KEY, token);
    markActive();
    return token;
  } catch {
    return undefined;
  }
}

/** Records activity now (the inactivity clock restarts). */
export function markActive() {
  sessionStorage.setItem(ACTIVE_KEY, String(Date.now()));
}

/** When the member of staff last did something, epoch ms. */
export function lastActive() {
  return Number(sessionStorage.getItem(ACTIVE_KEY) ?? Date.now());
}

/** @param {ArrayBuffer | Uint8Array} bytes */
const b64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** Sends the browser to Cognito's hosted UI (authorization code with PKCE). */
export async function startCognitoSignIn() {
  const config = await loadConfig();
  if (!config.cognito) throw new Error('config.json has no cognito section');
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: config.cognito.clientId,
    redirect_uri: pageUrl('sign-in.html'),
    scope: config.cognito.scopes ?? 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  });
  location.assign(`${config.cognito.domain}/oauth2/authorize?${q}`);
}

/** Completes a Cognito sign-in when the hosted UI sends the browser back with a code. @returns {Promise<boolean>} */
export async function finishCognitoSignIn() {
  const config = await loadConfig();
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null');
  if (!config.cognito || !code || !saved || saved.state !== params.get('state')) return false;
  sessionStorage.removeItem(PKCE_KEY);
  const res = await fetch(`${config.cognito.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.cognito.clientId,
      code,
      redirect_uri: pageUrl('sign-in.html'),
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) return false;
  const tokens = await res.json();
  if (typeof tokens.id_token !== 'string') return false;
  sessionStorage.setItem(TOKEN_KEY, tokens.id_token);
  markActive();
  // The code must not stay in the address bar or history.
  history.replaceState(null, '', pageUrl('sign-in.html'));
  return true;
}

/** Signs out everywhere this console can: the token, the local cookie or the Cognito session. @param {'timeout' | 'user'} why */
export async function signOut(why) {
  const config = await loadConfig();
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ACTIVE_KEY);
  // The reason travels in the tab, not the URL: Cognito's logout_uri must match a registered URL exactly.
  sessionStorage.setItem(SIGNED_OUT_KEY, why);
  const done = pageUrl('signed-out.html');
  if (config.auth === 'local') {
    await fetch('/local/sign-out', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    location.replace(done);
  } else if (config.cognito) {
    const q = new URLSearchParams({ client_id: config.cognito.clientId, logout_uri: done });
    location.replace(`${config.cognito.domain}/logout?${q}`);
  } else location.replace(done);
}

/** Why the last sign-out happened ('timeout' or 'user'), read once. */
export function signedOutReason() {
  const why = sessionStorage.getItem(SIGNED_OUT_KEY);
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return why ?? undefined;
}
