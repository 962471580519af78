import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES } from '../../functions/adapters/store/index.js';
import { DUE_SOON_MS as CORE_DUE_SOON_MS } from '../../functions/core/clock-standing.js';
import { overdueBy } from '../../functions/core/clocks.js';
import { EVENT_LABELS } from '../../web/console/js/labels.mjs';
import { jwtClaims, localAssociationOf, staffFrom } from '../../web/console/js/staff.mjs';
import {
  actionStatus,
  barRows,
  blockerWords,
  caseloadQuery,
  clockStatus,
  consentWords,
  DUE_SOON_MS,
  dangerBanner,
  dangerTag,
  dashTally,
  durationWords,
  esc,
  financialYearOf,
  html,
  nextClockWords,
  problemsOf,
  riskTag,
  serverOffset,
  shareWords,
  sortByDue,
} from '../../web/console/js/view.mjs';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('console clock wording: never colour alone', () => {
  it('says "Overdue by" with the same words as core overdueBy, in red', () => {
    // Prepare
    const lates = [0.5 * MIN, 5 * MIN, HOUR, HOUR + 10 * MIN, 2 * DAY + 3 * HOUR + 59 * MIN, 22 * DAY];
    const deadlines = lates.map((late) => new Date(NOW - late).toISOString());

    // Act
    const statuses = deadlines.map((deadline) => clockStatus(deadline, NOW));

    // Assess
    statuses.forEach((s, i) => {
      expect(s.state).toBe('overdue');
      expect(s.text).toBe(`Overdue by ${overdueBy(new Date(deadlines[i] as string), new Date(NOW))}`);
      expect(s.tagClass).toBe('govuk-tag--red');
    });
  });

  it('says "Due in" and is orange within 24 hours, green after', () => {
    // Prepare
    const at = (ms: number) => new Date(NOW + ms).toISOString();

    // Act
    const inThreeHours = clockStatus(at(3 * HOUR + 5 * MIN), NOW);
    const inADay = clockStatus(at(DAY), NOW);
    const inADayAndAnHour = clockStatus(at(DAY + HOUR), NOW);
    const now = clockStatus(at(0), NOW);

    // Assess
    expect(inThreeHours).toEqual({ state: 'soon', text: 'Due in 3 hours 5 minutes', tagClass: 'govuk-tag--orange' });
    expect(inADay.state).toBe('soon');
    expect(inADayAndAnHour).toEqual({ state: 'later', text: 'Due in 1 day 1 hour', tagClass: 'govuk-tag--green' });
    expect(now.text).toBe('Due in 0 minutes');
  });

  it('draws the due-soon line where core does (functions/core/clock-standing.ts)', () => {
    // Prepare: the console's window and core's.
    // Act
    const windows = [DUE_SOON_MS, CORE_DUE_SOON_MS];

    // Assess
    expect(windows[0]).toBe(windows[1]);
  });

  it('trusts the API when it says overdue and the browser clock is behind; no deadline is "No clock running"', () => {
    // Prepare
    const inAnHour = new Date(NOW + HOUR).toISOString();

    // Act
    const apiSaysOverdue = clockStatus(inAnHour, NOW, true);
    const noDeadline = clockStatus(undefined, NOW);

    // Assess
    expect(apiSaysOverdue).toEqual({ state: 'overdue', text: 'Overdue', tagClass: 'govuk-tag--red' });
    expect(noDeadline).toMatchObject({ state: 'none', text: 'No clock running' });
  });

  it('durationWords matches core overdueBy for every minute of three days', () => {
    // Prepare
    const minutes = Array.from({ length: Math.ceil((3 * 24 * 60) / 7) }, (_, i) => i * 7);

    // Act
    const words = minutes.map((m) => durationWords(m * MIN));

    // Assess
    for (const [i, w] of words.entries())
      expect(w).toBe(overdueBy(new Date(0), new Date((minutes[i] as number) * MIN)));
  });

  it('sorts the caseload soonest due first, overdue leading, no clock last', () => {
    // Prepare
    const items = [
      { caseId: 'c', nextDueAt: new Date(NOW + DAY).toISOString(), reportedAt: '2026-11-01T00:00:00Z' },
      { caseId: 'none', reportedAt: '2026-10-01T00:00:00Z' },
      { caseId: 'a', nextDueAt: new Date(NOW - DAY).toISOString(), reportedAt: '2026-11-02T00:00:00Z' },
      { caseId: 'b', nextDueAt: new Date(NOW + HOUR).toISOString(), reportedAt: '2026-11-03T00:00:00Z' },
    ];

    // Act
    const sorted = sortByDue(items);

    // Assess
    expect(sorted.map((i) => i.caseId)).toEqual(['a', 'b', 'c', 'none']);
  });
});

