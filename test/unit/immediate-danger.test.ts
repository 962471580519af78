import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { dangerOpen, immediateDangerBanner, needsWhatWasDone } from '../../functions/core/rules/immediate-danger.js';
import { state } from './routing-fixtures.js';

const wrekin = getAssociation('wrekin');
const doneBy = {
  'advise-emergency-services': {
    status: 'done' as const,
    at: '2026-03-04T10:05:00.000Z',
    by: 'officer-1',
    reason: 'Rang 999',
  },
};

describe('immediate danger first until what was done is recorded (002 §6, 003, 004 §7.4.3)', () => {
  it('an open case reported in danger is open danger; done, no further action, closed or no danger is not', () => {
    // Act
    const cases = [
      dangerOpen(state({}, { immediateDanger: true })),
      dangerOpen(state({ duties: doneBy }, { immediateDanger: true })),
      dangerOpen(
        state(
          { duties: { 'advise-emergency-services': { status: 'no-further-action', reason: 'x' } } },
          { immediateDanger: true },
        ),
      ),
      dangerOpen(state({ status: 'closed' }, { immediateDanger: true })),
      dangerOpen(state({}, { immediateDanger: false })),
    ];
    // Assess
    expect(cases).toEqual([true, false, false, false, false]);
  });
  it('only the 999 duty needs what was done in words', () => {
    // Assess
    expect(needsWhatWasDone('advise-emergency-services')).toBe(true);
    expect(needsWhatWasDone('initial-contact')).toBe(false);
  });
  it('the banner: reported at, 999 advice shown, what was done with its words only when shown (Wrekin)', () => {
    // Prepare
    const s = state({ duties: doneBy }, { immediateDanger: true });
    // Act
    const redacted = immediateDangerBanner(s, wrekin, false);
    const shown = immediateDangerBanner(s, wrekin, true);
    // Assess
    expect(redacted).toEqual({
      reportedAt: '2026-03-04T10:00:00.000Z',
      adviceShown: true,
      open: false,
      whatWasDone: { outcome: 'done', at: '2026-03-04T10:05:00.000Z', by: 'officer-1', reasonGiven: true },
    });
    expect(shown?.whatWasDone).toMatchObject({ reason: 'Rang 999' });
    expect(immediateDangerBanner(state(), wrekin, true)).toBeNull();
  });
});
