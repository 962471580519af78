import { describe, expect, it } from 'vitest';
import { nextAction, overdueCount, type QueuedCase, workOrder } from '../../functions/core/worklist.js';

describe('the work queue (issue 13): danger, overdue, high risk, due soonest, the rest', () => {
  const NOW = new Date('2026-11-20T12:00:00.000Z');
  const at = (iso: string, tier: QueuedCase['tier'], caseId: string, reportedAt = '2026-11-01T09:00:00.000Z') => ({
    tier,
    caseId,
    reportedAt,
    ...(iso ? { nextDueAt: iso } : {}),
  });

  it('orders immediate danger (earliest reported first), then overdue of any tier (most overdue first), then high risk (no clock last), then due soonest, then no clock', () => {
    // Prepare
    const cases: QueuedCase[] = [
      at('', 'due', 'rest-none'),
      at('2026-11-21T09:00:00.000Z', 'due', 'due-soon'),
      at('', 'high', 'high-none'),
      at('2026-11-25T09:00:00.000Z', 'high', 'high-later'),
      at('2026-11-19T09:00:00.000Z', 'due', 'overdue-1-day'),
      at('2026-11-18T09:00:00.000Z', 'high', 'overdue-2-days-high'),
      at('', 'danger', 'danger-later', '2026-11-10T09:00:00.000Z'),
      at('2026-11-30T09:00:00.000Z', 'danger', 'danger-first', '2026-11-05T09:00:00.000Z'),
    ];

    // Act
    const order = [...cases].sort((a, b) => workOrder(a, b, NOW)).map((c) => c.caseId);

    // Assess
    expect(order).toEqual([
      'danger-first',
      'danger-later',
      'overdue-2-days-high',
      'overdue-1-day',
      'high-later',
      'high-none',
      'due-soon',
      'rest-none',
    ]);
  });

  it('a deadline exactly now is not overdue yet; the case id breaks a tie', () => {
    // Prepare
    const a = at(NOW.toISOString(), 'due', 'b');
    const b = at(NOW.toISOString(), 'due', 'a');
    const late = at('2026-11-20T11:59:59.999Z', 'due', 'z');

    // Act
    const order = [a, b, late].sort((x, y) => workOrder(x, y, NOW)).map((c) => c.caseId);

    // Assess
    expect(order).toEqual(['z', 'a', 'b']);
  });

  it('the next action is the one due soonest; with no clock, the first open one in routing order', () => {
    // Prepare
    const timed = [
      { duty: 'safety-plan' },
      { duty: 'safeguarding-log', dueAt: '2026-11-22T09:00:00.000Z' },
      { duty: 'initial-contact', dueAt: '2026-11-21T09:00:00.000Z' },
    ];
    const untimed: { duty: string; dueAt?: string }[] = [{ duty: 'marac-referral' }, { duty: 'safety-plan' }];

    // Act + Assess
    expect(nextAction(timed)?.duty).toBe('initial-contact');
    expect(nextAction(untimed)?.duty).toBe('marac-referral');
    expect(nextAction([])).toBeUndefined();
  });

  it('counts every clock past its deadline ("+N more overdue")', () => {
    // Act + Assess
    expect(
      overdueCount(['2026-11-19T09:00:00.000Z', '2026-11-20T11:00:00.000Z', '2026-11-21T09:00:00.000Z'], NOW),
    ).toBe(2);
    expect(overdueCount([], NOW)).toBe(0);
  });
});
