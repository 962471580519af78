/**
 * Bringing the running clock executions in line with a case's plan (DOMAIN "How clocks count"): a
 * planned key not running starts; a running key no longer planned (duty done, deadline moved, case
 * closed) stops. A clock stopped and planned again runs as the next generation, because an ended
 * execution's name is never reused. Pure: the caller starts and stops the executions and keeps the ledger.
 */
import type { PlannedClock } from '../clock-plan.js';

/**
 * Clock key → generation: the clocks running, and the generation last stopped of each key; and the keys
 * whose clock ran to its end (a key names its deadline, so a finished one is never needed again).
 */
export interface ClockLedger {
  clocks: Readonly<Record<string, number>>;
  stopped: Readonly<Record<string, number>>;
  finished?: readonly string[];
}

/** The executions to start and stop, and the ledger once they have been. */
export interface ClockReconciliation {
  start: { key: string; deadline: string; generation: number }[];
  stop: { key: string; generation: number }[];
  clocks: Record<string, number>;
  stopped: Record<string, number>;
}

/** What to start and stop so that exactly the planned clocks run (an empty plan stops them all). */
export function reconcileClocks(
  plan: readonly Pick<PlannedClock, 'key' | 'deadline'>[],
  ledger: ClockLedger,
): ClockReconciliation {
  const clocks = { ...ledger.clocks };
  const stopped = { ...ledger.stopped };
  const start: ClockReconciliation['start'] = [];
  const finished = new Set(ledger.finished ?? []);
  for (const p of plan) {
    if (p.key in clocks || finished.has(p.key)) continue;
    const last = stopped[p.key];
    const generation = last === undefined ? 0 : last + 1;
    start.push({ key: p.key, deadline: p.deadline, generation });
    clocks[p.key] = generation;
  }
  const planned = new Set(plan.map((p) => p.key));
  const stop: ClockReconciliation['stop'] = [];
  for (const [key, generation] of Object.entries(clocks)) {
    if (planned.has(key)) continue;
    stop.push({ key, generation });
    delete clocks[key];
    stopped[key] = generation;
  }
  return { start, stop, clocks, stopped };
}
