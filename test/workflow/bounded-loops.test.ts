/**
 * The loops are bounded: a step that keeps failing is tried again after pauses doubling from an hour to
 * a day, then the case or clock is parked (a `workflow-parked` event and a failed execution, which raises
 * the execution-failed alarm) and the sweep starts it again once the fault is gone, with no tier sent
 * twice; a busy lifecycle hands over before it nears Step Functions' history cap. Real ASL, real
 * handlers, dynalite, aws-ses-v2-local, virtual time.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOVER_AFTER_CYCLES } from '../../functions/adapters/workflow.js';
import { namedCases, sweepOpenCases } from '../../functions/adapters/workflow-sweep.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, HOUR, lifecycleRunsOf, type SentEmail, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const about = (mails: SentEmail[], duty: string) => mails.filter((m) => m.subject.includes(`: ${duty} on case`));
const clockRuns = (caseId: string, clock: string) =>
  bench.engine
    .executions()
    .filter((e) => e.machine === 'clock' && e.input.caseId === caseId && 'key' in e.input)
    .filter((e) => (e.input as { key: string }).key.startsWith(`${clock}@`));
/** Hours between consecutive events, rounded (each pause plus a few seconds of task retries). */
const gapsInHours = (ats: string[]) =>
  ats.slice(1).map((a, i) => Math.round((Date.parse(a) - Date.parse(ats[i] ?? a)) / HOUR));
const HISTORY_CAP = 25_000;

type State = {
  Type: string;
  Resource?: string;
  Retry?: { MaxAttempts?: number }[];
  Next?: string;
};
const machine = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8')) as {
    States: Record<string, State>;
  };
/**
 * The most history events one pass through these states can write: 2 per state (entered, exited); a
 * task adds scheduled, started and an outcome per attempt (every retry taken) and, waiting for a task
 * token, one submitted.
 */
const worstEvents = (states: Record<string, State>, path: string[]) =>
  path.reduce((sum, name) => {
    const s = defined(states[name], `state ${name}`);
    if (s.Type !== 'Task') return sum + 2;
    const attempts = 1 + (s.Retry ?? []).reduce((n, r) => n + (r.MaxAttempts ?? 3), 0);
    return sum + 2 + 3 * attempts + (s.Resource?.endsWith('.waitForTaskToken') ? 1 : 0);
  }, 0);

