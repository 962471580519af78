import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../functions/adapters/report-intake.js';
import { createHandler as casesHandler } from '../../functions/cases/handler.js';
import { reportSchema } from '../../functions/core/report.js';
import { createHandler as figuresHandler } from '../../functions/figures/handler.js';
import {
  apiEvent,
  BOARD,
  type Claims,
  call,
  type Harness,
  LEAD,
  MANAGER,
  OFFICER,
  report,
  startHarness,
} from './harness.js';

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
  'contact-plan',
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
  { name: 'GET /api/staff', event: (claims?: Claims) => apiEvent('GET', '/api/staff', claims ? { claims } : {}) },
  {
    name: 'GET /api/cases/{id}',
    event: (claims?: Claims) => apiEvent('GET', `/api/cases/${caseId}`, claims ? { claims } : {}),
  },
  ...COMMANDS.map((c) => ({
    name: `POST /api/cases/{id}/${c}`,
    event: (claims?: Claims) =>
      apiEvent('POST', `/api/cases/${caseId}/${c}`, { body: { expectedVersion: 1 }, ...(claims ? { claims } : {}) }),
  })),
];

const NO_ROLE: Claims = { sub: 'someone', 'cognito:groups': '[visitors]' };

describe('000, 002 §4, 004 §10: who may use which endpoint', () => {
  it.each(STAFF_ENDPOINTS().map((e) => [e.name, e] as const))('%s refuses no identity (401)', async (_n, endpoint) => {
    // Act
    const anonymous = await call(cases, endpoint.event());

    // Assess
    expect(anonymous.status).toBe(401);
    expect(Object.keys(anonymous.body)).toEqual(['error']);
    // Refused before anything was read: no audited view was recorded.
    const events = await h.cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'case-viewed' || e.type === 'details-revealed')).toHaveLength(0);
  });

  it.each(STAFF_ENDPOINTS().map((e) => [e.name, e] as const))('%s refuses the board (403)', async (_n, endpoint) => {
    // Act
    const board = await call(cases, endpoint.event(BOARD));

    // Assess
    expect(board.status).toBe(403);
    expect(Object.keys(board.body)).toEqual(['error']);
    // Refused before anything was read: no audited view was recorded.
    const events = await h.cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'case-viewed' || e.type === 'details-revealed')).toHaveLength(0);
  });

  it.each(STAFF_ENDPOINTS().map((e) => [e.name, e] as const))(
    '%s refuses unknown roles (403)',
    async (_n, endpoint) => {
      // Act
      const nobody = await call(cases, endpoint.event(NO_ROLE));

      // Assess
      expect(nobody.status).toBe(403);
      expect(Object.keys(nobody.body)).toEqual(['error']);
      // Refused before anything was read: no audited view was recorded.
      const events = await h.cases.listEvents(caseId);
      expect(events.filter((e) => e.type === 'case-viewed' || e.type === 'details-revealed')).toHaveLength(0);
    },
  );

  describe('GET /api/figures: board, manager and safeguarding lead may read; officers 403; no identity 401', () => {
    const e = (claims?: Claims) =>
      apiEvent('GET', '/api/figures', {
        query: { from: '2026-04-01', to: '2027-03-31' },
        ...(claims ? { claims } : {}),
      });

    it('GET /api/figures refuses no identity (401)', async () => {
      // Act
      const res = await call(figures, e());

      // Assess
      expect(res.status).toBe(401);
    });

    it('GET /api/figures refuses officers (403)', async () => {
      // Act
      const res = await call(figures, e(OFFICER));

      // Assess
      expect(res.status).toBe(403);
    });

    it('GET /api/figures refuses unknown roles (403)', async () => {
      // Act
      const res = await call(figures, e(NO_ROLE));

      // Assess
      expect(res.status).toBe(403);
    });

    for (const [name, who] of [
      ['the board', BOARD],
      ['a manager', MANAGER],
      ['the safeguarding lead', LEAD],
    ] as const) {
      it(`GET /api/figures may be read by ${name}`, async () => {
        // Act
        const res = await call(figures, e(who));

        // Assess
        expect(res.status).toBe(200);
      });
    }
  });

  for (const groups of [['manager'], '["manager"]', '[officer manager]', 'officer,manager']) {
    it(`cognito:groups is read as an array, a JSON string, "[a b]" or "a,b": ${JSON.stringify(groups)}`, async () => {
      // Act
      const res = await call(
        cases,
        apiEvent('GET', `/api/cases/${caseId}`, { claims: { sub: 'm-2', 'cognito:groups': groups } }),
      );

      // Assess
      expect(res.status).toBe(200);
    });
  }

  describe('a report whose area is not known yet is in every officer’s caseload and readable by them, so it never waits unseen', () => {
    const elsewhere: Claims = { ...OFFICER, sub: 'officer-3', 'custom:areas': 'salford' };
    let unknown: string;
    beforeAll(async () => {
      const { area: _area, ...noArea } = reportSchema.parse(report());
      unknown = (
        await submitReport(
          h.deps,
          reportSchema.parse({ ...noArea, narrative: 'no area given' }),
          'access-case-no-area',
          h.clock.now,
        )
      ).caseId;
    });

    it('a report of no known area is in another area’s officer’s caseload; their own area’s cases only besides', async () => {
      // Act
      const list = await call(cases, apiEvent('GET', '/api/cases', { claims: elsewhere }));

      // Assess
      expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toContain(unknown);
      expect(list.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
    });

    it('a report of no known area is readable by any officer', async () => {
      // Act
      const res = await call(cases, apiEvent('GET', `/api/cases/${unknown}`, { claims: elsewhere }));

      // Assess
      expect(res.status).toBe(200);
    });
  });

  describe('an officer sees the cases of their own areas only; another area’s case is not found', () => {
    const elsewhere: Claims = { ...OFFICER, sub: 'officer-2', 'custom:areas': 'salford' };

    it('an officer reads a case of their own area', async () => {
      // Act
      const mine = await call(cases, apiEvent('GET', `/api/cases/${caseId}`, { claims: OFFICER }));

      // Assess
      expect(mine.status).toBe(200);
    });

    it('another area’s case is not found (404)', async () => {
      // Act
      const theirs = await call(cases, apiEvent('GET', `/api/cases/${caseId}`, { claims: elsewhere }));

      // Assess
      expect(theirs.status).toBe(404);
    });

    it('an officer’s caseload lists their own areas’ cases and those of no known area only', async () => {
      // Act
      const list = await call(cases, apiEvent('GET', '/api/cases', { claims: elsewhere }));

      // Assess
      expect(list.status).toBe(200);
      // Only salford's cases and those of no known area: never manchester's.
      expect(list.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
      for (const i of list.body.items as { area?: string }[]) expect([undefined, 'salford']).toContain(i.area);
    });

    it('filtering the caseload on an area not theirs is refused (403), naming the field', async () => {
      // Act
      const filtered = await call(
        cases,
        apiEvent('GET', '/api/cases', { claims: elsewhere, query: { area: 'manchester' } }),
      );

      // Assess
      expect(filtered.status).toBe(403);
      expect(filtered.body.fields).toEqual([{ field: 'area', problem: 'is not one of your areas' }]);
    });
  });
});
