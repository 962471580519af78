/**
 * The scheduled sweep (lib/lifecycle.ts runs it every 15 minutes): every open case of the association
 * gets a running lifecycle, and every clock that failed, timed out or was parked starts again
 * (adapters/workflow-sweep.ts, the same code the local runtime runs at start-up). Idempotent: a run
 * that finds everything running starts nothing. Logs counts and ids only; a case it could not sweep
 * fails the invocation (the function's error alarm), after every other case was swept.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { storeFromEnvironment } from '../adapters/environment.js';
import { type ListOpenCases, type SweepDeps, sweepOpenCases } from '../adapters/workflow-sweep.js';

/**
 * A case changed this recently is left to its own start (intake, reopen, handover), which may still be
 * under way: those take seconds, so ten minutes is ample, and the next run, 15 minutes on, sweeps it.
 */
export const SWEEP_GRACE_MS = 10 * 60_000;

/** What the sweep handler needs: this association's open cases (100 a page), and the workflow. */
export interface SweepHandlerDeps {
  list: ListOpenCases;
  sweep: SweepDeps;
}

const logger = new Logger({ serviceName: 'haven-sweep' });

/** The handler over given dependencies (tests). */
export function createSweepHandler(deps: () => Promise<SweepHandlerDeps>) {
  return async (): Promise<{ cases: number; lifecyclesStarted: number; clocksRestarted: number; deferred: number }> => {
    const d = await deps();
    const { failed, ...counts } = await sweepOpenCases(d.list, d.sweep, { graceMs: SWEEP_GRACE_MS });
    logger.info('sweep done', { ...counts, failed: failed.length });
    if (failed.length) {
      logger.error('sweep failed for some open cases', { failed });
      throw Object.assign(new Error(`the sweep failed for ${failed.length} open case(s)`), { name: 'SweepIncomplete' });
    }
    return counts;
  };
}

/** The deployed dependencies, built from the environment (lib/functions.ts). */
async function fromEnvironment(): Promise<SweepHandlerDeps> {
  const { associationId, cases, store, runtime, workflow } = await storeFromEnvironment();
  const list: ListOpenCases = async (cursor) => {
    const page = await cases.listOpenCases({ limit: 100, ...(cursor ? { cursor } : {}) });
    const items = page.items.map((c) => ({ caseId: c.caseId, associationId, updatedAt: c.updatedAt }));
    return page.cursor ? { items, cursor: page.cursor } : { items };
  };
  return { list, sweep: { runtime, store, workflow, now: () => new Date() } };
}

let built: Promise<SweepHandlerDeps> | undefined;
/** The deployed handler: its dependencies built once per container (again after a failed build). */
export const handler = createSweepHandler(() => {
  built ??= fromEnvironment().catch((e: unknown) => {
    built = undefined;
    throw e;
  });
  return built;
});
