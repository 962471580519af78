/**
 * Each caseload item names the clock due next (clock, duty, deadline) from the clear fields
 * written with nextDueAt: GET /api/cases reads no case and opens no sealed envelope (one query per
 * page), and the name stays right after a contact re-plans the case and after it is closed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { nextDeadline, planClocks } from '../../functions/core/clock-plan.js';
import { dashChecklist } from '../../functions/core/dash-checklist.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, type Harness, MANAGER, startHandlerHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const command = async (id: string, path: string, body: unknown, version: number) => {
  const res = await call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims: MANAGER, headers: { 'if-match': `"${version}"` } }),
  );
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.version as number;
};

type Item = { caseId: string; nextDueAt?: string; nextClock: { clock: string; duty: string; deadline: string } | null };

/** GET /api/cases (the whole area and the whole association), counting case reads and envelope opens meanwhile. */
async function caseload() {
  const getCase = vi.spyOn(h.cases, 'getCase');
  const open = vi.spyOn(h.crypto, 'open');
  try {
    const caseList = (query: Record<string, string>) =>
      call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER, query }));
    const [area, all] = await Promise.all([caseList({ area: 'manchester', limit: '200' }), caseList({ limit: '200' })]);
    expect([area.status, all.status]).toEqual([200, 200]);
    expect(getCase).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(area.raw).not.toMatch(/nextDueClock|nextDueDuty/);
    return { area: area.body.items as Item[], all: all.body.items as Item[] };
  } finally {
    getCase.mockRestore();
    open.mockRestore();
  }
}

/** The caseload item of case `id`. */
const itemOf = (items: Item[], id: string) =>
  defined(
    items.find((i) => i.caseId === id),
    `case ${id} in the caseload`,
  );

/** The clock the case's plan says is due next (core nextDeadline over its state), from a system read. */
async function expected(id: string) {
  const { state } = await h.cases.getCase(id, 'system');
  return nextDeadline(planClocks(state, h.deps.config)) ?? null;
}

function dashAnswers() {
  const checklist = defined(dashChecklist('dash-2009'), 'the dash-2009 checklist');
  return {
    version: 'dash-2009',
    answers: Object.fromEntries(checklist.questions.map((q, i) => [q.id, i < 1 && !q.indicator ? 'yes' : 'no'])),
  };
}

describe('the caseload names the clock due next without reading any case', () => {
  it('004 §7.5.1 / 001 §7: each item names its next clock from the clear fields; a contact re-plans it; a closed case leaves with its clock', async () => {
    // A journey: each step (contact, actions, closure) acts on the version the last step left, and the
    // caseload is read again after each one.

    // Prepare
    // A safe way to reach the victim is known, so initial contact keeps its own clock (rules/no-safe-contact.ts).
    const safeWay = { safeContact: { method: 'phone', phone: '07700 900123' } as never };
    const a = await h.newCase(safeWay);
    const b = await h.newCase({ ...safeWay, household: { children: true } as never });

    // Act
    let list = await caseload();

    // Assess
    for (const items of [list.area, list.all]) {
      expect(items.map((i) => i.caseId).sort()).toEqual([a, b].sort());
      for (const i of items) {
        expect(i.nextClock).toEqual(await expected(i.caseId));
        expect(i.nextClock?.deadline).toBe(i.nextDueAt);
      }
    }
    const before = itemOf(list.area, a).nextClock;
    expect(before).toMatchObject({ clock: 'initialContact', duty: 'initial-contact' });

    // Act
    // 001 §7: the first contact is made; the plan's next clock is now another one, and the caseload follows.
    h.clock.now = new Date(h.clock.now.getTime() + 60 * 60 * 1000);
    let v = await command(a, 'contacts', { way: 'phone', safeContactAgreed: true }, 1);
    list = await caseload();

    // Assess
    const after = itemOf(list.area, a).nextClock;
    expect(after).toEqual(await expected(a));
    expect(after).not.toEqual(before);
    expect(after?.clock).not.toBe('initialContact');
    expect(itemOf(list.all, a).nextClock).toEqual(after);

    // Prepare
    // 000: closed once every action is done: it leaves the caseload, its clear next-due fields go with it.
    v = await command(a, 'dash', dashAnswers(), v);
    const view = await call(handler, apiEvent('GET', `/api/cases/${a}`, { claims: MANAGER }));
    for (const action of view.body.requiredActions as { duty: string; status: string }[]) {
      if (action.status !== 'open' || ['regular-contact', 'case-resolved'].includes(action.duty)) continue;
      // Act
      v = await command(
        a,
        `actions/${action.duty}`,
        { outcome: 'no-further-action', reason: 'Victim declined further support' },
        v,
      );
      list = await caseload();

      // Assess
      expect(itemOf(list.area, a).nextClock, `after ${action.duty}`).toEqual(await expected(a));
    }

    // Act
    await command(a, 'close', { discussedWithVictim: true, outcome: 'action-plan-complete' }, v);
    list = await caseload();

    // Assess
    for (const items of [list.area, list.all]) {
      expect(items.map((i) => i.caseId)).toEqual([b]);
      expect(itemOf(items, b).nextClock).toEqual(await expected(b));
    }
    const closed = await h.cases.getSummary(a);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed).not.toHaveProperty('nextDueAt');
    expect(closed).not.toHaveProperty('nextDueClock');
    expect(closed).not.toHaveProperty('nextDueDuty');
  });

  it('an item stored before the clock name was kept lists with its deadline and nextClock null, still without a read', async () => {
    // Prepare
    const id = await h.newCase();
    const { version, nextDueAt } = await h.cases.getCase(id, 'system');
    // As an earlier Haven wrote it: the deadline alone.
    await h.cases.updateCase(id, version, ({ nextDueClock: _c, nextDueDuty: _d, ...s }) => s);
    const getCase = vi.spyOn(h.cases, 'getCase');
    try {
      // Act
      const res = await call(
        handler,
        apiEvent('GET', '/api/cases', { claims: MANAGER, query: { area: 'manchester', limit: '200' } }),
      );

      // Assess
      expect(res.status).toBe(200);
      expect(res.body.items.find((i: Item) => i.caseId === id)).toEqual(
        expect.objectContaining({ nextDueAt, nextClock: null }),
      );
      expect(getCase).not.toHaveBeenCalled();
    } finally {
      getCase.mockRestore();
    }
  });
});
