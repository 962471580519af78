/**
 * The store's index queries (never a Scan): a reference to its case, the caseload of open cases in
 * the work queue's order, and closed cases (the cases the figures count: figures-queries.ts). The indexes project clear meta only.
 */
import {
  DUE_TIERS,
  type DueTier,
  dueTierRange,
  INDEX,
  indexKeyAttributes,
  keys,
  quartersBetween,
} from '../../contract/table-layout.js';
import { workOrder } from '../../core/worklist.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { isListingCursors, type ListingCursors, type ListingPage, mergedPage } from '../merged-pages.js';
import { batchGet, queryOnce, queryPages, type Store } from './access.js';
import { summaryOf } from './items.js';
import type { CaseSummary, OpenCasesQuery, Page } from './types.js';
import { readWorklist } from './worklist-meta.js';

type StartKey = Record<string, string>;
/** A page's start key as we make them: a map of key attribute names to string values. */
const isStartKey = (v: unknown): v is StartKey =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** Where one tier of the open cases stands: after this case (its pk, sk and index keys are rebuilt from these). */
export interface TierPosition {
  dueSk: string;
  caseId: string;
}
const isTierPosition = (v: unknown): v is TierPosition =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  typeof (v as TierPosition).dueSk === 'string' &&
  (v as TierPosition).dueSk.length <= 200 &&
  typeof (v as TierPosition).caseId === 'string' &&
  /^[A-Za-z0-9-]{1,64}$/.test((v as TierPosition).caseId);

/** Where a listing of open cases stands: each tier's position (see merged-pages.ts). */
export type OpenPosition = ListingCursors<TierPosition>;
/** An open-cases position as we make them. */
export const isOpenPosition = isListingCursors(DUE_TIERS, isTierPosition);

/**
 * Finds a case by the reference the reporter was given (a GSI query). The intake's idempotency claim
 * carries the reference too, so only the case item is kept (no Limit: it would count the claim).
 */
export async function findCaseByReference(store: Store, reference: string): Promise<CaseSummary | undefined> {
  const out = await queryOnce(store, {
    IndexName: INDEX.byReference,
    KeyConditionExpression: '#ref = :r',
    FilterExpression: 'sk = :case',
    ExpressionAttributeNames: { '#ref': 'reference' },
    ExpressionAttributeValues: { ':r': reference, ':case': keys.case('').sk },
  });
  const first = out.Items?.[0];
  return first ? summaryOf(first) : undefined;
}

/** The order of a case in the work queue at `now` (core/worklist.ts), its tier read from the open index key. */
export function queueOrder(now: Date): (a: CaseSummary, b: CaseSummary) => number {
  const queued = (s: CaseSummary) => ({
    tier: s.immediateDanger ? ('danger' as const) : s.highRiskFirst ? ('high' as const) : ('due' as const),
    reportedAt: s.reportedAt,
    caseId: s.caseId,
    ...(s.nextDueAt ? { nextDueAt: s.nextDueAt } : {}),
  });
  return (a, b) => workOrder(queued(a), queued(b), now);
}

/**
 * Open cases in the work queue's order (core/worklist.ts: immediate danger, overdue, high risk, due
 * soonest, the rest) from the open-by-due GSI (or open-by-area-due with `area`): each tier is one key
 * range (table-layout.ts `dueTierRange`), one Query a page, merged under one cursor (the danger tier
 * read first: the others only for the room it leaves); with `tier`, that
 * tier alone. `overdueAt` keeps cases due before it and every case still awaiting what was done about an
 * immediate danger; `risk`, `officer` and `unassigned` filter. Page with `cursor`.
 */
export async function listOpenCases(store: Store, q: OpenCasesQuery = {}): Promise<Page<CaseSummary>> {
  const { cursor, ...rest } = q;
  const page = await openCasesFrom(store, rest, cursor ? decodeCursor(cursor, isOpenPosition) : undefined);
  return page.next ? { items: page.items, cursor: encodeCursor(page.next) } : { items: page.items };
}

