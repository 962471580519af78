import { describe, expect, it } from 'vitest';
import { actingRole, mayAssign, maySee, type Staff, seesAll } from '../../functions/core/rules/case-access.js';

const officer: Staff = { sub: 'officer-1', roles: ['officer'], areas: ['manchester'] };
const manager: Staff = { sub: 'manager-1', roles: ['manager'], areas: [] };
const lead: Staff = { sub: 'lead-1', roles: ['safeguarding-lead'], areas: [] };

describe('case access: who sees and assigns which case', () => {
  it('managers and the safeguarding lead see every case and assign; an officer does neither', () => {
    // Act
    const answers = [officer, manager, lead].map((who) => [seesAll(who), mayAssign(who)]);
    // Assess
    expect(answers).toEqual([
      [false, false],
      [true, true],
      [true, true],
    ]);
  });

  it('an officer sees the cases of their areas, of no known area, and those assigned to them; not another area', () => {
    // Prepare
    const places = [{ area: 'manchester' }, {}, { area: 'salford', assignedOfficer: 'officer-1' }, { area: 'salford' }];
    // Act
    const seen = places.map((p) => maySee(officer, p));
    // Assess
    expect(seen).toEqual([true, true, true, false]);
  });

  it('a case of no known area is for officers to pick up, not for a role that works no cases', () => {
    // Prepare
    const board: Staff = { sub: 'board-1', roles: ['board'], areas: [] };
    // Act
    const seen = maySee(board, {});
    // Assess
    expect(seen).toBe(false);
  });

  it('the timeline records the most senior case role the caller holds', () => {
    // Prepare
    const several: Staff = { sub: 'x', roles: ['officer', 'board', 'manager'], areas: [] };
    // Act
    const roles = [
      actingRole(several),
      actingRole(officer),
      actingRole({ ...lead, roles: ['officer', 'safeguarding-lead'] }),
    ];
    // Assess
    expect(roles).toEqual(['manager', 'officer', 'safeguarding-lead']);
  });
});
