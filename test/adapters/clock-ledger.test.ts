/**
 * The clock ledger is written at the version read: a Triage that read the workflow record before the
 * sweep retired a failed clock does not write that generation back as running (a lost update); it reads
 * the ledger again and starts the next generation. Real conditional writes (dynalite).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClockPlan } from '../../functions/adapters/lifecycle-effects.js';
import { createDynamoWorkflowStore, type WorkflowStore } from '../../functions/adapters/workflow-store.js';
import type { PlannedClock } from '../../functions/core/clock-plan.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';

let table: TestTable;
let store: WorkflowStore;
beforeAll(async () => {
  table = await startTestTable();
  store = createDynamoWorkflowStore({ doc: table.client, tableName: table.tableName });
}, 30_000);
afterAll(async () => table?.stop());

const KEY = 'initialContact@2026-06-02T09:00:00.000Z';
const plan: PlannedClock[] = [
  {
    key: KEY,
    clock: 'initialContact',
    duty: 'initial-contact',
    startsAt: '2026-06-01T09:00:00.000Z',
    deadline: '2026-06-02T09:00:00.000Z',
  },
];

/** The workflow client as runClockPlan uses it: the clocks it starts and stops, by generation. */
function recordingWorkflow() {
  const started: number[] = [];
  const stopped: number[] = [];
  return {
    started,
    stopped,
    workflow: {
      startClock: async (c: { generation: number }) => void started.push(c.generation),
      stopClock: async (_caseId: string, _key: string, generation: number) => void stopped.push(generation),
    },
  };
}

describe('the clock ledger is never written back from a stale read', () => {
  it('a Triage that read the record before the sweep retired the clock starts the next generation, not the retired one', async () => {
    // Prepare
    const caseId = randomUUID();
    const ids = { caseId, associationId: 'wrekin' };
    expect(await store.setClocks(caseId, { [KEY]: 0 }, {}, 0)).toBe(true);
    const staleRead = await store.get(caseId); // Triage reads the record…
    await store.retireClock(caseId, KEY, 0); // …the sweep retires the parked generation…
    const w = recordingWorkflow();

    // Act
    const r = await runClockPlan({ store, workflow: w.workflow as never }, ids, plan, staleRead); // …Triage re-plans

    // Assess
    expect(await store.get(caseId)).toMatchObject({ clocks: { [KEY]: 1 }, stopped: { [KEY]: 0 } });
    expect(r.clocks).toEqual({ [KEY]: 1 });
    expect(w.started).toEqual([1]);
    expect(w.stopped).toEqual([]);
  });

  it('each ledger write and retirement is a new version; a write at an older version is refused', async () => {
    // Prepare
    const caseId = randomUUID();
    await store.setClocks(caseId, { [KEY]: 0 }, {}, 0);
    await store.retireClock(caseId, KEY, 0);

    // Act
    const stale = await store.setClocks(caseId, { [KEY]: 0 }, {}, 1);
    const current = await store.setClocks(caseId, { [KEY]: 1 }, { [KEY]: 0 }, 2);

    // Assess
    expect(stale).toBe(false);
    expect(current).toBe(true);
    expect(await store.get(caseId)).toMatchObject({ clocks: { [KEY]: 1 }, stopped: { [KEY]: 0 }, clockSeq: 3 });
  });

  it('a clock that ran to its end leaves the running clocks and is never started again while its key is planned', async () => {
    // Prepare
    const caseId = randomUUID();
    const ids = { caseId, associationId: 'wrekin' };
    await store.setClocks(caseId, { [KEY]: 0 }, {}, 0);
    await store.finishClock(caseId, KEY, 0);
    await store.finishClock(caseId, KEY, 0); // a second sweep: harmless
    const w = recordingWorkflow();

    // Act
    await runClockPlan({ store, workflow: w.workflow as never }, ids, plan, await store.get(caseId));

    // Assess
    expect(w.started).toEqual([]);
    expect(await store.get(caseId)).toMatchObject({ clocks: {}, stopped: {}, finished: [KEY], clockSeq: 3 });
  });

  it('a ledger that keeps changing under the plan fails the step (its Retry) after a few attempts, nothing half-written', async () => {
    // Prepare
    const caseId = randomUUID();
    const ids = { caseId, associationId: 'wrekin' };
    const w = recordingWorkflow();
    const racing: WorkflowStore = {
      ...store,
      // Another writer lands before every write of this one.
      setClocks: async (id, clocks, stopped, seen) => {
        await store.retireClock(id, KEY, (await store.get(id)).clocks[KEY] ?? -1);
        await store.setClocks(id, { [KEY]: 9 }, {}, (await store.get(id)).clockSeq ?? 0);
        return store.setClocks(id, clocks, stopped, seen);
      },
    };

    // Act
    const outcome = runClockPlan({ store: racing, workflow: w.workflow as never }, ids, plan, await store.get(caseId));

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'ConflictError' });
    expect((await store.get(caseId)).clocks).toEqual({ [KEY]: 9 });
  });
});
