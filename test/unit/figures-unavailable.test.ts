import { describe, expect, it } from 'vitest';
import { deadline } from '../../functions/core/clocks.js';
import { computeFigures, figuresRulesOf, figuresToCsv } from '../../functions/core/figures.js';
import { figuresAnswer, figuresCsv } from '../../functions/core/figures-unavailable.js';
import { MEASURES_NEEDING_FACTS } from '../support/figures-measures.js';

const PERIOD = { from: '2026-04-01', to: '2026-09-30' };
const RULES = { nation: 'england-and-wales', initialContact: { hours: 24 } } as const;
const FIGURES = computeFigures([], PERIOD, RULES, new Date('2026-10-01T12:00:00Z'), deadline);
// What a case's own report gives (counted for every case, facts kept or not); every other measure of the
// figures is built on the facts, so the list is built from the figures' own keys, not copied from production.
const FROM_THE_REPORT = ['period', 'asAt', 'reportsReceived', 'cases', 'byArea', 'byAbuseType', 'byQuarter', 'byRisk'];
const NEEDS_FACTS = Object.keys(FIGURES).filter((k) => !FROM_THE_REPORT.includes(k));

describe('figures built on facts an old case item lacks: unavailable, never a misleading 0%', () => {
  it('with every case’s facts kept, the JSON answer is the figures and the area asked for', () => {
    // Act
    const answer = figuresAnswer(FIGURES, true, 'leeds');

    // Assess
    expect(answer).toEqual({ ...FIGURES, area: 'leeds' });
  });

  it('without them, each measure built on the facts is null and listed as unavailable', () => {
    // Act
    const answer = figuresAnswer(FIGURES, false);

    // Assess
    expect(NEEDS_FACTS).toEqual(MEASURES_NEEDING_FACTS);
    expect(answer.unavailable).toEqual(MEASURES_NEEDING_FACTS);
    for (const k of NEEDS_FACTS) expect(answer[k]).toBeNull();
    expect(answer.reportsReceived).toBe(0);
  });

  it('CSV: with the facts kept it is figuresToCsv; without, those rows say "not available"', () => {
    // Act
    const kept = figuresCsv(FIGURES, true);
    const missing = figuresCsv(FIGURES, false);

    // Assess
    expect(kept).toBe(figuresToCsv(FIGURES));
    expect(missing).toContain('DASH attempted and recorded (%),,not available,,');
    expect(missing).toContain('MARAC referrals,,not available,,');
    expect(missing).toContain('reports received,,0,,');
  });
});

describe('figuresRulesOf: the clocks the figures measure against', () => {
  it('001 §7: SADA measures initial contact (1 working day) and regular contact (14 days), with no holding-area clock', () => {
    // Act
    const clocks = { initialContact: { workingDays: 1 }, regularContact: { days: 14 } };
    const rules = figuresRulesOf({ nation: 'england-and-wales', clocks });

    // Assess
    expect(rules).toEqual({
      nation: 'england-and-wales',
      initialContact: { workingDays: 1 },
      regularContact: { days: 14 },
    });
  });
});
