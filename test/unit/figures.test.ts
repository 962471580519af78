import { describe, expect, it } from 'vitest';
import { deadline } from '../../functions/core/clocks.js';
import {
  computeFigures,
  type Figures,
  type FiguresCase,
  type FiguresRules,
  figuresToCsv,
  financialQuarter,
} from '../../functions/core/figures.js';
import { defined } from '../support/defined.js';

const RULES: FiguresRules = {
  initialContact: { workingDays: 1 },
  regularContact: { days: 14 },
  holdingArea: { days: 21 },
  nation: 'england-and-wales',
};
const PERIOD = { from: '2026-04-01', to: '2026-09-30' }; // 2026-27 Q1 and Q2
const NOW = new Date('2026-10-01T20:00:00Z'); // Thursday 1 October 2026, 21:00 BST

const base = (over: Partial<FiguresCase>): FiguresCase => ({
  reportedAt: '2026-06-01T09:00:00Z',
  status: 'open',
  abuseTypes: [],
  contacts: [],
  maracReferrals: [],
  holdingPauses: [],
  risk: 'not-assessed',
  ...over,
});

/**
 * A hand-built set. Deadlines worked out by hand (England and Wales, London time):
 * A  Fri 10 Apr 10:00 BST; 1 working day → Mon 13 Apr 10:00 BST (09:00Z); first contact 08:00Z: met.
 *    Gaps 3d, 11d, then 7d to closure: kept fortnightly. Consent, offered. MARAC 14 Apr (in period).
 * B  Tue 5 May 15:00 BST (4 May was a bank holiday); deadline Wed 6 May 15:00 BST (14:00Z); contact 14:30Z: missed.
 *    Gap 6 May → 30 May is 24 days: not fortnightly. Consent, not offered. Open 149 days, no pause: over 21.
 * C  1 Jul, signposted: a report received, not a case.
 * D  Tue 1 Sep 09:00 BST; contact 13:00 BST same day: met. Contacts every 10 days, 10d8h to now: kept.
 *    Open 30 days but paused from 5 Sep: 4 active days, not over (would be over without the pause). No area.
 * E  31 Mar (before the period): not a report in it. Open; paused 10 Apr → 20 Sep (163 days) with a second
 *    pause inside that one (must count once): active 10d + 11d10h = 21d10h: over 21. MARAC 31 Mar (out), 1 Jun (in).
 * F  Wed 30 Sep 23:30 BST (22:30Z), still in the period by London date; deadline Thu 1 Oct 23:30 BST is after
 *    now and there is no contact yet: left out of the initial-contact share. 21 hours since report: kept fortnightly.
 * G  Thu 1 Oct 00:30 BST (30 Sep 23:30Z): outside the period by London date. Open 20 hours: not over.
 * H  Mon 1 Jun; contact same day: met. Agreed 28-day rhythm: gaps of 24 and 20 days are kept. Consent refused.
 */
