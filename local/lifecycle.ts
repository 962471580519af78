/**
 * The lifecycle on one machine: the real lifecycle handlers keyed as the ASL names them. After a
 * restart (its engine remembers no executions) the runtime starts every open case's clocks and wait
 * again from the workflow store, triaging only the cases changed since (functions/adapters/workflow-sweep.ts
 * `resumeOpenCases`): see local/wiring.ts `resume`.
 */

import type { LifecycleDeps } from '../functions/adapters/workflow-lambda.js';
import { createAwaitChangeHandler } from '../functions/await-change/handler.js';
import { createCheckClockHandler } from '../functions/check-clock/handler.js';
import { createCloseCaseHandler } from '../functions/close-case/handler.js';
import { createEscalateHandler } from '../functions/escalate/handler.js';
import { createRecordFaultHandler } from '../functions/record-fault/handler.js';
import { createTriageHandler } from '../functions/triage/handler.js';
import type { HandlerMap } from './workflow-engine.js';

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