describe('console escaping', () => {
  it('escapes every interpolated value, keeps trusted markup and drops null/false', () => {
    // Prepare
    const name = '<img src=x onerror=alert(1)>"\'&';

    // Act
    const out = html`<p title="${name}">${name}${null}${false}${[html`<b>${'a<b'}</b>`, '<i>']}</p>`.value;

    // Assess
    expect(out).toBe(`<p title="${esc(name)}">${esc(name)}<b>a&lt;b</b>&lt;i&gt;</p>`);
    expect(out).not.toContain('<img');
  });
});

describe('console sign-in claims (000, 002 §4: who sees what)', () => {
  const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('reads Cognito claims: the board sees figures only, a manager everything, an officer their areas', () => {
    // Prepare
    const boardToken = token({ sub: 'b1', 'cognito:groups': ['board'], 'custom:areas': '' });
    const managerToken = token({ sub: 'm1', 'cognito:groups': '[line-manager]', 'custom:areas': 'leeds,kirklees' });
    const officerToken = token({
      sub: 'o1',
      email: 'o@x',
      'cognito:groups': ['officer'],
      'custom:areas': 'Leeds',
      exp: 10,
    });

    // Act
    const board = staffFrom(jwtClaims(boardToken));
    const manager = staffFrom(jwtClaims(managerToken));
    const officer = staffFrom(jwtClaims(officerToken));
    const nobody = staffFrom(jwtClaims('not-a-token'));

    // Assess
    expect(board).toMatchObject({ roles: ['board'], worksCases: false, seesFigures: true });
    expect(manager).toMatchObject({
      roles: ['manager'],
      worksCases: true,
      seesFigures: true,
      seesAllCases: true,
      areas: ['leeds', 'kirklees'],
    });
    expect(officer).toMatchObject({
      worksCases: true,
      seesFigures: false,
      seesAllCases: false,
      areas: ['leeds'],
      expiresAt: 10_000,
    });
    expect(nobody).toBeUndefined();
  });

  it('reads non-ASCII claims and finds the local association from the audience', () => {
    // Prepare
    const local = token({ sub: 's', email: 'zoë@example.org', aud: 'haven-local-connect-housing' });

    // Act
    const claims = jwtClaims(local);

    // Assess
    expect(claims?.email).toBe('zoë@example.org');
    expect(localAssociationOf(claims)).toBe('connect-housing');
    expect(localAssociationOf({ aud: 'some-cognito-client' })).toBeUndefined();
  });
});

