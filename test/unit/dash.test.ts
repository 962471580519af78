import { describe, expect, it } from 'vitest';
import { type DashAnswer, type DashSubmission, dashSubmissionSchema, scoreDash } from '../../functions/core/dash.js';
import { DASH_CHECKLISTS, DASH_INDICATORS, dashChecklist } from '../../functions/core/dash-checklist.js';
import { defined } from '../support/defined.js';

const CHECKLIST = defined(DASH_CHECKLISTS['dash-2009'], 'the dash-2009 checklist');
const IDS = CHECKLIST.questions.map((q) => q.id);
const INDICATOR_QUESTION = Object.fromEntries(
  CHECKLIST.questions.flatMap((q) => (q.indicator ? [[q.indicator, q.id] as const] : [])),
);
const PLAIN_IDS = CHECKLIST.questions.filter((q) => !q.indicator).map((q) => q.id);
const NOW = new Date('2026-06-15T10:00:00Z'); // 11:00 BST
const NO_HISTORY = { maracReferrals: [], incidents: [] };

/** All 24 answered: the given ids yes, the rest no. */
function answers(yes: string[], rest: DashAnswer = 'no'): Record<string, DashAnswer> {
  return Object.fromEntries(IDS.map((id) => [id, yes.includes(id) ? 'yes' : rest]));
}
const submission = (yes: string[], judgement?: DashSubmission['judgement']): DashSubmission => ({
  version: 'dash-2009',
  answers: answers(yes),
  ...(judgement ? { judgement } : {}),
});

