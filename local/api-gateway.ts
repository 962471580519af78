import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

/** A Lambda handler as API Gateway HTTP APIs call it. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2 | undefined>;

const TEXT = /^(application\/(json|[a-z.+-]*\+json)|text\/)/i;
/** API Gateway's own payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads a request body, refusing more than `limit` bytes: at once when its Content-Length says so (nothing
 * read), else as soon as what arrived passes the limit (the rest left unread; the caller closes the connection).
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** How long a refused connection may stay idle, its answer sent, before it is closed regardless. */
const LINGER_MS = 5_000;

/**
 * Answers 413 with `Connection: close` and closes the connection, the rest of the body unread. Node would
 * destroy the socket as soon as the answer is flushed, and with body still arriving that is a reset, which
 * can discard the 413 before the client reads it. So our side is ended (the answer, then FIN), reading
 * stops (what the client still sends stays unread, so nothing after it on this connection is served), and
 * the socket is destroyed after LINGER_MS idle (`socket.setTimeout`: Node's own timer, never the virtual clock's).
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  // A request whose body was read in part no longer holds its socket (reading stopped destroys it); the answer does.
  const socket = res.socket ?? req.socket;
  if (!socket) throw new Error('an over-size request has no connection left to answer on');
  socket.destroySoon = () => {
    socket.end();
    // No more reading: `_paused` is Node's own mark that keeps a request's reads from resuming the socket.
    (socket as Socket & { _paused?: boolean })._paused = true;
    socket.pause();
    socket.setTimeout(LINGER_MS, () => socket.destroy());
  };
  const body = Buffer.from(JSON.stringify({ error: 'Request Entity Too Large' }));
  res.writeHead(413, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(body.length),
    connection: 'close',
  });
  res.end(body);
}

/**
 * Builds the HTTP API (payload 2.0) event API Gateway would send: lower-cased headers (repeats joined
 * with commas), cookies apart, text bodies as text and anything else (form posts included) base64.
 */
export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  route: {
    rawPath: string;
    routeKey: string;
    pathParameters?: Record<string, string>;
    claims?: Record<string, string>;
    dropCookies?: boolean;
  },
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  let cookieHeader: string | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (name.toLowerCase() === 'cookie') cookieHeader = joined;
    else headers[name.toLowerCase()] = joined;
  }
  const cookies = !route.dropCookies && cookieHeader ? cookieHeader.split(/;\s*/).filter(Boolean) : undefined;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const text = TEXT.test(headers['content-type'] ?? '');
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: route.rawPath,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'haven-local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: (req.method ?? 'GET').toUpperCase(),
        path: route.rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(route.claims ? { authorizer: { jwt: { claims: route.claims, scopes: null } } } : {}),
    },
    ...(body.length
      ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text }
      : { isBase64Encoded: false }),
  };
  return event as unknown as APIGatewayProxyEventV2;
}

/** A Lambda context good enough for middy and Powertools. */
export function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Writes a handler's result as API Gateway would: a bare object or string becomes a 200 JSON body. */
export function writeResult(
  res: ServerResponse,
  result: APIGatewayProxyResultV2 | undefined,
  extraHeaders: Record<string, string> = {},
): void {
  const structured =
    result !== undefined && result !== null && typeof result === 'object' && 'statusCode' in result
      ? result
      : {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
        };
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body
    ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(body);
}
