import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../functions/core/case.js';
import { consentStatus, maySharePlanWith, validateOverride } from '../../functions/core/consent.js';
import type { RequiredAction } from '../../functions/core/routing.js';

const marac: Pick<RequiredAction, 'duty' | 'consent' | 'overrideBases'> = {
  duty: 'marac-referral',
  consent: 'required-unless-override',
  overrideBases: ['marac-threshold'],
};
const specialist: Pick<RequiredAction, 'duty' | 'consent' | 'overrideBases'> = {
  duty: 'specialist-support-referral',
  consent: 'required',
  overrideBases: [],
};
const log: Pick<RequiredAction, 'duty' | 'consent' | 'overrideBases'> = {
  duty: 'safeguarding-log',
  consent: 'not-needed',
  overrideBases: [],
};
const rec = (r: Partial<ConsentRecord>): ConsentRecord => ({
  duty: 'marac-referral',
  decision: 'given',
  at: '2026-03-04T10:00:00.000Z',
  by: 'officer-1',
  ...r,
});

describe('consent status', () => {
  it('004 §7.5.4: nothing is done without consent', () => {
    // Act
    const s = consentStatus(marac, []);

    // Assess
    expect(s).toMatchObject({ mayProceed: false, basis: null });
    expect(s.missing).toMatch(/consent/);
  });
  it("004 §7.5.4: with the victim's consent the action proceeds on the basis of consent", () => {
    // Act
    const s = consentStatus(marac, [rec({ decision: 'given' })]);

    // Assess
    expect(s).toEqual({ mayProceed: true, basis: 'consent' });
  });
  it('002 §6: a MARAC referral may proceed without consent on the MARAC threshold, with a reason', () => {
    // Act
    const s = consentStatus(marac, [
      rec({ decision: 'refused' }),
      rec({ decision: 'overridden', basis: 'marac-threshold', reason: 'DASH 16', at: '2026-03-05T10:00:00.000Z' }),
    ]);

    // Assess
    expect(s).toEqual({ mayProceed: true, basis: 'marac-threshold' });
  });
  it('004 §8.3: an override on a basis not allowed for the action does not count', () => {
    // Act
    const s = consentStatus(marac, [rec({ decision: 'overridden', basis: 'legal-request', reason: 'x' })]);

    // Assess
    expect(s.mayProceed).toBe(false);
    expect(s.missing).toMatch(/marac-threshold/);
  });
  it('DOMAIN consent: an override without a reason does not count', () => {
    // Act
    const s = consentStatus(marac, [rec({ decision: 'overridden', basis: 'marac-threshold', reason: '  ' })]);

    // Assess
    expect(s.mayProceed).toBe(false);
  });
  it('004 §7.4.5: a specialist referral cannot be overridden', () => {
    // Act
    const s = consentStatus(specialist, [
      rec({ duty: 'specialist-support-referral', decision: 'overridden', basis: 'safeguarding-concern', reason: 'x' }),
    ]);

    // Assess
    expect(s.mayProceed).toBe(false);
  });
  it('004 §7.4.5: refusal stops a specialist referral', () => {
    // Act
    const s = consentStatus(specialist, [rec({ duty: 'specialist-support-referral', decision: 'refused' })]);

    // Assess
    expect(s.missing).toMatch(/refused/);
  });
  it('the newest decision counts: consent given then withdrawn stops the action', () => {
    // Act
    const s = consentStatus(marac, [
      rec({ decision: 'given' }),
      rec({ decision: 'refused', at: '2026-03-06T10:00:00.000Z' }),
    ]);

    // Assess
    expect(s.mayProceed).toBe(false);
  });
  it('002 §6: an internal safeguarding log needs no consent', () => {
    // Act
    const s = consentStatus(log, []);

    // Assess
    expect(s).toEqual({ mayProceed: true, basis: 'not-needed' });
  });
  it('a consent for another duty does not count', () => {
    // Act
    const s = consentStatus(marac, [rec({ duty: 'childrens-social-care-referral' })]);

    // Assess
    expect(s.mayProceed).toBe(false);
  });
});

