import { describe, expect, it } from 'vitest';
import { clockStanding, DUE_SOON_MS } from '../../functions/core/clock-standing.js';

describe('clock standing, as the staff console words it', () => {
  const now = Date.parse('2026-12-01T09:00:00Z');

  it('no clock running stands at none', () => {
    // Prepare
    const deadline = undefined;

    // Act
    const standing = clockStanding(deadline, now);

    // Assess
    expect(standing).toBe('none');
  });

  it('a passed deadline is overdue, even by a millisecond', () => {
    // Prepare
    const deadline = now - 1;

    // Act
    const standing = clockStanding(deadline, now);

    // Assess
    expect(standing).toBe('overdue');
  });

  it('a deadline now or within a day is due soon', () => {
    // Prepare
    const deadlines = [now, now + 60_000, now + DUE_SOON_MS];

    // Act
    const standings = deadlines.map((d) => clockStanding(d, now));

    // Assess
    expect(standings).toEqual(['due soon', 'due soon', 'due soon']);
    expect(DUE_SOON_MS).toBe(86_400_000);
  });

  it('a deadline more than a day ahead is due later', () => {
    // Prepare
    const deadline = now + DUE_SOON_MS + 1;

    // Act
    const standing = clockStanding(deadline, now);

    // Assess
    expect(standing).toBe('due later');
  });
});
