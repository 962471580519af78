/**
 * Immediate danger is the first thing anyone sees (002 §6, 003, 004 §7.4.3): in every caseload
 * listing (one area, several areas merged, an officer's own cases, everything) a case reported in
 * immediate danger comes first, earliest reported first among them, flagged from clear fields only,
 * until an officer records what was done with the action command; its words are sealed, and the
 * case view says when it was reported, that the 999 advice was shown, and what was done, when, by whom.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, type Claims, call, type Harness, MANAGER, startHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
const officer: Claims = { sub: 'officer-df', 'cognito:groups': 'officer', 'custom:areas': 'kirklees,leeds' };
const ids: Record<'routineK' | 'dangerL' | 'dangerK' | 'routineL', string> = {
  routineK: '',
  dangerL: '',
  dangerK: '',
  routineL: '',
};
const WHAT_WAS_DONE = 'CNRYWHATDONE rang 999 with her on the line';

beforeAll(async () => {
  h = await startHarness('connect-housing', new Date('2026-11-02T10:00:00Z'));
  handler = createHandler(h.deps);
  const file = async (area: string, immediateDanger: boolean) => {
    const id = await h.newCase({ associationId: 'connect-housing', area, immediateDanger });
    h.clock.now = new Date(h.clock.now.getTime() + 3_600_000);
    return id;
  };
  ids.routineK = await file('kirklees', false);
  ids.dangerL = await file('leeds', true);
  ids.dangerK = await file('kirklees', true);
  ids.routineL = await file('leeds', false);
  for (const id of Object.values(ids)) {
    const res = await call(
      handler,
      apiEvent('POST', `/api/cases/${id}/assign`, {
        body: { officer: officer.sub },
        claims: MANAGER,
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}, 30_000);
afterAll(() => h.stop());

type Item = { caseId: string; immediateDanger?: true };

/** Every listing path, reading no case and opening no envelope: [one area, merged areas, own cases, all]. */
async function listings() {
  const getCase = vi.spyOn(h.cases, 'getCase');
  const open = vi.spyOn(h.crypto, 'open');
  try {
    const list = async (claims: Claims, query: Record<string, string> = {}) => {
      const res = await call(handler, apiEvent('GET', '/api/cases', { claims, query }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as Item[]).map((i) => [i.caseId, i.immediateDanger === true]);
    };
    const out = {
      area: await list(officer, { area: 'kirklees' }),
      merged: await list(officer),
      own: await list(officer, { officer: officer.sub }),
      all: await list(MANAGER),
    };
    expect(getCase).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    return out;
  } finally {
    getCase.mockRestore();
    open.mockRestore();
  }
}

const action = (id: string, body: unknown, version: number) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/actions/advise-emergency-services`, {
      body,
      claims: officer,
      headers: { 'if-match': `"${version}"` },
    }),
  );

describe('immediate danger sorts first and is flagged until what was done is recorded', () => {
  it('every listing: danger cases first (earliest reported first), then soonest due; flagged without a decrypt', async () => {
    // Act
    const l = await listings();

    // Assess
    const { routineK, dangerL, dangerK, routineL } = ids;
    const merged = [
      [dangerL, true],
      [dangerK, true],
      [routineK, false],
      [routineL, false],
    ];
    expect(l.area).toEqual([
      [dangerK, true],
      [routineK, false],
    ]);
    expect(l.merged).toEqual(merged);
    expect(l.own).toEqual(merged);
    expect(l.all).toEqual(merged);
  });

  it('what was done is required in words, kept sealed, shown on the case; the 999 clock stops and the case moves back', async () => {
    // Prepare
    const { routineK, dangerL, dangerK, routineL } = ids;

    // Act
    const bare = await action(dangerL, { outcome: 'done' }, 2);
    const done = await action(dangerL, { outcome: 'done', reason: WHAT_WAS_DONE }, 2);
    const l = await listings();
    const view = await call(handler, apiEvent('GET', `/api/cases/${dangerL}`, { claims: officer }));
    const scan = await h.table.client.send(new ScanCommand({ TableName: h.table.tableName }));

    // Assess
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toMatch(/reason/);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(l.merged).toEqual([
      [dangerK, true],
      [routineK, false],
      [dangerL, false],
      [routineL, false],
    ]);
    expect(view.status).toBe(200);
    expect(view.body.immediateDanger).toEqual({
      reportedAt: '2026-11-02T11:00:00.000Z',
      adviceShown: true,
      open: false,
      whatWasDone: { outcome: 'done', at: '2026-11-02T14:00:00.000Z', by: officer.sub, reasonGiven: true },
    });
    expect(view.raw).not.toContain('CNRYWHATDONE');
    expect(view.body.clocks.map((c: { clock: string }) => c.clock)).not.toContain('emergencyAdvice');
    expect(JSON.stringify(scan.Items)).not.toContain('CNRYWHATDONE');
  });

  it('the words of what was done are shown on an audited reveal only', async () => {
    // Act
    const revealed = await call(handler, apiEvent('POST', `/api/cases/${ids.dangerL}/reveal`, { claims: officer }));

    // Assess
    expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
    expect(revealed.body.immediateDanger.whatWasDone).toMatchObject({ outcome: 'done', reason: WHAT_WAS_DONE });
  });

  it('the case view of an open danger case says so; a routine case has no banner', async () => {
    // Act
    const danger = await call(handler, apiEvent('GET', `/api/cases/${ids.dangerK}`, { claims: officer }));
    const routine = await call(handler, apiEvent('GET', `/api/cases/${ids.routineK}`, { claims: officer }));

    // Assess
    expect(danger.body.immediateDanger).toEqual({
      reportedAt: '2026-11-02T12:00:00.000Z',
      adviceShown: true,
      open: true,
      whatWasDone: null,
    });
    expect(danger.body.clocks[0]).toMatchObject({ clock: 'emergencyAdvice', deadline: '2026-11-02T12:30:00.000Z' });
    expect(routine.body.immediateDanger).toBeNull();
  });
});

describe('001 §7: a contact rhythm is never a clock of minutes (minutes are for immediate danger)', () => {
  it('an agreed rhythm in minutes is refused naming the field; the case is unchanged', async () => {
    // Act
    const res = await call(
      handler,
      apiEvent('POST', `/api/cases/${ids.routineL}/contacts`, {
        body: { way: 'phone', agreedRhythm: { minutes: 30 } },
        claims: officer,
        headers: { 'if-match': '"2"' },
      }),
    );

    // Assess
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.fields)).toContain('agreedRhythm');
    expect((await h.cases.getCase(ids.routineL, 'system')).version).toBe(2);
  });
});