describe('validate override', () => {
  it('002 §6: MARAC threshold override with a reason is valid for a MARAC referral', () => {
    // Act
    const r = validateOverride({ duty: 'marac-referral', basis: 'marac-threshold', reason: 'DASH score 15' });

    // Assess
    expect(r).toEqual({ ok: true, problems: [] });
  });
  it("002 §6, 004 §7.6.7: children's referral may be overridden on a safeguarding concern", () => {
    // Act
    const r = validateOverride({
      duty: 'childrens-social-care-referral',
      basis: 'safeguarding-concern',
      reason: 'telling the parent would put the child at risk',
    });

    // Assess
    expect(r.ok).toBe(true);
  });
  it('004 §8.3: the basis must be allowed for that action', () => {
    // Act
    const r = validateOverride({ duty: 'marac-referral', basis: 'legal-request', reason: 'x' });

    // Assess
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { field: 'basis', problem: expect.stringContaining('not allowed for marac-referral') },
    ]);
  });
  it('DOMAIN consent: a reason is required', () => {
    // Act
    const r = validateOverride({ duty: 'marac-referral', basis: 'marac-threshold', reason: ' ' });

    // Assess
    expect(r.problems.map((p) => p.field)).toEqual(['reason']);
  });
  it('004 §7.4.5: a consent-only duty cannot be overridden', () => {
    // Act
    const r = validateOverride({ duty: 'specialist-support-referral', basis: 'safeguarding-concern', reason: 'x' });

    // Assess
    expect(r.problems.map((p) => p.field)).toContain('duty');
  });
  it('unknown duty and unknown basis are named, never echoed', () => {
    // Act
    const r = validateOverride({ duty: 'secret-canary-duty', basis: 'canary-basis', reason: 'x' });

    // Assess
    expect(r.problems.map((p) => p.field)).toEqual(['duty', 'basis']);
    expect(JSON.stringify(r)).not.toMatch(/canary/);
  });
});

describe('safety-plan sharing', () => {
  const given = [rec({ duty: 'safety-plan', decision: 'given' })];
  it('000: shared with a key contact with explicit consent, for a permitted item', () => {
    // Act
    const r = maySharePlanWith({ permitted: ['code-word'] }, 'code-word', given);

    // Assess
    expect(r).toEqual({ mayShare: true, basis: 'consent' });
  });
  it('000: an item not permitted is not shared, even with consent', () => {
    // Act
    const r = maySharePlanWith({ permitted: ['code-word'] }, 'escape-route', given);

    // Assess
    expect(r.mayShare).toBe(false);
  });
  it('000: a permitted item is not shared without explicit consent', () => {
    // Act
    const r = maySharePlanWith({ permitted: ['code-word'] }, 'code-word', []);

    // Assess
    expect(r.mayShare).toBe(false);
  });
  it('000: a legal request allows sharing without consent', () => {
    // Prepare
    const legal = [rec({ duty: 'safety-plan', decision: 'overridden', basis: 'legal-request', reason: 'court order' })];

    // Act
    const r = maySharePlanWith({ permitted: [] }, 'escape-route', legal);

    // Assess
    expect(r).toEqual({ mayShare: true, basis: 'legal-request' });
  });
  it('003: nothing is disclosed to the perpetrator side on a legal request alone', () => {
    // Prepare
    const legal = [rec({ duty: 'safety-plan', decision: 'overridden', basis: 'legal-request', reason: 'request' })];

    // Act
    const r = maySharePlanWith({ permitted: ['tenancy-status'], perpetratorSide: true }, 'tenancy-status', legal);

    // Assess
    expect(r.mayShare).toBe(false);
  });
  it('003: nothing is disclosed to the perpetrator side without permission for the item', () => {
    // Act
    const r = maySharePlanWith({ permitted: [], perpetratorSide: true }, 'tenancy-status', given);

    // Assess
    expect(r.mayShare).toBe(false);
  });
  it('003: the perpetrator side may be told a permitted item with consent', () => {
    // Act
    const r = maySharePlanWith({ permitted: ['tenancy-status'], perpetratorSide: true }, 'tenancy-status', given);

    // Assess
    expect(r.mayShare).toBe(true);
  });
});
