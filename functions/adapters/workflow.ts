/**
 * The workflow client: starts a case's lifecycle, tells it the case changed, starts and stops its
 * clocks. The lifecycle (statemachines/case-lifecycle.asl.json) runs one execution per case, named
 * by the case id; each clock is a small execution of statemachines/case-clock.asl.json named from
 * the case id and the clock key, so a repeated start is harmless.
 *
 * A Standard execution lives at most a year (the ASL's TimeoutSeconds) and 25,000 history events: a
 * lifecycle older than HANDOVER_AFTER_DAYS, or past HANDOVER_AFTER_CYCLES Triage cycles, hands the case
 * to a continuation execution `<caseId>-<n>` at its next Triage and ends. The continuation parks its own task token, so `signalChange` always reaches the live one.
 * A case that opens again after its lifecycle ended (reopened, or a signposted record made a case)
 * gets the next continuation too (`reopenCase`): SFN never reuses an ended execution's name. The
 * workflow store keeps the highest continuation started, so the two never pick the same name.
 *
 * The runtime also says where an execution stands (`status`), for the sweep (workflow-sweep.ts).
 *
 * `createWorkflowClient` is the same in AWS and on one machine; only the runtime differs: SFN here,
 * aws-local-stepfunctions in local/workflow-engine.ts (injected, nothing here imports local/).
 */
import { createHash } from 'node:crypto';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import * as z from 'zod/mini';
import type { WorkflowStore } from './workflow-store.js';

/** The two state machines. */
export type MachineName = 'lifecycle' | 'clock';

/** Input of a lifecycle execution: ids, and (a re-armed wait, see WorkflowClient.rearmCase) counters. */
export interface LifecycleInput {
  caseId: string;
  associationId: string;
  resume?: { seen: number; brief: boolean };
}

/** Input of a clock execution: ids, the clock key, the tier reached and the instant to wake (its tasks parse it). */
export const clockInputSchema = z.object({
  caseId: z.string().check(z.minLength(1)),
  associationId: z.string().check(z.minLength(1)),
  key: z.string().check(z.minLength(1)),
  tier: z.number().check(z.int(), z.gte(0)),
  at: z.string().check(z.minLength(1)),
});
export type ClockInput = z.infer<typeof clockInputSchema>;

/** Where an execution stands, as Step Functions says it; `undefined` when no execution has that name. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/** What runs executions: SFN, or the local engine. Every call is idempotent. */
export interface WorkflowRuntime {
  /** Where an execution stands (DescribeExecution); undefined when none of that name exists (or SFN forgot it). */
  status(machine: MachineName, name: string): Promise<ExecutionStatus | undefined>;
  /** The error a FAILED execution ended with (DescribeExecution's `error`, e.g. `Haven.Parked`); undefined otherwise. */
  failure(machine: MachineName, name: string): Promise<string | undefined>;
  /** Starts an execution; an execution of that name already existing is fine. */
  start(machine: MachineName, name: string, input: LifecycleInput | ClockInput): Promise<void>;
  /** Stops a running execution; one that has ended or never existed is fine. */
  stop(machine: MachineName, name: string): Promise<void>;
  /** Resumes a `.waitForTaskToken` task; a token already used or timed out is fine. */
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
}

/** The lifecycle's API for handlers, the local runtime and tests. */
export interface WorkflowClient {
  /** Starts the case's lifecycle; a second start is harmless. */
  startCase(caseId: string, associationId: string): Promise<void>;
  /** Tells the lifecycle the case changed (contact, DASH, pause, closure…): it re-routes and re-plans. */
  signalChange(caseId: string): Promise<void>;
  /** Starts one clock (harmless if that generation is already running or has run). */
  startClock(input: {
    caseId: string;
    associationId: string;
    key: string;
    deadline: string;
    generation: number;
  }): Promise<void>;
  /** Stops one clock: superseded by a re-plan, or the case closed. */
  stopClock(caseId: string, key: string, generation: number): Promise<void>;
  /** Resumes a parked wait (the await-change handler calls this when a change beat it). */
  resume(caseId: string, token: string): Promise<void>;
  /** Starts continuation `n` (≥ 1) of the case's lifecycle; a second start is harmless. */
  continueCase(caseId: string, associationId: string, n: number): Promise<void>;
  /** Starts a fresh lifecycle (the next unused continuation) for a case that became open again. */
  reopenCase(caseId: string, associationId: string): Promise<void>;
  /**
   * Starts execution `n` of the case's lifecycle straight at the wait it was parked in (the ASL's Resume
   * entry: no Triage), at the change counter it was parked at: any change since makes the wait return at
   * once and Triage run. For a runtime that has forgotten its executions (the local one after a restart).
   */
  rearmCase(caseId: string, associationId: string, n: number, parked: { seq: number; brief: boolean }): Promise<void>;
}

/**
 * Age at which a lifecycle execution hands over to a continuation. Triage runs at least every 30 days
 * (WaitForChange's timeout), so the handover lands by day ~330, well inside the 365-day execution timeout.
 */
export const HANDOVER_AFTER_DAYS = 300;

/**
 * Triage cycles (each one a Triage that went through or failed, the lifecycle's `$.loop.cycles`) after
 * which a lifecycle hands over, however young it is: Step Functions ends an execution at 25,000 history
 * events, and one cycle costs at most ~50 (Triage and the wait with every retry, or a fault with its
 * record and pause), so 200 cycles stay under ~10,000, well clear of the cap even for a very busy case.
 */
