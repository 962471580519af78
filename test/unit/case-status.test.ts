import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { CaseFacts, CaseState, CaseStatus, DutyState } from '../../functions/core/case.js';
import { canTransition, closureBlockers, initialStatus } from '../../functions/core/case-status.js';
import type { Duty } from '../../functions/core/duties.js';
import { route } from '../../functions/core/routing.js';
import { facts, state } from './routing-fixtures.js';

const wrekin = getAssociation('wrekin');
const h21 = getAssociation('housing-21');

/** Every required duty of the case done, closure discussed. */
function ready(s: CaseState, config = wrekin): CaseState {
  const duties: CaseState['duties'] = {};
  for (const a of route(s.facts, config)) duties[a.duty] = { status: 'done', at: '2026-03-05T10:00:00.000Z' };
  return { ...s, duties, closureDiscussedWithVictim: true };
}

describe('case status', () => {
  it('004 §7.5.1: a resident victim opens a case', () => {
    // Act
    const status = initialStatus(facts());

    // Assess
    expect(status).toBe('open');
  });
  it('004 §7.5.2: a non-resident is signposted, not opened', () => {
    // Act
    const status = initialStatus(facts({ resident: false }));

    // Assess
    expect(status).toBe('signposted');
  });
  it.each<[name: string, from: CaseStatus, to: CaseStatus, allowed: boolean]>([
    ['open→closed is allowed', 'open', 'closed', true],
    ['closed→open is allowed (new incident)', 'closed', 'open', true],
    ['signposted→open is allowed', 'signposted', 'open', true],
    ['signposted→closed is not allowed', 'signposted', 'closed', false],
    ['open→signposted is not allowed', 'open', 'signposted', false],
  ])('allowed transitions: %s', (_name, from, to, expected) => {
    // Act
    const allowed = canTransition(from, to);

    // Assess
    expect(allowed).toBe(expected);
  });
  it('003: a case with the action plan complete and closure discussed may close', () => {
    // Prepare
    const s = ready(state({}, { children: true }));

    // Act
    const blockers = closureBlockers(s, wrekin);

    // Assess
    expect(blockers).toEqual([]);
  });
  it.each<[name: string, fact: Partial<CaseFacts>, duty: Duty, record: DutyState, expected: string[]]>([
    [
      'closure is refused while a required action is open',
      { children: true },
      'childrens-social-care-referral',
      { status: 'open' },
      ['childrens-social-care-referral is still open'],
    ],
    [
      'no further action without a reason blocks closure',
      { elderAbuse: true },
      'elder-abuse-safeguarding-referral',
      { status: 'no-further-action' },
      ['elder-abuse-safeguarding-referral: no further action needs a recorded reason'],
    ],
    [
      'no further action with a recorded reason lets the case close',
      { elderAbuse: true },
      'elder-abuse-safeguarding-referral',
      { status: 'no-further-action', reason: 'victim moved away' },
      [],
    ],
  ])('003: %s', (_name, fact, duty, record, expected) => {
    // Prepare
    const s = ready(state({}, fact));
    s.duties[duty] = record;

    // Act
    const blockers = closureBlockers(s, wrekin);

    // Assess
    expect(blockers).toEqual(expected);
  });
  it('003: closure is refused when a required action was never started', () => {
    // Prepare
    const s = ready(state());
    const withChildren = { ...s, facts: { ...s.facts, children: true } };

    // Act
    const blockers = closureBlockers(withChildren, wrekin);

    // Assess
    expect(blockers).toContain('childrens-social-care-referral is still open');
  });
  it('003: closure is always discussed with the tenant first', () => {
    // Prepare
    const s = { ...ready(state()), closureDiscussedWithVictim: false };

    // Act
    const blockers = closureBlockers(s, wrekin);

    // Assess
    expect(blockers).toEqual(['closure has not been discussed with the victim (003)']);
  });
  it('a case that is not open cannot be closed', () => {
    // Prepare
    const s = ready(state({ status: 'closed' }));

    // Act
    const blockers = closureBlockers(s, wrekin);

    // Assess
    expect(blockers).toEqual(['the case is closed, not open']);
  });
  describe('000: a case open past 21 days needs a recorded reason before closing', () => {
    const unresolved = () => {
      const s = ready(state(), h21);
      delete s.duties['case-resolved'];
      return s;
    };
    const late = new Date('2026-03-26T10:00:00.000Z');
    it('000: past 21 days without a reason, the holding period blocks closure', () => {
      // Act
      const blockers = closureBlockers(unresolved(), h21, late);

      // Assess
      expect(blockers).toEqual([expect.stringMatching(/holding period/)]);
    });
    it('000: within 21 days no reason is needed', () => {
      // Act
      const blockers = closureBlockers(unresolved(), h21, new Date('2026-03-20T10:00:00.000Z'));

      // Assess
      expect(blockers).toEqual([]);
    });
    it('000: past 21 days with a recorded reason the case may close', () => {
      // Prepare
      const s = unresolved();
      s.duties['case-resolved'] = { status: 'done', reason: 'legal action ongoing' };

      // Act
      const blockers = closureBlockers(s, h21, late);

      // Assess
      expect(blockers).toEqual([]);
    });
  });
  it('000: time paused for statutory or legal action does not count towards the 21 days', () => {
    // Prepare
    const s = {
      ...ready(state(), h21),
      holdingPauses: [{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-15T10:00:00.000Z' }],
    };
    delete s.duties['case-resolved'];

    // Act
    const blockers = closureBlockers(s, h21, new Date('2026-03-26T10:00:00.000Z'));

    // Assess
    expect(blockers).toEqual([]);
  });
  it('blockers never carry personal data', () => {
    // Prepare
    const s = ready(state({}, { children: true }));
    s.duties['childrens-social-care-referral'] = { status: 'no-further-action', by: 'canary-officer' };

    // Act
    const blockers = closureBlockers({ ...s, reference: 'canary-ref', closureDiscussedWithVictim: false }, wrekin);

    // Assess
    expect(blockers.join(' ')).not.toMatch(/canary/);
  });
});
