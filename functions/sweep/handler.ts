/**
 * The sweep, every 15 minutes (lib/lifecycle.ts): adapters/workflow-sweep.ts over the open index, as the
 * local runtime runs it at start-up; or over the cases an operator names (`{ "caseIds": [...] }`, open or
 * closed: a parked closure is not in the open index). Logs counts and ids only; a case it could not
 * sweep fails the invocation (the function's error alarm), after every other was swept.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { openCaseReads } from '../adapters/case-reads.js';
import { storeFromEnvironment } from '../adapters/environment.js';
import { runtime } from '../adapters/lambda-parts.js';
import * as sweep from '../adapters/workflow-sweep.js';

/** A case changed this recently is left to its own start (intake, reopen, handover: seconds) for the next run. */
export const SWEEP_GRACE_MS = 10 * 60_000;

/** What the sweep handler needs: the association, its open cases, and the workflow. */
export interface SweepHandlerDeps {
  associationId: string;
  list: sweep.ListOpenCases;
  sweep: sweep.SweepDeps;
}

/** The schedule's event (its fields ignored), or an operator's `{ "caseIds": [...] }`. */
const input = z.object({ caseIds: z.optional(z.array(z.uuid()).check(z.minLength(1), z.maxLength(100))) });

const logger = new Logger({ serviceName: 'haven-sweep' });

/** The handler over given dependencies (tests). */
export function createSweepHandler(deps: () => Promise<SweepHandlerDeps>) {
  return async (event?: unknown) => {
    const { caseIds } = input.parse(event && typeof event === 'object' ? event : {});
    const d = await deps();
    const list = caseIds ? sweep.namedCases(caseIds, d.associationId) : d.list;
    const { failed, ...counts } = await sweep.sweepOpenCases(list, d.sweep, { graceMs: SWEEP_GRACE_MS });
    logger.info('sweep done', { ...counts, failed: failed.length });
    if (failed.length) {
      logger.error('sweep failed for some cases', { failed });
      throw Object.assign(new Error(`the sweep failed for ${failed.length} case(s)`), { name: 'SweepIncomplete' });
    }
    return counts;
  };
}

let built: Promise<SweepHandlerDeps> | undefined;
/** The deployed handler: its dependencies built from the environment once per container (again after a failure). */
export const handler = createSweepHandler(() => {
  built ??= storeFromEnvironment({ cases: openCaseReads, runtime }).then(
    ({ associationId, cases, store, runtime, workflow }) => ({
      associationId,
      list: sweep.openCasesOf(cases, associationId),
      sweep: { runtime, store, workflow, cases, now: () => new Date() },
    }),
    (e: unknown) => {
      built = undefined;
      throw e;
    },
  );
  return built;
});
