/**
 * GET /api/cases: open cases, those in immediate danger first, then soonest due, filtered; officers see their areas (and, with
 * `officer` set to themselves, every case assigned to them). Each item names the clock due next.
 * An officer in several areas gets one list merged from each area's index, under one cursor.
 */
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../adapters/cursor.js';
import type { Deps } from '../adapters/deps.js';
import { fieldsFromZod } from '../adapters/http/errors.js';
import { type ApiResult, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import type { CaseSummary, OpenCasesQuery } from '../adapters/store/index.js';
import { dueSortKey, NO_AREA } from '../contract/table-layout.js';
import { RISK_LEVELS } from '../core/case.js';
import { Refusal } from '../core/problems.js';
import { maySee, seesAll } from '../core/rules/case-access.js';
import { callerOf } from './route-input.js';

const listQuerySchema = z.strictObject({
  area: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/, 'must be an area id')
    .optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  officer: z
    .string()
    .regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z
    .string()
    .max(8000)
    .regex(/^[A-Za-z0-9_=+/-]+$/, 'must be the cursor of a previous page')
    .optional(),
});

/** Where each area's listing stands in a caseload merged from several areas: its cursor, null from the start; absent when done. */
type AreaCursors = Record<string, string | null>;

/** A merged caseload's cursor, refused unless it names only the caller's own areas. */
function areaCursors(raw: string, areas: readonly string[]): AreaCursors {
  const isOurs = (c: unknown): c is AreaCursors =>
    !!c &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    Object.entries(c).every(
      ([area, v]) => areas.includes(area) && (v === null || (typeof v === 'string' && v.length < 2000)),
    );
  try {
    return decodeCursor(raw, isOurs);
  } catch {
    throw new Refusal('invalid', 'invalid request', [
      { field: 'cursor', problem: 'must be the cursor of a previous page' },
    ]);
  }
}

/** The order of the open-by-due indexes: open immediate danger first, then next deadline (none last), then case id. */
const dueOrder = (s: CaseSummary) => dueSortKey(s.nextDueAt, s.caseId, s.immediateDanger ? s.reportedAt : undefined);

/**
 * One page of a caseload merged from several areas, in the index's order (danger first, then soonest due). Each area's cursor moves on
 * by exactly the items of it that made the page (re-read with that many), so nothing is skipped.
 */
async function mergedPage(
  d: Deps,
  base: Omit<OpenCasesQuery, 'area' | 'cursor'>,
  areas: string[],
  cursor: string | undefined,
) {
  const limit = base.limit ?? 50;
  const starts: AreaCursors = cursor ? areaCursors(cursor, areas) : Object.fromEntries(areas.map((a) => [a, null]));
  const from = (area: string) => {
    const start = starts[area];
    return start ? { cursor: start } : {};
  };
  const read = async (area: string) => ({ area, ...(await d.cases.listOpenCases({ ...base, area, ...from(area) })) });
  const pages = await Promise.all(Object.keys(starts).map(read));
  const merged = pages
    .flatMap((p) => p.items.map((item) => ({ item, area: p.area })))
    .sort((a, b) => dueOrder(a.item).localeCompare(dueOrder(b.item)))
    .slice(0, limit);
  const next: AreaCursors = {};
  for (const p of pages) {
    const used = merged.filter((m) => m.area === p.area).length;
    if (used === p.items.length) {
      if (p.cursor) next[p.area] = p.cursor;
    } else if (used === 0) next[p.area] = starts[p.area] ?? null;
    else {
      const again = await d.cases.listOpenCases({ ...base, area: p.area, limit: used, ...from(p.area) });
      if (again.cursor) next[p.area] = again.cursor;
    }
  }
  return { items: merged.map((m) => m.item), ...(Object.keys(next).length ? { cursor: encodeCursor(next) } : {}) };
}

/**
 * A caseload item: the clear summary as the open index projects it, with the clock due next named
 * from the clear fields written with nextDueAt (no read or decrypt of the case), and whether it is overdue.
 */
function caseloadItem({ nextDueClock, nextDueDuty, ...s }: CaseSummary, now: Date) {
  const nextClock =
    s.nextDueAt && nextDueClock && nextDueDuty
      ? { clock: nextDueClock, duty: nextDueDuty, deadline: s.nextDueAt }
      : null;
  return { ...s, overdue: s.nextDueAt !== undefined && Date.parse(s.nextDueAt) < now.getTime(), nextClock };
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
  const base = {
    ...(q.risk ? { risk: q.risk } : {}),
    ...(q.overdue === 'true' ? { overdueAt: now } : {}),
    ...(q.officer ? { officer: q.officer } : {}),
    limit: q.limit ?? 50,
  };
  let areas: (string | undefined)[];
  if (seesAll(who)) areas = [q.area];
  else if (q.area) {
    if (!who.areas.includes(q.area))
      throw new Refusal('forbidden', 'that area is not one of yours', [
        { field: 'area', problem: 'is not one of your areas' },
      ]);
    areas = [q.area];
  } else if (q.officer === who.sub)
    areas = [undefined]; // their own cases, in any area
  // Officers also see reports whose area nobody knows yet, so no case waits unseen for a manager.
  else areas = who.areas.length ? [...who.areas, NO_AREA] : [];

  let page: { items: CaseSummary[]; cursor?: string };
  const at = q.cursor ? { cursor: q.cursor } : {};
  if (areas.length === 1)
    page = await d.cases.listOpenCases({ ...base, ...(areas[0] ? { area: areas[0] } : {}), ...at });
  // An officer with no areas sees the cases assigned to them.
  else if (areas.length === 0) page = await d.cases.listOpenCases({ ...base, officer: who.sub, ...at });
  else page = await mergedPage(d, base, areas as string[], q.cursor);
  const items = page.items.filter((s) => maySee(who, s)).map((s) => caseloadItem(s, now));
  return json(
    200,
    { asAt: now.toISOString(), items, ...(page.cursor ? { cursor: page.cursor } : {}) },
    context.correlationId,
  );
}
