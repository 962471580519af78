import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MALFORMED_PATH } from '../functions/adapters/http/path.js';
import { lambdaContext, readBody, refuseTooLarge, toEvent, writeResult } from './api-gateway.js';
import { authorizerClaims, type LocalIdentity, signInCode, signInLanding } from './identity.js';
import type { LocalControl } from './local-control.js';
import { clockPage, clockRefusedPage, indexPage, mailboxPage, whoamiPage } from './local-pages.js';
import { localToken } from './local-token.js';
import { matchRoute, pathKnown, viewerPath } from './routes.js';
import type { LocalSes } from './ses.js';
import { staticFile } from './static.js';
import { durationWords, parseJump } from './virtual-clock.js';
import type { HandlerSet } from './wiring.js';

/** The headers every response carries: nothing is stored, nothing leaks a referrer. */
const BASE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
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
  /** Haven's clock, once the engine runs (the clock page and `npm run clock`). */
  clock?: () => LocalClock | undefined;
  /** The local-only gate, once the server knows its own URL. */
  control?: () => LocalControl | undefined;
}

/** The clock as the local controls see it. */
export interface LocalClock {
  virtual: boolean;
  /** Virtual milliseconds per real millisecond while running (0: only jumps move it). */
  speed: number;
  now(): Date;
  /** Moves the virtual clock to `to`, firing every deadline and escalation due on the way, in order. */
  jumpTo(to: Date): Promise<void>;
}

