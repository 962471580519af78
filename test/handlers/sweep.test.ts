/**
 * The sweep handler over the real SFN runtime with Step Functions mocked (aws-sdk-client-mock): what it
 * asks (DescribeExecution by execution ARN) and what it starts for each kind of open case, that a second
 * run starts nothing, and that a case it cannot sweep fails the run after the others were swept.
 */
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSfnRuntime, createWorkflowClient, type ExecutionStatus } from '../../functions/adapters/workflow.js';
import type { WorkflowRecord, WorkflowStore } from '../../functions/adapters/workflow-store.js';
import type { OpenCase } from '../../functions/adapters/workflow-sweep.js';
import { createSweepHandler, SWEEP_GRACE_MS } from '../../functions/sweep/handler.js';

const LIFECYCLE = 'arn:aws:states:eu-west-2:111111111111:stateMachine:Haven-wrekin-lifecycle';
const CLOCK = 'arn:aws:states:eu-west-2:111111111111:stateMachine:Haven-wrekin-clock';
const NOW = new Date('2026-06-10T09:00:00Z');
const LONG_AGO = '2026-06-01T09:00:00.000Z';
const sfn = mockClient(SFNClient);

/** Step Functions as the mock plays it: executions by ARN, each started one RUNNING from then on. */
let executions: Map<string, ExecutionStatus>;
let records: Map<string, WorkflowRecord>;
/** DescribeExecution's `error` of failed executions, by ARN. */
let errors: Map<string, string>;
/** Case status as a fresh read finds it (open unless set). */
let statuses: Map<string, string>;
const lifecycleArn = (name: string) => `${LIFECYCLE.replace(':stateMachine:', ':execution:')}:${name}`;
const clockArn = (name: string) => `${CLOCK.replace(':stateMachine:', ':execution:')}:${name}`;

/** The workflow store in memory: what the sweep and the workflow client use of it. */
function memoryStore(): WorkflowStore {
  const rec = (id: string) => {
    const r = records.get(id) ?? { changeSeq: 0, clocks: {}, stopped: {} };
    records.set(id, r);
    return r;
  };
  return {
    get: async (id) => structuredClone(rec(id)),
    bumpChange: async (id) => {
      rec(id).changeSeq += 1;
      return structuredClone(rec(id));
    },
    parkToken: async () => true,
    clearToken: async (id, token) => {
      if (rec(id).token === token) delete rec(id).token;
    },
    setClocks: async (id, clocks, stopped, seen) => {
      if ((rec(id).clockSeq ?? 0) !== seen) return false;
      Object.assign(rec(id), { clocks, stopped, clockSeq: seen + 1 });
      return true;
    },
    retireClock: async (id, key, generation) => {
      const r = rec(id);
      if (r.clocks[key] !== generation) return;
      delete r.clocks[key];
      r.stopped[key] = generation;
      r.clockSeq = (r.clockSeq ?? 0) + 1;
    },
    finishClock: async (id, key, generation) => {
      const r = rec(id);
      if (r.clocks[key] !== generation) return;
      delete r.clocks[key];
      r.finished = [...(r.finished ?? []), key];
      r.clockSeq = (r.clockSeq ?? 0) + 1;
    },
    noteLifecycle: async (id, n) => {
      if ((rec(id).lifecycle ?? 0) < n) rec(id).lifecycle = n;
    },
    nextLifecycle: async (id) => {
      rec(id).lifecycle = (rec(id).lifecycle ?? 0) + 1;
      return rec(id).lifecycle ?? 1;
    },
    hasMarker: async () => false,
    putMarker: async () => undefined,
    // The sweep sends no mail: a claim here is a defect.
    claimSend: async () => {
      throw new Error('the sweep claimed a send');
    },
    settleSend: async () => {
      throw new Error('the sweep settled a send');
    },
  };
}

/** The handler over the real SFN runtime and workflow client, listing `cases`. */
function sweepOf(cases: OpenCase[]) {
  const runtime = createSfnRuntime({
    sfn: new SFNClient({ region: 'eu-west-2' }),
    lifecycleArn: LIFECYCLE,
    clockArn: CLOCK,
  });
  const store = memoryStore();
  const workflow = createWorkflowClient(runtime, store);
  return createSweepHandler(async () => ({
    associationId: 'wrekin',
    list: async () => ({ items: cases }),
    sweep: {
      runtime,
      store,
      workflow,
      cases: { getSummary: async (id: string) => ({ status: statuses.get(id) ?? 'open' }) },
      now: () => NOW,
    },
  }));
}
/** A run's counts when it did nothing. */
const NOTHING = {
  cases: 0,
  lifecyclesStarted: 0,
  lifecyclesBroken: 0,
  clocksRestarted: 0,
  clocksBroken: 0,
  clocksFinished: 0,
  deferred: 0,
};
const started = () => sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
const open = (caseId: string, updatedAt = LONG_AGO): OpenCase => ({ caseId, associationId: 'wrekin', updatedAt });

