import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { CaseState } from '../../functions/core/case.js';
import { closureBlockers } from '../../functions/core/case-status.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { deadline } from '../../functions/core/clocks.js';
import { computeFigures } from '../../functions/core/figures.js';
import { route } from '../../functions/core/routing.js';
import { holdingDeadline, isHoldingPaused } from '../../functions/core/rules/holding-area.js';
import { defined } from '../support/defined.js';
import { state } from './routing-fixtures.js';

const h21 = getAssociation('housing-21');
const days21 = { days: 21 } as const;
const ew = 'england-and-wales' as const;
const due = (c: Parameters<typeof holdingDeadline>[0], now?: string) =>
  holdingDeadline(c, days21, ew, now ? new Date(now) : undefined).deadline.toISOString();
const reportedAt = '2026-03-04T10:00:00.000Z'; // unpaused: 2026-03-25T10:00Z

describe('000: the 21-day holding area (holdingDeadline)', () => {
  it('000: overlapping pauses count once', () => {
    // Prepare
    const holdingPauses = [
      { from: '2026-03-10T10:00:00.000Z', to: '2026-03-13T10:00:00.000Z' },
      { from: '2026-03-12T10:00:00.000Z', to: '2026-03-14T10:00:00.000Z' },
    ];
    // Act
    const at = due({ reportedAt, holdingPauses });
    // Assess
    expect(at).toBe('2026-03-29T10:00:00.000Z'); // 4 days paused, not 5
  });
  it('000: a pause is clipped to the start of the clock', () => {
    // Prepare
    const holdingPauses = [{ from: '2026-03-01T10:00:00.000Z', to: '2026-03-05T10:00:00.000Z' }];
    // Act
    const at = due({ reportedAt, holdingPauses });
    // Assess
    expect(at).toBe('2026-03-26T10:00:00.000Z');
  });
  it('000: the clock starts at openedAt when given', () => {
    // Act
    const at = due({ reportedAt, openedAt: '2026-03-06T10:00:00.000Z', holdingPauses: [] });
    // Assess
    expect(at).toBe('2026-03-27T10:00:00.000Z');
  });
  it('000: an open pause counts up to now; without now the deadline stands as it was when paused', () => {
    // Prepare
    const c = { reportedAt, holdingPauses: [{ from: '2026-03-10T10:00:00.000Z' }] };
    // Act
    const withNow = due(c, '2026-03-26T10:00:00.000Z');
    const without = holdingDeadline(c, days21, ew);
    // Assess
    expect(withNow).toBe('2026-04-10T10:00:00.000Z');
    expect(without.paused).toBe(true);
    expect(without.deadline.toISOString()).toBe('2026-03-25T10:00:00.000Z');
  });
  it('000: a pause begun after the deadline passed does not undo the breach', () => {
    // Act
    const at = due({
      reportedAt,
      holdingPauses: [{ from: '2026-03-27T10:00:00.000Z', to: '2026-04-03T10:00:00.000Z' }],
    });
    // Assess
    expect(at).toBe('2026-03-25T10:00:00.000Z');
  });
  it('000, DOMAIN "How clocks count": a pause across the 25 Oct 2026 clocks change adds the 49 hours that really passed', () => {
    // Prepare: 10 Oct 10:00 BST + 21 London days = 31 Oct 10:00 GMT; paused 24 Oct 12:00 BST to 26 Oct 12:00 GMT.
    const c = {
      reportedAt: '2026-10-10T09:00:00.000Z',
      holdingPauses: [{ from: '2026-10-24T11:00:00.000Z', to: '2026-10-26T12:00:00.000Z' }],
    };
    // Act
    const unpaused = deadline(new Date(c.reportedAt), days21, ew).toISOString();
    const paused = due(c);
    // Assess
    expect(unpaused).toBe('2026-10-31T10:00:00.000Z');
    expect(paused).toBe('2026-11-02T11:00:00.000Z');
  });
  it('000: the clock stands still only while a pause has not ended', () => {
    // Act
    const states = [[], [{ from: reportedAt, to: '2026-03-05T10:00:00.000Z' }], [{ from: reportedAt }]].map(
      (holdingPauses) => isHoldingPaused({ holdingPauses }),
    );
    // Assess
    expect(states).toEqual([false, false, true]);
  });
});

describe('000: the holding area in the clock plan (Housing 21)', () => {
  it('000: the holding area is extended by completed pauses for statutory or legal action', () => {
    // Prepare
    const s = state({ holdingPauses: [{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-13T10:00:00.000Z' }] });
    // Act
    const planned = planClocks(s, h21).find((p) => p.clock === 'holdingArea');
    // Assess
    expect(planned?.deadline).toBe('2026-03-28T10:00:00.000Z');
  });
  it('000: no holding-area clock while statutory or legal action is ongoing', () => {
    // Prepare
    const s = state({ holdingPauses: [{ from: '2026-03-10T10:00:00.000Z' }] });
    // Act
    const clocks = planClocks(s, h21).map((p) => p.clock);
    // Assess
    expect(clocks).not.toContain('holdingArea');
  });
});

describe('000: one holding-area rule for the plan, closure and the figures', () => {
  /** A Housing 21 case ready to close but for the holding period (no reason recorded). */
  function ready(holdingPauses: CaseState['holdingPauses']): CaseState {
    const s = state({ holdingPauses, closureDiscussedWithVictim: true });
    for (const a of route(s.facts, h21))
      if (a.duty !== 'case-resolved') s.duties[a.duty] = { status: 'done', at: reportedAt };
    return s;
  }
  const over = (s: CaseState, now: Date) =>
    computeFigures(
      [
        {
          reportedAt: s.reportedAt,
          status: 'open',
          abuseTypes: [],
          contacts: [],
          maracReferrals: [],
          holdingPauses: s.holdingPauses,
          risk: 'standard',
        },
      ],
      { from: '2026-03-01', to: '2026-03-31' },
      { holdingArea: days21, nation: ew },
      now,
      deadline,
    ).openOverHoldingLimit?.over;
  const blocked = (s: CaseState, now: Date) => closureBlockers(s, h21, now).some((b) => /holding period/.test(b));

  it('000: the clock plan, closure and the figures agree on the same case (overlapping closed pauses)', () => {
    // Prepare
    const s = ready([
      { from: '2026-03-10T10:00:00.000Z', to: '2026-03-13T10:00:00.000Z' },
      { from: '2026-03-12T10:00:00.000Z', to: '2026-03-14T10:00:00.000Z' },
    ]);
    // Act
    const planned = defined(
      planClocks(s, h21).find((p) => p.clock === 'holdingArea'),
      'a planned holding-area clock',
    ).deadline;
    const at = new Date(planned);
    const after = new Date(at.getTime() + 60_000);
    // Assess
    expect(planned).toBe('2026-03-29T10:00:00.000Z');
    expect([blocked(s, at), over(s, at)]).toEqual([false, 0]);
    expect([blocked(s, after), over(s, after)]).toEqual([true, 1]);
  });
  it('000: closure and the figures agree while paused (the plan runs no clock)', () => {
    // Prepare
    const s = ready([{ from: '2026-03-10T10:00:00.000Z' }]);
    const now = new Date('2026-04-20T10:00:00.000Z');
    // Act
    const clocks = planClocks(s, h21).map((p) => p.clock);
    // Assess
    expect(clocks).not.toContain('holdingArea');
    expect([blocked(s, now), over(s, now)]).toEqual([false, 0]);
  });
});
