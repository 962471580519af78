import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { closureBlockers, ENDS_WITH_CASE } from '../../functions/core/case-status.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { applyCommand, type Command } from '../../functions/core/commands/index.js';
import type { CommandContext } from '../../functions/core/commands/types.js';
import type { Duty } from '../../functions/core/duties.js';
import { defined } from '../support/defined.js';
import { refusalOf } from '../support/refusal.js';
import { state } from './routing-fixtures.js';

const ctx = (association: string, now = '2026-03-05T10:00:00.000Z'): CommandContext => ({
  config: getAssociation(association),
  now: new Date(now),
  actor: 'officer-1',
});

describe('duties that end only with the case (001 §7, 000)', () => {
  const cases: [Duty, string, string][] = [
    ['regular-contact', 'sada-herts', 'regularContact'],
    ['case-resolved', 'housing-21', 'holdingArea'],
  ];
  for (const [duty, association, clock] of cases) {
    for (const outcome of ['done', 'no-further-action'] as const) {
      it(`${duty} (${association}): marking it ${outcome} is refused as unprocessable naming the duty, and its clock keeps running`, () => {
        // Prepare
        const s = state();
        expect(planClocks(s, ctx(association).config).some((p) => p.clock === clock)).toBe(true);
        // Act
        const r = refusalOf(s, { kind: 'action', duty, input: { outcome, reason: 'resolved' } }, ctx(association));
        // Assess
        expect(r.kind).toBe('unprocessable');
        expect(r.problems).toEqual([
          { field: 'duty', problem: expect.stringContaining(`${duty} ends only when the case is closed`) },
        ]);
        expect(JSON.stringify({ message: r.message, problems: r.problems, missing: r.missing })).not.toContain(
          'resolved"',
        );
      });
    }
  }
  it('000: case-resolved refusal says to pause the 21-day clock instead', () => {
    // Act
    const r = refusalOf(
      state(),
      { kind: 'action', duty: 'case-resolved', input: { outcome: 'done' } },
      ctx('housing-21'),
    );
    // Assess
    expect(defined(r.problems.at(0), 'a problem').problem).toBe(
      'case-resolved ends only when the case is closed; pause the 21-day clock instead',
    );
  });
  it('the refused duties are the ones closure does not wait for (one list)', () => {
    // Prepare
    const s = { ...state(), closureDiscussedWithVictim: true };
    // Act
    const blockers = closureBlockers(s, ctx('housing-21').config).join(' ');
    // Assess
    expect([...ENDS_WITH_CASE].sort()).toEqual(['case-resolved', 'regular-contact']);
    for (const d of ENDS_WITH_CASE) expect(blockers).not.toContain(d);
  });
  it('other duties may still be marked done', () => {
    // Act
    const r = applyCommand(
      state(),
      { kind: 'action', duty: 'dash-assessment', input: { outcome: 'done' } },
      ctx('housing-21'),
    );
    // Assess
    expect(r.state.duties['dash-assessment']?.status).toBe('done');
  });
});

describe('004 §7.4.9: emergency security works within 24 hours of the violent incident being reported', () => {
  const om = getAssociation('one-manchester');
  const worksDue = (s: Parameters<typeof planClocks>[0]) =>
    planClocks(s, om).find((p) => p.clock === 'emergencySecurityWorks')?.deadline;
  const at = (iso: string): CommandContext => ({ config: om, now: new Date(iso), actor: 'officer-1' });
  const violentReport = () =>
    state(
      { reportedAt: '2026-03-02T09:00:00.000Z', associationId: 'one-manchester' },
      { violentIncident: true, victimStayingInHome: true },
    );

  it('a violent report at 2 Mar 09:00Z is due 3 Mar 09:00Z; a non-violent incident at 3 Mar 05:00Z does not move it', () => {
    // Prepare
    const s = violentReport();
    expect(worksDue(s)).toBe('2026-03-03T09:00:00.000Z');
    // Act
    const r = applyCommand(s, { kind: 'incident', input: { violent: false } }, at('2026-03-03T05:00:00.000Z'));
    // Assess
    expect(r.state.incidents).toContain('2026-03-03T05:00:00.000Z');
    expect(worksDue(r.state)).toBe('2026-03-03T09:00:00.000Z');
  });
  it('a second violent incident after the works were done opens a new 24-hour clock from when it is reported', () => {
    // Prepare
    const s = violentReport();
    s.duties['emergency-security-works'] = { status: 'done', at: '2026-03-02T15:00:00.000Z', by: 'officer-1' };
    expect(worksDue(s)).toBeUndefined();
    // Act
    const violent = { kind: 'incident', input: { violent: true, at: '2026-03-09T20:00:00.000Z' } } as const;
    const r = applyCommand(s, violent, at('2026-03-10T11:00:00.000Z'));
    // A non-violent one after that leaves the new clock alone.
    const r2 = applyCommand(r.state, { kind: 'incident', input: { violent: false } }, at('2026-03-10T23:00:00.000Z'));
    // Assess
    expect(r.state.duties['emergency-security-works']).toEqual({ status: 'open', at: '2026-03-10T11:00:00.000Z' });
    expect(worksDue(r.state)).toBe('2026-03-11T11:00:00.000Z');
    expect(worksDue(r2.state)).toBe('2026-03-11T11:00:00.000Z');
  });
  it('recording violentIncident as a fact starts the clock from then; repeating the fact does not restart it', () => {
    // Prepare
    const s = state({ reportedAt: '2026-03-02T09:00:00.000Z' }, { victimStayingInHome: true });
    expect(worksDue(s)).toBeUndefined();
    // Act
    const r = applyCommand(s, { kind: 'facts', input: { violentIncident: true } }, at('2026-03-04T12:00:00.000Z'));
    const again = applyCommand(
      r.state,
      { kind: 'facts', input: { violentIncident: true } },
      at('2026-03-04T18:00:00.000Z'),
    );
    // Assess
    expect(worksDue(r.state)).toBe('2026-03-05T12:00:00.000Z');
    expect(worksDue(again.state)).toBe('2026-03-05T12:00:00.000Z');
  });
});

