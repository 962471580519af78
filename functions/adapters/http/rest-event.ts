import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

/** An event from either API Gateway flavour: HTTP API (payload 2.0) or REST API (payload 1.0). */
export type AnyApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

/**
 * The HTTP API (2.0) shape of an API Gateway event. The public report routes sit behind a REST API
 * (WAF needs one) while the staff API is an HTTP API, so handlers see one shape whichever called them.
 */
export function asHttpApiEvent(event: AnyApiEvent): APIGatewayProxyEventV2 {
  if ('rawPath' in event && typeof event.rawPath === 'string') return event;
  const rest = event as APIGatewayProxyEvent;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rest.headers ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  const query = rest.queryStringParameters ?? undefined;
  const rawQueryString = query
    ? new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString()
    : '';
  const method = rest.httpMethod.toUpperCase();
  return {
    version: '2.0',
    routeKey: `${method} ${rest.resource ?? rest.path}`,
    rawPath: rest.path,
    rawQueryString,
    headers,
    ...(query ? { queryStringParameters: query as Record<string, string> } : {}),
    ...(rest.pathParameters ? { pathParameters: rest.pathParameters as Record<string, string> } : {}),
    body: rest.body ?? undefined,
    isBase64Encoded: rest.isBase64Encoded,
    requestContext: {
      accountId: rest.requestContext.accountId,
      apiId: rest.requestContext.apiId,
      domainName: rest.requestContext.domainName ?? headers.host ?? '',
      domainPrefix: '',
      requestId: rest.requestContext.requestId,
      routeKey: `${method} ${rest.resource ?? rest.path}`,
      stage: rest.requestContext.stage,
      time: '',
      timeEpoch: rest.requestContext.requestTimeEpoch,
      http: {
        method,
        path: rest.path,
        protocol: rest.requestContext.protocol ?? 'HTTP/1.1',
        sourceIp: rest.requestContext.identity?.sourceIp ?? '',
        userAgent: '',
      },
    },
  } as APIGatewayProxyEventV2;
}
