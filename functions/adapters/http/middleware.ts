/**
 * The small middy middlewares every HTTP handler uses (intake, cases, figures, the report form): a
 * correlation id, a JSON or form body with size and content-type limits, and one error handler that
 * maps every error through error-response.ts (a 4xx for a refusal, a 500 carrying only a correlation id
 * for anything else), answered as JSON or as the handler's own error page, and a 400 for a path whose
 * percent-encoding does not decode (path.ts). Nothing here logs an event,
 * a body or a header value.
 */

import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Role } from '../../core/roles.js';
import { type ErrorAnswer, errorAnswer } from './error-response.js';
import { HttpError } from './errors.js';
import { readForm } from './form-body.js';
import { hasRole, type Identity, identityFrom } from './identity.js';
import { assertDecodablePath } from './path.js';
import { type AnyApiEvent, asHttpApiEvent } from './rest-event.js';

/** What the middlewares add to the Lambda context for the handler. */
export interface ApiContext extends Context {
  correlationId: string;
  /** The parsed body: JSON, or a form post's fields (undefined when the request had none). */
  body?: unknown;
  caller?: Identity;
}

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

/** Default largest body accepted: 64 KB (a report's longest text is 10,000 characters). */
export const MAX_BODY_BYTES = 64 * 1024;

const CORRELATION = /^[A-Za-z0-9._:-]{8,100}$/;

/** Lower-cased header lookup (API Gateway v2 lower-cases, tests and the local runtime may not). */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {}))
    if (k.toLowerCase() === want && typeof v === 'string') return v;
  return undefined;
}

/** A JSON response that is never cached. */
export function json(
  statusCode: number,
  body: unknown,
  correlationId: string,
  headers: Record<string, string> = {},
): ApiResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-correlation-id': correlationId,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** Used only when a handler's deps could not be built (so their logger is not there either). */
const fallbackLogger = new Logger({ serviceName: 'haven-http' });

/** What httpApi needs from a handler's deps. */
export interface HttpDeps {
  logger: Logger;
  maxBodyBytes?: number;
}

type Mw<D> = MiddlewareObj<APIGatewayProxyEventV2, ApiResult, Error, ApiContext & { deps?: D; logger?: Logger }>;

/**
 * Builds the deps (once), picks a correlation id: a well-formed caller's (when `callerMayName` it),
 * else API Gateway's request id, else new.
 */
function setupMiddleware<D extends HttpDeps>(deps: () => Promise<D>, callerMayName: boolean): Mw<D> {
  return {
    before: async (request) => {
      request.event = asHttpApiEvent(request.event as AnyApiEvent);
      const given = callerMayName ? header(request.event, 'x-correlation-id') : undefined;
      const requestId = request.event.requestContext?.requestId;
      const id =
        given && CORRELATION.test(given) ? given : requestId && CORRELATION.test(requestId) ? requestId : randomUUID();
      request.context.correlationId = id;
      const d = await deps();
      // A child per request, so concurrent requests (local runtime, tests) never share a correlation id.
      const logger = d.logger.createChild({ persistentKeys: { correlationId: id } });
      request.context.deps = { ...d, logger };
      request.context.logger = logger;
    },
  };
}

/** The body a handler takes: JSON (the API) or a plain HTML form post (the public report form). */
export type BodyType = 'json' | 'form';

const MEDIA: Record<BodyType, { type: string; words: string }> = {
  json: { type: 'application/json', words: 'JSON' },
  form: { type: 'application/x-www-form-urlencoded', words: 'a form post' },
};

/** Reads the body as `accepts`: 413 over the limit, 415 when of another type, 400 when JSON does not parse. */
function bodyMiddleware<D extends HttpDeps>(accepts: BodyType, maxBodyBytes: number | undefined): Mw<D> {
  return {
    before: (request) => {
      const { event } = request;
      const maxBytes = maxBodyBytes ?? request.context.deps?.maxBodyBytes ?? MAX_BODY_BYTES;
      const raw = event.body;
      if (raw === undefined || raw === null || raw === '') return;
      const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
      if (bytes.length > maxBytes)
        throw new HttpError(413, `the request body must be ${Math.floor(maxBytes / 1024)} KB or smaller`, [
          { field: '(body)', problem: 'is too large' },
        ]);
      const [type = ''] = (header(event, 'content-type') ?? '').split(';').map((t) => t.trim().toLowerCase());
      const media = MEDIA[accepts];
      if (type !== media.type)
        throw new HttpError(415, `the request body must be ${media.words}`, [
          { field: 'content-type', problem: `must be ${media.type}` },
        ]);
      if (accepts === 'form') {
        request.context.body = readForm(bytes);
        return;
      }
      try {
        request.context.body = JSON.parse(bytes.toString('utf8')) as unknown;
      } catch {
        throw new HttpError(400, 'invalid request', [{ field: '(body)', problem: 'is not valid JSON' }]);
      }
    },
  };
}

