/**
 * GET /api/staff (000, 004 §10): managers and the safeguarding lead read the staff directory they
 * assign from — officers, managers and the safeguarding lead, each exactly {sub, email, role, areas};
 * officers may not; the board is no case role. On one machine the same handler lists the local identity's users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedDirectory } from '../../functions/adapters/directory.js';
import { createHandler } from '../../functions/cases/handler.js';
import { createLocalIdentity } from '../../local/identity.js';
import { apiEvent, BOARD, type Claims, call, type Harness, LEAD, MANAGER, OFFICER, startHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  h = await startHarness();
  handler = createHandler(h.deps);
});
afterAll(() => h.stop());

const staff = (claims: Claims, cases = handler) => call(cases, apiEvent('GET', '/api/staff', { claims }));

describe('000, 004 §10: the staff directory', () => {
  it.each([
    ['a manager', MANAGER],
    ['the safeguarding lead', LEAD],
  ])('%s reads the case roles, most senior first, each exactly sub, email, role and areas', async (_n, claims) => {
    // Act
    const res = await staff(claims);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { sub: 'lead-1', email: 'lead@example.org', role: 'safeguarding-lead', areas: [] },
      { sub: 'manager-1', email: 'manager@example.org', role: 'manager', areas: [] },
      { sub: 'officer-far', email: 'far@example.org', role: 'officer', areas: ['salford'] },
      { sub: 'officer-9', email: 'nine@example.org', role: 'officer', areas: ['manchester', 'salford'] },
      { sub: 'officer-df', email: 'officer-df@example.org', role: 'officer', areas: ['kirklees', 'leeds'] },
      { sub: 'officer-l', email: 'officer-l@example.org', role: 'officer', areas: ['leeds'] },
      { sub: 'officer-1', email: 'officer@example.org', role: 'officer', areas: ['manchester'] },
    ]);
  });

  it.each([
    ['an officer', OFFICER],
    ['the board', BOARD],
  ])('%s may not read it (403), and learns no one from the refusal', async (_n, claims) => {
    // Act
    const res = await staff(claims);

    // Assess
    expect(res.status).toBe(403);
    expect(res.raw).not.toContain('@example.org');
  });

  it('a person in two role groups is listed once for each; areas are read lower-cased, as the token’s are', async () => {
    // Prepare
    const both = createHandler({
      ...h.deps,
      directory: listedDirectory([
        { sub: 'p-1', email: 'p@example.org', role: 'officer', areas: ['Manchester'] },
        { sub: 'p-1', email: 'p@example.org', role: 'manager', areas: ['Manchester'] },
        { sub: 'p-1', email: 'p@example.org', role: 'officer', areas: ['Manchester'] },
      ]),
    });

    // Act
    const res = await staff(MANAGER, both);

    // Assess
    expect(res.body.items).toEqual([
      { sub: 'p-1', email: 'p@example.org', role: 'manager', areas: ['manchester'] },
      { sub: 'p-1', email: 'p@example.org', role: 'officer', areas: ['manchester'] },
    ]);
  });

  it('on one machine the same handler lists the local identity’s users of its own association, no board', async () => {
    // Prepare
    const identity = createLocalIdentity({
      issuerBase: 'http://127.0.0.1/local',
      associations: [
        { id: 'one-manchester', areaIds: ['manchester', 'salford'] },
        { id: 'connect-housing', areaIds: ['kirklees'] },
      ],
    });
    const mine = identity.users.filter((u) => u.associationId === 'one-manchester');
    const local = createHandler({ ...h.deps, directory: listedDirectory(mine) });

    // Act
    const res = await staff(MANAGER, local);

    // Assess
    expect(res.status).toBe(200);
    const expected = mine
      .filter((u) => u.role !== 'board')
      .map((u) => ({ sub: u.sub, email: u.email, role: u.role, areas: u.areas }));
    expect(res.body.items).toHaveLength(expected.length);
    expect(res.body.items).toEqual(expect.arrayContaining(expected));
    expect(res.body.items.map((m: { email: string }) => m.email)).toEqual([
      'safeguarding-lead@one-manchester.haven.local',
      'manager@one-manchester.haven.local',
      'officer-2@one-manchester.haven.local',
      'officer@one-manchester.haven.local',
    ]);
    expect(res.body.items.find((m: { email: string }) => m.email.startsWith('officer-2')).areas).toEqual(['salford']);
  });
});
