import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { ENDS_WITH_CASE, closureBlockers } from '../../functions/core/case-status.js';
import { applyCommand, type CommandContext } from '../../functions/core/commands.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import type { Duty } from '../../functions/core/duties.js';
import { state } from './routing-fixtures.js';

const ctx = (association: string, now = '2026-03-05T10:00:00.000Z'): CommandContext => ({ config: getAssociation(association), now: new Date(now), actor: 'officer-1' });

describe('duties that end only with the case (001 §7, 000)', () => {
  const cases: [Duty, string, string][] = [
    ['regular-contact', 'sada-herts', 'regularContact'],
    ['case-resolved', 'housing-21', 'holdingArea'],
  ];
  for (const [duty, association, clock] of cases) {
    for (const outcome of ['done', 'no-further-action'] as const) {
      it(`${duty} (${association}): marking it ${outcome} is refused with 422 naming the duty, and its clock keeps running`, () => {
        const s = state();
        expect(planClocks(s, ctx(association).config).some((p) => p.clock === clock)).toBe(true);
        const r = applyCommand(s, { kind: 'action', duty, input: { outcome, reason: 'resolved' } }, ctx(association));
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.status).toBe(422);
        expect(r.problems).toEqual([{ field: 'duty', problem: expect.stringContaining(`${duty} ends only when the case is closed`) }]);
        expect(JSON.stringify(r)).not.toContain('resolved"');
      });
    }
  }
  it('000: case-resolved refusal says to pause the 21-day clock instead', () => {
    const r = applyCommand(state(), { kind: 'action', duty: 'case-resolved', input: { outcome: 'done' } }, ctx('housing-21'));
    expect(r.ok ? '' : r.problems[0]!.problem).toBe('case-resolved ends only when the case is closed; pause the 21-day clock instead');
  });
  it('the refused duties are the ones closure does not wait for (one list)', () => {
    expect([...ENDS_WITH_CASE].sort()).toEqual(['case-resolved', 'regular-contact']);
    const s = { ...state(), closureDiscussedWithVictim: true };
    for (const d of ENDS_WITH_CASE) expect(closureBlockers(s, ctx('housing-21').config).join(' ')).not.toContain(d);
  });
  it('other duties may still be marked done', () => {
    const r = applyCommand(state(), { kind: 'action', duty: 'dash-assessment', input: { outcome: 'done' } }, ctx('housing-21'));
    expect(r.ok).toBe(true);
  });
});

describe('004 §7.4.9: emergency security works within 24 hours of the violent incident being reported', () => {
  const om = getAssociation('one-manchester');
  const worksDue = (s: Parameters<typeof planClocks>[0]) => planClocks(s, om).find((p) => p.clock === 'emergencySecurityWorks')?.deadline;
  const at = (iso: string): CommandContext => ({ config: om, now: new Date(iso), actor: 'officer-1' });
  const violentReport = () => state({ reportedAt: '2026-03-02T09:00:00.000Z', associationId: 'one-manchester' }, { violentIncident: true, victimStayingInHome: true });

  it('a violent report at 2 Mar 09:00Z is due 3 Mar 09:00Z; a non-violent incident at 3 Mar 05:00Z does not move it', () => {
    const s = violentReport();
    expect(worksDue(s)).toBe('2026-03-03T09:00:00.000Z');
    const r = applyCommand(s, { kind: 'incident', input: { violent: false } }, at('2026-03-03T05:00:00.000Z'));
    if (!r.ok) throw new Error(r.error);
    expect(r.state.incidents).toContain('2026-03-03T05:00:00.000Z');
    expect(worksDue(r.state)).toBe('2026-03-03T09:00:00.000Z');
  });
  it('a second violent incident after the works were done opens a new 24-hour clock from when it is reported', () => {
    const s = violentReport();
    s.duties['emergency-security-works'] = { status: 'done', at: '2026-03-02T15:00:00.000Z', by: 'officer-1' };
    expect(worksDue(s)).toBeUndefined();
    const r = applyCommand(s, { kind: 'incident', input: { violent: true, at: '2026-03-09T20:00:00.000Z' } }, at('2026-03-10T11:00:00.000Z'));
    if (!r.ok) throw new Error(r.error);
    expect(r.state.duties['emergency-security-works']).toEqual({ status: 'open', at: '2026-03-10T11:00:00.000Z' });
    expect(worksDue(r.state)).toBe('2026-03-11T11:00:00.000Z');
    // A non-violent one after that leaves the new clock alone.
    const r2 = applyCommand(r.state, { kind: 'incident', input: { violent: false } }, at('2026-03-10T23:00:00.000Z'));
    expect(r2.ok && worksDue(r2.state)).toBe('2026-03-11T11:00:00.000Z');
  });
  it('recording violentIncident as a fact starts the clock from then; repeating the fact does not restart it', () => {
    const s = state({ reportedAt: '2026-03-02T09:00:00.000Z' }, { victimStayingInHome: true });
    expect(worksDue(s)).toBeUndefined();
    const r = applyCommand(s, { kind: 'facts', input: { violentIncident: true } }, at('2026-03-04T12:00:00.000Z'));
    if (!r.ok) throw new Error(r.error);
    expect(worksDue(r.state)).toBe('2026-03-05T12:00:00.000Z');
    const again = applyCommand(r.state, { kind: 'facts', input: { violentIncident: true } }, at('2026-03-04T18:00:00.000Z'));
    expect(again.ok && worksDue(again.state)).toBe('2026-03-05T12:00:00.000Z');
  });
});
