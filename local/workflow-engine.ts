/**
 * Runs Haven's real ASL (statemachines/*.asl.json) on one machine with aws-local-stepfunctions: task
 * states call the real lifecycle handlers the way Lambda would (task input in, `{ Payload }` out),
 * `.waitForTaskToken` tasks park until `sendTaskSuccess`, and time is either real or a virtual clock
 * (@sinonjs/fake-timers, installed before the engine is imported) that tests and the local runtime
 * move on. Moving time fires the timers due at each instant together and lets in-flight handlers
 * finish before the next instant (local/virtual-time.ts), so a task doing real I/O against dynalite never
 * meets its own timeout. Finished executions are kept as their status only unless `keepFinished`.
 */
import './polyfills.js';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ClockInput,
  createWorkflowClient,
  type LifecycleInput,
  type MachineName,
  type WorkflowClient,
  type WorkflowRuntime,
} from '../functions/adapters/workflow.js';
import type { LifecycleHandler } from '../functions/adapters/workflow-lambda.js';
import type { WorkflowStore } from '../functions/adapters/workflow-store.js';
import { allowLongTimers } from './long-timers.js';
import { type FakeClock, virtualTime } from './virtual-time.js';

const here = dirname(fileURLToPath(import.meta.url));
const ASL: Record<MachineName, string> = {
  lifecycle: join(here, '..', 'statemachines', 'case-lifecycle.asl.json'),
  clock: join(here, '..', 'statemachines', 'case-clock.asl.json'),
};
const ACCOUNT = 'arn:aws:lambda:eu-west-2:000000000000:function:';
const TOKEN_SENTINEL = '__HAVEN_TASK_TOKEN__';

/** Handlers by the ASL substitution that names their function, e.g. `TriageFunctionArn`. */
export type HandlerMap = Record<string, LifecycleHandler>;

/** Options of the engine. */
export interface WorkflowEngineOptions {
  /** The handlers, or a factory given the engine's workflow client (the handlers need it). */
  handlers: HandlerMap | ((workflowClient: WorkflowClient) => HandlerMap);
  /** The workflow store (change counter, parked tokens, running clocks). */
  store: WorkflowStore;
  /** 'virtual': time moves only when told (or at `speed`); 'real': wall-clock time. */
  clock: 'virtual' | 'real';
  /** Virtual time runs by itself at this many times real time (the local runtime's demo). */
  speed?: number;
  /** Virtual start instant (default: now). */
  start?: Date;
  /**
   * Keep every finished execution (its status, error and transitions) for `executions()` and
   * `transitionsOf` (tests, bench/transitions). Off by default: the engine then holds only what running
   * executions need and, per finished execution, its name, status and error (no input, no history: ~200
   * bytes, mostly the name), so that, as in Step Functions, its name is never started again (ExecutionAlreadyExists) and
   * its status stays known while the process runs.
   */
  keepFinished?: boolean;
}

/** One execution as the engine saw it. */
interface ExecutionInfo {
  machine: MachineName;
  name: string;
  input: LifecycleInput | ClockInput;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  /** States entered: what Step Functions bills as state transitions. */
  transitions: number;
  error?: string;
}

/** The running engine. */
export interface WorkflowEngine {
  workflowClient: WorkflowClient;
  runtime: WorkflowRuntime;
  /** The engine's current time (virtual or real). */
  now(): Date;
  /** Moves virtual time forward, firing every due Wait and retry in order. */
  advanceBy(ms: number): Promise<void>;
  /** Moves virtual time to an instant (no-op if it is in the past). */
  advanceTo(instant: Date): Promise<void>;
  /** Resolves when no handler is running and nothing is due now. */
  idle(): Promise<void>;
  /**
   * Awaits work done outside the task handlers (the start-up resume) while letting due and short timers run,
   * as for a handler in flight: an SDK or storage backoff on the virtual clock never stalls it.
   */
  during<T>(work: Promise<T>): Promise<T>;
  /** The executions running, and every finished one when `keepFinished`. */
  executions(): ExecutionInfo[];
  /** Executions running now. */
  running(): number;
  /** State transitions used by the executions of a case (its lifecycle and its clocks) that are kept. */
  transitionsOf(caseId: string): number;
  /** Aborts every execution and restores real timers. */
  close(): Promise<void>;
}

/** A finished execution as remembered when not kept whole. */
type Ended = Pick<ExecutionInfo, 'status' | 'error'>;
const SUCCEEDED: Ended = Object.freeze({ status: 'SUCCEEDED' });
const ABORTED: Ended = Object.freeze({ status: 'ABORTED' });
/** The record of a finished execution: one shared object unless it failed (then its error too). */
const endedAs = (status: ExecutionInfo['status'], error: string | undefined): Ended =>
  status === 'SUCCEEDED' ? SUCCEEDED : status === 'ABORTED' ? ABORTED : { status, ...(error ? { error } : {}) };