describe('console case words', () => {
  it('001 §7 / 002 §6: consent status in words', () => {
    // Prepare
    const consents = [
      { rule: 'not-needed' },
      { rule: 'required', mayProceed: true, basis: 'consent' },
      { rule: 'required-unless-override', mayProceed: true, basis: 'marac-threshold' },
      { rule: 'required', mayProceed: false, missing: "consent was refused; the victim's consent" },
      { rule: 'required', mayProceed: false, missing: "the victim's consent" },
    ] as const;

    // Act
    const [notNeeded, given, overridden, refused, needed] = consents.map((c) => consentWords(c).text);

    // Assess
    expect(notNeeded).toBe('No consent needed');
    expect(given).toBe('Consent given');
    expect(overridden).toBe('Overridden: The MARAC threshold is met');
    expect(refused).toBe('Consent refused');
    expect(needed).toBe('Consent needed');
  });

  it('referrals read made → acknowledged', () => {
    // Prepare
    const actions = [
      { status: 'open' },
      { status: 'done', record: { referral: { madeAt: 'x' } } },
      { status: 'done', record: { referral: { madeAt: 'x', acknowledgedAt: 'y' } } },
    ] as const;

    // Act
    const [open, made, acknowledged] = actions.map((a) => actionStatus(a).text);

    // Assess
    expect(open).toBe('To do');
    expect(made).toBe('Referral made, awaiting acknowledgement');
    expect(acknowledged).toBe('Referral acknowledged');
  });

  it('003: closure blockers name the action in words, and refusals list field problems without values', () => {
    // Prepare
    const closing = {
      error: 'the case cannot be closed yet',
      fields: [{ field: 'case', problem: 'safety-plan is still open' }],
    };
    const invalid = { error: 'invalid request', fields: [{ field: 'reason', problem: 'is required' }] };

    // Act
    const openDuty = blockerWords('marac-referral is still open');
    const notDiscussed = blockerWords('closure has not been discussed with the victim (003)');
    const [closingProblems, invalidProblems, unknownProblems] = [
      problemsOf(closing),
      problemsOf(invalid),
      problemsOf({}),
    ];

    // Assess
    expect(openDuty).toBe('MARAC referral is still open');
    expect(notDiscussed).toBe('Closure has not been discussed with the victim (003)');
    expect(closingProblems).toEqual(['Safety plan is still open']);
    expect(invalidProblems).toEqual(['Reason is required']);
    expect(unknownProblems).toEqual(['Something went wrong: try again']);
  });

  it('002 §6: the DASH tally counts yes answers and indicator questions', () => {
    // Prepare
    const qs = [{ id: 'q1' }, { id: 'q2', indicator: 'strangulation' }, { id: 'q3' }];

    // Act
    const tally = dashTally({ q1: 'yes', q2: 'yes', q3: 'not-known' }, qs);

    // Assess
    expect(tally).toEqual({ yes: 2, answered: 3, total: 3, indicators: ['strangulation'] });
  });

  it('builds the caseload query from the filters, leaving out empty ones', () => {
    // Prepare
    const filters = [{ area: 'leeds', risk: '', overdue: true, officer: '' }, {}, { risk: 'high', cursor: 'abc_-' }];

    // Act
    const [someEmpty, none, withCursor] = filters.map((f) => caseloadQuery(f));

    // Assess
    expect(someEmpty).toBe('area=leeds&overdue=true');
    expect(none).toBe('');
    expect(withCursor).toBe('risk=high&cursor=abc_-');
  });
});

describe('console figures (001 §7)', () => {
  it('bars are scaled to the largest count and keep their values', () => {
    // Prepare
    const counts = { leeds: 3, kirklees: 1, wakefield: 0 };

    // Act
    const rows = barRows(counts);
    const allZero = barRows({ a: 0 });

    // Assess
    expect(rows).toEqual([
      { key: 'leeds', label: 'Leeds', value: 3, width: 100 },
      { key: 'kirklees', label: 'Kirklees', value: 1, width: 33.3 },
      { key: 'wakefield', label: 'Wakefield', value: 0, width: 0 },
    ]);
    expect(allZero[0]?.width).toBe(0);
  });

  it('shares read as percentage with numerator and denominator, or why there is none', () => {
    // Prepare
    const shares = [
      { numerator: 3, denominator: 4, percentage: 75 },
      { numerator: 0, denominator: 0, percentage: null },
      null,
    ];

    // Act
    const words = shares.map((share) => shareWords(share));

    // Assess: measured, no cases, not measured
    expect(words).toEqual(['75% (3 of 4)', 'No cases to measure', 'Not measured']);
  });

  it('the default period is the UK financial year in London', () => {
    // Prepare: mid-year, 00:30 BST on 1 April, and February.
    const instants = ['2026-11-25T12:00:00Z', '2027-03-31T23:30:00Z', '2027-02-01T00:00:00Z'];

    // Act
    const [midYear, firstOfApril, february] = instants.map((t) => financialYearOf(Date.parse(t)));

    // Assess
    expect(midYear).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(firstOfApril).toEqual({ from: '2027-04-01', to: '2028-03-31' });
    expect(february).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });
});

