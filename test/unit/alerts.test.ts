import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { alertEmail, alertsFor, chainRoles } from '../../functions/core/rules/alerts.js';
import { state } from './routing-fixtures.js';

const wrekin = getAssociation('wrekin');
const chain = ['case-officer', 'line-manager', 'operations-manager', 'safeguarding-lead'];
const dash = (risk: 'standard' | 'medium' | 'high', at: string, maracRequired = risk === 'high') => ({
  score: 0,
  risk,
  maracRequired,
  at,
});

describe('alerts: who is told at once (002 §6, 003, 004 §7.4.3-4)', () => {
  it('002 §6: the chain is every role of the escalation tiers, first tier first, each once', () => {
    // Act
    const roles = chainRoles(wrekin);
    // Assess
    expect(roles).toEqual(chain);
  });
  it('003, 004 §7.4.3: immediate danger tells the whole chain, once per report', () => {
    // Prepare
    const s = state({}, { immediateDanger: true });
    // Act
    const alerts = alertsFor(s, wrekin);
    // Assess
    expect(alerts).toEqual([
      { id: 'alert:immediate-danger:2026-03-04T10:00:00.000Z', reason: 'immediate-danger', roles: chain },
    ]);
  });
  it('002 §6, 004 §7.4.4: a high-risk DASH tells the whole chain, once per DASH', () => {
    // Prepare
    const s = state({ dash: dash('high', '2026-03-06T10:00:00.000Z') }, { risk: 'high' });
    // Act
    const alerts = alertsFor(s, wrekin);
    // Assess
    expect(alerts).toEqual([{ id: 'alert:high-risk:2026-03-06T10:00:00.000Z', reason: 'high-risk', roles: chain }]);
  });
  it('002 §6: a DASH that requires MARAC counts as high risk whatever its level', () => {
    // Prepare
    const s = state({ dash: dash('medium', '2026-03-06T10:00:00.000Z', true) }, { risk: 'medium' });
    // Act
    const reasons = alertsFor(s, wrekin).map((a) => a.id);
    // Assess
    expect(reasons).toEqual(['alert:high-risk:2026-03-06T10:00:00.000Z']);
  });
  it('004 §7.4.4: high risk recorded before any DASH tells the chain, keyed by the report', () => {
    // Prepare
    const s = state({}, { risk: 'high' });
    // Act
    const alerts = alertsFor(s, wrekin);
    // Assess
    expect(alerts).toEqual([{ id: 'alert:high-risk:2026-03-04T10:00:00.000Z', reason: 'high-risk', roles: chain }]);
  });
  it('a case with no danger, no high risk and no DASH raises no alert', () => {
    // Act
    const alerts = alertsFor(state(), wrekin);
    // Assess
    expect(alerts).toEqual([]);
  });
});

describe('alerts: the DASH again after a new incident or a change in risk (002 §6, 001 §7)', () => {
  it('002 §6: incidents after the DASH ask the case officer for it again, keyed by the latest incident', () => {
    // Prepare
    const incidents = ['2026-03-04T10:00:00.000Z', '2026-03-08T10:00:00.000Z', '2026-03-07T10:00:00.000Z'];
    const s = state({ incidents, dash: dash('standard', '2026-03-05T10:00:00.000Z') }, { risk: 'standard' });
    // Act
    const alerts = alertsFor(s, wrekin);
    // Assess
    expect(alerts).toEqual([
      { id: 'alert:dash-review:2026-03-08T10:00:00.000Z', reason: 'dash-review', roles: ['case-officer'] },
    ]);
  });
  it('001 §7: a recorded risk that differs from the DASH asks for it again, once per level and DASH', () => {
    // Prepare
    const s = state({ dash: dash('standard', '2026-03-05T10:00:00.000Z') }, { risk: 'medium' });
    // Act
    const alerts = alertsFor(s, wrekin);
    // Assess
    expect(alerts).toEqual([
      { id: 'alert:dash-review:risk-medium:2026-03-05T10:00:00.000Z', reason: 'dash-review', roles: ['case-officer'] },
    ]);
  });
  it('002 §6: a risk not yet assessed, or the same as the DASH, asks for nothing', () => {
    // Act
    const alerts = [
      alertsFor(state({ dash: dash('standard', '2026-03-05T10:00:00.000Z') }), wrekin),
      alertsFor(state({ dash: dash('medium', '2026-03-05T10:00:00.000Z') }, { risk: 'medium' }), wrekin),
    ];
    // Assess
    expect(alerts).toEqual([[], []]);
  });
});

describe('alerts: the email', () => {
  it('003: the alert names the case reference and its link, and says it holds no personal details', () => {
    // Act
    const email = alertEmail({
      reason: 'immediate-danger',
      reference: 'WRK-0001',
      link: 'https://console.example/case.html?id=c1',
    });
    // Assess
    expect(email.subject).toBe('Action now: case WRK-0001');
    expect(email.text).toContain('advise 999');
    expect(email.text).toContain('Open the case: https://console.example/case.html?id=c1');
    expect(email.text).toContain('holds no personal details');
  });
});
