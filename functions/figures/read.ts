/**
 * Reads the cases a period's figures count, from the clear index projections only (no decryption:
 * the case summaries and their figures facts, case-table.ts `figuresMetaOf`), and counts them.
 */

import type { Deps } from '../adapters/deps.js';
import type { FiguresSummary } from '../adapters/store/index.js';
import type { AssociationConfig } from '../core/association.js';
import { DAY_MS, deadline } from '../core/clocks.js';
import { computeFigures, type Figures, type FiguresCase, figuresRulesOf } from '../core/figures.js';
import { ABUSE_TYPES } from '../core/report.js';
import type { FiguresQuery } from './query.js';

const KNOWN_ABUSE_TYPES: ReadonlySet<string> = new Set(ABUSE_TYPES);
const abuseTypes = (list: string[]) =>
  list.filter((t): t is FiguresCase['abuseTypes'][number] => KNOWN_ABUSE_TYPES.has(t));

/** A case as the figures count it, from its clear summary and figures facts (empty when an old item has none). */
function figuresCaseOf(s: FiguresSummary): FiguresCase {
  const f = s.figures;
  const c: FiguresCase = {
    reportedAt: s.reportedAt,
    status: s.status,
    abuseTypes: abuseTypes(s.abuseTypes),
    contacts: f?.contacts ?? [],
    maracReferrals: f?.maracReferrals ?? [],
    holdingPauses: f?.holdingPauses ?? [],
    risk: s.risk,
  };
  // Set one by one (no object spread per field): this runs for every case of the period.
  if (s.closedAt) c.closedAt = s.closedAt;
  if (s.area) c.area = s.area;
  if (!f) return c;
  if (f.firstContactAt) c.firstContactAt = f.firstContactAt;
  if (f.dashAttemptedAt) c.dashAttemptedAt = f.dashAttemptedAt;
  if (f.consentToSpecialistReferral !== undefined) c.consentToSpecialistReferral = f.consentToSpecialistReferral;
  if (f.specialistReferralOfferedAt) c.specialistReferralOfferedAt = f.specialistReferralOfferedAt;
  if (f.reportedBy) c.reportedBy = f.reportedBy;
  if (f.safeContact) c.safeContact = f.safeContact;
  if (f.agreedContactRhythm) c.agreedContactRhythm = f.agreedContactRhythm;
  return c;
}

/** The figures for the query's period as at `now`, and whether every counted case kept its figures facts. */
export async function readFigures(
  cases: Pick<Deps['cases'], 'listCasesForFigures'>,
  config: AssociationConfig,
  q: FiguresQuery,
  now: Date,
): Promise<{ figures: Figures; factsKept: boolean }> {
  // A day either side covers London's offset; computeFigures keeps London dates inside the period.
  // Cases active since the period began (open now, or closed since) are read too, whenever reported:
  // MARAC referrals count by referral date and the holding limit counts every open case.
  const from = new Date(Date.parse(q.from) - DAY_MS);
  const to = new Date(Date.parse(q.to) + 2 * DAY_MS);
  const summaries = await cases.listCasesForFigures({
    from,
    to,
    activeSince: from,
    ...(q.area ? { area: q.area } : {}),
  });
  const figures = computeFigures(
    summaries.map(figuresCaseOf),
    { from: q.from, to: q.to },
    figuresRulesOf(config),
    now,
    deadline,
  );
  return { figures, factsKept: summaries.every((s) => s.figures !== undefined) };
}
