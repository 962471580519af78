/**
 * The sweep: every open case has a running lifecycle, and every clock in its workflow record that ended
 * without finishing runs again. The scheduled sweep Lambda (functions/sweep) runs it in AWS; the local
 * runtime runs it at start-up (its engine remembers no executions, so there every one is restarted).
 *
 * Per open case, from its workflow record and the runtime's `status`:
 * - a clock whose execution FAILED (parked after its faults), TIMED_OUT or is unknown (never ran here) is
 *   retired (running → stopped), so the next Triage starts its next generation from tier 0; send markers
 *   (per clock key and tier) keep a tier already sent from going again. A clock that SUCCEEDED (quiet, or
 *   every tier told) is moved to the finished keys, never started again, so SFN forgetting it 90 days
 *   later does not make it look lost; one ABORTED was stopped (superseded, or by an operator): left.
 * - a lifecycle that runs is told the case changed if a clock was retired (it triages and re-plans);
 *   one that never started (a reopen or intake whose start failed after claiming its name) is started
 *   under that name; one that ended (parked, timed out, aborted, or closed before a reopen whose start
 *   failed) gets the next continuation `<caseId>-<n+1>`, which triages at once, if the case is still open
 *   when read just before (the listing may be minutes old). A lifecycle that FAILED with another error than
 *   the parked one (`Haven.Parked`: a defect, e.g. States.Runtime, that would fail again at once) is not
 *   restarted every round: it is counted (`lifecyclesBroken`) and left to the execution-failed alarm and
 *   an operator, who names the case once it is mended.
 * - ABORTED: an operator's StopExecution on an open case is not a way to stop its duties (close or pause
 *   the case for that): an open case must have a lifecycle, so it gets the next continuation.
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
  /** Clocks that had run to their end, moved out of the running ones. */
  clocksFinished: number;
  /** Lifecycles that failed with another error than the parked one: not restarted (the alarm's, an operator's). */
  lifecyclesBroken: number;
  /** Clocks that failed with another error than parking: left to the execution-failed alarm. */
  clocksBroken: number;
  /** Cases changed within the grace, left for the next round. */
  deferred: number;
  /** Cases whose sweep failed (ids only, for the log); the rest were swept. */
  failed: { caseId: string; errorClass: string }[];
}

/** What the sweep works with. */
export interface SweepDeps {
  runtime: Pick<WorkflowRuntime, 'status' | 'failure'>;
  store: Pick<WorkflowStore, 'get' | 'retireClock' | 'finishClock'>;
  /** The case's clear summary (no field opened): is it still open? */
  cases: { getSummary(caseId: string): Promise<{ status: string } | undefined> };
  workflow: Pick<WorkflowClient, 'startCase' | 'continueCase' | 'signalChange'>;
  now: () => Date;
}

/** Open cases swept at once: few enough to stay inside DescribeExecution's rate (its SDK retries do the rest). */
const SWEEP_CONCURRENCY = 4;

/** A clock that ended without finishing, or that this runtime does not know: it must run again. */
const clockLost = (s: ExecutionStatus | undefined) => s === undefined || s === 'FAILED' || s === 'TIMED_OUT';
/** A lifecycle that runs, or will again (an operator's redrive under way). */
const lifecycleRuns = (s: ExecutionStatus | undefined) => s === 'RUNNING' || s === 'PENDING_REDRIVE';

/** The error of a lifecycle that parked (statemachines/case-lifecycle.asl.json, state Parked). */
const PARKED = 'Haven.Parked';

type CaseOutcome = Pick<SweepResult, 'clocksRestarted' | 'clocksFinished' | 'clocksBroken'> & {
  lifecycle: 'left' | 'started' | 'broken';
};