/** listOpenCases from a plain position (undefined: from the start), with where it stands after each case. */
export async function openCasesFrom(
  store: Store,
  q: Omit<OpenCasesQuery, 'cursor'>,
  at: OpenPosition | undefined,
): Promise<ListingPage<CaseSummary, OpenPosition>> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
  const { now, tier, ...rest } = q;
  const tiers = tier ? [tier] : DUE_TIERS;
  const read = (t: string, n: number, from: TierPosition | undefined) =>
    listTier(store, t as DueTier, { ...rest, limit: n }, from);
  const order = queueOrder(now ?? store.now());
  const starts: OpenPosition = at ?? Object.fromEntries(tiers.map((t) => [t, null]));
  const { danger, ...others } = starts;
  if (danger === undefined || Object.keys(others).length === 0)
    return mergedPage(read, Object.keys(starts), starts, limit, order);
  // Immediate danger comes before every other case (core/worklist.ts `rank`): read that tier first, and
  // the others only for the room it leaves (a first page is then not a page of each tier).
  const first = await mergedPage(read, ['danger'], { danger }, limit, order);
  const dangerDone = first.next === undefined;
  if (first.items.length >= limit)
    return {
      items: first.items,
      after: first.after.map((p) => ({ ...others, ...p })),
      next: { ...others, ...first.next },
    };
  // A tier is read on until its page is full (listTier), so a short danger page is the whole tier.
  if (!dangerDone) return mergedPage(read, Object.keys(starts), starts, limit, order);
  const then = await mergedPage(read, Object.keys(others), others, limit - first.items.length, order);
  return {
    items: [...first.items, ...then.items],
    after: [...first.after.map((p) => ({ ...others, ...p })), ...then.after],
    ...(then.next ? { next: then.next } : {}),
  };
}

/** One tier of the open cases (see listOpenCases): one key range, read on until the page is full. */
async function listTier(
  store: Store,
  tier: DueTier,
  q: Omit<OpenCasesQuery, 'cursor' | 'tier'> & { limit: number },
  at: TierPosition | undefined,
): Promise<ListingPage<CaseSummary, TierPosition>> {
  const { limit } = q;
  const indexName = q.area ? INDEX.openByAreaDue : INDEX.openByDue;
  const range = dueTierRange(tier, q.overdueAt?.toISOString());
  const values: Record<string, unknown> = {
    ':pk': q.area ? keys.openArea(q.area) : keys.openAll,
    ':from': range.from,
    ':to': range.to,
  };
  const names: Record<string, string> = {};
  const keyCondition = `${q.area ? 'openAreaPk' : 'openPk'} = :pk AND dueSk BETWEEN :from AND :to`;
  const filters: string[] = [];
  if (q.risk) {
    filters.push('#risk = :risk');
    names['#risk'] = 'risk';
    values[':risk'] = q.risk;
  }
  if (q.officer) {
    filters.push('assignedOfficer = :officer');
    values[':officer'] = q.officer;
  }
  if (q.unassigned) filters.push('attribute_not_exists(assignedOfficer)');
  const start = at
    ? { ...keys.case(at.caseId), [q.area ? 'openAreaPk' : 'openPk']: values[':pk'] as string, dueSk: at.dueSk }
    : undefined;
  const items: CaseSummary[] = [];
  const after: TierPosition[] = [];
  let next: TierPosition | undefined;
  const input = {
    IndexName: indexName,
    KeyConditionExpression: keyCondition,
    ExpressionAttributeValues: values,
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(start ? { ExclusiveStartKey: start } : {}),
  };
  // A filter can leave a page short: read on until the page is full. A page cut short here continues after
  // its last case (the index keys of that item), so the cursor is exact.
  await queryPages(
    store,
    input,
    (page, lastKey) => {
      const room = limit - items.length;
      for (const i of page.slice(0, room)) {
        items.push(summaryOf(i));
        after.push({ dueSk: i.dueSk as string, caseId: i.caseId as string });
      }
      // A page cut short continues after its last case used; a whole page after DynamoDB's last key.
      if (page.length > room) next = after[after.length - 1];
      else next = lastKey ? { dueSk: lastKey.dueSk as string, caseId: (lastKey.pk as string).slice(5) } : undefined;
      return items.length < limit;
    },
    limit,
  );
  return { items, after, ...(next ? { next } : {}) };
}

