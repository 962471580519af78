/**
 * The local runtime's start-up resume (functions/adapters/workflow-sweep.ts `resumeOpenCases`): a fresh
 * engine knows no execution, so every open case's clocks start again under their own names and its
 * lifecycle goes back to the wait it was parked in, with no Triage, unless the case changed since that
 * wait; then it triages. Real ASL (its Resume entry), handlers, dynalite, the SES mock, virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bench, DAY, HOUR, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const triages = () => bench.calls.get('TriageFunctionArn') ?? 0;
const about = async (reference: string, duty: string) =>
  (await bench.emails(reference)).filter((m) => m.subject.includes(`: ${duty} on case`));
const clocksOf = (caseId: string) =>
  bench.engine
    .executions()
    .filter((e) => e.machine === 'clock' && e.input.caseId === caseId && e.status === 'RUNNING')
    .map((e) => e.name)
    .sort();

describe('restart of the local runtime', () => {
  it('an open case unchanged since its wait is re-armed without a Triage: the same clocks run, they fire once, and a change still reaches it', async () => {
    // Prepare: an open case parked in its wait, two hours in
    const c = await bench.openCase('sada-herts');
    await bench.engine.advanceBy(2 * HOUR);
    const clocksBefore = clocksOf(c.caseId);
    const triagesBefore = triages();

    // Act
    const resumed = await bench.restart();

    // Assess: re-armed, not triaged; the same clock executions (names and generations) run again
    expect(resumed).toMatchObject({ rearmed: 1, triaged: 0, failed: [] });
    expect(triages()).toBe(triagesBefore);
    expect(clocksOf(c.caseId)).toEqual(clocksBefore);
    expect(clocksBefore.length).toBeGreaterThan(0);

    // Act: the initial-contact deadline passes
    await bench.engine.advanceBy(23 * HOUR);
    // Assess: it escalates, once
    expect(await about(c.reference, 'initial contact')).toHaveLength(1);

    // Act: contact recorded after the restart
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'o1' };
    });
    // Assess: the re-armed wait took the change: Triage ran and stopped the breached clock
    expect(triages()).toBe(triagesBefore + 1);
    await bench.engine.advanceBy(3 * DAY);
    expect(await about(c.reference, 'initial contact')).toHaveLength(1);
  }, 60_000);

  it('a case changed while the runtime was down is triaged at start-up, and only that one', async () => {
    // Prepare: two open cases; one changes while no engine runs (its change counted, nobody resumed)
    const quiet = await bench.openCase('wrekin');
    const changed = await bench.openCase('wrekin');
    const repo = bench.repos.get('wrekin');
    if (!repo) throw new Error('no wrekin repository');
    const current = await repo.getCase(changed.caseId, 'system');
    await repo.updateCase(changed.caseId, current.version, (x) => {
      x.state.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'o1' };
      return x;
    });
    await bench.deps.store.bumpChange(changed.caseId);
    const triagesBefore = triages();

    // Act
    const resumed = await bench.restart();

    // Assess: every open case came back; a Triage ran for the changed one only
    expect(resumed.failed).toEqual([]);
    expect(resumed.triaged).toBe(1);
    expect(triages()).toBe(triagesBefore + 1);
    const lifecycles = bench.engine
      .executions()
      .filter((e) => e.machine === 'lifecycle' && e.status === 'RUNNING')
      .map((e) => e.input.caseId);
    expect(lifecycles).toEqual(expect.arrayContaining([quiet.caseId, changed.caseId]));

    // Act: past the initial-contact deadline
    await bench.engine.advanceBy(8 * DAY); // wrekin's initial contact is due within 5 working days
    // Assess: the changed case's contact was taken in (no escalation); the quiet one escalates
    expect(await about(changed.reference, 'initial contact')).toEqual([]);
    expect((await about(quiet.reference, 'initial contact')).length).toBeGreaterThan(0);
  }, 60_000);
  it('a case written after its wait whose change was never counted (the count failed, or the process died) is triaged at start-up: its high-risk alert goes', async () => {
    // Prepare: a case parked in its wait; an officer raises it to high risk, and the change count is lost
    const c = await bench.openCase('connect-housing');
    await bench.engine.advanceBy(HOUR);
    const repo = bench.repos.get('connect-housing');
    if (!repo) throw new Error('no connect-housing repository');
    const current = await repo.getCase(c.caseId, 'system');
    const dashAt = bench.engine.now().toISOString();
    await repo.updateCase(c.caseId, current.version, (x) => {
      x.state.dash = { score: 15, risk: 'high', maracRequired: true, at: dashAt };
      x.state.facts.risk = 'high';
      return x;
    });
    const triagesBefore = triages();

    // Act
    const resumed = await bench.restart();

    // Assess: that case triaged (the others re-armed); the chain is told at once
    expect(resumed).toMatchObject({ triaged: 1, failed: [] });
    expect(triages()).toBe(triagesBefore + 1);
    const alerts = (await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Action now'));
    expect(alerts).toHaveLength(1);
  }, 60_000);
  it('a case whose resume fails is tried once more at Triage; one that fails again is reported by id and error class', async () => {
    // Prepare: two open cases; reading one's workflow record fails once, the other's every time
    const once = await bench.openCase('sada-herts');
    const always = await bench.openCase('sada-herts');
    const store = bench.deps.store;
    const get = store.get;
    let onceFailed = false;
    store.get = async (caseId) => {
      if (caseId === always.caseId || (caseId === once.caseId && !onceFailed)) {
        onceFailed ||= caseId === once.caseId;
        throw Object.assign(new Error('store down'), { name: 'ProvisionedThroughputExceededException' });
      }
      return get.call(store, caseId);
    };

    // Act
    const resumed = await bench.restart().finally(() => {
      store.get = get;
    });

    // Assess: the first came back (at Triage, the safe side), the second is reported, ids and class only
    expect(onceFailed).toBe(true);
    // (the bench lists the shared test table once per association with cases: a case can come up more than once)
    expect(resumed.failed.length).toBeGreaterThan(0);
    expect(new Set(resumed.failed.map((f) => JSON.stringify(f)))).toEqual(
      new Set([JSON.stringify({ caseId: always.caseId, errorClass: 'ProvisionedThroughputExceededException' })]),
    );
    expect(await bench.engine.runtime.status('lifecycle', once.caseId)).toBe('RUNNING');
  }, 60_000);
});
