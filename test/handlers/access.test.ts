import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as casesHandler } from '../../functions/cases/handler.js';
import { createHandler as figuresHandler } from '../../functions/figures/handler.js';
import { submitReport } from '../../functions/adapters/report-intake.js';
import { reportSchema } from '../../functions/core/report.js';
import { apiEvent, BOARD, call, LEAD, MANAGER, OFFICER, report, startHarness, type Claims, type Harness } from './harness.js';

let h: Harness;
let cases: ReturnType<typeof casesHandler>;
let figures: ReturnType<typeof figuresHandler>;
let caseId: string;
beforeAll(async () => {
  h = await startHarness();
  cases = casesHandler(h.deps);
  figures = figuresHandler(h.deps);
  caseId = (await submitReport(h.deps, reportSchema.parse(report()), 'access-case-1', h.clock.now)).caseId;
});
afterAll(() => h.stop());

const COMMANDS = [
  'contacts',
  'dash',
  'pathway',
  'referrals',
  'referrals/marac-referral/acknowledge',
  'consent',
  'actions/initial-contact',
  'incidents',
  'facts',
  'holding-pause',
  'safety-plan',
  'safety-plan/share',
  'close',
  'assign',
  'reveal',
];

const STAFF_ENDPOINTS = () => [
  { name: 'GET /api/cases', event: (claims?: Claims) => apiEvent('GET', '/api/cases', claims ? { claims } : {}) },
  { name: 'GET /api/cases/{id}', event: (claims?: Claims) => apiEvent('GET', `/api/cases/${caseId}`, claims ? { claims } : {}) },
  ...COMMANDS.map((c) => ({
    name: `POST /api/cases/{id}/${c}`,
    event: (claims?: Claims) => apiEvent('POST', `/api/cases/${caseId}/${c}`, { body: { expectedVersion: 1 }, ...(claims ? { claims } : {}) }),
  })),
];

const NO_ROLE: Claims = { sub: 'someone', 'cognito:groups': '[visitors]' };

describe('000, 002 §4, 004 §10: who may use which endpoint', () => {
  it.each(STAFF_ENDPOINTS().map((e) => [e.name, e] as const))('%s refuses no identity (401), the board and unknown roles (403)', async (_n, endpoint) => {
    const anonymous = await call(cases, endpoint.event());
    expect(anonymous.status).toBe(401);
    const board = await call(cases, endpoint.event(BOARD));
    expect(board.status).toBe(403);
    const nobody = await call(cases, endpoint.event(NO_ROLE));
    expect(nobody.status).toBe(403);
    for (const r of [anonymous, board, nobody]) expect(Object.keys(r.body)).toEqual(['error']);
    // Refused before anything was read: no audited view was recorded.
    const events = await h.cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'case-viewed' || e.type === 'details-revealed')).toHaveLength(0);
  });

  it('GET /api/figures: board, manager and safeguarding lead may read; officers 403; no identity 401', async () => {
    const e = (claims?: Claims) => apiEvent('GET', '/api/figures', { query: { from: '2026-04-01', to: '2027-03-31' }, ...(claims ? { claims } : {}) });
    expect((await call(figures, e())).status).toBe(401);
    expect((await call(figures, e(OFFICER))).status).toBe(403);
    expect((await call(figures, e(NO_ROLE))).status).toBe(403);
    for (const who of [BOARD, MANAGER, LEAD]) expect((await call(figures, e(who))).status).toBe(200);
  });

  it('cognito:groups is read as an array, a JSON string, "[a b]" or "a,b"', async () => {
    for (const groups of [['manager'], '["manager"]', '[officer manager]', 'officer,manager']) {
      const res = await call(cases, apiEvent('GET', `/api/cases/${caseId}`, { claims: { sub: 'm-2', 'cognito:groups': groups } }));
      expect(res.status).toBe(200);
    }
  });

  it('a report whose area is not known yet is in every officer’s caseload and readable by them, so it never waits unseen', async () => {
    const { area: _area, ...noArea } = reportSchema.parse(report());
    const unknown = (await submitReport(h.deps, reportSchema.parse({ ...noArea, narrative: 'no area given' }), 'access-case-no-area', h.clock.now)).caseId;
    const elsewhere: Claims = { ...OFFICER, sub: 'officer-3', 'custom:areas': 'salford' };
    const list = await call(cases, apiEvent('GET', '/api/cases', { claims: elsewhere }));
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toContain(unknown);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
    expect((await call(cases, apiEvent('GET', `/api/cases/${unknown}`, { claims: elsewhere }))).status).toBe(200);
  });

  it('an officer sees the cases of their own areas only; another area’s case is not found', async () => {
    const mine = await call(cases, apiEvent('GET', `/api/cases/${caseId}`, { claims: OFFICER }));
    expect(mine.status).toBe(200);
    const elsewhere: Claims = { ...OFFICER, sub: 'officer-2', 'custom:areas': 'salford' };
    const theirs = await call(cases, apiEvent('GET', `/api/cases/${caseId}`, { claims: elsewhere }));
    expect(theirs.status).toBe(404);
    const list = await call(cases, apiEvent('GET', '/api/cases', { claims: elsewhere }));
    expect(list.status).toBe(200);
    // Only salford's cases and those of no known area: never manchester's.
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
    for (const i of list.body.items as { area?: string }[]) expect([undefined, 'salford']).toContain(i.area);
    const filtered = await call(cases, apiEvent('GET', '/api/cases', { claims: elsewhere, query: { area: 'manchester' } }));
    expect(filtered.status).toBe(403);
    expect(filtered.body.fields).toEqual([{ field: 'area', problem: 'is not one of your areas' }]);
  });
});
