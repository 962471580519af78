/**
 * The linked cases' MARAC referrals in a case's clear work-queue facts (store/worklist-meta.ts): each
 * is rebuilt from its values, the instant and its case's area and officer ids only, oldest first; a
 * plain instant, as items written before the place was kept hold it, reads as a place not known.
 */
import { describe, expect, it } from 'vitest';
import { readWorklist } from '../../functions/adapters/store/worklist-meta.js';

const base = { children: false, staffSafety: false, maracReferrals: [], actions: [], deadlines: [] };

describe('the linked MARAC referrals as read back from an item', () => {
  it('000: a new entry keeps its instant, area and officer ids, and nothing else', () => {
    // Prepare
    const item = {
      ...base,
      linkedMaracReferrals: [
        { at: '2026-03-01T10:00:00Z', place: { area: 'leeds', assignedOfficer: 'officer-l', name: 'CNRY' } },
        { at: '2026-01-01T10:00:00.000Z', place: {}, note: 'CNRY' },
      ],
    };

    // Act
    const read = readWorklist(item);

    // Assess
    expect(read?.linkedMaracReferrals).toEqual([
      { at: '2026-01-01T10:00:00.000Z', place: {} },
      { at: '2026-03-01T10:00:00.000Z', place: { area: 'leeds', assignedOfficer: 'officer-l' } },
    ]);
    expect(JSON.stringify(read)).not.toContain('CNRY');
  });

  it('000: an old entry (a plain instant) reads as a referral whose place is not known', () => {
    // Act
    const read = readWorklist({ ...base, linkedMaracReferrals: ['2026-02-01T10:00:00.000Z'] });

    // Assess
    expect(read?.linkedMaracReferrals).toEqual([{ at: '2026-02-01T10:00:00.000Z' }]);
  });

  it('000: an entry with no instant is dropped, never echoed; an item with none reads as none', () => {
    // Act
    const read = readWorklist({
      ...base,
      linkedMaracReferrals: ['CNRY', { at: 'CNRY', place: { area: 'leeds' } }, { place: {} }, 7, null],
    });

    // Assess
    expect(read?.linkedMaracReferrals).toEqual([]);
    expect(readWorklist(base)?.linkedMaracReferrals).toEqual([]);
  });
});
