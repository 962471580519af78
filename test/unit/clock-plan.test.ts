import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { holdingDeadline, isClockStillDue, planClocks } from '../../functions/core/clock-plan.js';
import { closureBlockers } from '../../functions/core/case-status.js';
import type { CaseState } from '../../functions/core/case.js';
import { deadline } from '../../functions/core/clocks.js';
import { computeFigures } from '../../functions/core/figures.js';
import { route } from '../../functions/core/routing.js';
import { state } from './routing-fixtures.js';

const om = getAssociation('one-manchester');
const wrekin = getAssociation('wrekin');
const sada = getAssociation('sada-herts');
const h21 = getAssociation('housing-21');
const connect = getAssociation('connect-housing');

describe('clock plan', () => {
  it('004 §7.5.1: initial contact within 24 hours of the report (One Manchester)', () => {
    const plan = planClocks(state({ reportedAt: '2026-03-06T16:00:00.000Z' }), om);
    expect(plan).toEqual([
      { key: 'initialContact@2026-03-07T16:00:00.000Z', clock: 'initialContact', duty: 'initial-contact', startsAt: '2026-03-06T16:00:00.000Z', deadline: '2026-03-07T16:00:00.000Z' },
    ]);
  });
  it('003: initial contact within one working day (Wrekin): a Saturday report is due Monday', () => {
    const plan = planClocks(state({ reportedAt: '2026-03-07T14:00:00.000Z' }), wrekin);
    expect(plan.map((p) => p.key)).toEqual(['initialContact@2026-03-09T14:00:00.000Z']);
  });
  it('002 §6: safeguarding log within 24 hours of the disclosure (Connect)', () => {
    expect(planClocks(state(), connect).map((p) => p.key)).toEqual(['safeguardingLog@2026-03-05T10:00:00.000Z']);
  });
  it('000: Local Authority report 24 hours and 21-day holding area (Housing 21); CQC only with a care trigger', () => {
    expect(planClocks(state(), h21).map((p) => p.clock)).toEqual(['localAuthorityReport', 'holdingArea']);
    const withCare = planClocks(state({}, { receivesRegisteredCare: true }), h21);
    expect(withCare.map((p) => p.key)).toEqual([
      'localAuthorityReport@2026-03-05T10:00:00.000Z',
      'cqcReport@2026-03-05T10:00:00.000Z',
      'cqcNotifiableLimit@2026-03-11T10:00:00.000Z',
      'holdingArea@2026-03-25T10:00:00.000Z',
    ]);
  });
  it('004 §7.4.9: emergency security works within 24 hours of the violent incident being reported, opened with the duty', () => {
    const s = state({ incidents: ['2026-03-04T10:00:00.000Z', '2026-03-10T08:00:00.000Z'], duties: { 'emergency-security-works': { status: 'open', at: '2026-03-10T08:00:00.000Z' } } }, { violentIncident: true });
    const works = planClocks(s, om).find((p) => p.clock === 'emergencySecurityWorks');
    expect(works?.startsAt).toBe('2026-03-10T08:00:00.000Z');
    expect(works?.deadline).toBe('2026-03-11T08:00:00.000Z');
  });
  it('004 §7.4.9: a later incident that opened no new duty does not move the emergency-security-works clock', () => {
    const s = state({ incidents: ['2026-03-04T10:00:00.000Z', '2026-03-05T08:00:00.000Z'] }, { violentIncident: true });
    expect(planClocks(s, om).find((p) => p.clock === 'emergencySecurityWorks')?.deadline).toBe('2026-03-05T10:00:00.000Z');
  });
  it('001 §7: contact at least every 14 days from the last contact', () => {
    const s = state({ contacts: ['2026-03-05T09:00:00.000Z', '2026-03-12T11:30:00.000Z'] });
    const c = planClocks(s, sada).find((p) => p.clock === 'regularContact');
    expect(c?.startsAt).toBe('2026-03-12T11:30:00.000Z');
    expect(c?.deadline).toBe('2026-03-26T11:30:00.000Z');
  });
  it('001 §7: regular contact from the report when there has been no contact yet', () => {
    expect(planClocks(state(), sada).find((p) => p.clock === 'regularContact')?.deadline).toBe('2026-03-18T10:00:00.000Z');
  });
  it('001 §7: "unless agreed otherwise with the victim": the agreed rhythm replaces 14 days', () => {
    const c = planClocks(state({ agreedContactRhythm: { days: 28 } }), sada).find((p) => p.clock === 'regularContact');
    expect(c?.deadline).toBe('2026-04-01T09:00:00.000Z'); // 28 London days later, across the clocks change
  });
  it('000: the holding area is extended by completed pauses for statutory or legal action', () => {
    const s = state({ holdingPauses: [{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-13T10:00:00.000Z' }] });
    expect(planClocks(s, h21).find((p) => p.clock === 'holdingArea')?.deadline).toBe('2026-03-28T10:00:00.000Z');
  });
  it('000: no holding-area clock while statutory or legal action is ongoing', () => {
    const s = state({ holdingPauses: [{ from: '2026-03-10T10:00:00.000Z' }] });
    expect(planClocks(s, h21).map((p) => p.clock)).not.toContain('holdingArea');
  });
  it('DOMAIN "How clocks count": a duty done or closed off with no further action has no clock', () => {
    const done = state({ duties: { 'initial-contact': { status: 'done', at: '2026-03-04T12:00:00.000Z' } } });
    expect(planClocks(done, om)).toEqual([]);
    const nfa = state({ duties: { 'initial-contact': { status: 'no-further-action', reason: 'x' } } });
    expect(planClocks(nfa, om)).toEqual([]);
  });
  it('DOMAIN "How clocks count": a closed or signposted case has no clocks', () => {
    expect(planClocks(state({ status: 'closed' }), om)).toEqual([]);
    expect(planClocks(state({ status: 'signposted' }), om)).toEqual([]);
  });
  it('004 §7.5.2: a non-resident case has no clocks', () => {
    expect(planClocks(state({}, { resident: false }), om)).toEqual([]);
  });
  it('re-planning the same case gives identical keys', () => {
    const s = state({}, { violentIncident: true, children: true });
    expect(planClocks(s, om)).toEqual(planClocks(structuredClone(s), om));
  });
  it('a clock whose key left the plan ends quietly; one still planned is due', () => {
    const s = state({ contacts: ['2026-03-05T09:00:00.000Z'] });
    const [first] = planClocks(s, sada).filter((p) => p.clock === 'regularContact');
    expect(isClockStillDue(first!.key, s, sada)).toBe(true);
    // A new contact moves the deadline: the old key is no longer due.
    const later = { ...s, contacts: [...s.contacts, '2026-03-10T09:00:00.000Z'] };
    expect(isClockStillDue(first!.key, later, sada)).toBe(false);
    expect(isClockStillDue(first!.key, { ...s, status: 'closed' }, sada)).toBe(false);
  });
  it('DOMAIN "How clocks count": a deadline beyond the bank-holiday data is an error, not a guess', () => {
    expect(() => planClocks(state({ reportedAt: '2030-06-03T10:00:00.000Z' }), wrekin)).toThrow();
  });
});

describe('000: the 21-day holding area, one rule (holdingDeadline) for the plan, closure and the figures', () => {
  const days21 = { days: 21 } as const;
  const ew = 'england-and-wales' as const;
  const due = (c: Parameters<typeof holdingDeadline>[0], now?: string) => holdingDeadline(c, days21, ew, now ? new Date(now) : undefined).deadline.toISOString();
  const reportedAt = '2026-03-04T10:00:00.000Z'; // unpaused: 2026-03-25T10:00Z

  it('overlapping pauses count once', () => {
    const holdingPauses = [{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-13T10:00:00.000Z' }, { from: '2026-03-12T10:00:00.000Z', to: '2026-03-14T10:00:00.000Z' }];
    expect(due({ reportedAt, holdingPauses })).toBe('2026-03-29T10:00:00.000Z'); // 4 days paused, not 5
  });
  it('a pause is clipped to the start of the clock', () => {
    expect(due({ reportedAt, holdingPauses: [{ from: '2026-03-01T10:00:00.000Z', to: '2026-03-05T10:00:00.000Z' }] })).toBe('2026-03-26T10:00:00.000Z');
  });
  it('the clock starts at openedAt when given', () => {
    expect(due({ reportedAt, openedAt: '2026-03-06T10:00:00.000Z', holdingPauses: [] })).toBe('2026-03-27T10:00:00.000Z');
  });
  it('an open pause counts up to now; without now the deadline stands as it was when paused', () => {
    const c = { reportedAt, holdingPauses: [{ from: '2026-03-10T10:00:00.000Z' }] };
    expect(due(c, '2026-03-26T10:00:00.000Z')).toBe('2026-04-10T10:00:00.000Z');
    expect(holdingDeadline(c, days21, ew).paused).toBe(true);
    expect(due(c)).toBe('2026-03-25T10:00:00.000Z');
  });
  it('a pause begun after the deadline passed does not undo the breach', () => {
    expect(due({ reportedAt, holdingPauses: [{ from: '2026-03-27T10:00:00.000Z', to: '2026-04-03T10:00:00.000Z' }] })).toBe('2026-03-25T10:00:00.000Z');
  });
  it('DOMAIN "How clocks count": a pause across the 25 Oct 2026 clocks change adds the 49 hours that really passed', () => {
    // 10 Oct 10:00 BST + 21 London days = 31 Oct 10:00 GMT; paused 24 Oct 12:00 BST to 26 Oct 12:00 GMT.
    const c = { reportedAt: '2026-10-10T09:00:00.000Z', holdingPauses: [{ from: '2026-10-24T11:00:00.000Z', to: '2026-10-26T12:00:00.000Z' }] };
    expect(deadline(new Date(c.reportedAt), days21, ew).toISOString()).toBe('2026-10-31T10:00:00.000Z');
    expect(due(c)).toBe('2026-11-02T11:00:00.000Z');
  });

  /** A Housing 21 case ready to close but for the holding period (no reason recorded). */
  function ready(holdingPauses: CaseState['holdingPauses']): CaseState {
    const s = state({ holdingPauses, closureDiscussedWithVictim: true });
    for (const a of route(s.facts, h21)) if (a.duty !== 'case-resolved') s.duties[a.duty] = { status: 'done', at: reportedAt };
    return s;
  }
  const over = (s: CaseState, now: Date) =>
    computeFigures([{ reportedAt: s.reportedAt, status: 'open', abuseTypes: [], contacts: [], maracReferrals: [], holdingPauses: s.holdingPauses, risk: 'standard' }], { from: '2026-03-01', to: '2026-03-31' }, { holdingArea: days21, nation: ew }, now, deadline).openOverHoldingLimit?.over;
  const blocked = (s: CaseState, now: Date) => closureBlockers(s, h21, now).some((b) => /holding period/.test(b));

  it('the clock plan, closure and the figures agree on the same case (overlapping closed pauses)', () => {
    const s = ready([{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-13T10:00:00.000Z' }, { from: '2026-03-12T10:00:00.000Z', to: '2026-03-14T10:00:00.000Z' }]);
    const planned = planClocks(s, h21).find((p) => p.clock === 'holdingArea')!.deadline;
    expect(planned).toBe('2026-03-29T10:00:00.000Z');
    const at = new Date(planned);
    const after = new Date(at.getTime() + 60_000);
    expect([blocked(s, at), over(s, at)]).toEqual([false, 0]);
    expect([blocked(s, after), over(s, after)]).toEqual([true, 1]);
  });
  it('closure and the figures agree while paused (the plan runs no clock)', () => {
    const s = ready([{ from: '2026-03-10T10:00:00.000Z' }]);
    expect(planClocks(s, h21).map((p) => p.clock)).not.toContain('holdingArea');
    const now = new Date('2026-04-20T10:00:00.000Z');
    expect([blocked(s, now), over(s, now)]).toEqual([false, 0]);
  });
});
