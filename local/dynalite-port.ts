/**
 * Haven's own DynamoDB requests to dynalite's thread without a socket: an AWS SDK request handler
 * (what the SDK's NodeHttpHandler is: `handle(request) → { response }`) that posts each request's
 * method, path, headers and body over a MessagePort to local/dynalite-worker.ts, which hands it to
 * dynalite's own HTTP request listener and posts the status, headers and body back. dynalite still
 * parses and answers the real DynamoDB JSON protocol, and the SDK still serialises, retries and
 * parses as it does over HTTP; what is saved is the loopback sockets and HTTP parsing on both sides.
 * A MessagePort is private by construction: its other end was handed to that thread at its start
 * and nothing outside this process can reach it, so these requests need no secret header (the
 * TCP port stays behind the guard of private-endpoint.ts for anything else that talks to it).
 */
import type { MessagePort } from 'node:worker_threads';

/** One request as posted to dynalite's thread. */
export interface PortRequest {
  id: number;
  method: string;
  /** Path and query string, as an HTTP request line carries them. */
  url: string;
  /** Lower-case names, as Node's HTTP server gives them. */
  headers: Record<string, string>;
  body: string;
}

/** One answer from dynalite's thread. */
export interface PortResponse {
  id: number;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The parts of the SDK's HttpRequest this handler reads. */
interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** The SDK's request-handler interface (structural: @smithy/types is not a dependency of Haven). */
export interface DynaliteTransport {
  handle(
    request: SdkRequest,
    options?: { abortSignal?: { aborted: boolean; addEventListener?(type: 'abort', listener: () => void): void } },
  ): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  /** A client's destroy() calls this; the port is shared by every client, so only `close` ends it. */
  destroy(): void;
}

/** The transport and how its owner ends it (every request still waiting then fails). */
export interface PortTransport {
  transport: DynaliteTransport;
  /** Fails what is waiting with `code` (as a dropped connection would), and every later request as refused. */
  close(code: 'ECONNREFUSED' | 'ECONNRESET'): void;
}

/** A network error as NodeHttpHandler raises one, so the SDK and storageCall treat it the same. */
function connectionError(code: string): Error {
  return Object.assign(new Error(`dynalite's thread is not answering (${code})`), { code });
}

/** The path with its query string (the SDK keeps them apart). */
function requestUrl(request: SdkRequest): string {
  const query = Object.entries(request.query ?? {}).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((one) =>
      one === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(one)}`,
    ),
  );
  return query.length > 0 ? `${request.path}?${query.join('&')}` : request.path;
}

/** The body as text (the JSON protocol's is a string; anything else is refused rather than sent wrong). */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString();
  throw new TypeError('the in-process DynamoDB transport sends text bodies only');
}

/** A transport over `port` (its other end is served by dynalite-worker.ts). */
export function portTransport(port: MessagePort): PortTransport {
  const waiting = new Map<number, { resolve: (r: PortResponse) => void; reject: (e: Error) => void }>();
  let closed = false;
  let next = 0;
  port.on('message', (r: PortResponse) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    w?.resolve(r);
  });
  const transport: DynaliteTransport = {
    async handle(request, options) {
      if (closed) throw connectionError('ECONNREFUSED');
      const signal = options?.abortSignal;
      if (signal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
      const id = next++;
      const message: PortRequest = { id, method: request.method, url: requestUrl(request), headers, body: '' };
      message.body = bodyText(request.body);
      const answer = await new Promise<PortResponse>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        signal?.addEventListener?.('abort', () => {
          if (waiting.delete(id)) reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
        });
        port.postMessage(message);
      });
      return {
        response: { statusCode: answer.statusCode, headers: answer.headers, body: Buffer.from(answer.body) },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  return {
    transport,
    close(code) {
      if (closed) return;
      closed = true;
      for (const w of waiting.values()) w.reject(connectionError(code));
      waiting.clear();
      port.close();
    },
  };
}
