import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lambdaContext, readBody, toEvent, writeResult } from './api-gateway.js';
import { authorizerClaims, type LocalIdentity } from './identity.js';
import { indexPage, mailboxPage, whoamiPage } from './local-pages.js';
import { matchRoute, pathKnown } from './routes.js';
import type { LocalSes } from './ses.js';
import { staticFile } from './static.js';
import type { HandlerSet } from './wiring.js';

/** The headers every response carries: nothing is stored, nothing leaks a referrer. */
const BASE_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };
const STAFF_COOKIE = 'haven_staff';

/** What the server routes to. */
export interface ServerOptions {
  associations: readonly { id: string; name: string }[];
  handlers: () => ReadonlyMap<string, HandlerSet> | undefined;
  identity: LocalIdentity;
  ses: LocalSes;
  /** 200 when every part is up. */
  health: () => Promise<Record<string, boolean>>;
  log: (line: string) => void;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string | string[]> = {}) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, 'content-length': String(buf.length), ...extra });
  res.end(buf);
}
const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json', JSON.stringify(value));
const html = (res: ServerResponse, status: number, body: string, extra: Record<string, string | string[]> = {}) =>
  send(res, status, 'text/html; charset=utf-8', body, extra);

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return undefined;
}

/** The staff token from `Authorization: Bearer` or the sign-in cookie. */
function staffToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookie(req, STAFF_COOKIE);
}

/** The local HTTP server: API Gateway in front of the same handlers, plus static files and local tools. */
export function createHavenServer(o: ServerOptions): Server {
  const ids = new Set(o.associations.map((a) => a.id));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === '/health') {
      const parts = await o.health();
      return json(res, Object.values(parts).every(Boolean) ? 200 : 503, { status: Object.values(parts).every(Boolean) ? 'ok' : 'unavailable', ...parts });
    }
    if (path === '/' && method === 'GET') return html(res, 200, indexPage(o.associations));
    if (path === '/local/mailbox' && method === 'GET') return html(res, 200, mailboxPage((await o.ses.store()).emails));
    if (path === '/local/sign-in' && method === 'GET') {
      const user = o.identity.userForCode(url.searchParams.get('code') ?? '');
      if (!user) return html(res, 403, whoamiPage(undefined));
      const token = o.identity.issue(user);
      return send(res, 303, 'text/plain', '', {
        location: '/local/whoami',
        'set-cookie': `${STAFF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800`,
      });
    }
    if (path === '/local/sign-out' && method === 'POST')
      return send(res, 303, 'text/plain', '', { location: '/', 'set-cookie': `${STAFF_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
    if (path === '/local/whoami' && method === 'GET') {
      const token = staffToken(req);
      const who = token
        ? [...ids].map((id) => ({ id, claims: o.identity.verify(token, id) })).find((w) => w.claims)
        : undefined;
      return html(res, 200, whoamiPage(who?.claims ? { claims: { ...who.claims }, token: token as string, associationId: who.id } : undefined));
    }
    if (method === 'GET' || method === 'HEAD') {
      const file = await staticFile(path);
      if (file) return send(res, 200, file.type, method === 'HEAD' ? '' : file.body);
    }

    // /{associationId}/... → that association's handlers, prefix stripped (as API Gateway sees it in AWS).
    const m = /^\/([a-z0-9-]+)(\/.*)?$/.exec(path);
    if (!m || !ids.has(m[1] as string)) return json(res, 404, { message: 'Not Found' });
    const associationId = m[1] as string;
    const rawPath = m[2] && m[2] !== '/' ? m[2] : '/report';
    if (!m[2] || m[2] === '/') return send(res, 302, 'text/plain', '', { location: `/${associationId}/report` });
    const route = matchRoute(method, rawPath);
    if (!route) return json(res, pathKnown(rawPath) ? 405 : 404, { message: pathKnown(rawPath) ? 'Method Not Allowed' : 'Not Found' });

    let claims: Record<string, string> | undefined;
    if (route.api === 'staff') {
      // As API Gateway's JWT authorizer: no valid token for this association, no call.
      const token = staffToken(req);
      const verified = token ? o.identity.verify(token, associationId) : undefined;
      if (!verified) return json(res, 401, { message: 'Unauthorized' });
      claims = authorizerClaims(verified);
    }
    const sets = o.handlers();
    if (!sets) return json(res, 503, { message: 'Haven is starting; try again in a moment' });
    const handler = sets.get(associationId)?.[route.handler];
    if (!handler) return json(res, 501, { message: `${route.handler} is not available on this machine yet` });
    const body = await readBody(req);
    if (body === 'too-large') return json(res, 413, { message: 'Request Entity Too Large' });
    const event = toEvent(req, body, {
      rawPath,
      routeKey: route.routeKey,
      ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
      ...(claims ? { claims } : {}),
      // The staff cookie is for the staff API: public handlers never see it.
      dropCookies: route.api === 'public',
    });
    const result = await handler(event, lambdaContext(`Haven-${associationId}-${route.handler}`, event.requestContext.requestId));
    writeResult(res, result, BASE_HEADERS);
  }

  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const correlationId = randomUUID();
      o.log(`request failed: ${(e as Error)?.name ?? 'Error'} (correlation id ${correlationId})`);
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error', correlationId });
      else res.end();
    });
  });
}
