import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { nextStepWords } from '../../functions/core/duty-steps.js';
import { escalationEmail, recipientsFor, tierRoles } from '../../functions/core/escalation.js';

const connect = getAssociation('connect-housing');
const om = getAssociation('one-manchester');

describe('escalation: who the case-officer tier reaches', () => {
  it('002 §6 Connect: with an officer assigned, tier 1 goes to their own address and the line manager, not the shared mailbox', () => {
    // Act
    const to = recipientsFor(connect, tierRoles(connect, 0), {
      assignedOfficer: 'sub-7',
      assignedOfficerEmail: 'officer@connect-housing.haven.local',
    });
    // Assess
    expect(to).toEqual([
      { role: 'case-officer', to: 'officer@connect-housing.haven.local', alertKey: 'staff#sub-7' },
      { role: 'line-manager', to: 'line-manager@connect-housing.example.org', alertKey: 'role#line-manager' },
    ]);
  });
  it('nobody assigned: the shared case-officer mailbox, as the config says', () => {
    // Act
    const to = recipientsFor(connect, ['case-officer'], {});
    // Assess
    expect(to).toEqual([
      { role: 'case-officer', to: 'community-housing@connect-housing.example.org', alertKey: 'role#case-officer' },
    ]);
  });
});

describe('escalation: the email in words', () => {
  const base = {
    reference: 'OM-0001',
    clock: 'initialContact' as const,
    deadline: new Date('2026-12-02T17:00:00.000Z'),
    now: new Date('2026-12-03T20:30:00.000Z'),
    tier: 1,
    link: 'https://haven.example/console/case.html?id=c1',
  };
  it('004 §7.5.1: what is due and since when in London words, who holds the case, who took it on, what to do next', () => {
    // Act
    const email = escalationEmail({
      ...base,
      assignedTo: 'officer@one-manchester.example.org',
      acknowledged: { email: 'manager@one-manchester.example.org', at: '2026-12-03T09:00:00.000Z', tier: 0 },
      nextStep: nextStepWords(om, 'initial-contact'),
    });
    // Assess
    expect(email.subject).toBe('Still overdue (escalation 2): initial contact on case OM-0001');
    expect(email.text).toContain(
      'Case OM-0001: Initial contact is 1 day 3 hours overdue, overdue since 5pm on Wednesday 2 December 2026 (London time).',
    );
    expect(email.text).toContain('Who holds the case: officer@one-manchester.example.org.');
    expect(email.text).toContain(
      'Taken on: manager@one-manchester.example.org said "I\'ve got this" at 9am on Thursday 3 December 2026 (escalation 1).',
    );
    expect(email.text).toContain('What to do next: Make first contact with the reporter or victim');
    expect(email.text).toContain('Owner: Community Safety Officer.');
    expect(email.text).toContain('the link brings you back to this case');
    expect(email.text).toContain(`Open the case: ${base.link}`);
  });
  it('nobody assigned and nobody has taken it on: the email says so, and names no one', () => {
    // Act
    const email = escalationEmail(base);
    // Assess
    expect(email.text).toContain('Who holds the case: nobody assigned.');
    expect(email.text).not.toContain('Taken on:');
  });
  it('summer time: a deadline of 16:00 UTC in June is 5pm London time', () => {
    // Act
    const email = escalationEmail({
      ...base,
      deadline: new Date('2026-06-03T16:00:00.000Z'),
      now: new Date('2026-06-03T16:00:00.000Z'),
    });
    // Assess
    expect(email.text).toContain('Initial contact is now overdue, overdue since 5pm on Wednesday 3 June 2026');
  });
});
