import { describe, expect, it } from 'vitest';
import { caseFlags } from '../../functions/core/rules/case-flags.js';

describe('case flags: repeat MARAC and potential escalation over 12 London months (002 §6, SafeLives)', () => {
  // 12 months before 2026-06-15 11:00 BST is 2025-06-15 11:00 BST = 10:00Z.
  const NOW = new Date('2026-06-15T10:00:00.000Z');
  const BOUNDARY = '2025-06-15T10:00:00.000Z';
  const JUST_BEFORE = '2025-06-15T09:59:59.999Z';

  it("SafeLives: a case's own first referral is not a repeat, though the next one would be", () => {
    // Prepare
    const first = { maracReferrals: ['2026-06-15T09:00:00.000Z'], incidents: [] };
    // Act
    const flags = caseFlags(first, NOW);
    // Assess
    expect(flags.repeatMarac).toBe(false);
    expect(flags.maracWouldRepeat).toBe(true);
  });

  it('SafeLives: a second referral of the case within 12 months of its first is a repeat; one just over is not', () => {
    // Prepare
    const onBoundary = { maracReferrals: [BOUNDARY, '2026-06-15T10:00:00.000Z'], incidents: [] };
    const justOutside = { maracReferrals: [JUST_BEFORE, '2026-06-15T10:00:00.000Z'], incidents: [] };
    // Act
    const flags = [caseFlags(onBoundary, NOW), caseFlags(justOutside, NOW)];
    // Assess
    expect(flags.map((f) => f.repeatMarac)).toEqual([true, false]);
  });

  it("SafeLives: a referral within 12 months of an earlier one on another case of the victim or home is a repeat, on the case's own first", () => {
    // Prepare
    const own = ['2026-06-01T10:00:00.000Z'];
    const earlierLinked = { maracReferrals: own, linkedMaracReferrals: ['2025-09-01T10:00:00.000Z'], incidents: [] };
    const laterLinked = { maracReferrals: own, linkedMaracReferrals: ['2026-06-10T10:00:00.000Z'], incidents: [] };
    const oldLinked = { maracReferrals: own, linkedMaracReferrals: ['2025-05-01T10:00:00.000Z'], incidents: [] };
    // Act
    const flags = [earlierLinked, laterLinked, oldLinked].map((h) => caseFlags(h, NOW).repeatMarac);
    // Assess: only a referral before this case's counts, and only within 12 months of it
    expect(flags).toEqual([true, false, false]);
  });

  it('SafeLives: before any referral of its own, a case whose victim or home was referred in the last 12 months would make a repeat', () => {
    // Prepare
    const linked = (at: string) => ({ maracReferrals: [], linkedMaracReferrals: [at], incidents: [] });
    // Act
    const flags = [caseFlags(linked(BOUNDARY), NOW), caseFlags(linked(JUST_BEFORE), NOW)];
    // Assess
    expect(flags.map((f) => [f.repeatMarac, f.maracWouldRepeat])).toEqual([
      [false, true],
      [false, false],
    ]);
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
    const flags = caseFlags(
      {
        maracReferrals: ['2026-06-01T10:00:00Z', '2026-06-16T10:00:00Z'],
        linkedMaracReferrals: ['2026-06-16T10:00:00Z'],
        incidents: [],
      },
      NOW,
    );
    // Assess
    expect(flags).toEqual({ repeatMarac: false, maracWouldRepeat: true, potentialEscalation: false });
  });

  it('002 §6: a history entry that is not a date is an error that does not echo it', () => {
    // Act
    const reads = [
      () => caseFlags({ maracReferrals: [], incidents: ['CANARY-not-a-date'] }, NOW),
      () => caseFlags({ maracReferrals: [], linkedMaracReferrals: ['CANARY-not-a-date'], incidents: [] }, NOW),
    ];
    // Assess
    for (const read of reads) expect(read).toThrow(/^(?!.*CANARY).*not a date/);
  });
});