describe('DASH checklist data (002 §6)', () => {
  it('002 §6: dash-2009 has 24 questions q01…q24, each with text and topic, threshold 14', () => {
    // Act
    const checklist = dashChecklist('dash-2009');

    // Assess
    expect(IDS).toEqual(Array.from({ length: 24 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`));
    for (const q of CHECKLIST.questions) {
      expect(q.text.length).toBeGreaterThan(10);
      expect(q.topic.length).toBeGreaterThan(2);
    }
    expect(CHECKLIST.highRiskThreshold).toBe(14);
    expect(checklist).toBe(CHECKLIST);
  });

  it('002 §6: a name that is not a checklist version (toString) finds no checklist', () => {
    // Act
    const checklist = dashChecklist('toString');

    // Assess
    expect(checklist).toBeUndefined();
  });

  it('002 §6: exactly the four indicator questions (weapons, strangulation, stalking, threats to kill) are marked', () => {
    // Act
    const indicators = Object.keys(INDICATOR_QUESTION);

    // Assess
    expect(indicators.sort()).toEqual([...DASH_INDICATORS].sort());
    expect(INDICATOR_QUESTION).toEqual({
      stalking: 'q08',
      weapons: 'q13',
      'threats-to-kill': 'q14',
      strangulation: 'q15',
    });
  });
});

describe('scoreDash thresholds (002 §6)', () => {
  it('002 §6: a score of 13 with no indicator is not high risk, no MARAC, standard by default', () => {
    // Act
    const r = scoreDash(submission(PLAIN_IDS.slice(0, 13)), NO_HISTORY, NOW);

    // Assess
    expect(r).toMatchObject({
      version: 'dash-2009',
      score: 13,
      risk: 'standard',
      maracRequired: false,
      indicatorsTriggered: [],
    });
    expect(r.reasons).toEqual(['score 13 is under 14', 'no professional judgement given: standard']);
    expect(r.judgementIgnored).toBeUndefined();
  });

  it('002 §6: a score of 14 is high risk, MARAC required', () => {
    // Act
    const r = scoreDash(submission(PLAIN_IDS.slice(0, 14)), NO_HISTORY, NOW);

    // Assess
    expect(r).toMatchObject({ score: 14, risk: 'high', maracRequired: true, indicatorsTriggered: [] });
    expect(r.reasons).toEqual(['score 14 is 14 or more']);
  });

  it('002 §6: a score of 15 is high risk, MARAC required', () => {
    // Act
    const r = scoreDash(submission(PLAIN_IDS.slice(0, 15)), NO_HISTORY, NOW);

    // Assess
    expect(r).toMatchObject({ score: 15, risk: 'high', maracRequired: true });
    expect(r.reasons).toContain('score 15 is 14 or more');
  });

  it('002 §6: "not known" answers are not yes and do not count to the score', () => {
    // Prepare
    const s: DashSubmission = { version: 'dash-2009', answers: { ...answers(PLAIN_IDS.slice(0, 13), 'not-known') } };

    // Act
    const r = scoreDash(s, NO_HISTORY, NOW);

    // Assess
    expect(r).toMatchObject({ score: 13, risk: 'standard', maracRequired: false });
  });
});

describe('scoreDash indicator questions (002 §6)', () => {
  const cases = [
    ['weapons', 'yes to weapons or objects used to hurt'],
    ['strangulation', 'yes to strangulation'],
    ['stalking', 'yes to stalking'],
    ['threats-to-kill', 'yes to threats to kill'],
  ] as const;
  for (const [indicator, reason] of cases) {
    it(`002 §6: a yes to ${indicator} alone (score 1) is high risk, MARAC required`, () => {
      // Act
      const r = scoreDash(
        submission([defined(INDICATOR_QUESTION[indicator], `the question for ${indicator}`)]),
        NO_HISTORY,
        NOW,
      );

      // Assess
      expect(r).toMatchObject({ score: 1, risk: 'high', maracRequired: true, indicatorsTriggered: [indicator] });
      expect(r.reasons).toEqual(['score 1 is under 14', reason]);
    });
  }

  it('002 §6: several indicators are all listed, with the score reason', () => {
    // Act
    const r = scoreDash(submission(['q13', 'q15']), NO_HISTORY, NOW);

    // Assess
    expect(r.indicatorsTriggered).toEqual(['weapons', 'strangulation']);
    expect(r.reasons).toEqual([
      'score 2 is under 14',
      'yes to weapons or objects used to hurt',
      'yes to strangulation',
    ]);
  });
});

describe('scoreDash professional judgement (002 §6)', () => {
  /** Scored with no history: the first `plain` questions that are no indicator answered yes, with the judgement. */
  const judged = (plain: number, judgement: DashSubmission['judgement']) =>
    scoreDash(submission(PLAIN_IDS.slice(0, plain), judgement), NO_HISTORY, NOW);

  it('002 §6: under 14, professional judgement with reasons raises to high, MARAC required', () => {
    // Act
    const r = judged(5, { level: 'high', reasons: 'escalating pattern seen on visits' });

    // Assess
    expect(r).toMatchObject({ score: 5, risk: 'high', maracRequired: true });
    expect(r.reasons).toEqual(['score 5 is under 14', 'professional judgement: high']);
  });

  it('002 §6: under 14, professional judgement picks medium, no MARAC', () => {
    // Act
    const r = judged(8, { level: 'medium', reasons: 'recent separation' });

    // Assess
    expect(r).toMatchObject({ risk: 'medium', maracRequired: false });
    expect(r.reasons).toContain('professional judgement: medium');
  });

  it('002 §6: the judgement reasons (free text) never appear in the result', () => {
    // Act
    const r = scoreDash(submission([], { level: 'high', reasons: 'CANARY-reasons-text' }), NO_HISTORY, NOW);

    // Assess
    expect(JSON.stringify(r)).not.toContain('CANARY');
  });

  it('002 §6: judgement cannot lower a score of 14+: ignored and reported', () => {
    // Act
    const r = judged(16, { level: 'standard', reasons: 'victim says it is fine' });

    // Assess
    expect(r).toMatchObject({ score: 16, risk: 'high', maracRequired: true });
    expect(r.judgementIgnored).toMatch(/standard cannot lower a high risk/);
    expect(r.reasons).not.toContain('professional judgement: standard');
  });

  it('002 §6: judgement cannot lower an indicator high (strangulation): ignored and reported', () => {
    // Act
    const r = scoreDash(submission(['q15'], { level: 'medium', reasons: 'one-off' }), NO_HISTORY, NOW);

    // Assess
    expect(r).toMatchObject({ risk: 'high', maracRequired: true });
    expect(r.judgementIgnored).toMatch(/medium cannot lower a high risk/);
  });

  it('002 §6: judgement of high on a 14+ agrees and is not reported as ignored', () => {
    // Act
    const r = judged(14, { level: 'high', reasons: 'agree' });

    // Assess
    expect(r.judgementIgnored).toBeUndefined();
    expect(r.reasons).toEqual(['score 14 is 14 or more', 'professional judgement: high']);
  });
});

describe('scoreDash history: repeat MARAC and escalation at the 12-month boundary (002 §6)', () => {
  // 12 months before 2026-06-15 11:00 BST is 2025-06-15 11:00 BST = 10:00Z.
  const BOUNDARY = '2025-06-15T10:00:00.000Z';
  const JUST_BEFORE = '2025-06-15T09:59:59.999Z';

  it('002 §6: a MARAC referral exactly 12 months before now makes the next one a repeat', () => {
    // Act
    const r = scoreDash(submission([]), { maracReferrals: [BOUNDARY], incidents: [] }, NOW);

    // Assess
    expect(r.maracWouldRepeat).toBe(true);
    // The case's own first referral is not itself a repeat.
    expect(r.repeatMarac).toBe(false);
  });

  it('002 §6: a MARAC referral just over 12 months before now is not a repeat', () => {
    // Act
    const r = scoreDash(submission([]), { maracReferrals: [JUST_BEFORE], incidents: [] }, NOW);

    // Assess
    expect(r.maracWouldRepeat).toBe(false);
  });

  it('002 §6: no referrals is not a repeat', () => {
    // Act
    const r = scoreDash(submission([]), NO_HISTORY, NOW);

    // Assess
    expect(r.maracWouldRepeat).toBe(false);
  });

  it('002 §6: only one referral, after now, is not a repeat', () => {
    // Act
    const r = scoreDash(submission([]), { maracReferrals: ['2026-06-16T10:00:00Z'], incidents: [] }, NOW);

    // Assess
    expect(r.maracWouldRepeat).toBe(false);
  });

  it('002 §6: three incidents within 12 months (one on the boundary) flag potential escalation', () => {
    // Prepare
    const incidents = [BOUNDARY, '2026-01-10T12:00:00Z', '2026-06-15T09:00:00Z'];

    // Act
    const r = scoreDash(submission([]), { maracReferrals: [], incidents }, NOW);

    // Assess
    expect(r.potentialEscalation).toBe(true);
  });

  it('002 §6: two within 12 months plus one just outside is not potential escalation', () => {
    // Prepare
    const incidents = [JUST_BEFORE, '2026-01-10T12:00:00Z', '2026-06-15T09:00:00Z'];

    // Act
    const r = scoreDash(submission([]), { maracReferrals: [], incidents }, NOW);

    // Assess
    expect(r.potentialEscalation).toBe(false);
  });

  describe.each<[name: string, now: string, referrals: [name: string, at: string, within: boolean][]]>([
    [
      // now 2026-03-29 13:00 BST (12:00Z); 12 months before is 2025-03-29 13:00 GMT (13:00Z), not 12:00Z.
      '002 §6: the 12-month window is London time: the clocks changed on 29 March 2026 but on 30 March 2025',
      '2026-03-29T12:00:00Z',
      [
        ['002 §6: a referral at 2025-03-29 13:00 GMT is within the window', '2025-03-29T13:00:00Z', true],
        [
          '002 §6: a referral a second before 2025-03-29 13:00 GMT is outside the window',
          '2025-03-29T12:59:59Z',
          false,
        ],
      ],
    ],
    [
      '002 §6: 12 months before 29 February is 28 February (the same London time)',
      '2028-02-29T12:00:00Z',
      [
        ['002 §6: a referral at 28 February, the same London time, is within the window', '2027-02-28T12:00:00Z', true],
        ['002 §6: a referral a second before that is outside the window', '2027-02-28T11:59:59Z', false],
      ],
    ],
  ])('%s', (_name, now, referrals) => {
    it.each(referrals)('%s', (_referral, at, within) => {
      // Act
      const r = scoreDash(submission([]), { maracReferrals: [at], incidents: [] }, new Date(now));

      // Assess
      expect(r.maracWouldRepeat).toBe(within);
    });
  });

  it('002 §6: a history entry that is not a date is an error that does not echo it', () => {
    // Act
    const act = () => scoreDash(submission([]), { maracReferrals: ['CANARY-not-a-date'], incidents: [] }, NOW);

    // Assess
    expect(act).toThrow(/^(?!.*CANARY).*not a date/);
  });
});

describe('dashSubmissionSchema validation (002 §6)', () => {
  const issues = (input: unknown) => {
    const r = dashSubmissionSchema.safeParse(input);
    expect(r.success).toBe(false);
    return defined(r.error, 'a parse error').issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('002 §6: a complete submission parses without a judgement', () => {
    // Act
    const parsed = dashSubmissionSchema.parse(submission(['q01']));

    // Assess
    expect(parsed).toEqual(submission(['q01']));
  });

  it('002 §6: a complete submission parses with a judgement, its reasons trimmed', () => {
    // Prepare
    const withJ = submission([], { level: 'medium', reasons: '  recent separation ' });

    // Act
    const parsed = dashSubmissionSchema.parse(withJ);

    // Assess
    expect(parsed.judgement).toEqual({ level: 'medium', reasons: 'recent separation' });
  });

  it('002 §6: all 24 answers are required; each missing one is named', () => {
    // Prepare
    const a = answers([]);
    delete a.q07;
    delete a.q24;

    // Act
    const found = issues({ version: 'dash-2009', answers: a });

    // Assess
    expect(found).toEqual([
      { path: 'answers.q07', message: 'is required' },
      { path: 'answers.q24', message: 'is required' },
    ]);
  });

  it('002 §6: unknown question ids are rejected without echoing them', () => {
    // Act
    const found = issues({ version: 'dash-2009', answers: { ...answers([]), 'CANARY-q25': 'yes' } });

    // Assess
    expect(found).toEqual([
      { path: 'answers', message: 'has 1 answer(s) to questions not on the dash-2009 checklist' },
    ]);
    expect(JSON.stringify(found)).not.toContain('CANARY');
  });

  it('002 §6: an answer other than yes/no/not-known is rejected without echoing it', () => {
    // Act
    const found = issues({ version: 'dash-2009', answers: { ...answers([]), q03: 'CANARY-maybe' } });

    // Assess
    expect(found).toEqual([{ path: 'answers.q03', message: 'must be yes, no or not-known' }]);
    expect(JSON.stringify(found)).not.toContain('CANARY');
  });

  it('002 §6: an unknown checklist version is rejected', () => {
    // Act
    const found = issues({ version: 'dash-1999', answers: answers([]) });

    // Assess
    expect(found).toEqual([{ path: 'version', message: 'is not a DASH checklist version Haven knows' }]);
  });

  it('002 §6: a judgement with empty reasons is rejected', () => {
    // Act
    const found = issues(submission([], { level: 'high', reasons: '' }));

    // Assess
    expect(found).toEqual([{ path: 'judgement.reasons', message: 'give the reasons for the professional judgement' }]);
  });

  it('002 §6: a judgement with blank reasons is rejected', () => {
    // Act
    const found = issues(submission([], { level: 'high', reasons: '   ' }));

    // Assess
    expect(found.map((i) => i.path)).toEqual(['judgement.reasons']);
  });

  it('002 §6: a judgement with no reasons field is rejected', () => {
    // Act
    const found = issues({ ...submission([]), judgement: { level: 'high' } });

    // Assess
    expect(found.map((i) => i.path)).toEqual(['judgement.reasons']);
  });

  it('002 §6: a bad judgement level and a missing answer are both reported at once', () => {
    // Prepare
    const a = answers([]);
    delete a.q01;

    // Act
    const paths = issues({ version: 'dash-2009', answers: a, judgement: { level: 'low', reasons: 'x' } }).map(
      (i) => i.path,
    );

    // Assess
    expect(paths).toEqual(['judgement.level', 'answers.q01']);
  });

  it('002 §6: extra top-level fields are rejected', () => {
    // Act
    const found = issues({ ...submission([]), score: 20 });

    // Assess
    expect(found.map((i) => i.path)).toEqual(['']);
  });

  it('002 §6: scoreDash refuses a version it does not know', () => {
    // Act
    const act = () => scoreDash({ version: 'dash-1999', answers: {} }, NO_HISTORY, NOW);

    // Assess
    expect(act).toThrow(/version/);
  });
});
