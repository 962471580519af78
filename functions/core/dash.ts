/**
 * DASH scoring and the MARAC threshold (002 §6): high risk when 14 or more answers are yes, or any
 * of the four indicator questions (weapons, strangulation, stalking, threats to kill) is yes, or the
 * officer's professional judgement says high, with reasons. High risk means a MARAC referral.
 */
import * as z from 'zod/mini';
import { DASH_INDICATOR_LABELS, type DashIndicator, dashChecklist } from './dash-checklist.js';
import { freeText } from './report.js';
import { type CaseFlags, type CaseHistory, caseFlags } from './rules/case-flags.js';
import './zod-en.js';

export const DASH_ANSWERS = ['yes', 'no', 'not-known'] as const;
export type DashAnswer = (typeof DASH_ANSWERS)[number];
export const DASH_RISK_LEVELS = ['high', 'medium', 'standard'] as const;
export type DashRisk = (typeof DASH_RISK_LEVELS)[number];

/** The officer's professional judgement: a level and, always, the reasons for it (002 §6). */
export const dashJudgementSchema = z.strictObject({
  level: z.enum(DASH_RISK_LEVELS),
  reasons: freeText(4000).check(z.minLength(1, 'give the reasons for the professional judgement')),
});
export type DashJudgement = z.infer<typeof dashJudgementSchema>;

/** A completed checklist as the officer submits it. */
export interface DashSubmission {
  version: string;
  /** Question id → answer; every question of the version, and no other id. */
  answers: Record<string, DashAnswer>;
  judgement?: DashJudgement;
}

const isAnswer = (v: unknown): v is DashAnswer =>
  typeof v === 'string' && (DASH_ANSWERS as readonly string[]).includes(v);

/**
 * Validates a DASH submission against the questions of its own version. Issues name the field and
 * the problem but never echo what was sent: answers are personal data, and an unknown key could be too.
 */
export const dashSubmissionSchema = z.pipe(
  z
    .strictObject({
      version: z.string().check(z.maxLength(40)),
      answers: z.record(z.string(), z.unknown()),
      judgement: z.optional(dashJudgementSchema),
    })
    .check(
      z.superRefine(
        (raw, ctx) => {
          // Runs even when another field failed, so every problem is reported at once; hence the type checks.
          const s = raw as { version?: unknown; answers?: unknown };
          if (typeof s.version !== 'string' || typeof s.answers !== 'object' || s.answers === null) return;
          const checklist = dashChecklist(s.version);
          if (!checklist) {
            ctx.addIssue({ code: 'custom', path: ['version'], message: 'is not a DASH checklist version Haven knows' });
            return;
          }
          const answers = s.answers as Record<string, unknown>;
          const ids = new Set(checklist.questions.map((q) => q.id));
          const unknown = Object.keys(answers).filter((k) => !ids.has(k)).length;
          if (unknown > 0)
            ctx.addIssue({
              code: 'custom',
              path: ['answers'],
              message: `has ${unknown} answer(s) to questions not on the ${checklist.version} checklist`,
            });
          for (const q of checklist.questions) {
            if (!Object.hasOwn(answers, q.id))
              ctx.addIssue({ code: 'custom', path: ['answers', q.id], message: 'is required' });
            else if (!isAnswer(answers[q.id]))
              ctx.addIssue({ code: 'custom', path: ['answers', q.id], message: 'must be yes, no or not-known' });
          }
        },
        { when: () => true },
      ),
    ),
  z.transform((s): DashSubmission => s as DashSubmission),
);

/** What a scored DASH says and why. Holds no answers and no free text, so it may go in the case summary. */
export interface DashResult extends CaseFlags {
  version: string;
  /** Number of yes answers ("not known" is not yes). */
  score: number;
  risk: DashRisk;
  maracRequired: boolean;
  /** Why the risk level is what it is, e.g. "score 15 is 14 or more", "yes to strangulation". */
  reasons: string[];
  /** The indicator questions answered yes, e.g. ['strangulation']. */
  indicatorsTriggered: DashIndicator[];
  /** Set when a judgement tried to lower a high risk set by the score or an indicator. */
  judgementIgnored?: string;
}

/**
 * Scores a DASH submission (002 §6). Under the threshold with no indicator, the officer's judgement
 * picks medium or standard; with no judgement the risk is standard, since a medium grading is the
 * officer's call and the policy treats "medium or low" alike (no MARAC).
 */
export function scoreDash(submission: DashSubmission, history: CaseHistory, now: Date): DashResult {
  const checklist = dashChecklist(submission.version);
  if (!checklist) throw new Error('DASH submission names a checklist version Haven does not know');
  const yes = checklist.questions.filter((q) => submission.answers[q.id] === 'yes');
  const score = yes.length;
  const indicatorsTriggered = yes.flatMap((q) => (q.indicator ? [q.indicator] : []));
  const threshold = checklist.highRiskThreshold;

  const reasons: string[] = [
    score >= threshold ? `score ${score} is ${threshold} or more` : `score ${score} is under ${threshold}`,
  ];
  for (const i of indicatorsTriggered) reasons.push(`yes to ${DASH_INDICATOR_LABELS[i]}`);
  const setHigh = score >= threshold || indicatorsTriggered.length > 0;

  const judgement = submission.judgement;
  let risk: DashRisk;
  let judgementIgnored: string | undefined;
  if (judgement?.level === 'high') {
    risk = 'high';
    reasons.push('professional judgement: high');
  } else if (setHigh) {
    risk = 'high';
    if (judgement)
      judgementIgnored = `professional judgement of ${judgement.level} cannot lower a high risk set by the score or an indicator question`;
  } else if (judgement) {
    risk = judgement.level;
    reasons.push(`professional judgement: ${judgement.level}`);
  } else {
    risk = 'standard';
    reasons.push('no professional judgement given: standard');
  }

  return {
    version: checklist.version,
    score,
    risk,
    maracRequired: risk === 'high',
    reasons,
    indicatorsTriggered,
    ...(judgementIgnored ? { judgementIgnored } : {}),
    ...caseFlags(history, now),
  };
}
