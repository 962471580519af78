/**
 * The lifecycle on one machine: the real lifecycle handlers keyed as the ASL names them, and how the
 * runtime picks up open cases after a restart (its engine remembers no executions).
 */

import type { WorkflowClient } from '../functions/adapters/workflow.js';
import type { LifecycleDeps } from '../functions/adapters/workflow-lambda.js';
import type { WorkflowStore } from '../functions/adapters/workflow-store.js';
import { createAwaitChangeHandler } from '../functions/await-change/handler.js';
import { createCheckClockHandler } from '../functions/check-clock/handler.js';
import { createCloseCaseHandler } from '../functions/close-case/handler.js';
import { createEscalateHandler } from '../functions/escalate/handler.js';
import { createRecordFaultHandler } from '../functions/record-fault/handler.js';
import { createTriageHandler } from '../functions/triage/handler.js';
import type { HandlerMap } from './workflow-engine.js';

/** The open cases to resume: one page at a time. */
export type ListOpenCases = (
  cursor?: string,
) => Promise<{ items: { caseId: string; associationId: string }[]; cursor?: string }>;

/**
 * After a restart of the local runtime the engine has no executions, but the case store still holds
 * every open case: forget the clocks the old process ran, and start each open case's lifecycle again;
 * its first Triage re-plans every clock (keys are deterministic, so none is doubled or lost).
 */
export async function resumeOpenCases(
  listOpenCases: ListOpenCases,
  store: WorkflowStore,
  workflowClient: WorkflowClient,
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await listOpenCases(cursor);
    for (const { caseId, associationId } of page.items) {
      const record = await store.get(caseId);
      await store.setClocks(caseId, {}, record.stopped);
      await workflowClient.startCase(caseId, associationId);
      count += 1;
    }
    cursor = page.cursor;
  } while (cursor);
  return count;
}

/** The real lifecycle handlers keyed by their ASL substitution (as lib/handlers.ts names them). */
export function lifecycleHandlers(deps: LifecycleDeps): HandlerMap {
  return {
    TriageFunctionArn: createTriageHandler(deps),
    AwaitChangeFunctionArn: createAwaitChangeHandler(deps),
    CheckClockFunctionArn: createCheckClockHandler(deps),
    EscalateFunctionArn: createEscalateHandler(deps),
    CloseCaseFunctionArn: createCloseCaseHandler(deps),
    RecordFaultFunctionArn: createRecordFaultHandler(deps),
  };
}