/** Sweeps one open case (see the module comment); says what it did. */
export async function sweepCase(c: OpenCase, d: SweepDeps): Promise<CaseOutcome> {
  const { caseId, associationId } = c;
  const record = await d.store.get(caseId);
  const out: CaseOutcome = { lifecycle: 'left', clocksRestarted: 0, clocksFinished: 0, clocksBroken: 0 };
  for (const [key, generation] of Object.entries(record.clocks)) {
    const clock = clockExecutionName(caseId, key, generation);
    const status = await d.runtime.status('clock', clock);
    if (status === 'SUCCEEDED') {
      await d.store.finishClock(caseId, key, generation);
      out.clocksFinished += 1;
    } else if (status === 'FAILED' && !c.named && (await d.runtime.failure('clock', clock)) !== PARKED) {
      // As for lifecycles: a clock failed by a defect would fail again every round; the alarm has it.
      out.clocksBroken += 1;
    } else if (clockLost(status)) {
      await d.store.retireClock(caseId, key, generation);
      out.clocksRestarted += 1;
    }
  }
  const n = record.lifecycle ?? 0;
  const name = lifecycleExecutionName(caseId, n);
  const lifecycle = await d.runtime.status('lifecycle', name);
  if (lifecycleRuns(lifecycle)) {
    if (out.clocksRestarted > 0) await d.workflow.signalChange(caseId);
    return out;
  }
  if (lifecycle === 'SUCCEEDED' && c.named) return out;
  if (lifecycle === 'FAILED' && !c.named && (await d.runtime.failure('lifecycle', name)) !== PARKED)
    return { ...out, lifecycle: 'broken' };
  // The listing may be minutes old: a case closed since needs no continuation (one named is resumed as it is).
  if (!c.named && (await d.cases.getSummary(caseId))?.status !== 'open') return out;
  if (lifecycle !== undefined) await d.workflow.continueCase(caseId, associationId, n + 1);
  else if (n === 0) await d.workflow.startCase(caseId, associationId);
  else await d.workflow.continueCase(caseId, associationId, n);
  return { ...out, lifecycle: 'started' };
}

