/**
 * Issue 13: the caseload is a work queue. For every association's own clocks (config/associations),
 * GET /api/cases lists immediate danger first, then overdue cases (most overdue first), then high
 * risk (even with no clock running), then due soonest; each item's next action is the open action
 * whose clock the case view says is due next (or, with none, the first open action), with its owner,
 * and it counts every overdue clock ("+N more overdue"), all from index projections: no case read,
 * no envelope opened.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { nextDueFields } from '../../functions/adapters/store/index.js';
import { createHandler } from '../../functions/cases/handler.js';
import { nextDeadline, planClocks } from '../../functions/core/clock-plan.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, type Harness, MANAGER, startHarness } from './harness.js';

type Action = { duty: string; owner: string; dueAt?: string };
type Item = {
  caseId: string;
  flags: { immediateDanger: boolean; highRisk: boolean; children?: boolean; staffSafety?: boolean };
  nextAction: Action | null;
  actions: Action[];
  overdueClocks: number;
};
type View = {
  clocks: { duty: string; deadline: string }[];
  nextClock: { duty: string; deadline: string } | null;
  requiredActions: { duty: string; owner: string; status: string }[];
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Makes a case high risk with every clocked duty done (so no clock runs), as a test fixture written through the store. */
async function highRiskWithNoClock(harness: Harness, caseId: string) {
  const { version } = await harness.cases.getCase(caseId, 'system');
  await harness.cases.updateCase(caseId, version, (c) => {
    c.state.facts.risk = 'high';
    for (const p of planClocks(c.state, harness.deps.config))
      c.state.duties[p.duty] = { status: 'done', at: harness.clock.now.toISOString(), by: 'test' };
    const { nextDueAt, nextDueClock, nextDueDuty, ...rest } = c;
    return { ...rest, ...nextDueFields(nextDeadline(planClocks(c.state, harness.deps.config))) };
  });
}

describe('issue 13: the caseload orders the work and names the next action, for each association', () => {
  it.each(ASSOCIATION_IDS)(
    '%s: danger, overdue, high risk with no clock, due soonest; next action and overdue count match the case view',
    async (associationId) => {
      // Prepare
      const config = getAssociation(associationId);
      const area = defined(config.areas[0], 'an area').id;
      h = await startHarness(associationId, new Date('2026-11-02T10:00:00Z'));
      const handler = createHandler(h.deps);
      const harness = h;
      const file = (immediateDanger = false) =>
        harness.newCase({ associationId, area, immediateDanger, household: { children: true } as never });
      const view = async (id: string) => {
        const res = await call(handler, apiEvent('GET', `/api/cases/${id}`, { claims: MANAGER }));
        expect(res.status).toBe(200);
        return res.body as unknown as View;
      };
      const routine = await file();
      const high = await file();
      await highRiskWithNoClock(h, high);
      const routineClocks = (await view(routine)).clocks;
      expect(routineClocks.length, 'the routine case runs a clock').toBeGreaterThan(0);
      // Every clock of the routine case is overdue; the cases filed now are not.
      const lastDeadline = Math.max(...routineClocks.map((c) => Date.parse(c.deadline)));
      h.clock.now = new Date(lastDeadline + 60_000);
      const later = await file();
      const danger = await file(true);

      // Act
      const getCase = vi.spyOn(h.cases, 'getCase');
      const open = vi.spyOn(h.crypto, 'open');
      const res = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER }));
      expect(getCase).not.toHaveBeenCalled();
      expect(open).not.toHaveBeenCalled();
      getCase.mockRestore();
      open.mockRestore();

      // Assess: the order
      expect(res.status).toBe(200);
      const items = res.body.items as Item[];
      expect(items.map((i) => i.caseId)).toEqual([danger, routine, high, later]);
      const item = (id: string) =>
        defined(
          items.find((i) => i.caseId === id),
          id,
        );
      expect(item(danger).flags.immediateDanger).toBe(true);
      expect(item(high).flags).toMatchObject({ highRisk: true, immediateDanger: false, children: true });

      // Assess: the next action and overdue count, against the case view (core's plan read another way)
      for (const id of [routine, later, high]) {
        const v = await view(id);
        const open = v.requiredActions.filter((a) => a.status === 'open');
        const next = item(id).nextAction;
        if (v.nextClock) {
          expect(next, id).toMatchObject({ duty: v.nextClock.duty, dueAt: v.nextClock.deadline });
        } else if (open[0]) expect(next, id).toEqual({ duty: open[0].duty, owner: open[0].owner });
        else expect(next, id).toBeNull();
        if (next)
          expect(next.owner).toBe(
            defined(
              v.requiredActions.find((a) => a.duty === next.duty),
              next.duty,
            ).owner,
          );
        expect(item(id).actions.map((a) => a.duty)).toEqual(open.map((a) => a.duty));
        const overdue = v.clocks.filter((c) => Date.parse(c.deadline) < harness.clock.now.getTime()).length;
        expect(item(id).overdueClocks, id).toBe(overdue);
      }
      expect(item(routine).overdueClocks).toBe(routineClocks.length);
      expect(item(later).overdueClocks).toBe(0);
      expect(item(high).nextAction?.dueAt).toBeUndefined();
    },
  );
});
