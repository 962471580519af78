/**
 * Who may use the local-only controls (the clock, tokens for scripts): requests over loopback, to a
 * loopback Host (no DNS rebinding), from this origin (no cross-site form or fetch), carrying either the
 * page's CSRF token (the clock page) or the control key that only the owner of the data dir can read
 * (`npm run clock`, `npm run demo`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

/** The file in the data dir naming the running runtime's URL and its control key (mode 0600). */
export const CONTROL_FILE = 'local-control.json';
/** The header scripts send the control key in. */
export const CONTROL_KEY_HEADER = 'x-haven-local-key';

/** What the control file holds. */
export interface ControlFile {
  url: string;
  key: string;
  pid: number;
}

/** The local-only gate of one running runtime. */
export interface LocalControl {
  /** The token the clock page's form carries. */
  csrfToken: string;
  /** Why this request may not use a local control, or undefined when it may. */
  refusal(req: IncomingMessage, proof: { csrfToken?: string | undefined }): string | undefined;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const LOOPBACK_ADDRESS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Writes the control file for the runtime at `url` and returns the gate. */
export function createLocalControl(dataDir: string, url: string): LocalControl {
  const key = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const file = join(dataDir, CONTROL_FILE);
  const content: ControlFile = { url, key, pid: process.pid };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  const port = new URL(url).port;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  return {
    csrfToken,
    refusal(req, proof) {
      if (!LOOPBACK_ADDRESS.has(req.socket.remoteAddress ?? '')) return 'local controls answer on this machine only';
      if (!hosts.has(req.headers.host ?? '')) return 'the Host header must name this machine (127.0.0.1 or localhost)';
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin)) return 'the request must come from this page (Origin)';
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none')
        return 'the request must come from this page (Sec-Fetch-Site)';
      const given = req.headers[CONTROL_KEY_HEADER];
      if (typeof given === 'string') return same(given, key) ? undefined : 'the control key is not this runtime’s';
      if (proof.csrfToken === undefined)
        return `scripts must send the control key from the data dir in ${CONTROL_KEY_HEADER} (npm run clock does)`;
      return same(proof.csrfToken, csrfToken) ? undefined : 'the form has expired: reload the page';
    },
  };
}

/** Reads the control file of a runtime (scripts); undefined when there is none. */
export function readControlFile(dataDir: string): ControlFile | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, CONTROL_FILE), 'utf8')) as ControlFile;
  } catch {
    return undefined;
  }
}
