/**
 * GET /api/cases: the caseload as a work queue (core/worklist.ts): open cases in immediate danger first,
 * then overdue (most overdue first), then high risk (with or without a clock), then due soonest, then
 * the rest; filtered by area, risk, overdue, officer or unassigned. Officers see their areas (and,
 * with `officer` set to themselves, every case assigned to them). Each item carries its flags, next
 * action and how many clocks are overdue, all from the open indexes' clear projections (no read or
 * decrypt of a case, no Scan). An officer in several areas gets one list merged from each area's
 * listing, under one cursor. `reference` and `status=closed` are case-search.ts's.
 */
import * as z from 'zod/mini';
import { encodeCursor } from '../adapters/cursor.js';
import type { Deps } from '../adapters/deps.js';
import { fieldsFromZod } from '../adapters/http/errors.js';
import { type ApiResult, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import { mergedPage } from '../adapters/merged-pages.js';
import { type CaseSummary, isOpenPosition, type OpenCasesQuery, queueOrder } from '../adapters/store/index.js';
import { RISK_LEVELS } from '../core/case.js';
import { Refusal } from '../core/problems.js';
import { maySee } from '../core/rules/case-access.js';
import { closedCases, findByReference } from './case-search.js';
import { caseloadItem, listingsFor, startsOf } from './caseload-items.js';
import { callerOf } from './route-input.js';

const listQuerySchema = z.strictObject({
  area: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,60}$/, 'must be an area id'))),
  risk: z.optional(z.enum(RISK_LEVELS)),
  overdue: z.optional(z.enum(['true', 'false'])),
  unassigned: z.optional(z.enum(['true', 'false'])),
  officer: z.optional(z.string().check(z.regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id'))),
  status: z.optional(z.enum(['open', 'closed'])),
  reference: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, 'must be a case reference as the reporter was given it'),
      ),
  ),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
  cursor: z.optional(
    z.string().check(z.maxLength(8000), z.regex(/^[A-Za-z0-9_=+/-]+$/, 'must be the cursor of a previous page')),
  ),
});

/** One page of open cases merged from each area's listing, in the work queue's order at `now`. */
async function openPage(d: Deps, base: OpenCasesQuery, areas: string[], cursor: string | undefined, now: Date) {
  const page = await mergedPage(
    (area, limit, at) => d.cases.openCasesFrom({ ...base, area, limit }, at),
    areas,
    startsOf(cursor, areas, isOpenPosition),
    base.limit ?? 50,
    queueOrder(now),
  );
  return { items: page.items, ...(page.next ? { cursor: encodeCursor(page.next) } : {}) };
}

/** GET /api/cases (see the module comment). */
export async function listCases({ event, context, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  const parsed = listQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new Refusal('invalid', 'invalid request', fieldsFromZod(parsed.error));
  const q = parsed.data;
  // httpApi has already refused requests without an identity holding a case role.
  const who = callerOf(context);
  const known = d.config.areas.map((a) => a.id);
  if (q.area && !known.includes(q.area))
    throw new Refusal('invalid', 'invalid request', [
      { field: 'area', problem: `must be one of: ${known.join(', ')}` },
    ]);
  const now = d.now();
  if (q.reference) return json(200, await findByReference(d, who, q.reference, now), context.correlationId);
  if (q.status === 'closed') return json(200, await closedCases(d, who, q, now), context.correlationId);
  const base = {
    ...(q.risk ? { risk: q.risk } : {}),
    ...(q.overdue === 'true' ? { overdueAt: now } : {}),
    ...(q.officer ? { officer: q.officer } : {}),
    ...(q.unassigned === 'true' ? { unassigned: true } : {}),
    limit: q.limit ?? 50,
    now,
  };
  const listings = listingsFor(who, q);
  const at = q.cursor ? { cursor: q.cursor } : {};
  let page: { items: CaseSummary[]; cursor?: string };
  if (listings === 'own') page = await d.cases.listOpenCases({ ...base, officer: who.sub, ...at });
  else if (listings.length === 1)
    page = await d.cases.listOpenCases({ ...base, ...(listings[0] ? { area: listings[0] } : {}), ...at });
  else page = await openPage(d, base, listings as string[], q.cursor, now);
  const items = page.items.filter((s) => maySee(who, s)).map((s) => caseloadItem(s, who, now));
  return json(
    200,
    { asAt: now.toISOString(), items, ...(page.cursor ? { cursor: page.cursor } : {}) },
    context.correlationId,
  );
}