const SET: FiguresCase[] = [
  base({
    reportedAt: '2026-04-10T09:00:00Z',
    status: 'closed',
    closedAt: '2026-05-01T09:00:00Z',
    area: 'kirklees',
    abuseTypes: ['physical', 'emotional'],
    firstContactAt: '2026-04-13T08:00:00Z',
    contacts: ['2026-04-24T09:00:00Z', '2026-04-13T08:00:00Z'],
    dashAttemptedAt: '2026-04-13T09:00:00Z',
    consentToSpecialistReferral: true,
    specialistReferralOfferedAt: '2026-04-13T09:30:00Z',
    maracReferrals: ['2026-04-14T10:00:00Z'],
    risk: 'high',
  }),
  base({
    reportedAt: '2026-05-05T14:00:00Z',
    area: 'leeds',
    abuseTypes: ['psychological'],
    firstContactAt: '2026-05-06T14:30:00Z',
    contacts: ['2026-05-06T14:30:00Z', '2026-05-30T10:00:00Z'],
    consentToSpecialistReferral: true,
    risk: 'medium',
  }),
  base({
    reportedAt: '2026-07-01T10:00:00Z',
    status: 'signposted',
    closedAt: '2026-07-01T11:00:00Z',
    area: 'kirklees',
    abuseTypes: ['financial'],
  }),
  base({
    reportedAt: '2026-09-01T08:00:00Z',
    firstContactAt: '2026-09-01T12:00:00Z',
    contacts: ['2026-09-01T12:00:00Z', '2026-09-11T12:00:00Z', '2026-09-21T12:00:00Z'],
    dashAttemptedAt: '2026-09-01T12:30:00Z',
    holdingPauses: [{ from: '2026-09-05T08:00:00Z' }],
    risk: 'standard',
  }),
  base({
    reportedAt: '2026-03-31T10:00:00Z',
    area: 'leeds',
    abuseTypes: ['sexual'],
    firstContactAt: '2026-03-31T12:00:00Z',
    holdingPauses: [
      { from: '2026-05-01T10:00:00Z', to: '2026-06-01T10:00:00Z' },
      { from: '2026-04-10T10:00:00Z', to: '2026-09-20T10:00:00Z' },
    ],
    maracReferrals: ['2026-03-31T12:00:00Z', '2026-06-01T12:00:00Z'],
    risk: 'high',
  }),
  base({ reportedAt: '2026-09-30T22:30:00Z', area: 'leeds', abuseTypes: ['physical'] }),
  base({ reportedAt: '2026-09-30T23:30:00Z', area: 'calderdale', abuseTypes: ['physical'] }),
  base({
    reportedAt: '2026-06-01T09:00:00Z',
    status: 'closed',
    closedAt: '2026-07-20T09:00:00Z',
    area: 'wakefield',
    abuseTypes: ['psychological', 'emotional', 'emotional'],
    contacts: ['2026-06-01T15:00:00Z', '2026-06-25T09:00:00Z', '2026-07-15T09:00:00Z'],
    agreedContactRhythm: { days: 28 },
    dashAttemptedAt: '2026-06-02T09:00:00Z',
    consentToSpecialistReferral: false,
    risk: 'medium',
  }),
];

describe('computeFigures on a hand-built set (001 §7, 000)', () => {
  it('001 §2/§7: reports received in the period, by London date (A B C D F H; not E before, not G after)', () => {
    // Act
    const f = computeFigures(SET, PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f.reportsReceived).toBe(6);
    expect(f.cases).toBe(5); // C was signposted
  });

  it.each<[name: string, measure: keyof Figures, expected: unknown]>([
    [
      '001 §7: initial contact within 1 working day: A D H met, B missed, F not yet due → 3 of 4, 75%',
      'initialContactWithinClock',
      { numerator: 3, denominator: 4, percentage: 75 },
    ],
    [
      '001 §7: DASH attempted and recorded: A D H of A B D F H → 3 of 5, 60%',
      'dashAttempted',
      { numerator: 3, denominator: 5, percentage: 60 },
    ],
    [
      '001 §7: contact at least fortnightly unless agreed otherwise: B has a 24-day gap; H kept its agreed 28 days → 4 of 5, 80%',
      'contactAtLeastFortnightly',
      { numerator: 4, denominator: 5, percentage: 80 },
    ],
    [
      '001 §7: offered a specialist referral where consent given: A and B consented, A offered → 1 of 2, 50%',
      'specialistReferralOfferedWhereConsent',
      { numerator: 1, denominator: 2, percentage: 50 },
    ],
    [
      '000: open cases over 21 days, paused time left out: B and E of B D E F G',
      'openOverHoldingLimit',
      { over: 2, open: 5 },
    ],
    [
      '002 §6 / DOMAIN measures: MARAC referrals made in the period: A 14 Apr, E 1 Jun (not E 31 Mar) → 2',
      'maracReferrals',
      2,
    ],
  ])('%s', (_name, measure, expected) => {
    // Act
    const f = computeFigures(SET, PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f[measure]).toEqual(expected);
  });

  it('000 quarterly themes: reports by area, abuse type (a report may count under several, once each), quarter and risk', () => {
    // Act
    const f = computeFigures(SET, PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f.byArea).toEqual({ kirklees: 2, leeds: 2, 'not recorded': 1, wakefield: 1 });
    expect(f.byAbuseType).toEqual({
      psychological: 2,
      physical: 2,
      sexual: 0,
      financial: 1,
      emotional: 2,
      discriminatory: 0,
      'honour-based': 0,
      'forced-marriage': 0,
    });
    expect(f.byQuarter).toEqual({ '2026-27 Q1': 3, '2026-27 Q2': 3 });
    expect(f.byRisk).toEqual({ 'not-assessed': 2, standard: 1, medium: 2, high: 1 });
  });

  it('figures carry the period and the instant they were computed at, and nothing identifying', () => {
    // Act
    const f = computeFigures(SET, PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f.period).toEqual(PERIOD);
    expect(f.asAt).toBe('2026-10-01T20:00:00.000Z');
    expect(JSON.stringify(f)).not.toMatch(/2026-0\d-\d\dT/); // no case instants leak into the figures
  });
});