beforeEach(() => {
  executions = new Map();
  records = new Map();
  errors = new Map();
  statuses = new Map();
  sfn.reset();
  sfn.on(DescribeExecutionCommand).callsFake(async (input: { executionArn: string }) => {
    const status = executions.get(input.executionArn);
    if (!status) throw new ExecutionDoesNotExist({ message: 'Execution does not exist', $metadata: {} });
    return { status, error: errors.get(input.executionArn) };
  });
  sfn.on(StartExecutionCommand).callsFake(async (input: { stateMachineArn: string; name: string }) => {
    const arn = `${input.stateMachineArn.replace(':stateMachine:', ':execution:')}:${input.name}`;
    executions.set(arn, 'RUNNING');
    return { executionArn: arn, startDate: NOW };
  });
  sfn.on(SendTaskSuccessCommand).resolves({});
});
afterEach(() => sfn.reset());

describe('the sweep handler (SFN mocked)', () => {
  it('starts a case never started under its id, a parked lifecycle as the next continuation, a claimed name not started under it; a running one is left', async () => {
    // Prepare
    records.set('parked', { changeSeq: 3, clocks: {}, stopped: {}, lifecycle: 2 });
    executions.set(lifecycleArn('parked-2'), 'FAILED');
    errors.set(lifecycleArn('parked-2'), 'Haven.Parked');
    records.set('claimed', { changeSeq: 1, clocks: {}, stopped: {}, lifecycle: 1 });
    executions.set(lifecycleArn('claimed'), 'SUCCEEDED');
    records.set('fine', { changeSeq: 1, clocks: {}, stopped: {} });
    executions.set(lifecycleArn('fine'), 'RUNNING');
    const handler = sweepOf([open('never'), open('parked'), open('claimed'), open('fine')]);

    // Act
    const result = await handler();

    // Assess
    expect(started().sort()).toEqual(['claimed-1', 'never', 'parked-3']);
    expect(records.get('parked')?.lifecycle).toBe(3);
    expect(result).toEqual({ ...NOTHING, cases: 4, lifecyclesStarted: 3 });
    expect(sfn.commandCalls(DescribeExecutionCommand).map((c) => c.args[0].input.executionArn)).toContain(
      lifecycleArn('parked-2'),
    );
  });

  it('retires a parked or timed-out clock and tells the running lifecycle; a finished clock leaves the running ones for good, a stopped one is left', async () => {
    // Prepare
    records.set('c1', {
      changeSeq: 4,
      token: 'tok-1',
      clocks: {
        'initialContact@2026-06-02T09:00:00.000Z': 0,
        'dash@2026-06-03T09:00:00.000Z': 1,
        'review@x': 0,
        'feedback@y': 2,
      },
      stopped: { 'dash@2026-06-03T09:00:00.000Z': 0 },
    });
    executions.set(lifecycleArn('c1'), 'RUNNING');
    executions.set(clockArn('c1_initialContact2026-06-02T090000000Z'), 'FAILED');
    errors.set(clockArn('c1_initialContact2026-06-02T090000000Z'), 'Haven.Parked');
    executions.set(clockArn('c1_dash2026-06-03T090000000Z_g1'), 'TIMED_OUT');
    executions.set(clockArn('c1_reviewx'), 'SUCCEEDED');
    executions.set(clockArn('c1_feedbacky_g2'), 'ABORTED');
    const handler = sweepOf([open('c1')]);

    // Act
    const result = await handler();

    // Assess
    expect(result).toMatchObject({ lifecyclesStarted: 0, clocksRestarted: 2, clocksFinished: 1 });
    expect(records.get('c1')?.clocks).toEqual({ 'feedback@y': 2 });
    expect(records.get('c1')?.finished).toEqual(['review@x']);
    expect(records.get('c1')?.stopped).toEqual({
      'initialContact@2026-06-02T09:00:00.000Z': 0,
      'dash@2026-06-03T09:00:00.000Z': 1,
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken)).toEqual(['tok-1']);
    expect(started()).toEqual([]);
  });

  it('leaves a clock failed by anything but parking to the execution-failed alarm (restarting it would fail it again every round)', async () => {
    // Prepare
    records.set('c2', {
      changeSeq: 1,
      token: 'tok-2',
      clocks: { 'initialContact@2026-06-02T09:00:00.000Z': 0 },
      stopped: {},
    });
    executions.set(lifecycleArn('c2'), 'RUNNING');
    executions.set(clockArn('c2_initialContact2026-06-02T090000000Z'), 'FAILED');
    errors.set(clockArn('c2_initialContact2026-06-02T090000000Z'), 'States.Runtime');
    const handler = sweepOf([open('c2')]);

    // Act
    const result = await handler();

    // Assess
    expect(result).toMatchObject({ clocksRestarted: 0, clocksBroken: 1 });
    expect(records.get('c2')?.clocks).toEqual({ 'initialContact@2026-06-02T09:00:00.000Z': 0 });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toEqual([]);
  });
  it('a clock that ran to its end is not restarted once Step Functions forgets it (90 days after it ended)', async () => {
    // Prepare
    records.set('c2', { changeSeq: 1, clocks: { 'review@x': 0 }, stopped: {} });
    executions.set(lifecycleArn('c2'), 'RUNNING');
    executions.set(clockArn('c2_reviewx'), 'SUCCEEDED');
    const handler = sweepOf([open('c2')]);
    await handler();
    executions.delete(clockArn('c2_reviewx')); // forgotten

    // Act
    const later = await handler();

    // Assess
    expect(later).toEqual({ ...NOTHING, cases: 1 });
    expect(records.get('c2')).toMatchObject({ clocks: {}, stopped: {}, finished: ['review@x'] });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toEqual([]);
  });

  it('a lifecycle that failed with another error than the parked one is counted, not restarted every round; named by an operator, it is', async () => {
    // Prepare
    const id = '2d9e7c6a-3f4b-4e5d-9c0a-9b8f7e6d5c43';
    records.set(id, { changeSeq: 1, clocks: {}, stopped: {} });
    executions.set(lifecycleArn(id), 'FAILED');
    errors.set(lifecycleArn(id), 'States.Runtime');
    const handler = sweepOf([open(id)]);

    // Act
    const scheduled = await handler();
    const again = await handler();
    const named = await handler({ caseIds: [id] });

    // Assess
    expect(scheduled).toEqual({ ...NOTHING, cases: 1, lifecyclesBroken: 1 });
    expect(again).toEqual({ ...NOTHING, cases: 1, lifecyclesBroken: 1 });
    expect(named).toEqual({ ...NOTHING, cases: 1, lifecyclesStarted: 1 });
    expect(started()).toEqual([`${id}-1`]);
  });

  it('a case closed between the listing and its sweep gets no continuation', async () => {
    // Prepare
    records.set('closing', { changeSeq: 5, clocks: {}, stopped: {} });
    executions.set(lifecycleArn('closing'), 'SUCCEEDED');
    statuses.set('closing', 'closed');
    const handler = sweepOf([open('closing')]);

    // Act
    const result = await handler();

    // Assess
    expect(result).toEqual({ ...NOTHING, cases: 1 });
    expect(started()).toEqual([]);
  });

  it('a second run starts nothing more; a case changed within the grace is left for the next run', async () => {
    // Prepare
    const recent = new Date(NOW.getTime() - SWEEP_GRACE_MS / 2).toISOString();
    const handler = sweepOf([open('a'), open('b', recent)]);
    await handler();
    const first = started();

    // Act
    const again = await handler();

    // Assess
    expect(first).toEqual(['a']);
    expect(started()).toEqual(['a']);
    expect(again).toEqual({ ...NOTHING, cases: 2, deferred: 1 });
  });

  it('a case it cannot sweep fails the run after every other case was swept, with no upstream words', async () => {
    // Prepare
    sfn
      .on(DescribeExecutionCommand, { executionArn: lifecycleArn('broken') })
      .rejects(Object.assign(new Error('not authorized on arn:…'), { name: 'AccessDeniedException' }));
    const handler = sweepOf([open('broken'), open('ok')]);

    // Act
    const run = handler();

    // Assess
    await expect(run).rejects.toMatchObject({
      name: 'SweepIncomplete',
      message: 'the sweep failed for 1 case(s)',
    });
    expect(started()).toEqual(['ok']);
  });

  it('an operator names cases: a parked closure (not in the open index) is resumed, a lifecycle that succeeded is left', async () => {
    // Prepare
    const [parked, done] = ['0b7c5a4e-1d2f-4c3b-9a8e-7f6d5c4b3a21', '1c8d6b5f-2e3a-4d4c-8b9f-8a7e6d5c4b32'];
    records.set(parked, { changeSeq: 9, clocks: {}, stopped: {}, lifecycle: 1 });
    executions.set(lifecycleArn(`${parked}-1`), 'FAILED');
    records.set(done, { changeSeq: 2, clocks: {}, stopped: {} });
    executions.set(lifecycleArn(done), 'SUCCEEDED');
    const handler = sweepOf([open('listed')]);

    // Act
    const result = await handler({ caseIds: [parked, done] });

    // Assess
    expect(started()).toEqual([`${parked}-2`]);
    expect(result).toEqual({ ...NOTHING, cases: 2, lifecyclesStarted: 1 });
  });

  it('names must be case ids: anything else is refused before any case is swept', async () => {
    // Prepare
    const handler = sweepOf([open('listed')]);

    // Act
    const run = handler({ caseIds: ['not a case id'] });

    // Assess
    await expect(run).rejects.toThrow();
    expect(sfn.commandCalls(DescribeExecutionCommand)).toEqual([]);
  });

  it('the schedule event (EventBridge fields, no case ids) sweeps the open index', async () => {
    // Prepare
    const handler = sweepOf([open('listed')]);

    // Act
    await handler({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} });

    // Assess
    expect(started()).toEqual(['listed']);
  });
});
