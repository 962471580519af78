import type { Role } from '../../functions/core/roles.js';
import { defined } from '../support/defined.js';
import { forkHavenChild } from '../support/haven-child-process.js';
import { stopChild } from '../support/runtime.js';

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
  const { child, ready, call } = await forkHavenChild(dataDir);
  return {
    url: ready.url,
    startedAt: new Date(ready.now),
    signInLink(associationId, role) {
      const link = ready.signInLinks[associationId]?.[role];
      if (!link) throw new Error(`no sign-in link for ${associationId} ${role}`);
      return link;
    },
    async advance(ms) {
      return new Date(
        defined((await call<{ now?: string }>({ type: 'advance', ms })).now, 'the clock after advancing'),
      );
    },
    async token(associationId, role) {
      return defined(
        (await call<{ token?: string }>({ type: 'token', associationId, role })).token,
        `a token for ${associationId} ${role}`,
      );
    },
    stop: () => stopChild(child, () => call({ type: 'stop' })),
  };
}
