/**
 * A case open for more than a year: a Standard execution times out after 365 days, so the lifecycle
 * hands the case to a continuation execution (`<caseId>-<n>`) before then, and changes reach the live
 * continuation. Real ASL, real handlers, dynalite, virtual time.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuationOf, HANDOVER_AFTER_DAYS, lifecycleExecutionName } from '../../functions/adapters/workflow.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, lifecycleRunsOf, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z'));
}, 30_000);
afterAll(async () => bench?.stop());

const lifecycleRuns = (caseId: string) => lifecycleRunsOf(bench, caseId);

describe('a case open longer than an execution may run', () => {
  it('the handover lands before the execution timeout, whatever the last Triage', () => {
    // Prepare
    const asl = JSON.parse(
      readFileSync(new URL('../../statemachines/case-lifecycle.asl.json', import.meta.url), 'utf8'),
    ) as {
      TimeoutSeconds: number;
      States: Record<string, { TimeoutSeconds?: number }>;
    };

    // Act
    // Triage runs at least once per WaitForChange timeout; allow a day for retries and fault pauses.
    const latestHandover =
      HANDOVER_AFTER_DAYS * 86_400 +
      defined(defined(asl.States.WaitForChange, 'the WaitForChange state').TimeoutSeconds, 'its timeout') +
      86_400;

    // Assess
    expect(latestHandover).toBeLessThan(asl.TimeoutSeconds);
  });

  it('the first execution is named for the case itself', () => {
    // Act
    const name = lifecycleExecutionName('c1', 0);

    // Assess
    expect(name).toBe('c1');
  });

  it('a continuation name gives back its number (<caseId>-2 is continuation 2)', () => {
    // Act
    const n = continuationOf('c1', lifecycleExecutionName('c1', 2));

    // Assess
    expect(n).toBe(2);
  });

  it('the case id itself is continuation 0', () => {
    // Act
    const n = continuationOf('c1', 'c1');

    // Assess
    expect(n).toBe(0);
  });

  it('a quiet case hands over to <caseId>-1 and then <caseId>-2; none times out; a change reaches the live one', async () => {
    // A journey on virtual time: each step runs the same case on from where the last left it.

    // Prepare
    const start = bench.engine.now().getTime();
    const c = await bench.openCase('wrekin');
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'o1' };
    });

    // Act
    await bench.engine.advanceTo(new Date(start + (HANDOVER_AFTER_DAYS - 5) * DAY));

    // Assess
    expect(lifecycleRuns(c.caseId)).toEqual([{ name: c.caseId, status: 'RUNNING' }]);

    // Act
    await bench.engine.advanceTo(new Date(start + 364 * DAY));

    // Assess
    expect(lifecycleRuns(c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'RUNNING' },
    ]);

    // Act
    // A change on day 364 reaches the continuation (it parked its own token) and is triaged.
    await bench.change(c.caseId, (s) => {
      s.facts.immediateDanger = true;
    });

    // Assess
    expect((await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Action now'))).toHaveLength(1);

    // Act
    await bench.engine.advanceTo(new Date(start + 2 * 365 * DAY));

    // Assess
    expect(lifecycleRuns(c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'SUCCEEDED' },
      { name: `${c.caseId}-2`, status: 'RUNNING' },
    ]);

    // Act
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });

    // Assess
    expect(lifecycleRuns(c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'SUCCEEDED' },
      { name: `${c.caseId}-2`, status: 'SUCCEEDED' },
    ]);
    // Closed by the continuation's Close step (wrekin asks for feedback through the safe channel).
    expect((await bench.events(c.caseId)).filter((e) => e.type === 'feedback-requested')).toHaveLength(1);
    expect(bench.engine.executions().filter((e) => e.input.caseId === c.caseId && e.status === 'FAILED')).toEqual([]);
  }, 120_000);
});
