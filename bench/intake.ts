/**
 * Intake under a burst, and casework commands: Haven in a child process (test/support/haven-child.ts,
 * the runtime `npm start` runs, on a virtual clock standing still) driven from this process over HTTP,
 * so the driver never shares the server's event loop. Reports one at a time (p50/p99), then 10 and
 * 50 in flight (reports/s, p50, p99), then a casework mix at 10 in flight (record contact and facts
 * on open cases, each lane its own cases so versions never clash). Every report is a valid keyed one
 * (test/support/burst.ts); an answer that is not the expected status fails the bench. The server's
 * CPU per request (user + system, its own and its children's threads, from /proc) is printed too: on
 * a shared machine it moves less than the wall-clock figures.
 * Sizes: HAVEN_BENCH_SECONDS (10 per loaded phase).
 */
import { readFileSync } from 'node:fs';
import { ASSOCIATION_IDS } from '../config/index.js';
import { type BurstReport, burstReports, sendBurstReport } from '../test/support/burst.js';
import { forkHavenChild } from '../test/support/haven-child-process.js';
import { casesWithReference, send } from '../test/support/reliability-haven.js';
import { removeDataDir, stopChild, tempDataDir } from '../test/support/runtime.js';
import type { BenchFigure } from './figure.js';

const SECONDS = Number(process.env.HAVEN_BENCH_SECONDS ?? 10);
const SEED = 15;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** CPU milliseconds a process and its threads have used (Linux /proc; undefined elsewhere). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime (fields 14–17 of stat, 12–15 after the name), in clock ticks (100 Hz).
    const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0);
    return ticks * 10;
  } catch {
    return undefined;
  }
}

interface Phase {
  done: number;
  ms: number;
  latencies: number[];
  cpuMs: number | undefined;
}

