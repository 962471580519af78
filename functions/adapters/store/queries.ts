/**
 * The store's index queries (never a Scan): a reference to its case, the caseload of open cases by
 * next due time, and the cases the figures count. The indexes project clear meta only.
 */
import { INDEX, indexKeyAttributes, keys, quartersBetween } from '../../contract/table-layout.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { InvalidInputError } from '../errors.js';
import { queryAll, queryOnce, queryPages, type Store } from './access.js';
import { figuresSummaryOf, summaryOf } from './items.js';
import type { CaseSummary, FiguresQuery, FiguresSummary, OpenCasesQuery, Page } from './types.js';

type StartKey = Record<string, string>;
/** A page's start key as we make them: a map of key attribute names to string values. */
const isStartKey = (v: unknown): v is StartKey =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

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

/**
 * Open cases, soonest next deadline first, from the open-by-due GSI (or open-by-area-due with
 * `area`). `overdueAt` keeps cases due before it and every case still awaiting what was done about an
 * immediate danger (its sort key's prefix sorts before any instant); `risk` and `officer` filter. Page with `cursor`.
 */
export async function listOpenCases(store: Store, q: OpenCasesQuery = {}): Promise<Page<CaseSummary>> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
  const indexName = q.area ? INDEX.openByAreaDue : INDEX.openByDue;
  const values: Record<string, unknown> = { ':pk': q.area ? keys.openArea(q.area) : keys.openAll };
  const names: Record<string, string> = {};
  let keyCondition = q.area ? 'openAreaPk = :pk' : 'openPk = :pk';
  if (q.overdueAt) {
    keyCondition += ' AND dueSk < :due';
    values[':due'] = q.overdueAt.toISOString();
  }
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
  const start = q.cursor ? decodeCursor(q.cursor, isStartKey) : undefined;
  const items: CaseSummary[] = [];
  let next: Record<string, unknown> | undefined;
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
      for (const i of page.slice(0, room)) items.push(summaryOf(i));
      if (page.length > room) {
        // The page is cut after the `room` cases that fit, and room is at least one while the page is short.
        const last = page[room - 1];
        if (!last) throw new Error('a caseload page was cut short before its first case');
        next = Object.fromEntries(indexKeyAttributes(indexName).map((a) => [a, last[a]]));
      } else next = lastKey;
      return items.length < limit;
    },
    limit,
  );
  return next ? { items, cursor: encodeCursor(next) } : { items };
}

/**
 * Every case reported in [from, to) (any status), optionally one area, oldest first, with its clear
 * figures facts: by-quarter GSI queries. With `activeSince`, also every case open now (open-by-due)
 * or closed at or after it (by-closed-quarter), whenever reported. Queries only, never a Scan.
 */
export async function listCasesForFigures(store: Store, q: FiguresQuery): Promise<FiguresSummary[]> {
  if (!(q.from < q.to))
    throw new InvalidInputError('figures range: from must be before to', {
      field: 'to',
      problem: 'must be after from',
    });
  const byId = new Map<string, FiguresSummary>();
  const add = (items: Record<string, unknown>[]) => {
    for (const i of items) byId.set(i.caseId as string, figuresSummaryOf(i));
  };
  const areaPrefix = q.area ? { ':area': `${q.area}#` } : {};
  for (const quarter of quartersBetween(q.from, q.to)) {
    add(
      await queryAll(store, {
        IndexName: INDEX.byQuarter,
        KeyConditionExpression: `quarterPk = :q${q.area ? ' AND begins_with(quarterSk, :area)' : ''}`,
        FilterExpression: 'reportedAt >= :from AND reportedAt < :to',
        ExpressionAttributeValues: {
          ':q': quarter,
          ':from': q.from.toISOString(),
          ':to': q.to.toISOString(),
          ...areaPrefix,
        },
      }),
    );
  }
  if (q.activeSince) {
    add(
      await queryAll(store, {
        IndexName: q.area ? INDEX.openByAreaDue : INDEX.openByDue,
        KeyConditionExpression: q.area ? 'openAreaPk = :pk' : 'openPk = :pk',
        ExpressionAttributeValues: { ':pk': q.area ? keys.openArea(q.area) : keys.openAll },
      }),
    );
    for (const quarter of quartersBetween(q.activeSince, store.now())) {
      add(
        await queryAll(store, {
          IndexName: INDEX.byClosedQuarter,
          KeyConditionExpression: `closedQuarterPk = :q${q.area ? ' AND begins_with(closedSk, :area)' : ''}`,
          FilterExpression: 'closedAt >= :since',
          ExpressionAttributeValues: { ':q': quarter, ':since': q.activeSince.toISOString(), ...areaPrefix },
        }),
      );
    }
  }
  return [...byId.values()].sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));
}
