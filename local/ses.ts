import type { Server } from 'node:http';
import { guardServer, type PrivateAccess } from './private-endpoint.js';

/** One stored email as aws-ses-v2-local keeps it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/** A running aws-ses-v2-local (Haven's own process only: private-endpoint.ts). */
export interface LocalSes {
  endpoint: string;
  /** How Haven's own SES clients are let in (every client of `endpoint` must be authorised). */
  access: PrivateAccess;
  /** The mailbox (`GET /store`), read with this start's secret. */
  store(): Promise<{ emails: StoredEmail[] }>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local in this process on a free loopback port (so stopping Haven stops it too);
 * it answers only requests carrying this start's secret (`access`).
 */
export async function startSes(): Promise<LocalSes> {
  const mod = (await import('aws-ses-v2-local')) as unknown as { default?: unknown };
  const start = ((mod.default as { default?: unknown })?.default ?? mod.default ?? mod) as (config: {
    host: string;
    port: number;
  }) => Promise<Server>;
  const server = await start({ host: '127.0.0.1', port: 0 });
  // Guarded in the same turn as its listen callback, before any connection can be read.
  const access = guardServer(server, 'the SES mock');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    access,
    async store() {
      const res = await fetch(`${endpoint}/store`, { headers: access.headers() });
      if (!res.ok) throw new Error(`aws-ses-v2-local /store answered ${res.status}`);
      return (await res.json()) as { emails: StoredEmail[] };
    },
    async healthy() {
      try {
        return (await fetch(`${endpoint}/health-check`, { headers: access.headers() })).ok;
      } catch {
        return false;
      }
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