/** A path whose percent-encoding does not decode is refused 400 (path.ts) before anything else reads the request. */
function pathMiddleware<D extends HttpDeps>(): Mw<D> {
  return {
    before: (request) => assertDecodablePath(request.event.rawPath ?? ''),
  };
}

/**
 * The identity from the verified JWT claims. With `roles`, a request without one is refused 401 and
 * one holding none of the roles 403, before its body is even read.
 */
function identityMiddleware<D extends HttpDeps>(roles: readonly Role[] | undefined): Mw<D> {
  return {
    before: (request) => {
      const who = identityFrom(request.event);
      if (who) request.context.caller = who;
      if (!roles) return;
      if (!who) throw new HttpError(401, 'sign in to use this service');
      if (!hasRole(who, roles)) throw new HttpError(403, 'your role does not allow this');
    },
  };
}

/**
 * Renders a mapped error in a handler's own shape (the report form's pages). `deps` is undefined when
 * they could not be built (a cold start that failed): the page must then need nothing from them.
 */
export type ErrorPage<D> = (answer: ErrorAnswer, correlationId: string, deps: D | undefined) => ApiResult;

/** Maps an error (error-response.ts) and answers it as the handler's error page, or in the JSON shape of every answer. */
function errorMiddleware<D extends HttpDeps>(errorPage: ErrorPage<D> | undefined): Mw<D> {
  return {
    onError: (request) => {
      const correlationId = request.context.correlationId ?? randomUUID();
      const logger = request.context.logger ?? fallbackLogger.createChild({ persistentKeys: { correlationId } });
      const answer = errorAnswer(request.error, correlationId, logger);
      request.response = errorPage
        ? errorPage(answer, correlationId, request.context.deps)
        : json(answer.statusCode, answer.body, correlationId, answer.headers);
      const outcome = request.response.statusCode >= 500 ? 'request failed' : 'request refused';
      logger.info(outcome, { status: request.response.statusCode, routeKey: request.event.routeKey });
    },
    after: (request) => {
      const logger = request.context.logger ?? fallbackLogger;
      logger.info('request done', { status: request.response?.statusCode, routeKey: request.event.routeKey });
    },
  };
}

/** A handler behind httpApi: gets the event, the context (correlation id, body, caller) and its deps. */
export type ApiRoute<D> = (event: APIGatewayProxyEventV2, context: ApiContext, deps: D) => Promise<ApiResult>;

/** What a handler asks of httpApi beyond the defaults (JSON body, JSON errors, no sign-in). */
export interface HttpApiOptions<D> {
  /** Refuse a request without an identity holding one of these roles (401, 403). */
  roles?: readonly Role[];
  /** The body the handler takes (default JSON). */
  body?: BodyType;
  /** Its largest body in bytes (default the deps' `maxBodyBytes`, else 64 KB). */
  maxBodyBytes?: number;
  /** Answers errors as the handler's own page instead of JSON. */
  errorPage?: ErrorPage<D>;
}

/** A handler as Lambda calls it: either API Gateway payload, and a context tests may leave out. */
export type HttpHandler = (event: AnyApiEvent, context?: Context) => Promise<ApiResult>;

/**
 * Wraps a handler in the standard middlewares: deps and correlation id, error mapping, identity,
 * body. `deps` is called on every request and should memoise (see deps.ts `resolver`).
 */
export function httpApi<D extends HttpDeps>(
  deps: () => Promise<D>,
  route: ApiRoute<D>,
  options: HttpApiOptions<D> = {},
): HttpHandler {
  const inner = (event: APIGatewayProxyEventV2, context: ApiContext & { deps?: D }) => {
    // setupMiddleware's `before` sets deps on every request, or the request has already failed.
    if (!context.deps) throw new Error('httpApi: deps were not set up');
    return route(event, context, context.deps);
  };
  const handler = middy<APIGatewayProxyEventV2, ApiResult, Error, ApiContext & { deps?: D; logger?: Logger }>(inner)
    // A handler that answers pages (the public form) never shows an id the request chose.
    .use(setupMiddleware(deps, !options.errorPage))
    .use(errorMiddleware(options.errorPage))
    .use(pathMiddleware())
    .use(identityMiddleware(options.roles))
    .use(bodyMiddleware(options.body ?? 'json', options.maxBodyBytes));
  return (event, context) => handler(event as APIGatewayProxyEventV2, (context ?? {}) as ApiContext);
}