describe('who made the report and a safe way to reach the victim, in the figures (004 §7.3)', () => {
  it('004 §7.3: reports are counted by who made them, older ones as not recorded; open cases with no safe way are counted', () => {
    // Prepare
    const cases = [
      base({ reportedBy: 'victim' }),
      base({ reportedBy: 'someone-else', safeContact: 'none-known' }),
      base({
        reportedBy: 'someone-else',
        safeContact: 'no-direct-contact',
        status: 'closed',
        closedAt: '2026-07-01T09:00:00Z',
      }),
      base({ safeContact: 'no-direct-contact' }),
      base({ reportedBy: 'victim', safeContact: 'known', reportedAt: '2026-03-01T09:00:00Z' }),
    ];
    // Act
    const f = computeFigures(cases, PERIOD, RULES, NOW, deadline);
    // Assess: the last is before the period; only open cases count as without a safe way now
    expect(f.byReporter).toEqual({ victim: 1, 'someone-else': 2, 'not recorded': 1 });
    expect(f.openWithoutSafeWay).toBe(2);
    expect(figuresToCsv(f)).toContain('reports by who made them,someone-else,2,,\r\n');
    expect(figuresToCsv(f)).toContain('open cases with no safe way to reach the victim,,2,,\r\n');
  });
});

describe('computeFigures edge cases (001 §7, 000)', () => {
  it('001 §7: with no cases every share has a null percentage and zero counts', () => {
    // Act
    const f = computeFigures([], PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f.reportsReceived).toBe(0);
    expect(f.initialContactWithinClock).toEqual({ numerator: 0, denominator: 0, percentage: null });
    expect(f.dashAttempted.percentage).toBeNull();
    expect(f.contactAtLeastFortnightly?.percentage).toBeNull();
    expect(f.specialistReferralOfferedWhereConsent.percentage).toBeNull();
    expect(f.openOverHoldingLimit).toEqual({ over: 0, open: 0 });
    expect(f.byQuarter).toEqual({ '2026-27 Q1': 0, '2026-27 Q2': 0 });
  });

  it('DOMAIN config: a measure whose clock the association does not set is null, not 0% or 100%', () => {
    // Act
    const f = computeFigures(SET, PERIOD, { nation: 'england-and-wales' }, NOW, deadline);

    // Assess
    expect(f.initialContactWithinClock).toBeNull();
    expect(f.contactAtLeastFortnightly).toBeNull();
    expect(f.openOverHoldingLimit).toBeNull();
    expect(f.dashAttempted.numerator).toBe(3);
  });

  it('000: without the pause, D (30 days open) would be over 21 days', () => {
    // Prepare
    const d = defined(SET[3], 'case D of the set');

    // Act
    const f = computeFigures([{ ...d, holdingPauses: [] }], PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f.openOverHoldingLimit).toEqual({ over: 1, open: 1 });
  });

  it('001 §7: percentages are rounded to one decimal place (2 of 3 → 66.7)', () => {
    // Prepare
    const cases = [0, 1, 2].map((i) =>
      base({ reportedAt: `2026-06-0${i + 1}T09:00:00Z`, dashAttemptedAt: i < 2 ? '2026-06-05T09:00:00Z' : undefined }),
    );

    // Act
    const f = computeFigures(cases, PERIOD, RULES, NOW, deadline);

    // Assess
    expect(f.dashAttempted).toEqual({ numerator: 2, denominator: 3, percentage: 66.7 });
  });

  it('001 §7: the injected deadline and the nation are what the clocks are measured with', () => {
    // Prepare
    const seen: string[] = [];
    const fake = (start: Date, _clock: unknown, nation: string) => {
      seen.push(nation);
      return new Date(start.getTime() + 1000);
    };

    // Act
    const f = computeFigures(
      [defined(SET[1], 'case B of the set')],
      PERIOD,
      { initialContact: { hours: 1 }, nation: 'scotland' },
      NOW,
      fake,
    );

    // Assess
    expect(f.initialContactWithinClock).toEqual({ numerator: 0, denominator: 1, percentage: 0 });
    expect(seen).toEqual(['scotland']);
  });

  it('periods must be YYYY-MM-DD dates', () => {
    // Act
    const act = () => computeFigures([], { from: '2026-04', to: '2026-09-30' }, RULES, NOW, deadline);

    // Assess
    expect(act).toThrow(/YYYY-MM-DD/);
  });

  it('periods must be in order', () => {
    // Act
    const act = () => computeFigures([], { from: '2026-10-01', to: '2026-09-30' }, RULES, NOW, deadline);

    // Assess
    expect(act).toThrow(/after/);
  });
});

