import { describe, expect, it } from 'vitest';
import { caseFlags } from '../../functions/core/rules/case-flags.js';

describe('case flags: repeat MARAC and potential escalation over 12 London months (002 §6)', () => {
  // 12 months before 2026-06-15 11:00 BST is 2025-06-15 11:00 BST = 10:00Z.
  const NOW = new Date('2026-06-15T10:00:00.000Z');
  const BOUNDARY = '2025-06-15T10:00:00.000Z';
  const JUST_BEFORE = '2025-06-15T09:59:59.999Z';

  it('002 §6: a MARAC referral exactly 12 months before now makes a new one a repeat; just over 12 months does not', () => {
    // Prepare
    const onBoundary = { maracReferrals: [BOUNDARY], incidents: [] };
    const justOutside = { maracReferrals: [JUST_BEFORE], incidents: [] };
    // Act
    const flags = [caseFlags(onBoundary, NOW), caseFlags(justOutside, NOW)];
    // Assess
    expect(flags.map((f) => f.repeatMarac)).toEqual([true, false]);
  });

  it('002 §6: three incidents within 12 months (one on the boundary) flag potential escalation; two and one outside do not', () => {
    // Prepare
    const three = [BOUNDARY, '2026-01-10T12:00:00Z', '2026-06-15T09:00:00Z'];
    const twoAndOneOutside = [JUST_BEFORE, '2026-01-10T12:00:00Z', '2026-06-15T09:00:00Z'];
    // Act
    const flags = [three, twoAndOneOutside].map((incidents) => caseFlags({ maracReferrals: [], incidents }, NOW));
    // Assess
    expect(flags.map((f) => f.potentialEscalation)).toEqual([true, false]);
  });

  it('002 §6: an entry after now does not count', () => {
    // Act
    const flags = caseFlags({ maracReferrals: ['2026-06-16T10:00:00Z'], incidents: [] }, NOW);
    // Assess
    expect(flags).toEqual({ repeatMarac: false, potentialEscalation: false });
  });

  it('002 §6: a history entry that is not a date is an error that does not echo it', () => {
    // Act
    const read = () => caseFlags({ maracReferrals: [], incidents: ['CANARY-not-a-date'] }, NOW);
    // Assess
    expect(read).toThrow(/^(?!.*CANARY).*not a date/);
  });
});
