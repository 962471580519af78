import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES } from '../../functions/adapters/case-types.js';
import { overdueBy } from '../../functions/core/clocks.js';
import {
  actionStatus,
  barRows,
  blockerWords,
  caseloadQuery,
  clockStatus,
  consentWords,
  dashTally,
  durationWords,
  esc,
  financialYearOf,
  html,
  jwtClaims,
  localAssociationOf,
  problemsOf,
  riskTag,
  serverOffset,
  nextClockWords,
  EVENT_LABELS,
  shareWords,
  sortByDue,
  staffFrom,
} from '../../web/console/js/view.mjs';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('console clock wording (issue 8: never colour alone)', () => {
  it('says "Overdue by" with the same words as core overdueBy, in red', () => {
    for (const late of [0.5 * MIN, 5 * MIN, HOUR, HOUR + 10 * MIN, 2 * DAY + 3 * HOUR + 59 * MIN, 22 * DAY]) {
      const deadline = new Date(NOW - late).toISOString();
      const s = clockStatus(deadline, NOW);
      expect(s.state).toBe('overdue');
      expect(s.text).toBe(`Overdue by ${overdueBy(new Date(deadline), new Date(NOW))}`);
      expect(s.tagClass).toBe('govuk-tag--red');
    }
  });

  it('says "Due in" and is orange within 24 hours, green after', () => {
    expect(clockStatus(new Date(NOW + 3 * HOUR + 5 * MIN).toISOString(), NOW)).toEqual({ state: 'soon', text: 'Due in 3 hours 5 minutes', tagClass: 'govuk-tag--orange' });
    expect(clockStatus(new Date(NOW + DAY).toISOString(), NOW).state).toBe('soon');
    expect(clockStatus(new Date(NOW + DAY + HOUR).toISOString(), NOW)).toEqual({ state: 'later', text: 'Due in 1 day 1 hour', tagClass: 'govuk-tag--green' });
    expect(clockStatus(new Date(NOW).toISOString(), NOW).text).toBe('Due in 0 minutes');
  });

  it('trusts the API when it says overdue and the browser clock is behind; no deadline is "No clock running"', () => {
    expect(clockStatus(new Date(NOW + HOUR).toISOString(), NOW, true)).toEqual({ state: 'overdue', text: 'Overdue', tagClass: 'govuk-tag--red' });
    expect(clockStatus(undefined, NOW)).toMatchObject({ state: 'none', text: 'No clock running' });
  });

  it('durationWords matches core overdueBy for every minute of three days', () => {
    for (let m = 0; m < 3 * 24 * 60; m += 7) expect(durationWords(m * MIN)).toBe(overdueBy(new Date(0), new Date(m * MIN)));
  });

  it('sorts the caseload soonest due first, overdue leading, no clock last', () => {
    const items = [
      { caseId: 'c', nextDueAt: new Date(NOW + DAY).toISOString(), reportedAt: '2026-11-01T00:00:00Z' },
      { caseId: 'none', reportedAt: '2026-10-01T00:00:00Z' },
      { caseId: 'a', nextDueAt: new Date(NOW - DAY).toISOString(), reportedAt: '2026-11-02T00:00:00Z' },
      { caseId: 'b', nextDueAt: new Date(NOW + HOUR).toISOString(), reportedAt: '2026-11-03T00:00:00Z' },
    ];
    expect(sortByDue(items).map((i) => i.caseId)).toEqual(['a', 'b', 'c', 'none']);
  });
});

describe('console escaping', () => {
  it('escapes every interpolated value, keeps trusted markup and drops null/false', () => {
    const name = '<img src=x onerror=alert(1)>"\'&';
    const out = html`<p title="${name}">${name}${null}${false}${[html`<b>${'a<b'}</b>`, '<i>']}</p>`.value;
    expect(out).toBe(`<p title="${esc(name)}">${esc(name)}<b>a&lt;b</b>&lt;i&gt;</p>`);
    expect(out).not.toContain('<img');
  });
});

describe('console sign-in claims (000, 002 §4: who sees what)', () => {
  const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('reads Cognito claims: the board sees figures only, a manager everything, an officer their areas', () => {
    const board = staffFrom(jwtClaims(token({ sub: 'b1', 'cognito:groups': ['board'], 'custom:areas': '' })));
    expect(board).toMatchObject({ roles: ['board'], worksCases: false, seesFigures: true });
    const manager = staffFrom(jwtClaims(token({ sub: 'm1', 'cognito:groups': '[line-manager]', 'custom:areas': 'leeds,kirklees' })));
    expect(manager).toMatchObject({ roles: ['manager'], worksCases: true, seesFigures: true, seesAllCases: true, areas: ['leeds', 'kirklees'] });
    const officer = staffFrom(jwtClaims(token({ sub: 'o1', email: 'o@x', 'cognito:groups': ['officer'], 'custom:areas': 'Leeds', exp: 10 })));
    expect(officer).toMatchObject({ worksCases: true, seesFigures: false, seesAllCases: false, areas: ['leeds'], expiresAt: 10_000 });
    expect(staffFrom(jwtClaims('not-a-token'))).toBeUndefined();
  });

  it('reads non-ASCII claims and finds the local association from the audience', () => {
    const claims = jwtClaims(token({ sub: 's', email: 'zoë@example.org', aud: 'haven-local-connect-housing' }));
    expect(claims?.email).toBe('zoë@example.org');
    expect(localAssociationOf(claims)).toBe('connect-housing');
    expect(localAssociationOf({ aud: 'some-cognito-client' })).toBeUndefined();
  });
});

