import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { PATHWAYS } from '../../functions/core/case.js';
import { PATHWAY_DEFINITIONS, pathwayPlan } from '../../functions/core/pathways.js';

const connect = getAssociation('connect-housing');

describe('pathways (002 §6)', () => {
  it('002 §6: the four pathways are defined, each with actions', () => {
    // Act
    const ids = PATHWAY_DEFINITIONS.map((p) => p.id);

    // Assess
    expect(ids.sort()).toEqual([...PATHWAYS].sort());
    for (const p of PATHWAY_DEFINITIONS) expect(p.actions.length).toBeGreaterThan(0);
  });
  it('002 §6: leaving in Kirklees gives NKWR for refuge space, the helpline and NCDV', () => {
    // Act
    const plan = pathwayPlan('leave-relationship-and-property', 'kirklees', connect);

    // Assess
    expect(plan.actions.some((a) => /refuge space/.test(a))).toBe(true);
    expect(plan.local.refuge?.[0]?.phone).toBe('0192 446 5238');
    expect(plan.national.map((s) => s.phone)).toContain('0808 2000 247');
    expect(plan.national.map((s) => s.name).join()).toMatch(/NCDV/);
  });
  it("002 §6: staying in the relationship includes a Clare's Law request on 101", () => {
    // Act
    const plan = pathwayPlan('stay-in-relationship', 'leeds', connect);

    // Assess
    expect(plan.actions.join(' ')).toMatch(/Clare's Law.*101/);
  });
  it('002 §6: ending the relationship and staying gives the area sanctuary scheme (Leeds 0113 246 0401)', () => {
    // Act
    const plan = pathwayPlan('end-relationship-stay-in-property', 'leeds', connect);

    // Assess
    expect(plan.local.sanctuary?.map((s) => s.phone)).toEqual(['0113 246 0401']);
    expect(plan.actions.join(' ')).toMatch(/target-hardening/);
  });
  it("002 §6: the perpetrator pathway gives perpetrator services only ('I need help to Stop', Respect)", () => {
    // Act
    const plan = pathwayPlan('resident-is-perpetrator', 'wakefield', connect);

    // Assess
    expect(plan.national.map((s) => s.phone).sort()).toEqual(['0784 939 8711', '0808 802 4040']);
    expect(plan.actions.join(' ')).toMatch(/Lone Working/);
    expect(plan.local).toEqual({});
  });
  it('002 §6: area contacts differ: Calderdale gives Staying Safe', () => {
    // Act
    const plan = pathwayPlan('stay-in-relationship', 'calderdale', connect);

    // Assess
    expect(plan.local['domestic-abuse-service']?.[0]?.phone).toBe('0142 232 3339');
  });
  it('002 §6: area contacts differ: Wakefield gives the Wakefield Domestic Abuse Service', () => {
    // Act
    const plan = pathwayPlan('stay-in-relationship', 'wakefield', connect);

    // Assess
    expect(plan.local['domestic-abuse-service']?.[0]?.phone).toBe('0800 915 1561');
  });
  it('an association whose policy has no pathways is refused', () => {
    // Prepare
    const manchester = getAssociation('one-manchester');

    // Act
    const act = () => pathwayPlan('stay-in-relationship', 'manchester', manchester);

    // Assess
    expect(act).toThrow(/does not use pathways/);
  });
  it('an unknown area is named with the known ones', () => {
    // Act
    const act = () => pathwayPlan('stay-in-relationship', 'bradford', connect);

    // Assess
    expect(act).toThrow(/"bradford".*kirklees, leeds, wakefield, calderdale/);
  });
});
