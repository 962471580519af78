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