/** Sweeps every open case the listing gives, page by page; a case that fails is counted and the rest go on. */
export async function sweepOpenCases(
  list: ListOpenCases,
  d: SweepDeps,
  options: { graceMs: number },
): Promise<SweepResult> {
  const result: SweepResult = {
    cases: 0,
    lifecyclesStarted: 0,
    lifecyclesBroken: 0,
    clocksRestarted: 0,
    clocksBroken: 0,
    clocksFinished: 0,
    deferred: 0,
    failed: [],
  };
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
          result.lifecyclesStarted += o.value.lifecycle === 'started' ? 1 : 0;
          result.lifecyclesBroken += o.value.lifecycle === 'broken' ? 1 : 0;
          result.clocksRestarted += o.value.clocksRestarted;
          result.clocksBroken += o.value.clocksBroken;
          result.clocksFinished += o.value.clocksFinished;
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

/** What the start-up resume works with: the sweep's, and starting clocks and lifecycles where they stood. */
export type ResumeDeps = Omit<SweepDeps, 'workflow'> & {
  workflow: Pick<WorkflowClient, 'startCase' | 'continueCase' | 'signalChange' | 'startClock' | 'rearmCase'>;
};

/** What the start-up resume did. */
export interface ResumeResult {
  cases: number;
  /** Lifecycles started straight at the wait they were parked in: no Triage. */
  rearmed: number;
  /** Lifecycles started at Triage: something changed since their wait, or none was parked. */
  triaged: number;
  /** Cases of which the runtime knew an execution: swept as usual (`sweepCase`). */
  swept: number;
  /** Clock executions started again where the ledger had them running. */
  clocks: number;
  failed: { caseId: string; errorClass: string }[];
}

/** The deadline a clock key names (`<clock>@<deadline>`, functions/core/clock-plan.ts), if it names one. */
const deadlineOf = (key: string): string | undefined => {
  const at = key.slice(key.lastIndexOf('@') + 1);
  return key.includes('@') && Number.isFinite(Date.parse(at)) ? at : undefined;
};

/**
 * Resumes one open case in a runtime that remembers none of its executions (the local one after a restart)
 * from what its workflow record keeps, re-triaging only what changed:
 * - every clock the ledger has running starts again under its own name, from tier 0 at the deadline its key
 *   names (send markers keep a tier already sent from going again, as when the sweep restarts a clock);
 * - a lifecycle parked in a wait whose change counter still stands, on a case not written since it parked,
 *   goes back to that wait (`rearmCase`); any other starts as the sweep starts a lifecycle it does not know, at Triage.
 * A case of which the runtime knows an execution is swept as usual (`sweepCase`).
 */
export async function resumeCase(
  c: OpenCase,
  d: ResumeDeps,
): Promise<{ lifecycle: 'rearmed' | 'triaged' | 'swept'; clocks: number }> {
  const { caseId, associationId } = c;
  const record = await d.store.get(caseId);
  const n = record.lifecycle ?? 0;
  const clocks = Object.entries(record.clocks).map(([key, generation]) => ({ key, generation, at: deadlineOf(key) }));
  const known = [
    await d.runtime.status('lifecycle', lifecycleExecutionName(caseId, n)),
    ...(await Promise.all(
      clocks.map((k) => d.runtime.status('clock', clockExecutionName(caseId, k.key, k.generation))),
    )),
  ];
  if (known.some((s) => s !== undefined) || clocks.some((k) => k.at === undefined)) {
    const out = await sweepCase(c, d);
    return { lifecycle: 'swept', clocks: out.clocksRestarted };
  }
  for (const k of clocks)
    await d.workflow.startClock({
      caseId,
      associationId,
      key: k.key,
      deadline: k.at as string,
      generation: k.generation,
    });
  if (record.parked && record.parked.seq === record.changeSeq && !writtenSince(c.updatedAt, record.parked.at)) {
    await d.workflow.rearmCase(caseId, associationId, n, record.parked);
    return { lifecycle: 'rearmed', clocks: clocks.length };
  }
  if (n === 0) await d.workflow.startCase(caseId, associationId);
  else await d.workflow.continueCase(caseId, associationId, n);
  return { lifecycle: 'triaged', clocks: clocks.length };
}

/**
 * Whether the case item was written after its wait was parked, or either instant is unknown (the safe side):
 * the change is counted after the case write (`signalChange`), so a count lost to a fault or a crash in
 * between leaves the counter standing on a case that changed. An update at the very instant of parking
 * (the same millisecond) is taken as seen by that wait's Triage.
 */
const writtenSince = (updatedAt: string | undefined, parkedAt: string | undefined): boolean => {
  const written = updatedAt === undefined ? Number.NaN : Date.parse(updatedAt);
  const parked = parkedAt === undefined ? Number.NaN : Date.parse(parkedAt);
  return !(written <= parked);
};

/** Cases resumed at once: the local store answers in-process, so more than the sweep's few. */
const RESUME_CONCURRENCY = 16;

/**
 * Resumes every open case the listing gives (`resumeCase`), page by page. A case whose resume fails is
 * tried once more at the end, at Triage (no `updatedAt`: the safe side), since no sweep may come after
 * (the local runtime runs none); one that fails again is counted in `failed` for the caller to log.
 */
export async function resumeOpenCases(list: ListOpenCases, d: ResumeDeps): Promise<ResumeResult> {
  const result: ResumeResult = { cases: 0, rearmed: 0, triaged: 0, swept: 0, clocks: 0, failed: [] };
  const again: OpenCase[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    result.cases += page.items.length;
    again.push(...(await resumeAll(page.items, d, result)));
    cursor = page.cursor;
  } while (cursor);
  const retried = again.map(({ updatedAt: _updatedAt, ...c }) => c);
  for (const c of await resumeAll(retried, d, result)) {
    const errorClass = c.error instanceof Error ? c.error.name : typeof c.error;
    result.failed.push({ caseId: c.caseId, errorClass });
  }
  return result;
}

/** Resumes cases a few at a time, adding to `result`; returns those that failed, with their error. */
async function resumeAll(
  cases: OpenCase[],
  d: ResumeDeps,
  result: ResumeResult,
): Promise<(OpenCase & { error: unknown })[]> {
  const failed: (OpenCase & { error: unknown })[] = [];
  for (let i = 0; i < cases.length; i += RESUME_CONCURRENCY) {
    const batch = cases.slice(i, i + RESUME_CONCURRENCY);
    const outcomes = await Promise.allSettled(batch.map((c) => resumeCase(c, d)));
    outcomes.forEach((o, j) => {
      const c = batch[j];
      if (o.status === 'fulfilled') {
        result[o.value.lifecycle] += 1;
        result.clocks += o.value.clocks;
      } else if (c) failed.push({ ...c, error: o.reason });
    });
  }
  return failed;
}
