/**
 * The caseload's order (open cases soonest deadline first): Triage keeps each case's
 * clear nextDueAt at the earliest deadline of its running clocks, through the real ASL, handlers,
 * dynalite and virtual time. A breached case keeps its past deadline; a closed case leaves the list;
 * a staff write racing with Triage is never lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import type { LifecycleCases } from '../../functions/adapters/workflow-lambda.js';
import { nextDeadline, planClocks } from '../../functions/core/clock-plan.js';
import { triage } from '../../functions/triage/handler.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, HOUR, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const ASSOCIATION = 'sada-herts'; // initial contact in 1 working day, then contact every 14 days
const config = () => getAssociation(ASSOCIATION);
const repo = (): CaseRepository => defined(bench.repos.get(ASSOCIATION), `the repository of ${ASSOCIATION}`);
const caseload = async (area: string, overdueAt?: Date) =>
  (await repo().listOpenCases({ area, ...(overdueAt ? { overdueAt } : {}) })).items.map((c) => ({
    caseId: c.caseId,
    nextDueAt: c.nextDueAt,
  }));
const planned = async (caseId: string) => nextDeadline(planClocks(await bench.state(caseId), config()));
const firstDeadline = async (caseId: string) => (await planned(caseId))?.deadline;
/** The clear next-due fields as stored: the deadline and the clock and duty keeping it. */
const stored = async (caseId: string) => {
  const s = await repo().getSummary(caseId);
  return s && { nextDueAt: s.nextDueAt, nextDueClock: s.nextDueClock, nextDueDuty: s.nextDueDuty };
};

