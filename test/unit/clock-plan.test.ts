import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { isClockStillDue, planClocks } from '../../functions/core/clock-plan.js';
import { defined } from '../support/defined.js';
import { state } from './routing-fixtures.js';

const om = getAssociation('one-manchester');
const wrekin = getAssociation('wrekin');
const sada = getAssociation('sada-herts');
const h21 = getAssociation('housing-21');
const connect = getAssociation('connect-housing');

describe('clock plan', () => {
  it('004 §7.5.1: initial contact within 24 hours of the report (One Manchester)', () => {
    // Act
    const plan = planClocks(state({ reportedAt: '2026-03-06T16:00:00.000Z' }), om);
    // Assess
    expect(plan).toEqual([
      {
        key: 'initialContact@2026-03-07T16:00:00.000Z',
        clock: 'initialContact',
        duty: 'initial-contact',
        startsAt: '2026-03-06T16:00:00.000Z',
        deadline: '2026-03-07T16:00:00.000Z',
      },
    ]);
  });
  it('003: initial contact within one working day (Wrekin): a Saturday report is due Monday', () => {
    // Act
    const plan = planClocks(state({ reportedAt: '2026-03-07T14:00:00.000Z' }), wrekin);
    // Assess
    expect(plan.map((p) => p.key)).toEqual(['initialContact@2026-03-09T14:00:00.000Z']);
  });
  it('002 §6: safeguarding log within 24 hours of the disclosure (Connect)', () => {
    // Act
    const plan = planClocks(state(), connect);
    // Assess
    expect(plan.map((p) => p.key)).toEqual(['safeguardingLog@2026-03-05T10:00:00.000Z']);
  });
  it('000: Local Authority report 24 hours and 21-day holding area (Housing 21); CQC only with a care trigger', () => {
    // Act
    const without = planClocks(state(), h21);
    const withCare = planClocks(state({}, { receivesRegisteredCare: true }), h21);
    // Assess
    expect(without.map((p) => p.clock)).toEqual(['localAuthorityReport', 'holdingArea']);
    expect(withCare.map((p) => p.key)).toEqual([
      'localAuthorityReport@2026-03-05T10:00:00.000Z',
      'cqcReport@2026-03-05T10:00:00.000Z',
      'cqcNotifiableLimit@2026-03-11T10:00:00.000Z',
      'holdingArea@2026-03-25T10:00:00.000Z',
    ]);
  });
  it('001 §7: contact at least every 14 days from the last contact', () => {
    // Prepare
    const s = state({ contacts: ['2026-03-05T09:00:00.000Z', '2026-03-12T11:30:00.000Z'] });
    // Act
    const c = planClocks(s, sada).find((p) => p.clock === 'regularContact');
    // Assess
    expect(c?.startsAt).toBe('2026-03-12T11:30:00.000Z');
    expect(c?.deadline).toBe('2026-03-26T11:30:00.000Z');
  });
  it('001 §7: regular contact from the report when there has been no contact yet', () => {
    // Act
    const c = planClocks(state(), sada).find((p) => p.clock === 'regularContact');
    // Assess
    expect(c?.deadline).toBe('2026-03-18T10:00:00.000Z');
  });
  it('001 §7: "unless agreed otherwise with the victim": the agreed rhythm replaces 14 days', () => {
    // Act
    const c = planClocks(state({ agreedContactRhythm: { days: 28 } }), sada).find((p) => p.clock === 'regularContact');
    // Assess
    expect(c?.deadline).toBe('2026-04-01T09:00:00.000Z'); // 28 London days later, across the clocks change
  });
  it('DOMAIN "How clocks count": a duty done or closed off with no further action has no clock', () => {
    // Prepare
    const done = state({ duties: { 'initial-contact': { status: 'done', at: '2026-03-04T12:00:00.000Z' } } });
    const nfa = state({ duties: { 'initial-contact': { status: 'no-further-action', reason: 'x' } } });
    // Act
    const plans = [planClocks(done, om), planClocks(nfa, om)];
    // Assess
    expect(plans).toEqual([[], []]);
  });
  it('DOMAIN "How clocks count": a closed or signposted case has no clocks', () => {
    // Act
    const plans = [planClocks(state({ status: 'closed' }), om), planClocks(state({ status: 'signposted' }), om)];
    // Assess
    expect(plans[0]).toEqual([]);
    expect(plans[1]).toEqual([]);
  });
  it('004 §7.5.2: a non-resident case has no clocks', () => {
    // Act
    const plan = planClocks(state({}, { resident: false }), om);
    // Assess
    expect(plan).toEqual([]);
  });
  it('DOMAIN "How clocks count": re-planning the same case gives identical keys', () => {
    // Prepare
    const s = state({}, { violentIncident: true, children: true });
    // Act
    const again = planClocks(structuredClone(s), om);
    // Assess
    expect(planClocks(s, om)).toEqual(again);
  });
  it('DOMAIN "How clocks count": a clock whose key left the plan ends quietly; one still planned is due', () => {
    // Prepare
    const s = state({ contacts: ['2026-03-05T09:00:00.000Z'] });
    const first = defined(
      planClocks(s, sada).find((p) => p.clock === 'regularContact'),
      'a planned regular-contact clock',
    );
    // A new contact moves the deadline: the old key is no longer due.
    const later = { ...s, contacts: [...s.contacts, '2026-03-10T09:00:00.000Z'] };
    // Act
    const due = [
      isClockStillDue(first.key, s, sada),
      isClockStillDue(first.key, later, sada),
      isClockStillDue(first.key, { ...s, status: 'closed' }, sada),
    ];
    // Assess
    expect(due[0]).toBe(true);
    expect(due[1]).toBe(false);
    expect(due[2]).toBe(false);
  });
  it('DOMAIN "How clocks count": a deadline beyond the bank-holiday data is an error, not a guess', () => {
    // Act
    const plan = () => planClocks(state({ reportedAt: '2030-06-03T10:00:00.000Z' }), wrekin);
    // Assess
    expect(plan).toThrow();
  });
});

describe('clock plan: immediate danger (002 §6, 003, 004 §7.4.3)', () => {
  it('a report in immediate danger starts the 999-advice clock of minutes from the report (One Manchester, 30 minutes)', () => {
    // Act
    const plan = planClocks(state({ reportedAt: '2026-03-06T16:00:00.000Z' }, { immediateDanger: true }), om);
    // Assess
    expect(plan[0]).toEqual({
      key: 'emergencyAdvice@2026-03-06T16:30:00.000Z',
      clock: 'emergencyAdvice',
      duty: 'advise-emergency-services',
      startsAt: '2026-03-06T16:00:00.000Z',
      deadline: '2026-03-06T16:30:00.000Z',
    });
  });
  it('no immediate danger, no 999-advice clock (Wrekin)', () => {
    // Act
    const plan = planClocks(state({}, { immediateDanger: false }), wrekin);
    // Assess
    expect(plan.map((p) => p.clock)).not.toContain('emergencyAdvice');
  });
  it('what was done recorded (duty done): the 999-advice clock leaves the plan (Connect)', () => {
    // Prepare
    const s = state(
      { duties: { 'advise-emergency-services': { status: 'done', at: '2026-03-04T10:10:00.000Z' } } },
      { immediateDanger: true },
    );
    // Act
    const plan = planClocks(s, connect);
    // Assess
    expect(plan.map((p) => p.clock)).toEqual(['safeguardingLog']);
  });
});
