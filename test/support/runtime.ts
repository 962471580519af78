/**
 * Haven's embedded runtime as a child process, for tests that need the real thing on a port:
 * a temporary data dir, `npm start` (or another entry) started and awaited, and a clean stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../functions/core/roles.js';

/** The repository root: every child runs here. */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** How long a child may take to start, and to stop before it is killed. */
const START_MS = 90_000;
const STOP_MS = 15_000;

/** The environment every Haven child starts with: ours, quiet about the Node version, plus `extra`. */
export const childEnv = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  HAVEN_DATA_DIR: dataDir,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...extra,
});

/** Asks a child to stop (`ask`), kills it if it has not exited within 15 s, and resolves with its exit code. */
export async function stopChild(child: ChildProcess, ask: () => unknown): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
  // Not awaited: a child that never answers is killed by the timer, and its exit is what we wait for.
  void Promise.resolve()
    .then(ask)
    .catch(() => undefined);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** `npm start` as a child process on a free port, with its own data dir. */
interface HavenProcess {
  url: string;
  dataDir: string;
  /** Everything it printed on stdout so far (banner and sign-in links). */
  stdout(): string;
  /** The sign-in link printed for an association's role. */
  signInLink(associationId: string, role: Role): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Creates a temporary HAVEN_DATA_DIR (removed by `removeDataDir`). */
export function tempDataDir(prefix = 'haven-local-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
/** Removes a data dir made by `tempDataDir`. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts `tsx local/start.ts` with PORT=0 and waits until it prints its address and /health is 200. */
async function startHavenProcess(dataDir: string, env: Record<string, string> = {}): Promise<HavenProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: childEnv(dataDir, { PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));

  const deadline = Date.now() + START_MS;
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null)
      throw new Error(`Haven exited with ${child.exitCode} before listening:\n${err.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`Haven did not start within 90 s:\n${err.slice(-2000)}`);
    url = /Haven listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  for (;;) {
    const res = await fetch(`${url}/health`).catch(() => undefined);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`Haven /health never answered 200:\n${err.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = url;
  return {
    url: base,
    dataDir,
    stdout: () => out,
    signInLink(associationId, role) {
      const block = out.split(`\n  ${associationId}\n`)[1] ?? '';
      const link = new RegExp(`^\\s+${role}\\s+(http\\S+)`, 'm').exec(block)?.[1];
      if (!link) throw new Error(`no sign-in link for ${associationId} ${role}`);
      return link;
    },
    stop: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}

/** The suite's Haven: always the one running now, and able to restart on the same data dir. */
export interface SuiteHaven extends Omit<HavenProcess, 'stop'> {
  /** Stops Haven (resolving with its exit code) and starts it again on the same data dir. */
  restart(): Promise<number | null>;
}

/**
 * One Haven for the enclosing describe: a fresh data dir and `npm start` before its tests, stopped
 * and the data dir removed after them. Read it only inside tests and hooks.
 */
export function havenForSuite(env: Record<string, string> = {}): SuiteHaven {
  let dataDir: string | undefined;
  let current: HavenProcess | undefined;
  beforeAll(async () => {
    dataDir = tempDataDir();
    current = await startHavenProcess(dataDir, env);
  });
  afterAll(async () => {
    await current?.stop();
    if (dataDir) removeDataDir(dataDir);
  });
  const live = (): HavenProcess => {
    if (!current) throw new Error('Haven is not running: read it inside a test');
    return current;
  };
  return {
    get url() {
      return live().url;
    },
    get dataDir() {
      return live().dataDir;
    },
    stdout: () => live().stdout(),
    signInLink: (associationId, role) => live().signInLink(associationId, role),
    async restart() {
      const code = await live().stop();
      current = await startHavenProcess(live().dataDir, env);
      return code;
    },
  };
}
