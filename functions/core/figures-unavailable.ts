/**
 * Measures built on the figures facts. Every write keeps those facts on the case item; a case last
 * written before they were kept has none until its next write, and while any such case is counted
 * these measures are reported as unavailable, never as a misleading 0%.
 */
import { type Figures, figuresToCsv } from './figures.js';

const NEEDS_FACTS = [
  'initialContactWithinClock',
  'dashAttempted',
  'contactAtLeastFortnightly',
  'specialistReferralOfferedWhereConsent',
  'openOverHoldingLimit',
  'maracReferrals',
  'byReporter',
  'openWithoutSafeWay',
] as const;

/** The CSV rows of those measures, by how each row's figure name begins. */
const UNAVAILABLE_CSV_ROWS = [
  'initial contact within clock',
  'DASH attempted',
  'contact at least fortnightly',
  'offered specialist referral',
  'open cases over holding limit',
  'MARAC referrals',
  'reports by who made them',
  'open cases with no safe way',
];

/** The figures as JSON (with the area asked for): without the facts, those measures are null and listed in `unavailable`. */
export function figuresAnswer(f: Figures, factsKept: boolean, area?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { ...f, ...(area ? { area } : {}) };
  if (factsKept) return body;
  for (const k of NEEDS_FACTS) body[k] = null;
  return { ...body, unavailable: [...NEEDS_FACTS] };
}

/** The figures as CSV (figures.ts `figuresToCsv`): without the facts, those measures' rows say "not available". */
export function figuresCsv(f: Figures, factsKept: boolean): string {
  if (factsKept) return figuresToCsv(f);
  return figuresToCsv({
    ...f,
    initialContactWithinClock: null,
    contactAtLeastFortnightly: null,
    openOverHoldingLimit: null,
  })
    .split('\r\n')
    .map((line) =>
      UNAVAILABLE_CSV_ROWS.some((row) => line.startsWith(row)) ? `${line.split(',')[0]},,not available,,` : line,
    )
    .join('\r\n');
}