export const HANDOVER_AFTER_CYCLES = 200;

/**
 * Whether an execution started at `startedAt` (ISO, `$$.Execution.StartTime`) is old enough to hand
 * over, or has run `cycles` Triage cycles (HANDOVER_AFTER_CYCLES).
 */
export function isDueForHandover(startedAt: string | undefined, now: Date, cycles = 0): boolean {
  if (cycles >= HANDOVER_AFTER_CYCLES) return true;
  return startedAt !== undefined && now.getTime() - Date.parse(startedAt) >= HANDOVER_AFTER_DAYS * 86_400_000;
}

/** The lifecycle execution's name: the case id, then `<caseId>-<n>` for continuation n. */
export function lifecycleExecutionName(caseId: string, n = 0): string {
  return n > 0 ? `${caseId}-${n}` : caseId;
}

/** Which continuation of the case's lifecycle an execution name is (0: the first execution). */
export function continuationOf(caseId: string, executionName: string): number {
  if (!executionName.startsWith(`${caseId}-`)) return 0;
  const n = Number(executionName.slice(caseId.length + 1));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * A clock execution's name: case id, clock and deadline, in the characters SFN allows (≤ 80).
 * Deterministic, so starting the same clock twice names the same execution.
 */
export function clockExecutionName(caseId: string, key: string, generation = 0): string {
  const readable = `${caseId}_${key.replace(/[^A-Za-z0-9_-]/g, '')}${generation > 0 ? `_g${generation}` : ''}`;
  if (readable.length <= 80) return readable;
  const hash = createHash('sha256').update(`${caseId}|${key}|${generation}`).digest('hex').slice(0, 24);
  return `${caseId.slice(0, 55)}_${hash}`;
}

/** The workflow client over a runtime and the workflow store. */
export function createWorkflowClient(runtime: WorkflowRuntime, store: WorkflowStore): WorkflowClient {
  const resume = async (caseId: string, token: string) => {
    await runtime.sendTaskSuccess(token, { caseId });
    await store.clearToken(caseId, token);
  };
  return {
    async startCase(caseId, associationId) {
      await runtime.start('lifecycle', lifecycleExecutionName(caseId), { caseId, associationId });
    },
    async signalChange(caseId) {
      const record = await store.bumpChange(caseId);
      if (record.token) await resume(caseId, record.token);
    },
    async startClock({ caseId, associationId, key, deadline, generation }) {
      await runtime.start('clock', clockExecutionName(caseId, key, generation), {
        caseId,
        associationId,
        key,
        tier: 0,
        at: deadline,
      });
    },
    async stopClock(caseId, key, generation) {
      await runtime.stop('clock', clockExecutionName(caseId, key, generation));
    },
    resume,
    async continueCase(caseId, associationId, n) {
      await store.noteLifecycle(caseId, n);
      await runtime.start('lifecycle', lifecycleExecutionName(caseId, n), { caseId, associationId });
    },
    async reopenCase(caseId, associationId) {
      const n = await store.nextLifecycle(caseId);
      await runtime.start('lifecycle', lifecycleExecutionName(caseId, n), { caseId, associationId });
    },
    async rearmCase(caseId, associationId, n, parked) {
      await runtime.start('lifecycle', lifecycleExecutionName(caseId, n), {
        caseId,
        associationId,
        resume: { seen: parked.seq, brief: parked.brief },
      });
    },
  };
}

/**
 * The SFN runtime (SDK v3). `executionArn` is derived from the state machine ARN and the name. A
 * machine whose ARN was not given (the function has no permission on it) fails when used, naming it.
 */
export function createSfnRuntime(options: {
  sfn: SFNClient;
  lifecycleArn?: string;
  clockArn?: string;
}): WorkflowRuntime {
  const { sfn } = options;
  const machineArn = (m: MachineName) => {
    const arn = m === 'lifecycle' ? options.lifecycleArn : options.clockArn;
    if (!arn) throw new Error(`the ${m} state machine is not configured for this function`);
    return arn;
  };
  const executionArn = (m: MachineName, name: string) =>
    `${machineArn(m).replace(':stateMachine:', ':execution:')}:${name}`;
  const tolerate = (names: string[]) => (e: unknown) => {
    if (!names.includes((e as { name?: string })?.name ?? '')) throw e;
  };
  return {
    async status(machine, name) {
      return sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(machine, name) })).then(
        (out) => out.status as ExecutionStatus,
        (e: unknown) => {
          if ((e as { name?: string })?.name === 'ExecutionDoesNotExist') return undefined;
          throw e;
        },
      );
    },
    async failure(machine, name) {
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(machine, name) }));
      return out.status === 'FAILED' ? out.error : undefined;
    },
    async start(machine, name, input) {
      await sfn
        .send(new StartExecutionCommand({ stateMachineArn: machineArn(machine), name, input: JSON.stringify(input) }))
        .then(() => undefined, tolerate(['ExecutionAlreadyExists']));
    },
    async stop(machine, name) {
      await sfn
        .send(
          new StopExecutionCommand({ executionArn: executionArn(machine, name), cause: 'superseded or case closed' }),
        )
        .then(() => undefined, tolerate(['ExecutionDoesNotExist']));
    },
    async sendTaskSuccess(token, output) {
      await sfn
        .send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }))
        .then(() => undefined, tolerate(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']));
    },
  };
}
