/**
 * Routes of one HTTP Lambda behind httpApi, on the Powertools event-handler Router. The Router finds
 * the route and its path parameters; every error (a route's own, no route, a wrong method) is handed
 * back to httpApi, so one error mapper (error-response.ts) answers them all. A known path asked with
 * another method is a 405 naming the methods it takes.
 */
import { RouteMatchingError, Router } from '@aws-lambda-powertools/event-handler/http';
import type { HttpMethod, Path } from '@aws-lambda-powertools/event-handler/types';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors.js';
import type { ApiContext, ApiResult, ApiRoute } from './middleware.js';

/** What a route gets: the event, httpApi's context (correlation id, body, caller), its path parameters and deps. */
export interface RouteRequest<D> {
  event: APIGatewayProxyEventV2;
  context: ApiContext;
  params: Record<string, string>;
  deps: D;
}

type RouteHandler<D> = (req: RouteRequest<D>) => Promise<ApiResult>;

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as HttpMethod[];

/** Per request: its deps, and the error to hand back to httpApi. */
interface InFlight<D> {
  event: APIGatewayProxyEventV2;
  deps: D;
  error?: unknown;
}

/**
 * What the Router is shown: the method and the path only. It turns the event into a web Request, which
 * a GET with a body, a header value it rejects, or a Host or X-Forwarded-Proto header that is not a
 * host would break or re-route; routes get the event itself, already read by httpApi.
 */
function routingEvent(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const { body: _b, cookies: _c, pathParameters: _p, ...rest } = event;
  return {
    ...rest,
    headers: {},
    rawQueryString: '',
    isBase64Encoded: false,
    requestContext: { ...event.requestContext, domainName: 'localhost' },
  };
}

/** A small route table over the Powertools Router (see the module comment). */
export class Routes<D> {
  // The Router's debug line quotes the error; ours are logged once, by httpApi, as class and message.
  readonly #router = new Router({
    logger: { debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
  });
  readonly #inFlight = new WeakMap<object, InFlight<D>>();
  // A placeholder answer while the real error goes back to httpApi.
  readonly #handedBack = { statusCode: 500, headers: {}, body: '' };

  constructor() {
    this.#router.notFound(async (_e, reqCtx) => this.#handBack(reqCtx.context, new HttpError(404, 'not found')));
    // A path parameter that is blank once decoded names nothing there is.
    this.#router.errorHandler(RouteMatchingError, async (_e, reqCtx) =>
      this.#handBack(reqCtx.context, new HttpError(404, 'not found')),
    );
    this.#router.errorHandler(Error, async (e, reqCtx) => this.#handBack(reqCtx.context, e));
  }

  /** GET `path` (`:name` for a parameter, or a RegExp). */
  get(path: Path, handler: RouteHandler<D>): this {
    return this.on(['GET'], path, handler);
  }

  /** POST `path`. */
  post(path: Path, handler: RouteHandler<D>): this {
    return this.on(['POST'], path, handler);
  }

  /** `methods` on `path`; every other method on it is refused 405. */
  on(methods: HttpMethod[], path: Path, handler: RouteHandler<D>): this {
    this.#router.route(
      async ({ context, params }) => {
        const inFlight = this.#inFlight.get(context);
        // handle() records every request before the Router runs; a missing one is a bug here, not input.
        if (!inFlight) throw new Error('Routes: a request reached its route without being recorded');
        const { event, deps } = inFlight;
        const result = await handler({ event, context: context as ApiContext, params, deps });
        return { ...result, body: result.body ?? '' };
      },
      { method: methods, path },
    );
    const problem = `must be ${methods.join(' or ')}`;
    this.#router.route(
      async () => {
        throw new HttpError(405, 'method not allowed', [{ field: 'method', problem }]);
      },
      { method: METHODS.filter((m) => !methods.includes(m)), path },
    );
    return this;
  }

  /** The route httpApi wraps. */
  readonly handle: ApiRoute<D> = async (event, context, deps) => {
    const inFlight: InFlight<D> = { event, deps };
    this.#inFlight.set(context, inFlight);
    const result = await this.#router.resolve(routingEvent(event), context);
    if ('error' in inFlight) throw inFlight.error;
    return result as ApiResult;
  };

  #handBack(context: object, error: unknown) {
    const inFlight = this.#inFlight.get(context);
    if (inFlight) inFlight.error = error;
    return this.#handedBack;
  }
}
