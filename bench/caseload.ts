/**
 * What the engine benches share: many cases opened and changed through the lifecycle bench
 * (test/workflow/harness.ts: the real repository, then `signalChange`, as the staff API does), a few at
 * a time, and the process's memory.
 */
import { availableParallelism, loadavg } from 'node:os';
import { pool } from '../test/support/reliability-haven.js';
import type { Bench } from '../test/workflow/harness.js';

/** Cases opened or changed at once: as many as the console's officers might. */
export const CONCURRENCY = 32;

/** Opens `n` cases of an association now (each a report with its lifecycle started and triaged). */
export async function openCases(bench: Bench, associationId: string, n: number): Promise<string[]> {
  const ids: string[] = new Array(n);
  await pool(
    Array.from({ length: n }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      ids[i] = (await bench.openCase(associationId)).caseId;
    },
  );
  return ids;
}

/** Changes each case (through the repository, then signalChange), a few at a time. */
export async function changeAll(
  bench: Bench,
  caseIds: readonly string[],
  mutate: Parameters<Bench['change']>[1],
): Promise<void> {
  await pool(caseIds, CONCURRENCY, (caseId) => bench.change(caseId, mutate));
}

/** Resident memory and heap in MB (after a collection when node runs with --expose-gc). */
export function memoryMb(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1048576), heap: Math.round(m.heapUsed / 1048576) };
}

/** Seconds since `t0` (performance.now, which the virtual clock leaves alone). */
export const secondsSince = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

/** Under how much load the figure was taken: the one-minute load average on the machine's cores. */
export const load = () => `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