describe('a command never changes the case it was given', () => {
  it('003: a refused close leaves the case as it was', () => {
    // Prepare
    const s = state();
    const before = structuredClone(s);
    // Act
    refusalOf(
      s,
      { kind: 'close', input: { discussedWithVictim: true, outcome: 'action-plan-complete' } },
      ctx('housing-21'),
    );
    // Assess
    expect(s).toEqual(before);
  });
});

describe('002 §6, 003, 004 §7.4.3: what was done about immediate danger is recorded with the action command', () => {
  it('done without words is refused naming the reason; with them the duty is done, the 999 clock leaves the plan (Wrekin)', () => {
    // Prepare
    const s = state({}, { immediateDanger: true });
    const c = ctx('wrekin', '2026-03-04T10:12:00.000Z');
    // Act
    const bare = refusalOf(s, { kind: 'action', duty: 'advise-emergency-services', input: { outcome: 'done' } }, c);
    const done = applyCommand(
      s,
      { kind: 'action', duty: 'advise-emergency-services', input: { outcome: 'done', reason: 'Rang 999 for her' } },
      c,
    );
    // Assess
    expect(bare.kind).toBe('invalid');
    expect(bare.problems.map((p) => p.field)).toEqual(['reason']);
    expect(done.state.duties['advise-emergency-services']).toMatchObject({
      status: 'done',
      at: '2026-03-04T10:12:00.000Z',
      by: 'officer-1',
      reason: 'Rang 999 for her',
    });
    expect(planClocks(done.state, c.config).map((p) => p.clock)).not.toContain('emergencyAdvice');
  });
});

describe('actions recorded another way, so no contact skips the plan and no clock is silently lost (004 §7.3, §7.5.1)', () => {
  it('004 §7.5.1: initial contact is not marked done as an action: it is recorded as a contact, checked against the plan', () => {
    // Prepare
    const s = state();
    // Act
    const r = refusalOf(s, { kind: 'action', duty: 'initial-contact', input: { outcome: 'done' } }, ctx('wrekin'));
    // Assess
    expect(r.kind).toBe('unprocessable');
    expect(r.problems).toEqual([{ field: 'duty', problem: expect.stringContaining('by recording the contact') }]);
  });

  it('004 §7.3: deciding how to make contact safely is done by recording the plan, never by a tick', () => {
    // Prepare: One Manchester decides first; no safe way is known
    const s = state({}, { safeContact: 'none-known' });
    // Act
    const r = refusalOf(
      s,
      { kind: 'action', duty: 'decide-safe-contact', input: { outcome: 'done' } },
      ctx('one-manchester'),
    );
    // Assess
    expect(r.problems).toEqual([
      { field: 'duty', problem: expect.stringContaining('recording the safe-contact plan') },
    ]);
  });

  it('004 §7.3: the decision is closed off only after initial contact, whose clock would otherwise wait with none at all', () => {
    // Prepare
    const s = state({}, { safeContact: 'none-known' });
    const closeDecision: Command = {
      kind: 'action',
      duty: 'decide-safe-contact',
      input: { outcome: 'no-further-action', reason: 'MARAC is handling contact' },
    };
    const closeInitial: Command = {
      kind: 'action',
      duty: 'initial-contact',
      input: { outcome: 'no-further-action', reason: 'no safe way: MARAC is handling contact' },
    };
    // Act
    const first = refusalOf(s, closeDecision, ctx('one-manchester'));
    const afterInitial = applyCommand(
      applyCommand(s, closeInitial, ctx('one-manchester')).state,
      closeDecision,
      ctx('one-manchester'),
    );
    // Assess
    expect(first.problems).toEqual([{ field: 'duty', problem: expect.stringContaining('after initial contact') }]);
    expect(afterInitial.state.duties['decide-safe-contact']?.status).toBe('no-further-action');
  });
});
