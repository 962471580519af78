/**
 * A fault proxy in front of aws-ses-v2-local, for the delivery tests and the soak: the mailer talks to
 * it, and it either passes each request through, forwards it and then destroys the socket before the
 * answer (SES took the email, the answer is lost), or refuses connections (SES down: while refusing,
 * the endpoint is 127.0.0.1 port 1, below 1024, which nothing unprivileged can bind, so every
 * connection is refused, whatever else runs on the machine). The Host header is the upstream's (the SES mock checks it). It counts the SendEmail requests it saw in each mode.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the proxy treats requests from now on. */
export type SesFaultMode = 'pass' | 'lose-replies' | 'refuse';

/** The running proxy. */
export interface SesFaults {
  /**
   * The endpoint for the mailer's SES client, read on every request (the SDK takes a provider): port 1
   * while refusing (connection refused, deterministically), and after an outage a fresh port.
   */
  endpoint: () => Promise<{ url: URL }>;
  /** Switches mode; `refuse` stops listening (connections are refused), any other listens again. */
  mode(next: SesFaultMode): Promise<void>;
  /** Requests forwarded with the answer passed back, forwarded with the answer lost, and refused (never reached). */
  readonly counts: { passed: number; lost: number };
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port in `pass` mode. */
export async function startSesFaults(upstream: string): Promise<SesFaults> {
  const target = new URL(upstream);
  const counts = { passed: 0, lost: 0 };
  let current: SesFaultMode = 'pass';
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const lose = current === 'lose-replies';
      const out = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (lose) {
              // SES has the email; the sender never hears so.
              counts.lost += 1;
              req.socket.destroy();
              return;
            }
            counts.passed += 1;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      out.on('error', () => req.socket.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  // While refusing, requests go to port 1: a privileged port nothing here binds, so the connection is
  // refused (never a parallel test's server that took the freed port).
  let port = 0;
  const open = async () => {
    await listen(0);
    port = (server.address() as AddressInfo).port;
  };
  await open();
  return {
    endpoint: async () => ({ url: new URL(`http://127.0.0.1:${current === 'refuse' ? 1 : port}`) }),
    counts,
    async mode(next) {
      const wasListening = current !== 'refuse';
      current = next;
      if (next === 'refuse' && wasListening) await stop();
      if (next !== 'refuse' && !wasListening) await open();
    },
    async close() {
      if (current !== 'refuse') await stop();
      current = 'refuse';
    },
  };
}