/** A closed-cases position: the quarter partition being read and, within it, the key to continue after. */
export interface ClosedCursor {
  quarter: string;
  key?: StartKey;
}
export const isClosedCursor = (v: unknown): v is ClosedCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ClosedCursor).quarter === 'string' &&
  ((v as ClosedCursor).key === undefined || isStartKey((v as ClosedCursor).key));

/**
 * Closed cases of one area (every area without `area`), newest closure first, from the
 * by-closed-quarter GSI: the quarters of the last 12 months, newest first, one Query each (never a
 * Scan). Within a quarter the index sorts by area, then closure: one area is newest first throughout.
 */
export async function listClosedCases(
  store: Store,
  q: { area?: string; limit?: number; cursor?: string },
): Promise<Page<CaseSummary>> {
  const { cursor, ...rest } = q;
  const page = await closedCasesFrom(store, rest, cursor ? decodeCursor(cursor, isClosedCursor) : undefined);
  return page.next ? { items: page.items, cursor: encodeCursor(page.next) } : { items: page.items };
}

/** listClosedCases from a plain position (undefined: from the start), with where it stands after each case. */
export async function closedCasesFrom(
  store: Store,
  q: { area?: string; limit?: number },
  start: ClosedCursor | undefined,
): Promise<ListingPage<CaseSummary, ClosedCursor>> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
  const now = store.now();
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const quarters = quartersBetween(since, now).reverse();
  let at = start ? quarters.indexOf(start.quarter) : 0;
  if (at < 0) return { items: [], after: [] }; // a cursor from a quarter now older than 12 months: nothing more
  let startKey = start?.key;
  const items: CaseSummary[] = [];
  const after: ClosedCursor[] = [];
  let next: ClosedCursor | undefined;
  for (; at < quarters.length && items.length < limit; at++) {
    const quarter = quarters[at] as string;
    let lastOfQuarter: Record<string, unknown> | undefined;
    await queryPages(
      store,
      {
        IndexName: INDEX.byClosedQuarter,
        KeyConditionExpression: `closedQuarterPk = :q${q.area ? ' AND begins_with(closedSk, :area)' : ''}`,
        FilterExpression: 'closedAt >= :since',
        ExpressionAttributeValues: {
          ':q': quarter,
          ':since': since.toISOString(),
          ...(q.area ? { ':area': `${q.area}#` } : {}),
        },
        ScanIndexForward: false,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      },
      (page, lastKey) => {
        const room = limit - items.length;
        for (const i of page.slice(0, room)) {
          items.push(summaryOf(i));
          const key = Object.fromEntries(indexKeyAttributes(INDEX.byClosedQuarter).map((a) => [a, i[a] as string]));
          after.push({ quarter, key });
        }
        lastOfQuarter = page.length > room ? after[after.length - 1]?.key : lastKey;
        return items.length < limit;
      },
      limit,
    );
    startKey = undefined;
    if (items.length >= limit) {
      next = lastOfQuarter
        ? { quarter, key: lastOfQuarter as StartKey }
        : at + 1 < quarters.length
          ? { quarter: quarters[at + 1] as string }
          : undefined;
      break;
    }
  }
  return { items: await withWorklist(store, items), after, ...(next ? { next } : {}) };
}

/**
 * The closed cases with their clear work-queue facts (the closure outcome's known word), read from
 * the case items in one batch: the by-closed-quarter index projects the figures facts, not these.
 */
async function withWorklist(store: Store, items: CaseSummary[]): Promise<CaseSummary[]> {
  if (items.length === 0) return items;
  const found = await batchGet(
    store,
    items.map((s) => keys.case(s.caseId)),
    { expression: 'caseId, worklist', names: {} },
  );
  const byId = new Map(found.map((i) => [i.caseId as string, readWorklist(i.worklist)]));
  return items.map((s) => {
    const worklist = byId.get(s.caseId);
    return worklist ? { ...s, worklist } : s;
  });
}
