/**
 * The small middy middlewares every HTTP handler uses: a correlation id, a JSON body with size and
 * content-type limits, and one error handler that answers every error through error-response.ts (a
 * 4xx for a refusal, a 500 carrying only a correlation id for anything else). Nothing here logs an
 * event, a body or a header value.
 */
import { asHttpApiEvent, type AnyApiEvent } from './rest-event.js';
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { errorAnswer } from './error-response.js';
import { HttpError } from './errors.js';
import type { Role } from '../../core/roles.js';
import { hasRole, identityFrom, type Identity } from './identity.js';

/** What the middlewares add to the Lambda context for the handler. */
export interface ApiContext extends Context {
  correlationId: string;
  /** The parsed JSON body (undefined when the request had none). */
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
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === want && typeof v === 'string') return v;
  return undefined;
}

/** A JSON response that is never cached. */
export function json(statusCode: number, body: unknown, correlationId: string, headers: Record<string, string> = {}): ApiResult {
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

/** Builds the deps (once), picks a correlation id (a well-formed caller's, else API Gateway's request id, else new). */
function setupMiddleware<D extends HttpDeps>(deps: () => Promise<D>): Mw<D> {
  return {
    before: async (request) => {
      request.event = asHttpApiEvent(request.event as AnyApiEvent);
      const given = header(request.event, 'x-correlation-id');
      const requestId = request.event.requestContext?.requestId;
      const id = given && CORRELATION.test(given) ? given : requestId && CORRELATION.test(requestId) ? requestId : randomUUID();
      request.context.correlationId = id;
      const d = await deps();
      // A child per request, so concurrent requests (local runtime, tests) never share a correlation id.
      const logger = d.logger.createChild({ persistentKeys: { correlationId: id } });
      request.context.deps = { ...d, logger };
      request.context.logger = logger;
    },
  };
}

/** Reads the body as JSON: 413 over the limit, 415 when not JSON, 400 when it does not parse. */
function jsonBodyMiddleware<D extends HttpDeps>(): Mw<D> {
  return {
    before: (request) => {
      const { event } = request;
      const maxBytes = request.context.deps?.maxBodyBytes ?? MAX_BODY_BYTES;
      const raw = event.body;
      if (raw === undefined || raw === null || raw === '') return;
      const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
      if (bytes.length > maxBytes) throw new HttpError(413, `the request body must be ${Math.floor(maxBytes / 1024)} KB or smaller`, [{ field: '(body)', problem: 'is too large' }]);
      const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json')
        throw new HttpError(415, 'the request body must be JSON', [{ field: 'content-type', problem: 'must be application/json' }]);
      try {
        request.context.body = JSON.parse(bytes.toString('utf8')) as unknown;
      } catch {
        throw new HttpError(400, 'invalid request', [{ field: '(body)', problem: 'is not valid JSON' }]);
      }
    },
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

/** Maps an error to a response (error-response.ts) in the JSON shape of every answer. */
function errorResponse(error: unknown, correlationId: string, logger: Logger): ApiResult {
  const { statusCode, body, headers } = errorAnswer(error, correlationId, logger);
  return json(statusCode, body, correlationId, headers);
}

function errorMiddleware<D extends HttpDeps>(): Mw<D> {
  return {
    onError: (request) => {
      const correlationId = request.context.correlationId ?? randomUUID();
      const logger = request.context.logger ?? fallbackLogger.createChild({ persistentKeys: { correlationId } });
      request.response = errorResponse(request.error, correlationId, logger);
      logger.info('request refused', { status: request.response.statusCode, routeKey: request.event.routeKey });
    },
    after: (request) => {
      const logger = request.context.logger ?? fallbackLogger;
      logger.info('request done', { status: request.response?.statusCode, routeKey: request.event.routeKey });
    },
  };
}

/** A handler behind httpApi: gets the event, the context (correlation id, body, caller) and its deps. */
export type ApiRoute<D> = (event: APIGatewayProxyEventV2, context: ApiContext, deps: D) => Promise<ApiResult>;

/**
 * Wraps a handler in the standard middlewares: deps and correlation id, error mapping, identity,
 * JSON body. `deps` is called on every request and should memoise (see deps.ts `resolver`).
 */
export function httpApi<D extends HttpDeps>(deps: () => Promise<D>, route: ApiRoute<D>, options: { roles?: readonly Role[] } = {}) {
  const inner = (event: APIGatewayProxyEventV2, context: ApiContext & { deps?: D }) => route(event, context, context.deps!);
  return middy<APIGatewayProxyEventV2, ApiResult, Error, ApiContext & { deps?: D; logger?: Logger }>(inner)
    .use(setupMiddleware(deps))
    .use(errorMiddleware())
    .use(identityMiddleware(options.roles))
    .use(jsonBodyMiddleware());
}