describe('console case words', () => {
  it('001 §7 / 002 §6: consent status in words', () => {
    expect(consentWords({ rule: 'not-needed' }).text).toBe('No consent needed');
    expect(consentWords({ rule: 'required', mayProceed: true, basis: 'consent' }).text).toBe('Consent given');
    expect(consentWords({ rule: 'required-unless-override', mayProceed: true, basis: 'marac-threshold' }).text).toBe('Overridden: The MARAC threshold is met');
    expect(consentWords({ rule: 'required', mayProceed: false, missing: "consent was refused; the victim's consent" }).text).toBe('Consent refused');
    expect(consentWords({ rule: 'required', mayProceed: false, missing: "the victim's consent" }).text).toBe('Consent needed');
  });

  it('referrals read made → acknowledged', () => {
    expect(actionStatus({ status: 'open' }).text).toBe('To do');
    expect(actionStatus({ status: 'done', record: { referral: { madeAt: 'x' } } }).text).toBe('Referral made, awaiting acknowledgement');
    expect(actionStatus({ status: 'done', record: { referral: { madeAt: 'x', acknowledgedAt: 'y' } } }).text).toBe('Referral acknowledged');
  });

  it('003: closure blockers name the action in words, and refusals list field problems without values', () => {
    expect(blockerWords('marac-referral is still open')).toBe('MARAC referral is still open');
    expect(blockerWords('closure has not been discussed with the victim (003)')).toBe('Closure has not been discussed with the victim (003)');
    expect(problemsOf({ error: 'the case cannot be closed yet', fields: [{ field: 'case', problem: 'safety-plan is still open' }] })).toEqual(['Safety plan is still open']);
    expect(problemsOf({ error: 'invalid request', fields: [{ field: 'reason', problem: 'is required' }] })).toEqual(['Reason is required']);
    expect(problemsOf({})).toEqual(['Something went wrong: try again']);
  });

  it('002 §6: the DASH tally counts yes answers and indicator questions', () => {
    const qs = [{ id: 'q1' }, { id: 'q2', indicator: 'strangulation' }, { id: 'q3' }];
    expect(dashTally({ q1: 'yes', q2: 'yes', q3: 'not-known' }, qs)).toEqual({ yes: 2, answered: 3, total: 3, indicators: ['strangulation'] });
  });

  it('builds the caseload query from the filters, leaving out empty ones', () => {
    expect(caseloadQuery({ area: 'leeds', risk: '', overdue: true, officer: '' })).toBe('area=leeds&overdue=true');
    expect(caseloadQuery({})).toBe('');
    expect(caseloadQuery({ risk: 'high', cursor: 'abc_-' })).toBe('risk=high&cursor=abc_-');
  });
});

describe('console figures (001 §7)', () => {
  it('bars are scaled to the largest count and keep their values', () => {
    expect(barRows({ leeds: 3, kirklees: 1, wakefield: 0 })).toEqual([
      { key: 'leeds', label: 'Leeds', value: 3, width: 100 },
      { key: 'kirklees', label: 'Kirklees', value: 1, width: 33.3 },
      { key: 'wakefield', label: 'Wakefield', value: 0, width: 0 },
    ]);
    expect(barRows({ a: 0 })[0]?.width).toBe(0);
  });

  it('shares read as percentage with numerator and denominator, or why there is none', () => {
    expect(shareWords({ numerator: 3, denominator: 4, percentage: 75 })).toBe('75% (3 of 4)');
    expect(shareWords({ numerator: 0, denominator: 0, percentage: null })).toBe('No cases to measure');
    expect(shareWords(null)).toBe('Not measured');
  });

  it('the default period is the UK financial year in London', () => {
    expect(financialYearOf(Date.parse('2026-11-25T12:00:00Z'))).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(financialYearOf(Date.parse('2027-03-31T23:30:00Z'))).toEqual({ from: '2027-04-01', to: '2028-03-31' }); // 00:30 BST on 1 April
    expect(financialYearOf(Date.parse('2027-02-01T00:00:00Z'))).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });
});

describe('console and Haven clocks', () => {
  it('finds how far the browser clock is from Haven\'s from the asAt Haven answered with, ignoring under two minutes', () => {
    const receivedAt = Date.parse('2026-11-25T12:00:00Z');
    expect(serverOffset('2026-11-26T13:00:00Z', receivedAt)).toBe(DAY + HOUR);
    expect(serverOffset('2026-11-25T10:00:00Z', receivedAt)).toBe(-2 * HOUR);
    expect(serverOffset('2026-11-25T12:01:00Z', receivedAt)).toBe(0);
    expect(serverOffset(undefined, receivedAt)).toBe(0);
    expect(serverOffset('not a date', receivedAt)).toBe(0);
  });

  it('names the clock due next, once when clock and duty say the same', () => {
    expect(nextClockWords({ clock: 'initialContact', duty: 'initial-contact' })).toBe('Initial contact');
    expect(nextClockWords({ clock: 'safeguardingLog', duty: 'safeguarding-log' })).toBe('Safeguarding log: Safeguarding log on the internal hub');
    expect(nextClockWords(null)).toBe('');
  });

  it('every event type the case store records has a label (functions/adapters/case-types.ts)', () => {
    for (const t of CASE_EVENT_TYPES) expect(EVENT_LABELS[t], t).toBeTruthy();
  });

  it('risk tags say the level in words', () => {
    expect(riskTag('high').value).toBe('<strong class="govuk-tag govuk-tag--red">High risk</strong>');
    expect(riskTag('not-assessed').value).toContain('Risk not assessed');
  });
});
