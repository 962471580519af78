import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { Role } from '../../functions/core/roles.js';
import { defined } from '../support/defined.js';
import { childEnv, ROOT, stopChild } from '../support/runtime.js';

/** Haven in a child process on a virtual clock, for the console's browser tests. */
export interface ConsoleRuntime {
  url: string;
  /** The virtual time Haven started at (it stands still until advanced). */
  startedAt: Date;
  signInLink(associationId: string, role: Role): string;
  /** Moves Haven's virtual clock on, firing every clock due on the way; returns the new now. */
  advance(ms: number): Promise<Date>;
  /** A staff token (as the sign-in link's cookie would carry) for API calls from the test. */
  token(associationId: string, role: Role): Promise<string>;
  /** Stops Haven over IPC (killed after 15 s), then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts test/support/haven-child.ts with its own data dir and waits for it to listen. */
export async function startConsoleRuntime(dataDir: string): Promise<ConsoleRuntime> {
  const child: ChildProcess = fork(resolve(ROOT, 'test', 'support', 'haven-child.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: childEnv(dataDir),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const ready = await new Promise<{ url: string; signInLinks: Record<string, Record<string, string>>; now: string }>(
    (ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`Haven did not start within 90 s:\n${err}`)), 90_000);
      child.once('exit', (code) => fail(new Error(`Haven exited with ${code} before it was ready:\n${err}`)));
      child.on('message', (m: { type?: string }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          ok(m as never);
        }
      });
    },
  );
  let next = 0;
  const call = (m: object) =>
    new Promise<{ now?: string; token?: string }>((ok, fail) => {
      const id = ++next;
      const onMessage = (r: { id?: number; error?: string; now?: string; token?: string }) => {
        if (r.id !== id) return;
        child.off('message', onMessage);
        if (r.error) fail(new Error(r.error));
        else ok(r);
      };
      child.on('message', onMessage);
      child.send({ ...m, id });
    });
  return {
    url: ready.url,
    startedAt: new Date(ready.now),
    signInLink(associationId, role) {
      const link = ready.signInLinks[associationId]?.[role];
      if (!link) throw new Error(`no sign-in link for ${associationId} ${role}`);
      return link;
    },
    async advance(ms) {
      return new Date(defined((await call({ type: 'advance', ms })).now, 'the clock after advancing'));
    },
    async token(associationId, role) {
      return defined(
        (await call({ type: 'token', associationId, role })).token,
        `a token for ${associationId} ${role}`,
      );
    },
    stop: () => stopChild(child, () => call({ type: 'stop' })),
  };
}
