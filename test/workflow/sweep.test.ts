/**
 * The sweep finds open cases with no running lifecycle and starts them: a reopen whose workflow start
 * failed (after or before it claimed its continuation's name), and an intake whose start failed. It leaves
 * a case changed within the grace to its own start, and a second run starts nothing more. Real cases
 * handler, real ASL and handlers, dynalite, virtual time.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { Deps } from '../../functions/adapters/deps.js';
import { createWorkflowClient, type WorkflowClient } from '../../functions/adapters/workflow.js';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, call, MANAGER } from '../handlers/harness.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, lifecycleRunsOf, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const GRACE = 10 * 60_000;
const runningClocks = (caseId: string) =>
  bench.engine.executions().filter((e) => e.machine === 'clock' && e.input.caseId === caseId && e.status === 'RUNNING');
const outage = () => Object.assign(new Error('simulated outage'), { name: 'ServiceUnavailable' });
/** The workflow client as the cases Lambda has it, its StartExecution failing (SFN down). */
const startsFail = (): WorkflowClient =>
  createWorkflowClient(
    {
      ...bench.engine.runtime,
      start: async () => {
        throw outage();
      },
    },
    bench.deps.store,
  );

/** Runs one staff command through the real cases handler with the given workflow client. */
async function command(caseId: string, path: string, body: unknown, workflow: WorkflowClient) {
  const cases = defined(bench.repos.get('sada-herts'), 'the repository of sada-herts');
  const deps: Deps = {
    config: getAssociation('sada-herts'),
    cases,
    workflow,
    hmac: (t) => t,
    now: () => bench.engine.now(),
    logger: new Logger({ serviceName: 'haven-test', logLevel: 'SILENT' }),
  };
  const { version } = defined(await cases.getSummary(caseId), `the summary of ${caseId}`);
  const res = await call(
    createHandler(deps),
    apiEvent('POST', `/api/cases/${caseId}/${path}`, {
      body,
      claims: MANAGER,
      headers: { 'if-match': String(version) },
    }),
  );
  await bench.engine.idle();
  return res;
}

/** An open case whose only lifecycle ran to closure, then reopened by a new incident through `workflow`. */
async function reopenedWith(workflow: WorkflowClient) {
  const c = await bench.openCase('sada-herts');
  await bench.change(c.caseId, (s) => {
    s.status = 'closed';
    s.closedAt = bench.engine.now().toISOString();
    s.closureDiscussedWithVictim = true;
  });
  await bench.engine.advanceBy(2 * DAY);
  const res = await command(c.caseId, 'incidents', { violent: true }, workflow);
  expect(res.body).toMatchObject({ status: 'open', signalled: false });
  return c;
}

describe('the sweep starts what should run and nothing else', () => {
  it('a reopen whose start failed after claiming <caseId>-1: left within the grace, then started under that name, once', async () => {
    // Prepare
    const c = await reopenedWith(startsFail());
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'SUCCEEDED' }]);
    expect(runningClocks(c.caseId)).toEqual([]);

    // Act
    const early = await bench.sweep(GRACE);

    // Assess
    expect(early).toMatchObject({ lifecyclesStarted: 0, failed: [] });
    expect(early.deferred).toBeGreaterThan(0);

    // Act
    await bench.engine.advanceBy(GRACE + 60_000);
    const swept = await bench.sweep(GRACE);

    // Assess
    expect(swept).toMatchObject({ lifecyclesStarted: 1, failed: [] });
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'RUNNING' },
    ]);
    expect(runningClocks(c.caseId).length).toBeGreaterThan(0);

    // Act
    const again = await bench.sweep(GRACE);

    // Assess
    expect(again).toMatchObject({ lifecyclesStarted: 0, clocksRestarted: 0, failed: [] });
    expect(lifecycleRunsOf(bench, c.caseId)).toHaveLength(2);
  }, 120_000);

  it('a reopen that failed before claiming a name: its ended lifecycle gets the next continuation, once', async () => {
    // Prepare
    const failing: WorkflowClient = {
      ...bench.engine.workflowClient,
      reopenCase: async () => {
        throw outage();
      },
    };
    const c = await reopenedWith(failing);
    await bench.engine.advanceBy(GRACE + 60_000);

    // Act
    const swept = await bench.sweep(GRACE);
    const again = await bench.sweep(GRACE);

    // Assess
    expect(swept).toMatchObject({ lifecyclesStarted: 1, failed: [] });
    expect(again).toMatchObject({ lifecyclesStarted: 0, clocksRestarted: 0 });
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'RUNNING' },
    ]);
    expect(runningClocks(c.caseId).length).toBeGreaterThan(0);
  }, 120_000);

  it('an open case whose first start never happened (intake stored it, SFN refused) is started under its own id, once', async () => {
    // Prepare
    const c = await bench.openCase('sada-herts', { noStart: true });
    await bench.engine.advanceBy(GRACE + 60_000);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([]);

    // Act
    const swept = await bench.sweep(GRACE);
    const again = await bench.sweep(GRACE);

    // Assess
    expect(swept).toMatchObject({ lifecyclesStarted: 1, failed: [] });
    expect(again).toMatchObject({ lifecyclesStarted: 0, clocksRestarted: 0, failed: [] });
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'RUNNING' }]);
    expect(runningClocks(c.caseId).length).toBeGreaterThan(0);
  }, 120_000);
});
