import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Role } from '../../functions/core/roles.js';
import type { StoredEmail } from '../../local/ses.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The control key a running Haven wrote to its data dir (what `npm run clock` sends). */
export const controlKey = (dataDir: string): string =>
  (JSON.parse(readFileSync(join(dataDir, 'local-control.json'), 'utf8')) as { key: string }).key;

/** Haven's clock as GET /local/clock.json reports it. */
export async function havenNow(url: string): Promise<Date> {
  return new Date(((await (await fetch(`${url}/local/clock.json`)).json()) as { now: string }).now);
}

/** POST /local/clock as `npm run clock` does it (JSON and the control key). */
export async function jump(url: string, dataDir: string, by: string) {
  const res = await fetch(`${url}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-haven-local-key': controlKey(dataDir) },
    body: JSON.stringify({ by }),
  });
  if (res.status !== 200) throw new Error(`clock jump answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { previous: string; now: string; movedMs: number; emailsSent: number };
}

/** The local mailbox (aws-ses-v2-local's store). */
export async function mailbox(url: string): Promise<StoredEmail[]> {
  return ((await (await fetch(`${url}/local/mailbox.json`)).json()) as { emails: StoredEmail[] }).emails;
}

/** A staff token for an example user, through the local control. */
export async function staffToken(url: string, dataDir: string, associationId: string, role: Role): Promise<string> {
  const res = await fetch(`${url}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-haven-local-key': controlKey(dataDir) },
    body: JSON.stringify({ associationId, role }),
  });
  if (res.status !== 200) throw new Error(`token answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Runs a command in the repository (`npm run …`, `tsx local/…`); resolves with its exit code and output. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((ok) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
