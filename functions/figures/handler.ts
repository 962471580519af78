/**
 * GET /api/figures?from&to[&area][&format=csv]: the measures the association reports (001 §7, 000)
 * for managers, the safeguarding lead and the board. Reads clear index projections only (no
 * decryption: the case summaries and their figures facts, case-table.ts `figuresMetaOf`); aggregate
 * counts out, nothing that identifies a case.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { FiguresSummary } from '../adapters/case-repository.js';
import { depsFromEnvironment, resolver, type Deps, type DepsSource } from '../adapters/deps.js';
import { badRequest, fieldsFromZod } from '../adapters/http/errors.js';
import type { Role } from '../core/roles.js';
import { httpApi, json, type ApiContext, type ApiResult } from '../adapters/http/middleware.js';
import { deadline } from '../core/clocks.js';
import { computeFigures, figuresToCsv, type Figures, type FiguresCase } from '../core/figures.js';
import { ABUSE_TYPES } from '../core/report.js';

/** Who may read the figures (the board sees nothing else). */
export const FIGURES_ROLES: readonly Role[] = ['manager', 'safeguarding-lead', 'board'];

const DAY_MS = 86_400_000;
const MAX_DAYS = 366 * 5;
const date = z.iso.date();

const querySchema = z.strictObject({
  from: date,
  to: date,
  area: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be an area id').optional(),
  format: z.enum(['json', 'csv']).optional(),
});

const abuseTypes = (list: string[]) => list.filter((t): t is FiguresCase['abuseTypes'][number] => (ABUSE_TYPES as readonly string[]).includes(t));

/** A case as the figures count it, from its clear summary and figures facts (empty when an old item has none). */
function figuresCaseOf(s: FiguresSummary): FiguresCase {
  const f = s.figures;
  return {
    reportedAt: s.reportedAt,
    status: s.status,
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    ...(s.area ? { area: s.area } : {}),
    abuseTypes: abuseTypes(s.abuseTypes),
    ...(f?.firstContactAt ? { firstContactAt: f.firstContactAt } : {}),
    contacts: f?.contacts ?? [],
    ...(f?.dashAttemptedAt ? { dashAttemptedAt: f.dashAttemptedAt } : {}),
    ...(f?.consentToSpecialistReferral !== undefined ? { consentToSpecialistReferral: f.consentToSpecialistReferral } : {}),
    ...(f?.specialistReferralOfferedAt ? { specialistReferralOfferedAt: f.specialistReferralOfferedAt } : {}),
    maracReferrals: f?.maracReferrals ?? [],
    holdingPauses: f?.holdingPauses ?? [],
    risk: s.risk,
    ...(f?.agreedContactRhythm ? { agreedContactRhythm: f.agreedContactRhythm } : {}),
  };
}

/**
 * Measures built on the figures facts. Every write keeps those facts on the case item; a case last
 * written before they were kept has none until its next write, and while any such case is counted
 * these measures are reported as unavailable, never as a misleading 0%.
 */
const NEEDS_FACTS = ['initialContactWithinClock', 'dashAttempted', 'contactAtLeastFortnightly', 'specialistReferralOfferedWhereConsent', 'openOverHoldingLimit', 'maracReferrals'] as const;

const UNAVAILABLE_CSV_ROWS = ['initial contact within clock', 'DASH attempted', 'contact at least fortnightly', 'offered specialist referral', 'open cases over holding limit', 'MARAC referrals'];

async function figures(event: APIGatewayProxyEventV2, context: ApiContext, d: Deps): Promise<ApiResult> {
  const parsed = querySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw badRequest(fieldsFromZod(parsed.error));
  const q = parsed.data;
  const now = d.now();
  const problems = [];
  if (q.from < '2000-01-01') problems.push({ field: 'from', problem: 'must not be before 2000' });
  if (Date.parse(q.from) > now.getTime() + 366 * DAY_MS) problems.push({ field: 'from', problem: 'must not be more than a year ahead' });
  if (q.to < q.from) problems.push({ field: 'to', problem: 'must not be before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / DAY_MS > MAX_DAYS) problems.push({ field: 'to', problem: 'must be within five years of from' });
  if (q.area && !d.config.areas.some((a) => a.id === q.area)) problems.push({ field: 'area', problem: `must be one of: ${d.config.areas.map((a) => a.id).join(', ')}` });
  if (problems.length) throw badRequest(problems);

  // A day either side covers London's offset; computeFigures keeps London dates inside the period.
  // Cases active since the period began (open now, or closed since) are read too, whenever reported:
  // MARAC referrals count by referral date and the holding limit counts every open case.
  const from = new Date(Date.parse(q.from) - DAY_MS);
  const summaries = await d.cases.listCasesForFigures({ from, to: new Date(Date.parse(q.to) + 2 * DAY_MS), activeSince: from, ...(q.area ? { area: q.area } : {}) });
  const { config } = d;
  const result: Figures = computeFigures(
    summaries.map(figuresCaseOf),
    { from: q.from, to: q.to },
    { nation: config.nation, ...(config.clocks.initialContact ? { initialContact: config.clocks.initialContact } : {}), ...(config.clocks.regularContact ? { regularContact: config.clocks.regularContact } : {}), ...(config.clocks.holdingArea ? { holdingArea: config.clocks.holdingArea } : {}) },
    now,
    deadline,
  );
  const factsKept = summaries.every((s) => s.figures !== undefined);
  const unavailable: string[] = factsKept ? [] : [...NEEDS_FACTS];
  const body: Record<string, unknown> = { ...result, ...(q.area ? { area: q.area } : {}) };
  for (const k of unavailable) body[k] = null;

  if (q.format === 'csv') {
    let csv = figuresToCsv(factsKept ? result : { ...result, initialContactWithinClock: null, contactAtLeastFortnightly: null, openOverHoldingLimit: null });
    if (!factsKept)
      csv = csv
        .split('\r\n')
        .map((line) => (UNAVAILABLE_CSV_ROWS.some((row) => line.startsWith(row)) ? `${line.split(',')[0]},,not available,,` : line))
        .join('\r\n');
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="figures-${q.from}-to-${q.to}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-correlation-id': context.correlationId,
      },
      body: csv,
    };
  }
  return json(200, { ...body, ...(unavailable.length ? { unavailable } : {}) }, context.correlationId);
}

/** Builds the figures handler over `deps` (or a builder of them). */
export function createHandler(source: DepsSource) {
  return httpApi(resolver(source), figures, { roles: FIGURES_ROLES });
}

/** The Lambda entry point: deps built once per container from the environment. */
export const handler = createHandler(() => depsFromEnvironment('haven-figures'));
