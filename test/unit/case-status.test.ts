import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { canTransition, closureBlockers, initialStatus } from '../../functions/core/case-status.js';
import type { CaseState } from '../../functions/core/case.js';
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
    expect(initialStatus(facts())).toBe('open');
  });
  it('004 §7.5.2: a non-resident is signposted, not opened', () => {
    expect(initialStatus(facts({ resident: false }))).toBe('signposted');
  });
  it('allowed transitions: open→closed, closed→open (new incident), signposted→open; not signposted→closed', () => {
    expect(canTransition('open', 'closed')).toBe(true);
    expect(canTransition('closed', 'open')).toBe(true);
    expect(canTransition('signposted', 'open')).toBe(true);
    expect(canTransition('signposted', 'closed')).toBe(false);
    expect(canTransition('open', 'signposted')).toBe(false);
  });
  it('003: a case with the action plan complete and closure discussed may close', () => {
    expect(closureBlockers(ready(state({}, { children: true })), wrekin)).toEqual([]);
  });
  it('003: closure is refused while a required action is open', () => {
    const s = ready(state({}, { children: true }));
    s.duties['childrens-social-care-referral'] = { status: 'open' };
    expect(closureBlockers(s, wrekin)).toEqual(['childrens-social-care-referral is still open']);
  });
  it('003: closure is refused when a required action was never started', () => {
    const s = ready(state());
    const withChildren = { ...s, facts: { ...s.facts, children: true } };
    expect(closureBlockers(withChildren, wrekin)).toContain('childrens-social-care-referral is still open');
  });
  it('003: no further action needs a reason', () => {
    const s = ready(state({}, { elderAbuse: true }));
    s.duties['elder-abuse-safeguarding-referral'] = { status: 'no-further-action' };
    expect(closureBlockers(s, wrekin)).toEqual(['elder-abuse-safeguarding-referral: no further action needs a recorded reason']);
    s.duties['elder-abuse-safeguarding-referral'] = { status: 'no-further-action', reason: 'victim moved away' };
    expect(closureBlockers(s, wrekin)).toEqual([]);
  });
  it('003: closure is always discussed with the tenant first', () => {
    const s = { ...ready(state()), closureDiscussedWithVictim: false };
    expect(closureBlockers(s, wrekin)).toEqual(['closure has not been discussed with the victim (003)']);
  });
  it('a case that is not open cannot be closed', () => {
    expect(closureBlockers(ready(state({ status: 'closed' })), wrekin)).toEqual(['the case is closed, not open']);
  });
  it('000: a case open past 21 days needs a recorded reason before closing', () => {
    const s = ready(state(), h21);
    delete s.duties['case-resolved'];
    const late = new Date('2026-03-26T10:00:00.000Z');
    expect(closureBlockers(s, h21, late)).toEqual([expect.stringMatching(/holding period/)]);
    expect(closureBlockers(s, h21, new Date('2026-03-20T10:00:00.000Z'))).toEqual([]);
    s.duties['case-resolved'] = { status: 'done', reason: 'legal action ongoing' };
    expect(closureBlockers(s, h21, late)).toEqual([]);
  });
  it('000: time paused for statutory or legal action does not count towards the 21 days', () => {
    const s = { ...ready(state(), h21), holdingPauses: [{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-15T10:00:00.000Z' }] };
    delete s.duties['case-resolved'];
    expect(closureBlockers(s, h21, new Date('2026-03-26T10:00:00.000Z'))).toEqual([]);
  });
  it('blockers never carry personal data', () => {
    const s = ready(state({}, { children: true }));
    s.duties['childrens-social-care-referral'] = { status: 'no-further-action', by: 'canary-officer' };
    expect(closureBlockers({ ...s, reference: 'canary-ref', closureDiscussedWithVictim: false }, wrekin).join(' ')).not.toMatch(/canary/);
  });
});
