/**
 * How scripts on this machine (`npm run clock`, `npm run demo`) talk to a running `npm start`: its
 * URL and control key come from the data dir's control file (readable by its owner only).
 */
import type { Role } from '../functions/core/roles.js';
import { CONTROL_KEY_HEADER, readControlFile } from './local-control.js';
import type { StoredEmail } from './ses.js';

/** Where to find Haven: --url / --data-dir, else HAVEN_URL / HAVEN_DATA_DIR, else the defaults. */
export interface ConnectOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
}

/** A running Haven, seen from a script. */
export interface HavenClient {
  url: string;
  /** The clock: now, virtual or real, speed. */
  clock(): Promise<{ now: string; virtual: boolean; speed: number }>;
  /** Moves the virtual clock by a duration ("+25h") or to an instant ("2026-12-01T09:00Z"). */
  jump(
    input: { by: string } | { to: string },
  ): Promise<{ previous: string; now: string; movedMs: number; emailsSent: number }>;
  /** A staff token for an example user. */
  token(associationId: string, role: Role): Promise<string>;
  /** What the local mailbox holds. */
  mailbox(): Promise<StoredEmail[]>;
}

/** A script's failure with a message for people (never a stack). */
export class ScriptError extends Error {
  override name = 'ScriptError';
}

/** Finds Haven and its control key. */
export function connect(o: ConnectOptions = {}): HavenClient {
  const dataDir = o.dataDir ?? process.env.HAVEN_DATA_DIR ?? '.haven-data';
  const control = readControlFile(dataDir);
  const url = (o.url ?? process.env.HAVEN_URL ?? control?.url ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const keyHeaders = (): Record<string, string> => {
    if (!control)
      throw new ScriptError(
        `no running Haven found in ${dataDir} (no local-control.json): start it with npm start, or pass --data-dir`,
      );
    return { [CONTROL_KEY_HEADER]: control.key };
  };
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, init);
    } catch {
      throw new ScriptError(`Haven does not answer at ${url}: is npm start running? (--url to point elsewhere)`);
    }
    const body = (await res.json().catch(() => ({}))) as T & { error?: string };
    if (!res.ok)
      throw new ScriptError(
        `${init.method ?? 'GET'} ${path} answered ${res.status}: ${body.error ?? 'no reason given'}`,
      );
    return body;
  };
  const postJson = <T>(path: string, body: unknown) =>
    call<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...keyHeaders() },
      body: JSON.stringify(body),
    });
  return {
    url,
    clock: () => call('/local/clock.json'),
    jump: (input) => postJson('/local/clock', input),
    token: async (associationId, role) =>
      (await postJson<{ token: string }>('/local/token', { associationId, role })).token,
    mailbox: async () => (await call<{ emails: StoredEmail[] }>('/local/mailbox.json')).emails,
  };
}
