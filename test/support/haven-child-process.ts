/**
 * The parent's side of test/support/haven-child.ts: forks it on a data dir, waits for it to listen
 * (90 s, with its last stderr in the error), and calls it over IPC — each call answered by its id, and
 * failed if the child exits first. The console's browser tests and the reliability scenarios share it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { childEnv, ROOT } from './runtime.js';

/** What the child says once it listens. */
export interface HavenChildReady {
  url: string;
  signInLinks: Record<string, Record<string, string>>;
  now: string;
  resumed: number;
}

/** A started child: the process, what it said when ready, an IPC call, and its exit. */
export interface HavenChildProcess {
  child: ChildProcess;
  ready: HavenChildReady;
  call<T>(message: object): Promise<T>;
  exited: Promise<void>;
}

/** Forks haven-child.ts on `dataDir` and waits until it listens. */
export async function forkHavenChild(dataDir: string): Promise<HavenChildProcess> {
  const child: ChildProcess = fork(resolve(ROOT, 'test', 'support', 'haven-child.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: childEnv(dataDir),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = await new Promise<HavenChildReady>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Haven did not start within 90 s:\n${err}`)), 90_000);
    child.once('exit', (code) => fail(new Error(`Haven exited with ${code} before it was ready:\n${err}`)));
    child.on('message', (m: { type?: string }) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      ok(m as HavenChildReady);
    });
  });
  let next = 0;
  const call = <T>(m: object) =>
    new Promise<T>((ok, fail) => {
      const id = ++next;
      const onExit = () => fail(new Error(`Haven exited while answering ${JSON.stringify(m)}:\n${err}`));
      const onMessage = (r: { id?: number; error?: string }) => {
        if (r.id !== id) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (r.error) fail(new Error(r.error));
        else ok(r as T);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...m, id });
    });
  return { child, ready, call, exited };
}
