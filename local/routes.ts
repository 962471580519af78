import { decodedPath } from '../functions/adapters/http/path.js';
import { FORM_PATH, HANDLERS, type HttpRoute } from '../lib/handlers.js';

/** A route matched against a request: which handler, its API Gateway route key and path parameters. */
export interface MatchedRoute {
  handler: string;
  api: HttpRoute['api'];
  routeKey: string;
  pathParameters?: Record<string, string>;
}

interface CompiledRoute {
  handler: string;
  route: HttpRoute;
  pattern: RegExp;
  params: string[];
}

/** The routes of every HTTP handler, from the same contract the CDK stack deploys (lib/handlers.ts). */
const ROUTES: CompiledRoute[] = HANDLERS.flatMap((h) =>
  (h.routes ?? []).map((route) => {
    const params: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        const m = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(segment);
        if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(m[1] as string);
        return m[2] ? '(.+)' : '([^/]+)';
      })
      .join('/');
    return { handler: h.name, route, pattern: new RegExp(`^${source}$`), params };
  }),
);

/**
 * The path as CloudFront passes it on (lib/web.ts reportViewerCode): a `/report*` path not under
 * `/report/` (`/reports-old`) is moved under it, so the form answers it; any other path is unchanged.
 */
export function viewerPath(path: string): string {
  const underForm = path === FORM_PATH || path.startsWith(`${FORM_PATH}/`);
  return path.startsWith(FORM_PATH) && !underForm ? `${FORM_PATH}/${path.slice(1)}` : path;
}

/**
 * Finds the route for a method and a path (association prefix already stripped); literal paths, then a
 * named method, win. A parameter whose percent-encoding is malformed is passed on as sent: every
 * handler refuses such a path 400 in its own shape before a route reads it (adapters/http/path.ts).
 */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const rank = (r: CompiledRoute) => r.params.length * 2 + (r.route.method === 'ANY' ? 1 : 0);
  const candidates = ROUTES.filter((r) => r.route.method === method || r.route.method === 'ANY').sort(
    (a, b) => rank(a) - rank(b),
  );
  for (const r of candidates) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const pathParameters = r.params.length
      ? Object.fromEntries(r.params.map((p, i) => [p, decodedPath(m[i + 1] as string) ?? (m[i + 1] as string)]))
      : undefined;
    return {
      handler: r.handler,
      api: r.route.api,
      // As API Gateway's REST API names it: the request's own method, even on an ANY route.
      routeKey: `${method} ${r.route.path}`,
      ...(pathParameters ? { pathParameters } : {}),
    };
  }
  return undefined;
}

/** Whether any route serves this path with another method (so the answer is 405, not 404). */
export function pathKnown(path: string): boolean {
  return ROUTES.some((r) => r.pattern.test(path));
}
