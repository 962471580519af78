/**
 * Assigning an officer (000, 004 §10): the officer is one the staff directory lists as an officer, and
 * their email is the directory's; an unknown id, or someone who is not an officer, is refused naming
 * `officer` without repeating the id.
 */
import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { CaseState } from '../../functions/core/case.js';
import { applyCommand, COMMANDS } from '../../functions/core/commands/index.js';
import type { CommandContext } from '../../functions/core/commands/types.js';
import { Refusal } from '../../functions/core/problems.js';
import type { StaffMember } from '../../functions/core/roles.js';
import { state } from './routing-fixtures.js';

const STAFF: StaffMember[] = [
  { sub: 'officer-a', email: 'a@example.org', role: 'officer', areas: ['manchester'] },
  { sub: 'manager-m', email: 'm@example.org', role: 'manager', areas: [] },
];

/** A command context with the directory's members, or (`null`) with no directory read. */
const ctx = (staff: readonly StaffMember[] | null = STAFF): CommandContext => ({
  config: getAssociation('one-manchester'),
  now: new Date('2026-11-02T10:00:00Z'),
  actor: 'manager-m',
  ...(staff ? { staff } : {}),
});

/** The refusal assigning `officer` throws (fails the test when it is accepted). */
function refusalOf(s: CaseState, officer: string, c: CommandContext): Refusal {
  try {
    applyCommand(s, { kind: 'assign', input: { officer } }, c);
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('the assignment was accepted');
}

describe('000, 004 §10: an assigned officer comes from the staff directory', () => {
  it('an officer the directory lists is assigned with the email the directory gives', () => {
    // Prepare
    const s = state();

    // Act
    const r = applyCommand(s, { kind: 'assign', input: { officer: 'officer-a' } }, ctx());

    // Assess
    expect(r.state.assignedOfficer).toBe('officer-a');
    expect(r.state.assignedOfficerEmail).toBe('a@example.org');
    expect(r.events).toEqual([{ type: 'officer-assigned', details: { officer: 'officer-a', email: 'a@example.org' } }]);
  });

  it('a reassignment records whom the case was taken from', () => {
    // Prepare
    const s = { ...state(), assignedOfficer: 'officer-old', assignedOfficerEmail: 'old@example.org' };

    // Act
    const r = applyCommand(s, { kind: 'assign', input: { officer: 'officer-a' } }, ctx());

    // Assess
    expect(r.events[0]?.details).toEqual({ officer: 'officer-a', email: 'a@example.org', from: 'officer-old' });
  });

  it.each([
    ['an id the directory does not list', 'made-up-officer-77', STAFF],
    ['a manager (not an officer)', 'manager-m', STAFF],
    ['any id when the directory is empty', 'officer-a', []],
    ['any id when no directory was read', 'officer-a', null],
  ])('%s is refused as unprocessable naming officer, never the id', (_name, officer, staff) => {
    // Prepare
    const s = state();

    // Act
    const r = refusalOf(s, officer, ctx(staff));

    // Assess
    expect(r.kind).toBe('unprocessable');
    expect(r.problems).toEqual([{ field: 'officer', problem: 'must be an officer in the staff directory' }]);
    expect(JSON.stringify({ message: r.message, problems: r.problems })).not.toContain(officer);
    expect(s.assignedOfficer).toBeUndefined();
  });

  it('the command takes the staff id only: an email typed alongside is not accepted', () => {
    // Act
    const parsed = COMMANDS.assign.schema.safeParse({ officer: 'officer-a', email: 'typed@example.org' });

    // Assess
    expect(parsed.success).toBe(false);
  });
});