describe('the fault loop is bounded (the history cap is never reached)', () => {
  it('a lifecycle execution stays far below 25,000 history events: cycles × the costliest cycle, before it hands over', () => {
    // Prepare
    const { States } = machine('case-lifecycle.asl.json');
    const cycle = worstEvents(States, ['Triage', 'CountCycle', 'IsClosed', 'WaitForChange', 'WaitEnded']);
    const fault = worstEvents(States, [
      'Triage',
      'CountTriageFault',
      'ParkOrPause',
      'RecordFault',
      'PauseAfterFault',
      'LongerPause',
      'PauseCapped',
      'PauseAtCeiling',
      'TryAgain',
    ]);
    const closing = worstEvents(States, ['Close', 'CountCloseFault', 'ParkOrPause', 'RecordParked', 'Parked']);

    // Act
    // Every cycle (a Triage that went through or failed) counts; the one after the last hands over.
    const worst = (HANDOVER_AFTER_CYCLES + 1) * Math.max(cycle, fault) + 8 * closing + 10;

    // Assess
    expect(worst).toBeLessThan(HISTORY_CAP / 2);
  });

  it('a clock execution stays far below 25,000 history events: each tier held once, 8 faults between tiers', () => {
    // Prepare
    const { States } = machine('case-clock.asl.json');
    const tiers = 10; // more than any association's chain (config/associations/*.json)
    const tier = worstEvents(States, [
      'Check',
      'IsDue',
      'HoldForAcknowledgement',
      'WaitForNextTier',
      'Check',
      'IsDue',
      'Escalate',
      'NextTier',
      'MoreTiers',
      'WaitForNextTier',
    ]);
    const fault = worstEvents(States, [
      'Check',
      'CountFault',
      'ParkOrPause',
      'RecordFault',
      'PauseAfterFault',
      'LongerPause',
      'PauseCapped',
      'PauseAtCeiling',
    ]);

    // Act
    const worst = 4 + tiers * (tier + 8 * fault);

    // Assess
    expect(worst).toBeLessThan(HISTORY_CAP / 2);
  });

  it('a clock whose check keeps failing pauses 1, 2, 4, 8, 16, 24, 24 hours, parks after the 8th fault; the sweep restarts it mended, and no tier goes twice', async () => {
    // A journey on virtual time: tier 0 goes out, then the check fails until the clock parks, then it is mended.

    // Prepare
    const c = await bench.openCase('one-manchester');
    await bench.engine.advanceBy(25 * HOUR); // initial contact (24 hours) breached: tier 0 sent
    expect(about(await bench.emails(c.reference), 'initial contact')).toHaveLength(1);
    bench.broken.add(`CheckClockFunctionArn ${c.caseId}`);

    // Act
    // Tier 1 is due 24 hours after the deadline; then 79 hours of pauses.
    await bench.engine.advanceBy(5 * DAY);

    // Assess
    const events = await bench.events(c.caseId);
    const faults = events.filter(
      (e) =>
        e.type === 'workflow-fault' &&
        e.details?.stage === 'clock' &&
        String(e.details?.key).startsWith('initialContact@'),
    );
    expect(faults).toHaveLength(8);
    expect(gapsInHours(faults.map((e) => e.at))).toEqual([1, 2, 4, 8, 16, 24, 24]);
    const parked = events.filter(
      (e) => e.type === 'workflow-parked' && String(e.details?.key).startsWith('initialContact@'),
    );
    expect(parked.map((e) => e.details)).toEqual([
      {
        stage: 'clock',
        key: expect.stringMatching(/^initialContact@/),
        tier: 1,
        execution: defined(clockRuns(c.caseId, 'initialContact')[0], 'the clock run').name,
      },
    ]);
    expect(clockRuns(c.caseId, 'initialContact').map((e) => e.status)).toEqual(['FAILED']);
    expect(about(await bench.emails(c.reference), 'initial contact')).toHaveLength(1);

    // Act
    bench.broken.delete(`CheckClockFunctionArn ${c.caseId}`);
    const swept = await bench.sweep();

    // Assess
    expect(swept.clocksRestarted).toBeGreaterThan(0);
    expect(swept.failed).toEqual([]);
    expect(clockRuns(c.caseId, 'initialContact').map((e) => e.status)).toEqual(['FAILED', 'SUCCEEDED']);
    // Tier 0 was sent before the fault and is not sent again; tiers 1 and 2 go once each.
    expect(about(await bench.emails(c.reference), 'initial contact')).toHaveLength(3);
    const sent = (await bench.events(c.caseId)).filter(
      (e) => e.type === 'escalation-sent' && e.details?.clock === 'initialContact',
    );
    expect(sent.map((e) => e.details?.tier)).toEqual([0, 1, 2]);

    // Act
    const again = await bench.sweep();

    // Assess
    expect(again).toMatchObject({ lifecyclesStarted: 0, clocksRestarted: 0, failed: [] });
  }, 120_000);

  it('a lifecycle whose Triage keeps failing parks after the 8th fault; the sweep starts the next continuation, which alerts nobody twice', async () => {
    // A journey on virtual time: a high-risk alert goes out, Triage fails until the case parks, then it is mended.

    // Prepare
    const c = await bench.openCase('one-manchester', { facts: { immediateDanger: true } });
    const alerts = async () => (await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Action now'));
    expect(await alerts()).toHaveLength(1);
    bench.broken.add(`TriageFunctionArn ${c.caseId}`);

    // Act
    await bench.change(c.caseId, (s) => void s.incidents.push(bench.engine.now().toISOString()));
    await bench.engine.advanceBy(4 * DAY);

    // Assess
    const events = await bench.events(c.caseId);
    const faults = events.filter((e) => e.type === 'workflow-fault' && e.details?.stage === 'triage');
    expect(faults).toHaveLength(8);
    expect(gapsInHours(faults.map((e) => e.at))).toEqual([1, 2, 4, 8, 16, 24, 24]);
    expect(events.filter((e) => e.type === 'workflow-parked').map((e) => e.details)).toEqual([
      { stage: 'triage', execution: c.caseId },
    ]);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'FAILED' }]);

    // Act
    bench.broken.delete(`TriageFunctionArn ${c.caseId}`);
    const swept = await bench.sweep();

    // Assess
    expect(swept.lifecyclesStarted).toBe(1);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([
      { name: c.caseId, status: 'FAILED' },
      { name: `${c.caseId}-1`, status: 'RUNNING' },
    ]);
    expect(await alerts()).toHaveLength(1);
    // The continuation waits for changes: one reaches it and is triaged.
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    expect(defined(lifecycleRunsOf(bench, c.caseId).at(-1), 'the continuation').status).toBe('SUCCEEDED');

    // Act
    const again = await bench.sweep();

    // Assess
    expect(again).toMatchObject({ lifecyclesStarted: 0, clocksRestarted: 0, failed: [] });
  }, 120_000);

  it('a closure that keeps failing parks too; named by an operator, the closed case gets a continuation that closes it, once', async () => {
    // Prepare
    const c = await bench.openCase('wrekin');
    bench.broken.add(`CloseCaseFunctionArn ${c.caseId}`);

    // Act
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    await bench.engine.advanceBy(4 * DAY);

    // Assess
    const events = await bench.events(c.caseId);
    expect(events.filter((e) => e.type === 'workflow-fault' && e.details?.stage === 'closure')).toHaveLength(8);
    expect(events.filter((e) => e.type === 'workflow-parked').map((e) => e.details)).toEqual([
      { stage: 'closure', execution: c.caseId },
    ]);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'FAILED' }]);
    // Closed: not in the open index, so the scheduled sweep leaves it.
    await bench.sweep();
    expect(lifecycleRunsOf(bench, c.caseId)).toHaveLength(1);

    // Act
    bench.broken.delete(`CloseCaseFunctionArn ${c.caseId}`);
    const deps = {
      runtime: bench.engine.runtime,
      store: bench.deps.store,
      workflow: bench.engine.workflowClient,
      cases: { getSummary: async () => undefined }, // named cases are resumed as they are
    };
    const named = await sweepOpenCases(
      namedCases([c.caseId], 'wrekin'),
      { ...deps, now: () => bench.engine.now() },
      { graceMs: 0 },
    );
    await bench.engine.idle();
    const again = await sweepOpenCases(
      namedCases([c.caseId], 'wrekin'),
      { ...deps, now: () => bench.engine.now() },
      { graceMs: 0 },
    );

    // Assess
    expect(named.lifecyclesStarted).toBe(1);
    expect(again.lifecyclesStarted).toBe(0);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([
      { name: c.caseId, status: 'FAILED' },
      { name: `${c.caseId}-1`, status: 'SUCCEEDED' },
    ]);
    expect((await bench.events(c.caseId)).filter((e) => e.type === 'feedback-requested')).toHaveLength(1);
  }, 120_000);

  it(`a busy case hands over to <caseId>-1 after ${HANDOVER_AFTER_CYCLES} cycles, long before the history cap; changes reach the continuation`, async () => {
    // Prepare
    const c = await bench.openCase('wrekin');

    // Act
    for (let i = 0; i < HANDOVER_AFTER_CYCLES + 1; i++)
      // A change that moves no clock: each one is a cycle of Triage and the wait.
      await bench.change(c.caseId, (s) => {
        s.closureDiscussedWithVictim = i % 2 === 0;
      });

    // Assess
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'RUNNING' },
    ]);
    const first = defined(
      bench.engine.executions().find((e) => e.machine === 'lifecycle' && e.name === c.caseId),
      'the first execution',
    );
    // Begin, then Triage, CountCycle, IsClosed, WaitForChange and WaitEnded per cycle, then the handover.
    expect(first.transitions).toBeLessThanOrEqual(1 + 5 * (HANDOVER_AFTER_CYCLES + 1) + 3);

    // Act
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });

    // Assess
    expect(lifecycleRunsOf(bench, c.caseId).map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  }, 180_000);
});
