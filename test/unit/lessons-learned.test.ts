import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { lessonsLearnedReview } from '../../functions/core/rules/lessons-learned.js';
import { state } from './routing-fixtures.js';

const h21 = getAssociation('housing-21');
const closedAt = new Date('2026-03-10T14:00:00.000Z'); // a Tuesday

describe('000: the lessons-learned review after closure (Housing 21)', () => {
  it('000: due by the next monthly forum (the last Thursday, 10:00 London)', () => {
    // Act
    const review = lessonsLearnedReview(h21, state(), closedAt);
    // Assess
    expect(review).toEqual({ dueAt: new Date('2026-03-26T10:00:00.000Z'), highRisk: false });
  });
  it('000: within 1 working day for a case high risk by the DASH or by the recorded risk', () => {
    // Prepare
    const byDash = state({ dash: { score: 15, risk: 'high', maracRequired: true, at: '2026-03-05T10:00:00.000Z' } });
    const byFacts = state({}, { risk: 'high' });
    // Act
    const reviews = [lessonsLearnedReview(h21, byDash, closedAt), lessonsLearnedReview(h21, byFacts, closedAt)];
    // Assess
    const due = { dueAt: new Date('2026-03-11T14:00:00.000Z'), highRisk: true };
    expect(reviews).toEqual([due, due]);
  });
  it('000: no review where the policy sets none', () => {
    // Act
    const review = lessonsLearnedReview(getAssociation('wrekin'), state({}, { risk: 'high' }), closedAt);
    // Assess
    expect(review).toBeUndefined();
  });
});