const JUMPS: Record<string, string> = { '1h': '+1h', '1d': '+1d', '1w': '+1w' };
const SMALL_BODY = 16 * 1024;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string | string[]> = {},
) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, 'content-length': String(buf.length), ...extra });
  res.end(buf);
}
const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json', JSON.stringify(value));
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
  let inFlight = 0;

  /** Waits (on real turns of the event loop: timers may be virtual) until no other request is being handled. */
  async function quiet(limitMs = 10_000): Promise<void> {
    const until = performance.now() + limitMs;
    while (inFlight > 0 && performance.now() < until) await new Promise((r) => setImmediate(r));
  }

  /** POST /local/clock: a jump from the clock page (form + CSRF token) or from `npm run clock` (JSON + control key). */
  async function clockJump(req: IncomingMessage, res: ServerResponse, control: LocalControl): Promise<void> {
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const body = await readBody(req, SMALL_BODY);
    if (body === 'too-large') return refuseTooLarge(req, res, BASE_HEADERS);
    let fields: Record<string, string | undefined> = {};
    if (isForm) fields = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    else {
      try {
        const parsed = JSON.parse(body.toString('utf8') || '{}') as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') fields[k] = v;
      } catch {
        return json(res, 400, {
          error: 'the body must be JSON',
          fields: [{ field: '(body)', problem: 'must be a JSON object' }],
        });
      }
    }
    const refused = control.refusal(req, { csrfToken: isForm ? (fields.csrfToken ?? '') : undefined });
    if (refused) return isForm ? html(res, 403, clockRefusedPage(refused)) : json(res, 403, { error: refused });
    const clock = o.clock?.();
    if (!clock) return json(res, 503, { error: 'Haven is starting; try again in a moment' });
    const from = clock.now();
    const page = (status: number, error: string, to?: string) =>
      isForm
        ? html(
            res,
            status,
            clockPage(
              {
                now: from,
                virtual: clock.virtual,
                speed: clock.speed,
                csrfToken: control.csrfToken,
                error,
                ...(to ? { to } : {}),
              },
              durationWords,
            ),
          )
        : json(res, status, {
            error: error,
            fields: [{ field: fields.to !== undefined ? 'to' : 'by', problem: error }],
          });
    if (!clock.virtual)
      return page(409, 'Haven runs on the real clock: start it with npm start -- --clock virtual to move time');
    let spec = fields.jump !== undefined ? JUMPS[fields.jump] : (fields.by ?? fields.to);
    if (fields.jump !== undefined && !spec) return page(400, 'jump must be 1h, 1d or 1w');
    if (spec === undefined || spec.trim() === '') return page(400, 'give a duration (by) or a date and time (to)');
    // The form's date box may leave the zone out: it is UTC, as the hint says.
    if (isForm && fields.to !== undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(spec.trim()))
      spec = `${spec.trim()}Z`;
    const target = parseJump(spec, from);
    if ('error' in target)
      return page(
        400,
        fields.to !== undefined
          ? `to ${target.error.replace('a duration such as +25h, +1d, +1w2d or +90m, or ', '')}`
          : `by ${target.error}`,
        fields.to,
      );
    if (target.to.getTime() < from.getTime())
      return page(
        400,
        `${fields.to !== undefined ? 'to' : 'by'} must not be before Haven’s now (${from.toISOString()}): time only moves forward`,
        fields.to,
      );
    const before = (await o.ses.store()).emails.length;
    await quiet();
    await clock.jumpTo(target.to);
    const now = clock.now();
    const sent = (await o.ses.store()).emails.length - before;
    o.log(
      `clock moved on ${durationWords(now.getTime() - from.getTime())} to ${now.toISOString()} (${sent} emails sent)`,
    );
    if (isForm)
      return send(res, 303, 'text/plain', '', {
        location: `/local/clock?moved=${now.getTime() - from.getTime()}&sent=${sent}`,
      });
    return json(res, 200, {
      previous: from.toISOString(),
      now: now.toISOString(),
      movedMs: now.getTime() - from.getTime(),
      emailsSent: sent,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === '/health') {
      const parts = await o.health();
      return json(res, Object.values(parts).every(Boolean) ? 200 : 503, {
        status: Object.values(parts).every(Boolean) ? 'ok' : 'unavailable',
        ...parts,
      });
    }
    if (path === '/' && method === 'GET') return html(res, 200, indexPage(o.associations));
    if (path === '/local/clock' || path === '/local/clock.json' || path === '/local/token') {
      const control = o.control?.();
      if (!control) return json(res, 503, { error: 'Haven is starting; try again in a moment' });
      if (method === 'POST' && path === '/local/clock') return clockJump(req, res, control);
      if (method === 'POST' && path === '/local/token') {
        const answer = await localToken(req, control, { ids, identity: o.identity });
        return json(res, answer.status, answer.body);
      }
      if (method !== 'GET') return json(res, 405, { error: 'Method Not Allowed' });
      // Reading the page gives its CSRF token: only to this machine, under its own name (no DNS rebinding).
      const refused = control.refusal(req, { csrfToken: control.csrfToken });
      if (refused) return json(res, 403, { error: refused });
      const clock = o.clock?.();
      if (!clock) return json(res, 503, { error: 'Haven is starting; try again in a moment' });
      if (path === '/local/clock.json')
        return json(res, 200, { now: clock.now().toISOString(), virtual: clock.virtual, speed: clock.speed });
      const moved = Number(url.searchParams.get('moved'));
      const sent = Number(url.searchParams.get('sent'));
      return html(
        res,
        200,
        clockPage(
          {
            now: clock.now(),
            virtual: clock.virtual,
            speed: clock.speed,
            csrfToken: control.csrfToken,
            ...(url.searchParams.has('moved') && Number.isFinite(moved) && Number.isFinite(sent)
              ? { moved: { ms: moved, sent } }
              : {}),
          },
          durationWords,
        ),
        {
          'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
          'x-frame-options': 'DENY',
        },
      );
    }
    if ((path === '/local/mailbox' || path === '/local/mailbox.json') && method === 'GET') {
      // This machine only, under its own name (no DNS rebinding), though Haven's emails carry no personal data.
      const refused = o.control?.()?.refusal(req, { csrfToken: o.control?.()?.csrfToken });
      if (refused) return json(res, 403, { error: refused });
      const store = await o.ses.store();
      // As JSON for scripts and tests: what aws-ses-v2-local holds (GET /store).
      return path === '/local/mailbox.json' ? json(res, 200, store) : html(res, 200, mailboxPage(store.emails));
    }
    if (path === '/local/sign-in' && (method === 'GET' || method === 'POST')) {
      // a link, or the console's form
      const body = method === 'POST' ? await readBody(req, SMALL_BODY) : undefined;
      if (body === 'too-large') return refuseTooLarge(req, res, BASE_HEADERS);
      const fields = body ? new URLSearchParams(body.toString('utf8')) : url.searchParams;
      const user = o.identity.userForCode(signInCode(fields.get('code')));
      if (!user) return html(res, 403, whoamiPage(undefined));
      const token = await o.identity.issue(user);
      return send(res, 303, 'text/plain', '', {
        location: signInLanding(user, fields.get('return')),
        'set-cookie': `${STAFF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800`,
      });
    }
    if (path === '/local/sign-out' && method === 'POST')
      return send(res, 303, 'text/plain', '', {
        location: '/',
        'set-cookie': `${STAFF_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
      });
    if (path === '/local/whoami' && method === 'GET') {
      const token = staffToken(req);
      const who = token
        ? (await Promise.all([...ids].map(async (id) => ({ id, claims: await o.identity.verify(token, id) })))).find(
            (w) => w.claims,
          )
        : undefined;
      return html(
        res,
        200,
        whoamiPage(
          who?.claims ? { claims: { ...who.claims }, token: token as string, associationId: who.id } : undefined,
        ),
      );
    }
    if (method === 'GET' || method === 'HEAD') {
      const file = await staticFile(path);
      if (file === 'malformed') return json(res, 400, MALFORMED_PATH);
      if (file) return send(res, 200, file.type, method === 'HEAD' ? '' : file.body);
    }

    // /{associationId}/... → that association's handlers, prefix stripped (as API Gateway sees it in AWS).
    const m = /^\/([a-z0-9-]+)(\/.*)?$/.exec(path);
    if (!m || !ids.has(m[1] as string)) return json(res, 404, { error: 'Not Found' });
    const associationId = m[1] as string;
    if (!m[2] || m[2] === '/') return send(res, 302, 'text/plain', '', { location: `/${associationId}/report` });
    // The paths CloudFront sends to the API, as it sends them: every /report* path is the form's to answer
    // (its own 404 page with Exit, never JSON); any other path is no route's, as in AWS.
    const rawPath = viewerPath(m[2]);
    const route = matchRoute(method, rawPath);
    if (!route)
      return json(res, pathKnown(rawPath) ? 405 : 404, {
        error: pathKnown(rawPath) ? 'Method Not Allowed' : 'Not Found',
      });

    let claims: Record<string, string> | undefined;
    if (route.api === 'staff') {
      // As API Gateway's JWT authorizer: no valid token for this association, no call.
      const token = staffToken(req);
      const verified = token ? await o.identity.verify(token, associationId) : undefined;
      if (!verified) return json(res, 401, { error: 'Unauthorized' });
      claims = authorizerClaims(verified);
    }
    const sets = o.handlers();
    if (!sets) return json(res, 503, { error: 'Haven is starting; try again in a moment' });
    const handler = sets.get(associationId)?.[route.handler];
    if (!handler) return json(res, 501, { error: `${route.handler} is not available on this machine yet` });
    const body = await readBody(req);
    if (body === 'too-large') return refuseTooLarge(req, res, BASE_HEADERS);
    const event = toEvent(req, body, {
      rawPath,
      routeKey: route.routeKey,
      ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
      ...(claims ? { claims } : {}),
      // The staff cookie is for the staff API: public handlers never see it.
      dropCookies: route.api === 'public',
    });
    const result = await handler(
      event,
      lambdaContext(`Haven-${associationId}-${route.handler}`, event.requestContext.requestId),
    );
    writeResult(res, result, BASE_HEADERS);
  }

  return createServer((req, res) => {
    const counted = !(req.url ?? '').startsWith('/local/clock');
    if (counted) inFlight += 1;
    handle(req, res)
      .finally(() => {
        if (counted) inFlight -= 1;
      })
      .catch((e: unknown) => {
        const correlationId = randomUUID();
        o.log(`request failed: ${(e as Error)?.name ?? 'Error'} (correlation id ${correlationId})`);
        if (!res.headersSent) json(res, 500, { error: 'Internal Server Error', correlationId });
        else res.end();
      });
  });
}