/** Runs `work` in `lanes` lanes until `until()` says stop; each lane's requests one after another. */
async function drive(
  pid: number | undefined,
  lanes: number,
  until: (done: number, elapsedMs: number) => boolean,
  work: (lane: number, n: number) => Promise<void>,
): Promise<Phase> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_l, lane) => {
      while (!until(next, performance.now() - started)) {
        const n = next++;
        const t = performance.now();
        await work(lane, n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const ms = performance.now() - started;
  const cpuAfter = cpuMs(pid);
  latencies.sort((a, b) => a - b);
  return {
    done: latencies.length,
    ms,
    latencies,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  };
}

const perSecond = (p: Phase) => (p.done * 1000) / p.ms;
const cpuPer = (p: Phase) => (p.cpuMs === undefined ? Number.NaN : p.cpuMs / p.done);
const round = (n: number) => Math.round(n * 10) / 10;

export async function figures(): Promise<BenchFigure[]> {
  const dataDir = tempDataDir('haven-bench-intake-');
  const { child, ready, call } = await forkHavenChild(dataDir);
  const haven = { url: ready.url };
  const pid = child.pid;
  try {
    const pool = burstReports(SEED, 20_000);
    let used = 0;
    const take = (): BurstReport => {
      const r = pool[used++];
      if (!r) throw new Error('the bench ran out of generated reports: lower HAVEN_BENCH_SECONDS');
      return r;
    };
    const references = new Map<string, string>();
    const report = async () => {
      const r = take();
      const a = await sendBurstReport(haven, r);
      if (a.status !== 202) throw new Error(`a valid report was answered ${a.status}`);
      references.set(r.key, String((a.json as { reference: string }).reference));
    };
    const timed = (n: number, ms: number) => (done: number, elapsed: number) => done >= n || elapsed >= ms;

    // Warm-up: the first requests compile and open what later ones reuse.
    await drive(pid, 5, (done) => done >= 50, report);
    const one = await drive(pid, 1, timed(300, SECONDS * 1000), report);
    const ten = await drive(pid, 10, timed(5_000, SECONDS * 1000), report);
    const fifty = await drive(pid, 50, timed(8_000, SECONDS * 1000), report);

    // Casework: 10 lanes, each on its own 5 open cases of one association, recording contacts and attempts.
    const associationId = ASSOCIATION_IDS[0] as string;
    const { token } = await call<{ token: string }>({ type: 'token', associationId, role: 'manager' });
    const mine = pool.slice(0, used).filter((r) => r.associationId === associationId);
    const cases: { caseId: string; version: number }[] = [];
    for (const r of mine.slice(0, 50)) {
      const reference = references.get(r.key);
      if (!reference) continue;
      const [found] = await casesWithReference(haven, associationId, token, reference);
      if (found?.status === 'open') cases.push({ caseId: found.caseId, version: 0 });
    }
    if (cases.length < 10) throw new Error(`only ${cases.length} open cases to run commands on`);
    for (const c of cases) {
      const a = await send(`${haven.url}/${associationId}/api/cases/${c.caseId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      c.version = Number((a.json as { version: number }).version);
    }
    const command = async (lane: number, n: number) => {
      const mineOfLane = cases.filter((_c, i) => i % 10 === lane);
      const c = mineOfLane[n % mineOfLane.length] as { caseId: string; version: number };
      const [path, body] =
        n % 2 === 0
          ? ['contacts', { way: 'phone', outsidePlanReason: 'she rang us', note: `bench contact ${n}` }]
          : ['contacts', { way: 'phone', attempt: true, outsidePlanReason: 'she asked us to ring' }];
      const a = await send(`${haven.url}/${associationId}/api/cases/${c.caseId}/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${c.version}"` },
        body: JSON.stringify(body),
      });
      if (a.status !== 200) throw new Error(`a command was answered ${a.status}: ${a.raw.slice(0, 200)}`);
      c.version = Number((a.json as { version: number }).version);
    };
    const casework = await drive(pid, 10, timed(3_000, SECONDS * 1000), command);

    const load = (p: Phase, what: string) =>
      `${p.done} ${what} in ${(p.ms / 1000).toFixed(1)} s; server CPU ${round(cpuPer(p))} ms each`;
    const list: BenchFigure[] = [
      {
        name: 'intake p50, one at a time',
        value: round(percentile(one.latencies, 50)),
        unit: 'ms',
        conditions: load(one, 'reports'),
      },
      { name: 'intake p99, one at a time', value: round(percentile(one.latencies, 99)), unit: 'ms', conditions: '' },
      {
        name: 'intake at 10 in flight',
        value: round(perSecond(ten)),
        unit: 'reports/s',
        conditions: load(ten, 'reports'),
      },
      { name: 'intake p99 at 10 in flight', value: round(percentile(ten.latencies, 99)), unit: 'ms', conditions: '' },
      {
        name: 'intake at 50 in flight',
        value: round(perSecond(fifty)),
        unit: 'reports/s',
        goal: { op: '>=', value: 250 },
        conditions: load(fifty, 'reports'),
      },
      {
        name: 'intake p50 at 50 in flight',
        value: round(percentile(fifty.latencies, 50)),
        unit: 'ms',
        conditions: '',
      },
      {
        name: 'intake p99 at 50 in flight',
        value: round(percentile(fifty.latencies, 99)),
        unit: 'ms',
        goal: { op: '<=', value: 250 },
        conditions: '',
      },
      {
        name: 'casework commands at 10 in flight',
        value: round(perSecond(casework)),
        unit: 'commands/s',
        conditions: `record contact (made, attempted) on ${cases.length} open cases; ${load(casework, 'commands')}`,
      },
      {
        name: 'casework command p99 at 10 in flight',
        value: round(percentile(casework.latencies, 99)),
        unit: 'ms',
        conditions: '',
      },
    ];
    return list.map((f) => ({
      ...f,
      conditions: f.conditions || 'as above; Haven in a child process (virtual clock standing still), driver here',
    }));
  } finally {
    await stopChild(child, () => call({ type: 'stop' }));
    removeDataDir(dataDir);
  }
}
