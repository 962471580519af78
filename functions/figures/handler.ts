/**
 * GET /api/figures?from&to[&area][&format=csv]: the measures the association reports (001 §7, 000)
 * for managers, the safeguarding lead and the board. Reads clear index projections only (no
 * decryption); aggregate counts out, nothing that identifies a case.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { CaseSummary } from '../adapters/case-repository.js';
import { depsFromEnvironment, resolver, type Deps, type DepsSource } from '../adapters/deps.js';
import { badRequest, fieldsFromZod } from '../adapters/http/errors.js';
import type { Role } from '../adapters/http/identity.js';
import { httpApi, json, type ApiContext, type ApiResult } from '../adapters/http/middleware.js';
import type { Clock } from '../core/clock-schema.js';
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

/**
 * Figure facts a case summary may carry in clear (timestamps and flags, no personal data). Where the
 * store does not provide them, the measures built on them are reported as unavailable, never as 0%.
 */
type FigureFacts = Pick<
  FiguresCase,
  'firstContactAt' | 'contacts' | 'dashAttemptedAt' | 'consentToSpecialistReferral' | 'specialistReferralOfferedAt' | 'maracReferrals' | 'holdingPauses' | 'agreedContactRhythm'
>;

const abuseTypes = (list: string[]) => list.filter((t): t is FiguresCase['abuseTypes'][number] => (ABUSE_TYPES as readonly string[]).includes(t));

function figuresCaseOf(s: CaseSummary & Partial<FigureFacts>): FiguresCase {
  return {
    reportedAt: s.reportedAt,
    status: s.status,
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    ...(s.area ? { area: s.area } : {}),
    abuseTypes: abuseTypes(s.abuseTypes),
    ...(s.firstContactAt ? { firstContactAt: s.firstContactAt } : {}),
    contacts: s.contacts ?? [],
    ...(s.dashAttemptedAt ? { dashAttemptedAt: s.dashAttemptedAt } : {}),
    ...(s.consentToSpecialistReferral !== undefined ? { consentToSpecialistReferral: s.consentToSpecialistReferral } : {}),
    ...(s.specialistReferralOfferedAt ? { specialistReferralOfferedAt: s.specialistReferralOfferedAt } : {}),
    maracReferrals: s.maracReferrals ?? [],
    holdingPauses: s.holdingPauses ?? [],
    risk: s.risk,
    ...(s.agreedContactRhythm ? { agreedContactRhythm: s.agreedContactRhythm as Clock } : {}),
  };
}

/** Measures that need figure facts the store does not keep in clear yet. */
const NEEDS_FACTS = ['initialContactWithinClock', 'dashAttempted', 'contactAtLeastFortnightly', 'specialistReferralOfferedWhereConsent', 'maracReferrals'] as const;

const UNAVAILABLE_CSV_ROWS = ['initial contact within clock', 'DASH attempted', 'contact at least fortnightly', 'offered specialist referral', 'MARAC referrals'];

/** Every page of open cases (for the holding-limit measure, which counts open cases whenever reported). */
async function allOpen(d: Deps, area: string | undefined): Promise<CaseSummary[]> {
  const out: CaseSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await d.cases.listOpenCases({ limit: 500, ...(area ? { area } : {}), ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

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
  const received = await d.cases.listCasesForFigures({
    from: new Date(Date.parse(q.from) - DAY_MS),
    to: new Date(Date.parse(q.to) + 2 * DAY_MS),
    ...(q.area ? { area: q.area } : {}),
  });
  const open = await allOpen(d, q.area);
  const byId = new Map<string, CaseSummary>();
  for (const s of [...received, ...open]) byId.set(s.caseId, s);
  const summaries = [...byId.values()] as (CaseSummary & Partial<FigureFacts>)[];
  const { config } = d;
  const result: Figures = computeFigures(
    summaries.map(figuresCaseOf),
    { from: q.from, to: q.to },
    { nation: config.nation, ...(config.clocks.initialContact ? { initialContact: config.clocks.initialContact } : {}), ...(config.clocks.regularContact ? { regularContact: config.clocks.regularContact } : {}), ...(config.clocks.holdingArea ? { holdingArea: config.clocks.holdingArea } : {}) },
    now,
    deadline,
  );
  const factsKept = summaries.length === 0 || summaries.some((s) => Array.isArray(s.contacts));
  const unavailable: string[] = factsKept ? [] : [...NEEDS_FACTS];
  const body: Record<string, unknown> = { ...result, ...(q.area ? { area: q.area } : {}) };
  for (const k of unavailable) body[k] = null;

  if (q.format === 'csv') {
    let csv = figuresToCsv(factsKept ? result : { ...result, initialContactWithinClock: null, contactAtLeastFortnightly: null });
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