describe('the caseload: Triage sets the next deadline it orders by', () => {
  const area = 'next-due-caseload';
  let early: { caseId: string; reference: string };
  let later: { caseId: string; reference: string };
  const t0 = () => new Date('2026-06-01T09:00:00Z').getTime();

  it('001 §7 / 003: after intake and Triage each case is listed by its first deadline; a contact re-plans the fortnight', async () => {
    // Act: a case reported.
    early = await bench.openCase(ASSOCIATION, { report: { area } });
    // Assess
    expect((await repo().getSummary(early.caseId))?.nextDueAt).toBe(await firstDeadline(early.caseId));
    // Act: a second case reported an hour later.
    await bench.engine.advanceTo(new Date(t0() + HOUR));
    later = await bench.openCase(ASSOCIATION, { report: { area } });
    // Assess
    expect(await caseload(area)).toEqual([
      { caseId: early.caseId, nextDueAt: await firstDeadline(early.caseId) },
      { caseId: later.caseId, nextDueAt: await firstDeadline(later.caseId) },
    ]);
    expect(defined((await caseload(area)).at(0), 'a case in the caseload').nextDueAt).toBe('2026-06-02T09:00:00.000Z'); // 1 working day

    // Act: initial contact made on the first case: its next deadline is now the fortnight, after the other's.
    await bench.engine.advanceTo(new Date(t0() + 2 * HOUR));
    const contactAt = bench.engine.now().toISOString();
    await bench.change(early.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: contactAt, by: 'o1' };
      s.contacts.push(contactAt);
    });
    // Assess
    expect(await caseload(area)).toEqual([
      { caseId: later.caseId, nextDueAt: '2026-06-02T10:00:00.000Z' },
      { caseId: early.caseId, nextDueAt: new Date(Date.parse(contactAt) + 14 * DAY).toISOString() },
    ]);
    // The change kept the old deadline and clock; Triage's write carries the new clock's name and duty with the deadline.
    expect(await stored(early.caseId)).toEqual({
      nextDueAt: new Date(Date.parse(contactAt) + 14 * DAY).toISOString(),
      nextDueClock: 'regularContact',
      nextDueDuty: 'regular-contact',
    });
    const listed = (await repo().listOpenCases({ area })).items.map((c) => [c.caseId, c.nextDueClock, c.nextDueDuty]);
    expect(listed).toEqual([
      [later.caseId, 'initialContact', 'initial-contact'],
      [early.caseId, 'regularContact', 'regular-contact'],
    ]);

    // Act: a contact on day 3 restarts the 14 days.
    await bench.engine.advanceTo(new Date(t0() + 3 * DAY));
    const again = bench.engine.now().toISOString();
    await bench.change(early.caseId, (s) => void s.contacts.push(again));
    // Assess: the deadline moves with it.
    expect((await repo().getSummary(early.caseId))?.nextDueAt).toBe(
      new Date(Date.parse(again) + 14 * DAY).toISOString(),
    );
  }, 60_000);

  it('a breached case keeps its past deadline, so the overdueAt filter finds it; a closed case is gone', async () => {
    // Prepare: the second case's initial contact (due day 1, 10:00) was never made: it breached and escalated.
    const now = bench.engine.now();
    // Assess
    expect((await bench.events(later.caseId)).some((e) => e.type === 'clock-breached')).toBe(true);
    expect(await caseload(area, now)).toEqual([{ caseId: later.caseId, nextDueAt: '2026-06-02T10:00:00.000Z' }]);
    // Act: a re-triage (any change).
    await bench.change(later.caseId, (s) => {
      s.facts.risk = 'medium';
    });
    // Assess: it does not move off the overdue deadline while the duty is not done.
    expect(await caseload(area, bench.engine.now())).toEqual([
      { caseId: later.caseId, nextDueAt: '2026-06-02T10:00:00.000Z' },
    ]);
    // Act: the case is closed.
    await bench.change(later.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    // Assess
    expect((await caseload(area)).map((c) => c.caseId)).toEqual([early.caseId]);
    expect(await caseload(area, bench.engine.now())).toEqual([]);
    expect(await stored(later.caseId)).toEqual({
      nextDueAt: undefined,
      nextDueClock: undefined,
      nextDueDuty: undefined,
    });
  }, 60_000);

  it('Triage writes the clock name onto a case stored with its deadline alone (as before the name was kept)', async () => {
    // Prepare
    const c = await bench.openCase(ASSOCIATION, { report: { area: 'next-due-clock' } });
    const read = await repo().getCase(c.caseId, 'system');
    await repo().updateCase(c.caseId, read.version, ({ nextDueClock: _c, nextDueDuty: _d, ...s }) => s);
    expect(await stored(c.caseId)).toEqual({
      nextDueAt: read.nextDueAt,
      nextDueClock: undefined,
      nextDueDuty: undefined,
    });
    // Act
    await triage(
      { caseId: c.caseId, associationId: ASSOCIATION },
      { ...bench.deps, workflow: bench.engine.workflowClient },
    );
    await bench.engine.idle();
    // Assess
    const want = defined(await planned(c.caseId), 'a planned clock');
    expect(await stored(c.caseId)).toEqual({
      nextDueAt: want.deadline,
      nextDueClock: want.clock,
      nextDueDuty: want.duty,
    });
    expect(want.clock).toBe('initialContact');
  }, 60_000);

  it('a staff write that lands while Triage writes the deadline is kept; Triage re-reads and re-applies', async () => {
    // Prepare
    const c = await bench.openCase(ASSOCIATION, { report: { area: 'next-due-race' } });
    // A change stored without a signal yet: the stored deadline is stale (still the initial contact).
    const read = await repo().getCase(c.caseId, 'system');
    const doneAt = bench.engine.now().toISOString();
    await repo().updateCase(c.caseId, read.version, (s) => {
      s.state.duties['initial-contact'] = { status: 'done', at: doneAt, by: 'o1' };
      return s;
    });
    let attempts = 0;
    const racing: LifecycleCases = {
      getCase: (id, reader) => repo().getCase(id, reader),
      appendEvent: (id, e) => repo().appendEvent(id, e),
      recordAlerts: (alerts) => repo().recordAlerts(alerts),
      async setNextDueAt(id, version, due) {
        attempts += 1;
        if (attempts === 1) {
          // The officer's write lands between Triage's read and its write.
          const now = await repo().getCase(id, 'system');
          await repo().updateCase(id, now.version, (s) => ({
            ...s,
            state: { ...s.state, assignedOfficer: 'officer-7' },
          }));
        }
        return repo().setNextDueAt(id, version, due);
      },
    };
    // Act
    const out = await triage(
      { caseId: c.caseId, associationId: ASSOCIATION },
      { ...bench.deps, workflow: bench.engine.workflowClient, cases: racing },
    );
    await bench.engine.idle();
    // Assess
    expect(out).toMatchObject({ closed: false, handedOver: false });
    expect(attempts).toBe(2);
    const after = await repo().getCase(c.caseId, 'system');
    expect(after.state.assignedOfficer).toBe('officer-7');
    expect(after.state.duties['initial-contact']?.status).toBe('done');
    expect(after.nextDueAt).toBe(new Date(Date.parse(after.state.reportedAt) + 14 * DAY).toISOString());
  }, 60_000);
});
