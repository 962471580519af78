import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** `npm start` as a child process on a free port, with its own data dir. */
export interface HavenProcess {
  url: string;
  dataDir: string;
  /** Everything it printed on stdout so far (banner and sign-in links). */
  stdout(): string;
  /** The sign-in link printed for an association's role. */
  signInLink(associationId: string, role: string): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Creates a temporary HAVEN_DATA_DIR (removed by `removeDataDir`). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'haven-local-'));
}
/** Removes a data dir made by `tempDataDir`. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts `tsx local/start.ts` with PORT=0 and waits until it prints its address and /health is 200. */
export async function startHavenProcess(dataDir: string, env: Record<string, string> = {}): Promise<HavenProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HAVEN_DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const deadline = Date.now() + 90_000;
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`Haven exited with ${child.exitCode} before listening:\n${err.slice(-2000)}`);
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
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
