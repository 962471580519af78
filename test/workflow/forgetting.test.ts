/**
 * The engine in the mode `npm start` runs it (`keepFinished: false`): a finished execution is not kept
 * whole, but its name and status are, as Step Functions keeps them (90 days): the name is never started
 * again (ExecutionAlreadyExists) and the sweep sees a clock that ran to its end as SUCCEEDED, not lost.
 * Real ASL, handlers, dynalite, the SES mock, virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockExecutionName } from '../../functions/adapters/workflow.js';
import { type Bench, DAY, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z'), { keepFinished: false }); // a Monday
}, 30_000);
afterAll(async () => bench?.stop());

const closes = () => bench.calls.get('CloseCaseFunctionArn') ?? 0;

describe('finished executions in the forgetting mode', () => {
  it('a closed case whose lifecycle finished keeps its status, and its name is refused when started again: Close does not run twice', async () => {
    // Prepare: a case closed, its lifecycle run to its end
    const c = await bench.openCase('sada-herts');
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    expect(await bench.engine.runtime.status('lifecycle', c.caseId)).toBe('SUCCEEDED');
    const closesBefore = closes();
    const running = bench.engine.running();

    // Act: a retried intake starts it again
    await bench.engine.workflowClient.startCase(c.caseId, 'sada-herts');
    await bench.engine.idle();

    // Assess: nothing ran again; the finished execution is not kept whole
    expect(closes()).toBe(closesBefore);
    expect(bench.engine.running()).toBe(running);
    expect(await bench.engine.runtime.status('lifecycle', c.caseId)).toBe('SUCCEEDED');
    expect(bench.engine.executions().filter((e) => e.input.caseId === c.caseId)).toEqual([]);
  }, 60_000);

  it('a clock that told every tier is SUCCEEDED to the sweep, which moves it to the finished keys instead of restarting it', async () => {
    // Prepare: an open case left alone until its clocks have told every tier
    const c = await bench.openCase('wrekin');
    const started = await bench.deps.store.get(c.caseId);
    await bench.engine.advanceBy(60 * DAY);
    const done = Object.entries(started.clocks).filter(
      ([key, g]) => !bench.engine.executions().some((e) => e.name === clockExecutionName(c.caseId, key, g)),
    );
    expect(done.length).toBeGreaterThan(0);

    // Act
    const first = await bench.sweep();
    const second = await bench.sweep();

    // Assess: finished, not restarted, and left alone the next round
    expect(first.clocksRestarted).toBe(0);
    expect(first.clocksFinished).toBeGreaterThanOrEqual(done.length);
    expect(second).toMatchObject({ clocksRestarted: 0, clocksFinished: 0, lifecyclesStarted: 0 });
    const record = await bench.deps.store.get(c.caseId);
    for (const [key] of done) expect(record.finished).toContain(key);
  }, 120_000);
});