describe('financialQuarter (000 quarterly data; UK financial year 1 April – 31 March)', () => {
  it.each<[date: string, quarter: string]>([
    ['2026-04-01', '2026-27 Q1'],
    ['2026-06-30', '2026-27 Q1'],
    ['2026-07-01', '2026-27 Q2'],
    ['2026-11-05', '2026-27 Q3'],
    ['2027-02-01', '2026-27 Q4'],
    ['2026-03-31', '2025-26 Q4'],
    ['2099-12-31', '2099-00 Q3'],
  ])(
    'labels quarters by financial year (Apr–Jun Q1, Jul–Sep Q2, Oct–Dec Q3, Jan–Mar Q4): %s is %s',
    (date, expected) => {
      // Act
      const quarter = financialQuarter(date);

      // Assess
      expect(quarter).toBe(expected);
    },
  );

  it('a calendar-year period lists every quarter it touches, in order, zero-filled', () => {
    // Act
    const f = computeFigures([], { from: '2026-01-01', to: '2026-12-31' }, RULES, NOW, deadline);

    // Assess
    expect(Object.keys(f.byQuarter)).toEqual(['2025-26 Q4', '2026-27 Q1', '2026-27 Q2', '2026-27 Q3']);
  });
});

describe('figuresToCsv (RFC 4180)', () => {
  it('writes a header, one row per figure and CRLF line ends', () => {
    // Prepare
    const f = computeFigures(SET, PERIOD, RULES, NOW, deadline);

    // Act
    const csv = figuresToCsv(f);

    // Assess
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('figure,group,value,numerator,denominator');
    expect(lines).toContain('reports received,,6,,');
    expect(lines).toContain('initial contact within clock (%),,75,3,4');
    expect(lines).toContain('open cases over holding limit,,2,,5');
    expect(lines).toContain('reports by area,not recorded,1,,');
    expect(lines).toContain('reports by quarter,2026-27 Q2,3,,');
    expect(lines.at(-1)).toBe('');
    expect(csv).not.toMatch(/[^\r]\n/);
  });

  it('quotes fields with commas, quotes or line breaks, doubling quotes; neutralises formulas', () => {
    // Prepare
    const cases = [
      base({ area: 'leeds, west' }),
      base({ area: 'the "north"' }),
      base({ area: 'two\nlines' }),
      base({ area: '=HYPERLINK("x")' }),
    ];
    const f = computeFigures(cases, PERIOD, RULES, NOW, deadline);

    // Act
    const csv = figuresToCsv(f);

    // Assess
    expect(csv).toContain('reports by area,"leeds, west",1,,\r\n');
    expect(csv).toContain('reports by area,"the ""north""",1,,\r\n');
    expect(csv).toContain('reports by area,"two\nlines",1,,\r\n');
    expect(csv).toContain(`reports by area,"'=HYPERLINK(""x"")",1,,\r\n`);
  });

  it('a measure not set is "not measured"; an empty share has an empty percentage', () => {
    // Prepare
    const f = computeFigures([], PERIOD, { nation: 'england-and-wales' }, NOW, deadline);

    // Act
    const csv = figuresToCsv(f);

    // Assess
    expect(csv).toContain('initial contact within clock (%),,not measured,,\r\n');
    expect(csv).toContain('DASH attempted and recorded (%),,,0,0\r\n');
  });
});
