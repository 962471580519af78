/**
 * The sweep: every open case has a running lifecycle, and every clock in its workflow record that ended
 * without finishing runs again. The scheduled sweep Lambda (functions/sweep) runs it in AWS; the local
 * runtime runs it at start-up (its engine remembers no executions, so there every one is restarted).
 *
 * Per open case, from its workflow record and the runtime's `status`:
 * - a clock whose execution FAILED (parked after its faults), TIMED_OUT or is unknown (never ran here, or
 *   SFN forgot it after 90 days) is retired (running → stopped), so the next Triage starts its next
 *   generation from tier 0; send markers (per clock key and tier) keep a tier already sent from going
 *   again. A clock that SUCCEEDED is done, one ABORTED was stopped (superseded, or by an operator): left.
 * - a lifecycle that runs is told the case changed if a clock was retired (it triages and re-plans);
 *   one that never started (a reopen or intake whose start failed after claiming its name) is started
 *   under that name; one that ended (parked, timed out, aborted, or closed before a reopen whose start
 *   failed) gets the next continuation `<caseId>-<n+1>`, which triages at once.
 * An operator may name cases instead (a closed case whose closure parked is not in the open index).
 * Idempotent: a second sweep finds everything running and starts nothing. A case changed within
 * `graceMs` is left for this round: its own start (intake, reopen, handover) may still be under way, and
 * a sweep starting a continuation beside it would run two lifecycles.
 */
import {
  clockExecutionName,
  type ExecutionStatus,
  lifecycleExecutionName,
  type WorkflowClient,
  type WorkflowRuntime,
} from './workflow.js';
import type { WorkflowStore } from './workflow-store.js';

/** One open case as the open index lists it, or a case an operator names (which may be closed). */
export interface OpenCase {
  caseId: string;
  associationId: string;
  /** When the case item was last written (the open index's `updatedAt`). */
  updatedAt?: string;
  /**
   * Named by an operator, not listed as open: a closure that parked is resumed too, but a lifecycle that
   * succeeded is left (it may have closed the case).
   */
  named?: true;
}

/** The open cases, one page at a time. */
export type ListOpenCases = (cursor?: string) => Promise<{ items: OpenCase[]; cursor?: string }>;

/** The open index of one association's case repository as the sweep lists it (100 cases a page). */
export function openCasesOf(
  cases: {
    listOpenCases(q: {
      limit: number;
      cursor?: string;
    }): Promise<{ items: { caseId: string; updatedAt: string }[]; cursor?: string }>;
  },
  associationId: string,
): ListOpenCases {
  return async (cursor) => {
    const page = await cases.listOpenCases({ limit: 100, ...(cursor ? { cursor } : {}) });
    const items = page.items.map((c) => ({ caseId: c.caseId, associationId, updatedAt: c.updatedAt }));
    return page.cursor ? { items, cursor: page.cursor } : { items };
  };
}

/** Cases an operator names, in one page. */
export function namedCases(caseIds: readonly string[], associationId: string): ListOpenCases {
  return async () => ({ items: caseIds.map((caseId) => ({ caseId, associationId, named: true as const })) });
}

/** What the sweep did. */
export interface SweepResult {
  /** Open cases looked at (those within the grace included). */
  cases: number;
  /** Lifecycles started: a name never started, or the next continuation. */
  lifecyclesStarted: number;
  /** Clocks retired for the lifecycle to start again. */
  clocksRestarted: number;
  /** Cases changed within the grace, left for the next round. */
  deferred: number;
  /** Cases whose sweep failed (ids only, for the log); the rest were swept. */
  failed: { caseId: string; errorClass: string }[];
}

/** What the sweep works with. */
export interface SweepDeps {
  runtime: Pick<WorkflowRuntime, 'status'>;
  store: Pick<WorkflowStore, 'get' | 'retireClock'>;
  workflow: Pick<WorkflowClient, 'startCase' | 'continueCase' | 'signalChange'>;
  now: () => Date;
}

/** Open cases swept at once: few enough to stay inside DescribeExecution's rate (its SDK retries do the rest). */
const SWEEP_CONCURRENCY = 4;

/** A clock that ended without finishing, or that this runtime does not know: it must run again. */
const clockLost = (s: ExecutionStatus | undefined) => s === undefined || s === 'FAILED' || s === 'TIMED_OUT';
/** A lifecycle that runs, or will again (an operator's redrive under way). */
const lifecycleRuns = (s: ExecutionStatus | undefined) => s === 'RUNNING' || s === 'PENDING_REDRIVE';

/** Sweeps one open case (see the module comment); says what it started. */
export async function sweepCase(
  c: OpenCase,
  d: SweepDeps,
): Promise<{ lifecycleStarted: boolean; clocksRestarted: number }> {
  const { caseId, associationId } = c;
  const record = await d.store.get(caseId);
  let clocksRestarted = 0;
  for (const [key, generation] of Object.entries(record.clocks)) {
    if (!clockLost(await d.runtime.status('clock', clockExecutionName(caseId, key, generation)))) continue;
    await d.store.retireClock(caseId, key, generation);
    clocksRestarted += 1;
  }
  const n = record.lifecycle ?? 0;
  const lifecycle = await d.runtime.status('lifecycle', lifecycleExecutionName(caseId, n));
  if (lifecycleRuns(lifecycle)) {
    if (clocksRestarted > 0) await d.workflow.signalChange(caseId);
    return { lifecycleStarted: false, clocksRestarted };
  }
  if (lifecycle === 'SUCCEEDED' && c.named) return { lifecycleStarted: false, clocksRestarted };
  if (lifecycle !== undefined) await d.workflow.continueCase(caseId, associationId, n + 1);
  else if (n === 0) await d.workflow.startCase(caseId, associationId);
  else await d.workflow.continueCase(caseId, associationId, n);
  return { lifecycleStarted: true, clocksRestarted };
}

/** Sweeps every open case the listing gives, page by page; a case that fails is counted and the rest go on. */
export async function sweepOpenCases(
  list: ListOpenCases,
  d: SweepDeps,
  options: { graceMs: number },
): Promise<SweepResult> {
  const result: SweepResult = { cases: 0, lifecyclesStarted: 0, clocksRestarted: 0, deferred: 0, failed: [] };
  const changedSince = d.now().getTime() - options.graceMs;
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    result.cases += page.items.length;
    const due = page.items.filter(
      (c) => options.graceMs <= 0 || !c.updatedAt || Date.parse(c.updatedAt) <= changedSince,
    );
    result.deferred += page.items.length - due.length;
    for (let i = 0; i < due.length; i += SWEEP_CONCURRENCY) {
      const batch = due.slice(i, i + SWEEP_CONCURRENCY);
      const outcomes = await Promise.allSettled(batch.map((c) => sweepCase(c, d)));
      outcomes.forEach((o, j) => {
        if (o.status === 'fulfilled') {
          result.lifecyclesStarted += o.value.lifecycleStarted ? 1 : 0;
          result.clocksRestarted += o.value.clocksRestarted;
        } else {
          const errorClass = o.reason instanceof Error ? o.reason.name : typeof o.reason;
          result.failed.push({ caseId: batch[j]?.caseId ?? '?', errorClass });
        }
      });
    }
    cursor = page.cursor;
  } while (cursor);
  return result;
}