let installed: FakeClock | undefined;

type Definition = {
  States: Record<string, { Type: string; Resource?: string; Parameters?: { FunctionName?: string } }>;
};

type Machines = {
  definitions: Record<MachineName, Definition>;
  machines: Record<MachineName, InstanceType<typeof import('aws-local-stepfunctions').StateMachine>>;
};
let built: Promise<Machines> | undefined;

/** Reads and validates each ASL once per process (~150 ms each): a restarted engine reuses them. */
function buildMachines(): Promise<Machines> {
  built ??= (async () => {
    const { StateMachine } = await import('aws-local-stepfunctions');
    const out = { definitions: {}, machines: {} } as Machines;
    for (const m of ['lifecycle', 'clock'] as MachineName[]) {
      const text = readFileSync(ASL[m], 'utf8').replace(
        /\$\{([A-Za-z0-9]+)\}/g,
        (_, name: string) => `${ACCOUNT}${name}`,
      );
      out.definitions[m] = JSON.parse(text) as Definition;
      out.machines[m] = new StateMachine(out.definitions[m] as never, {
        validationOptions: { checkArn: true, checkPaths: true },
      });
    }
    return out;
  })();
  return built;
}

/** Creates the engine: installs the virtual clock first, then loads aws-local-stepfunctions and builds each machine (once per process). */
export async function createWorkflowEngine(options: WorkflowEngineOptions): Promise<WorkflowEngine> {
  let fake: FakeClock | undefined;
  if (options.clock === 'virtual') {
    if (installed)
      throw new Error('a virtual-clock workflow engine is already running in this process; close it first');
    const FakeTimers = await import('@sinonjs/fake-timers');
    fake = FakeTimers.install({
      now: (options.start ?? new Date()).getTime(),
      toFake: ['Date', 'setTimeout', 'clearTimeout'],
      shouldClearNativeTimers: true,
    }) as unknown as FakeClock;
    installed = fake;
  }
  const restoreTimers = allowLongTimers();
  const { definitions, machines } = await buildMachines();

  type Running = ExecutionInfo & { abort?: () => void };
  const executions = new Map<string, Running>();
  /** Finished executions not kept whole: their status and error, by id (`keepFinished` off). */
  const finished = new Map<string, Ended>();
  /** The live task token of each execution waiting for one (a machine has no parallel branches: one at most). */
  const tokens = new Map<string, { execution: string; resolve: (output: unknown) => void }>();
  const tokenOf = new Map<string, string>();
  const keepFinished = options.keepFinished ?? false;
  let running = 0;
  let inFlight = 0;
  let handlers: HandlerMap = {};

  const invoke = async (fnName: string, payload: unknown): Promise<unknown> => {
    const handler = handlers[fnName];
    if (!handler)
      throw Object.assign(new Error(`no handler for ${fnName}`), { name: 'Lambda.ResourceNotFoundException' });
    inFlight += 1;
    try {
      // In and out as JSON, as Lambda passes them: the handler shares nothing with the engine's state.
      const event = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
      const out = await handler(event, { functionName: fnName, awsRequestId: randomUUID() });
      return JSON.parse(JSON.stringify(out ?? null)) as unknown;
    } catch (e) {
      // Lambda reports the error's class as the error type; Step Functions matches on it.
      const err = new Error((e as Error)?.message ?? 'error');
      err.name = (e as Error)?.name ?? 'Error';
      throw err;
    } finally {
      inFlight -= 1;
    }
  };

  const replaceToken = (value: unknown, token: string): unknown => {
    if (value === TOKEN_SENTINEL) return token;
    if (Array.isArray(value)) return value.map((v) => replaceToken(v, token));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceToken(v, token)]));
    return value;
  };

  /** Drops an execution's task token (it moved on, timed out or ended): a late sendTaskSuccess is tolerated. */
  const forgetToken = (id: string) => {
    const token = tokenOf.get(id);
    if (token === undefined) return;
    tokens.delete(token);
    tokenOf.delete(id);
  };

  const overridesFor = (machine: MachineName, id: string) => {
    const out: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of Object.entries(definitions[machine].States)) {
      if (state.Type !== 'Task') continue;
      const fnName = (state.Parameters?.FunctionName ?? '').replace(ACCOUNT, '');
      if (state.Resource?.endsWith('.waitForTaskToken')) {
        out[stateName] = async (input) => {
          const token = `${id.slice(id.indexOf(':') + 1)}:${randomUUID()}`;
          forgetToken(id); // an earlier wait of this execution timed out: its token is dead
          const waiting = new Promise<unknown>((resolve) => tokens.set(token, { execution: id, resolve }));
          tokenOf.set(id, token);
          await invoke(fnName, replaceToken((input as { Payload: unknown }).Payload, token));
          return waiting;
        };
      } else {
        out[stateName] = async (input) => ({
          StatusCode: 200,
          Payload: await invoke(fnName, (input as { Payload: unknown }).Payload),
        });
      }
    }
    return out;
  };

  /** An execution ended: its token goes, and it is kept whole only when asked to, else as its status. */
  const ended = (id: string, info: Running) => {
    running -= 1;
    forgetToken(id);
    info.abort = undefined;
    if (keepFinished || executions.get(id) !== info) return;
    executions.delete(id);
    finished.set(id, endedAs(info.status, info.error));
  };
  const known = (id: string): Ended | undefined => executions.get(id) ?? finished.get(id);

  const runtime: WorkflowRuntime = {
    // What this process ran: after a restart every execution is unknown (undefined), as SFN says of a name it never ran.
    async status(machine, name) {
      return known(`${machine}:${name}`)?.status;
    },
    async failure(machine, name) {
      return known(`${machine}:${name}`)?.error;
    },
    async start(machine, name, input) {
      const id = `${machine}:${name}`;
      // ExecutionAlreadyExists, running or finished (SFN keeps a name 90 days): tolerated, as the SFN runtime does.
      if (known(id)) return;
      const info: Running = { machine, name, input, status: 'RUNNING', transitions: 0 };
      executions.set(id, info);
      running += 1;
      const run = machines[machine].run(input as never, {
        overrides: { taskResourceLocalHandlers: overridesFor(machine, id) as never },
        noThrowOnAbort: true,
        context: {
          Execution: { Id: `arn:aws:states:eu-west-2:000000000000:execution:${machine}:${name}`, Name: name },
          Task: { Token: TOKEN_SENTINEL },
        },
      });
      info.abort = run.abort;
      void (async () => {
        for await (const event of run.eventLogs) if (event.type === 'StateEntered') info.transitions += 1;
      })();
      run.result.then(
        () => {
          if (info.status === 'RUNNING') info.status = 'SUCCEEDED';
          ended(id, info);
        },
        (e: unknown) => {
          info.status = 'FAILED';
          // The library wraps the Fail state's (or the runtime's) error: its cause names it, as SFN's `error` does.
          const cause = (e as { cause?: { name?: string } })?.cause?.name;
          info.error = cause ?? (e as Error)?.name ?? 'Error';
          ended(id, info);
        },
      );
    },
    async stop(machine, name) {
      const info = executions.get(`${machine}:${name}`);
      if (info?.status !== 'RUNNING') return;
      info.status = 'ABORTED';
      info.abort?.();
    },
    async sendTaskSuccess(token, output) {
      const waiting = tokens.get(token);
      if (!waiting) return; // used or timed out: tolerated, as with SFN's TaskTimedOut / InvalidToken
      tokens.delete(token);
      if (tokenOf.get(waiting.execution) === token) tokenOf.delete(waiting.execution);
      waiting.resolve(output);
    },
  };
  const workflowClient = createWorkflowClient(runtime, options.store);
  handlers = typeof options.handlers === 'function' ? options.handlers(workflowClient) : options.handlers;

  const { settle, serial, advanceTo, during } = virtualTime(fake, () => inFlight);

  let ticker: NodeJS.Timeout | undefined;
  if (fake && options.speed && options.speed > 0) {
    const step = 250;
    const clock = fake;
    const speed = options.speed;
    // setInterval is not faked: it keeps real time and drives the virtual clock.
    ticker = setInterval(() => void advanceTo(new Date(clock.now + step * speed)).catch(() => undefined), step);
  }

  return {
    workflowClient,
    runtime,
    now: () => new Date(fake ? fake.now : Date.now()),
    advanceBy: (ms) => advanceTo(new Date((fake?.now ?? Date.now()) + ms)),
    advanceTo,
    idle: () => serial(() => settle()),
    during,
    executions: () => [...executions.values()].map(({ abort: _abort, ...info }) => ({ ...info })),
    running: () => running,
    transitionsOf: (caseId) =>
      [...executions.values()].filter((e) => e.input.caseId === caseId).reduce((sum, e) => sum + e.transitions, 0),
    async close() {
      if (ticker) clearInterval(ticker);
      for (const info of executions.values()) if (info.status === 'RUNNING') info.abort?.();
      await settle().catch(() => undefined);
      restoreTimers();
      if (fake) {
        fake.uninstall();
        if (installed === fake) installed = undefined;
      }
    },
  };
}