describe('console and Haven clocks', () => {
  it("finds how far the browser clock is from Haven's from the asAt Haven answered with, ignoring under two minutes", () => {
    // Prepare
    const receivedAt = Date.parse('2026-11-25T12:00:00Z');
    const asAts = ['2026-11-26T13:00:00Z', '2026-11-25T10:00:00Z', '2026-11-25T12:01:00Z', undefined, 'not a date'];

    // Act
    const [ahead, behind, withinTwoMinutes, missing, unreadable] = asAts.map((asAt) => serverOffset(asAt, receivedAt));

    // Assess
    expect(ahead).toBe(DAY + HOUR);
    expect(behind).toBe(-2 * HOUR);
    expect(withinTwoMinutes).toBe(0);
    expect(missing).toBe(0);
    expect(unreadable).toBe(0);
  });

  it('names the clock due next, once when clock and duty say the same', () => {
    // Prepare
    const next = [
      { clock: 'initialContact', duty: 'initial-contact' },
      { clock: 'safeguardingLog', duty: 'safeguarding-log' },
      null,
    ];

    // Act
    const words = next.map((n) => nextClockWords(n));

    // Assess: the same words once, clock and duty, nothing due
    expect(words).toEqual(['Initial contact', 'Safeguarding log: Safeguarding log on the internal hub', '']);
  });

  it('every event type the case store records has a label (functions/adapters/store/types.ts)', () => {
    // Prepare
    const types = [...CASE_EVENT_TYPES];

    // Act
    const labels = types.map((t) => EVENT_LABELS[t]);

    // Assess
    for (const [i, label] of labels.entries()) expect(label, types[i]).toBeTruthy();
  });

  it('risk tags say the level in words', () => {
    // Prepare: a high and an unassessed risk.
    // Act
    const high = riskTag('high').value;
    const notAssessed = riskTag('not-assessed').value;

    // Assess
    expect(high).toBe('<strong class="govuk-tag govuk-tag--red">High risk</strong>');
    expect(notAssessed).toContain('Risk not assessed');
  });
});

describe('immediate danger is the first thing anyone sees (002 §6, 003, 004 §7.4.3)', () => {
  it('the caseload puts open danger cases first, earliest reported first, before an overdue case', () => {
    // Prepare
    const items = [
      { caseId: 'overdue', nextDueAt: new Date(NOW - DAY).toISOString(), reportedAt: '2026-11-20T09:00:00Z' },
      {
        caseId: 'later-danger',
        immediateDanger: true,
        nextDueAt: new Date(NOW - 2 * DAY).toISOString(),
        reportedAt: '2026-11-25T11:00:00Z',
      },
      { caseId: 'none', reportedAt: '2026-11-19T09:00:00Z' },
      {
        caseId: 'earlier-danger',
        immediateDanger: true,
        nextDueAt: new Date(NOW + HOUR).toISOString(),
        reportedAt: '2026-11-25T10:00:00Z',
      },
    ];

    // Act
    const sorted = sortByDue(items);

    // Assess
    expect(sorted.map((i) => i.caseId)).toEqual(['earlier-danger', 'later-danger', 'overdue', 'none']);
  });

  it('a danger row carries an "Immediate danger" tag in words; other rows none', () => {
    // Act
    const flagged = String(dangerTag({ immediateDanger: true }));
    const plain = String(dangerTag({}));

    // Assess
    expect(flagged).toContain('Immediate danger');
    expect(flagged).toContain('govuk-tag--red');
    expect(plain).toBe('');
  });

  it('the banner of an open danger case: when reported (London), 999 advice shown, and a warning to record what was done', () => {
    // Act
    const banner = String(
      dangerBanner({ reportedAt: '2026-11-25T10:05:00Z', adviceShown: true, open: true, whatWasDone: null }, 'me'),
    );

    // Assess
    expect(banner).toContain('Reported in immediate danger at Wed, 25 Nov 2026, 10:05.');
    expect(banner).toContain('The 999 advice was shown');
    expect(banner).toContain('Nobody has recorded what was done');
    expect(banner).toContain('href="#action-form"');
    expect(banner).toContain('role="region"');
  });

  it('the banner once done: what was done, when and by whom; the words escaped when shown, and said to be hidden when not', () => {
    // Prepare
    const base = { reportedAt: '2026-07-01T09:00:00Z', adviceShown: true, open: false };
    const at = '2026-07-01T09:20:00Z';

    // Act
    const shown = String(
      dangerBanner(
        { ...base, whatWasDone: { outcome: 'done', at, by: 'ab12cd34ef', reason: 'Rang 999 <b>now</b>' } },
        'me',
      ),
    );
    const hidden = String(
      dangerBanner({ ...base, whatWasDone: { outcome: 'done', at, by: 'me', reasonGiven: true } }, 'me'),
    );

    // Assess
    expect(shown).toContain('What was done: recorded Wed, 1 Jul 2026, 10:20 by officer ab12cd34.');
    expect(shown).toContain('Rang 999 &lt;b&gt;now&lt;/b&gt;');
    expect(hidden).toContain('by you.');
    expect(hidden).toContain('hidden with the personal details');
    expect(hidden).not.toContain('Nobody has recorded');
    expect(String(dangerBanner(null, 'me'))).toBe('');
  });
});
