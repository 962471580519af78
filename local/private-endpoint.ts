/**
 * dynalite and aws-ses-v2-local answer Haven's own process only. Each listens on a random loopback
 * port and is given a secret made at start (random bytes, held in this process's memory, never
 * written anywhere); Haven's own clients send it in a header (an AWS SDK middleware, or the header
 * on the runtime's own fetches). Haven's own DynamoDB clients do not use dynalite's port at all (they
 * reach its thread over a MessagePort, local/dynalite-port.ts); the guard stays for anything else. A guard runs before the server's own request handler: a request from
 * off this machine, naming another Host (DNS rebinding), or without the secret gets a 403 and touches
 * nothing. A unix socket in the data dir was the alternative; aws-ses-v2-local only listens on a
 * host and port, Node's fetch cannot reach a socket without a dispatcher Haven does not depend on,
 * and a socket path has a length limit (about 100 bytes) that a deep data dir would break.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/** The header Haven's own requests carry the secret in. */
export const PRIVATE_KEY_HEADER = 'x-haven-private-key';

/** The structural part of an AWS SDK client the middleware is added to (any v3 client or document client). */
interface SdkClient {
  middlewareStack: object;
}
type BuildArgs = { request: unknown };
type BuildHandler = (args: BuildArgs) => Promise<unknown>;
interface AddsBuildMiddleware {
  add(
    middleware: (next: BuildHandler) => BuildHandler,
    options: { step: 'build'; name: string; override: boolean },
  ): void;
}

/** How Haven's own code reaches one guarded server. */
export interface PrivateAccess {
  /** The header (with the secret) for the runtime's own fetches. */
  headers(): Record<string, string>;
  /** Adds the secret to every request the SDK client sends (a build-step middleware); returns the client. */
  authorise<C extends SdkClient>(client: C): C;
}

const LOOPBACK_ADDRESS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Why a request may not reach the server behind the guard, or undefined when it is Haven's own. */
function refusal(req: IncomingMessage, port: number, secret: Buffer): string | undefined {
  if (!LOOPBACK_ADDRESS.has(req.socket.remoteAddress ?? '')) return 'this machine only';
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return 'the Host must name this machine';
  const given = req.headers[PRIVATE_KEY_HEADER];
  const key = Buffer.from(typeof given === 'string' ? given : '');
  if (key.length !== secret.length || !timingSafeEqual(key, secret)) return "Haven's own process only";
  return undefined;
}

/** A new secret for one guarded server (random, held in memory only: handed to a worker thread, never written). */
export const newPrivateSecret = () => randomBytes(32).toString('base64url');

/**
 * Puts the guard in front of `server`'s own request handler (call it before the server answers
 * anything: before listen, or in the same turn as its listen callback) and returns how Haven reaches it.
 * `secret`: the one to require (a server in a worker thread is given the one its parent made); a new one by default.
 */
export function guardServer(server: Server, what: string, secret = newPrivateSecret()): PrivateAccess {
  const secretBytes = Buffer.from(secret);
  const inner = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : -1;
    const refused = refusal(req, port, secretBytes);
    if (refused) {
      res.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ message: `Forbidden: ${what} answers ${refused}` }));
      return;
    }
    for (const listener of inner) listener.call(server, req, res);
  });
  return privateAccess(secret);
}

/** How Haven's own code reaches a server guarded with `secret` (here or in a worker thread). */
export function privateAccess(secret: string): PrivateAccess {
  return {
    headers: () => ({ [PRIVATE_KEY_HEADER]: secret }),
    authorise(client) {
      (client.middlewareStack as AddsBuildMiddleware).add(
        (next) => async (args) => {
          const request = args.request as { headers?: Record<string, string> };
          if (request.headers) request.headers[PRIVATE_KEY_HEADER] = secret;
          return next(args);
        },
        { step: 'build', name: 'havenPrivateKey', override: true },
      );
      return client;
    },
  };
}
