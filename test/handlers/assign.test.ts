/**
 * Assigning an officer through the API (000, 004 §10): the officer is picked from the staff directory,
 * which gives their email; an unknown id, or someone who is not an officer, is refused with 422
 * naming `officer`, never echoing the id, and the case is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, type Claims, call, type Harness, LEAD, MANAGER, startHandlerHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const assign = (id: string, body: unknown, version: number, claims: Claims = MANAGER) =>
  call(handler, apiEvent('POST', `/api/cases/${id}/assign`, { body, claims, headers: { 'if-match': `"${version}"` } }));

describe('000, 004 §10: assignment picks an officer from the staff directory', () => {
  it.each([
    ['an id the directory does not list', 'made-up-officer-CNRY42'],
    ['a manager (not an officer)', 'manager-1'],
    ['the board (not an officer)', 'board-1'],
  ])('%s is refused with 422 naming officer, without the id; the case stays unassigned', async (_name, officer) => {
    // Prepare
    const id = await h.newCase();

    // Act
    const res = await assign(id, { officer }, 1);

    // Assess
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual([{ field: 'officer', problem: 'must be an officer in the staff directory' }]);
    expect(res.raw).not.toContain(officer);
    const stored = await h.cases.getCase(id, 'system');
    expect(stored.version).toBe(1);
    expect(stored.state.assignedOfficer).toBeUndefined();
    expect((await h.cases.listEvents(id)).filter((e) => e.type === 'officer-assigned')).toEqual([]);
  });

  it('a known officer is assigned: the case and the timeline record who, and the email the directory gives', async () => {
    // Prepare
    const id = await h.newCase();

    // Act
    const res = await assign(id, { officer: 'officer-9' }, 1, LEAD);

    // Assess
    expect(res.status).toBe(200);
    const stored = await h.cases.getCase(id, 'system');
    expect([stored.state.assignedOfficer, stored.state.assignedOfficerEmail]).toEqual([
      'officer-9',
      'nine@example.org',
    ]);
    const events = (await h.cases.listEvents(id)).filter((e) => e.type === 'officer-assigned');
    expect(events.map((e) => [e.actor, e.details])).toEqual([
      [
        { sub: 'lead-1', role: 'safeguarding-lead' },
        { officer: 'officer-9', email: 'nine@example.org' },
      ],
    ]);
  });

  it('an email typed with the officer is not accepted (400), and is not echoed', async () => {
    // Prepare
    const id = await h.newCase();

    // Act
    const res = await assign(id, { officer: 'officer-9', email: 'typed-CNRY@example.org' }, 1);

    // Assess
    expect(res.status).toBe(400);
    expect(res.raw).not.toContain('typed-CNRY');
    expect((await h.cases.getCase(id, 'system')).state.assignedOfficer).toBeUndefined();
  });

  it('with no staff directory wired, assignment fails as a fault (500 with a correlation id only), assigning nobody', async () => {
    // Prepare
    const id = await h.newCase();
    const { directory: _none, ...bare } = h.deps;
    const unwired = createHandler(bare);

    // Act
    const res = await call(
      unwired,
      apiEvent('POST', `/api/cases/${id}/assign`, {
        body: { officer: 'officer-9' },
        claims: MANAGER,
        headers: { 'if-match': '"1"' },
      }),
    );

    // Assess
    expect(res.status).toBe(500);
    expect(Object.keys(res.body).sort()).toEqual(['correlationId', 'error']);
    expect((await h.cases.getCase(id, 'system')).state.assignedOfficer).toBeUndefined();
  });
});
