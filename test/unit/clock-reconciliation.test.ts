import { describe, expect, it } from 'vitest';
import { reconcileClocks } from '../../functions/core/rules/clock-reconciliation.js';

const plan = (...keys: string[]) => keys.map((key) => ({ key, deadline: key.slice(key.indexOf('@') + 1) }));
const IC = 'initialContact@2026-03-05T10:00:00.000Z';
const RC = 'regularContact@2026-03-18T10:00:00.000Z';
const RC2 = 'regularContact@2026-03-24T10:00:00.000Z';

describe('DOMAIN "How clocks count": the running clocks follow the plan', () => {
  it('a new plan starts each planned clock at generation 0', () => {
    // Act
    const r = reconcileClocks(plan(IC, RC), { clocks: {}, stopped: {} });
    // Assess
    expect(r.start).toEqual([
      { key: IC, deadline: '2026-03-05T10:00:00.000Z', generation: 0 },
      { key: RC, deadline: '2026-03-18T10:00:00.000Z', generation: 0 },
    ]);
    expect(r.stop).toEqual([]);
    expect(r).toMatchObject({ clocks: { [IC]: 0, [RC]: 0 }, stopped: {} });
  });
  it('001 §7: a contact moves the fortnight: the new key starts, the superseded one stops', () => {
    // Act
    const r = reconcileClocks(plan(IC, RC2), { clocks: { [IC]: 0, [RC]: 0 }, stopped: {} });
    // Assess
    expect(r.start).toEqual([{ key: RC2, deadline: '2026-03-24T10:00:00.000Z', generation: 0 }]);
    expect(r.stop).toEqual([{ key: RC, generation: 0 }]);
    expect(r).toMatchObject({ clocks: { [IC]: 0, [RC2]: 0 }, stopped: { [RC]: 0 } });
  });
  it('re-planning the same case starts and stops nothing', () => {
    // Act
    const r = reconcileClocks(plan(IC), { clocks: { [IC]: 1 }, stopped: { [IC]: 0 } });
    // Assess
    expect([r.start, r.stop]).toEqual([[], []]);
    expect(r).toMatchObject({ clocks: { [IC]: 1 }, stopped: { [IC]: 0 } });
  });
  it('a clock stopped and planned again runs as the next generation (an ended execution name is never reused)', () => {
    // Act
    const r = reconcileClocks(plan(IC), { clocks: {}, stopped: { [IC]: 1 } });
    // Assess
    expect(r.start).toEqual([{ key: IC, deadline: '2026-03-05T10:00:00.000Z', generation: 2 }]);
  });
  it('003: an empty plan (the case closed) stops every running clock and keeps what it stopped', () => {
    // Prepare
    const ledger = { clocks: { [IC]: 0, [RC]: 1 }, stopped: { [RC]: 0 } };
    // Act
    const r = reconcileClocks([], ledger);
    // Assess
    expect(r.stop).toEqual([
      { key: IC, generation: 0 },
      { key: RC, generation: 1 },
    ]);
    expect(r).toMatchObject({ clocks: {}, stopped: { [IC]: 0, [RC]: 1 } });
    expect(ledger.clocks).toEqual({ [IC]: 0, [RC]: 1 }); // the ledger read is not changed
  });
});
