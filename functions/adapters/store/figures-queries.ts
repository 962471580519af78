/**
 * The cases a figures period counts, from the by-quarter, open and by-closed-quarter indexes (never a
 * Scan), each case once, with only the attributes the figures use.
 */
import { INDEX, keys, quartersBetween } from '../../contract/table-layout.js';
import { InvalidInputError } from '../errors.js';
import { queryAll, type Store } from './access.js';
import type { CaseItem } from './items.js';
import type { FiguresMeta, FiguresQuery, FiguresSummary } from './types.js';

/**
 * What the figures read of each item (figuresSummaryOf): the rest of the index projection (its keys,
 * versions, the caseload's work-queue facts) stays in the table, so less crosses the wire and is unmarshalled.
 * Every name through a placeholder (`status` is a reserved word); the figures' own filters use none.
 */
const FIGURES_ATTRIBUTES = [
  'caseId',
  'reference',
  'status',
  'reportedAt',
  'closedAt',
  'area',
  'risk',
  'abuseTypes',
  'figures',
];
const FIGURES_READ = {
  ProjectionExpression: FIGURES_ATTRIBUTES.map((a) => `#${a}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(FIGURES_ATTRIBUTES.map((a) => [`#${a}`, a])),
};

/** What the figures read of a case item or index projection (items written before the figures facts were kept have none). */
export function figuresSummaryOf(item: object): FiguresSummary {
  const i = item as unknown as CaseItem & { figures?: FiguresMeta };
  const s: FiguresSummary = {
    caseId: i.caseId,
    reference: i.reference,
    status: i.status,
    reportedAt: i.reportedAt,
    risk: i.risk,
    abuseTypes: i.abuseTypes ?? [],
  };
  // Set one by one: this runs for every case of a figures period.
  if (i.closedAt) s.closedAt = i.closedAt;
  if (i.area) s.area = i.area;
  if (i.figures) s.figures = i.figures;
  return s;
}

/**
 * Every case reported in [from, to) (any status), optionally one area, oldest first, with its clear
 * figures facts: by-quarter GSI queries. With `activeSince`, also every case open now (open-by-due)
 * or closed at or after it (by-closed-quarter), whenever reported, each case once. Queries only, never a Scan.
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
  // Every query at once (none waits on another), their items added in this order once all are read.
  const reads: Promise<Record<string, unknown>[]>[] = [];
  for (const quarter of quartersBetween(q.from, q.to)) {
    reads.push(
      queryAll(store, {
        ...FIGURES_READ,
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
    // Cases reported in [from, to) came with their quarter: these two return only the others (each case once).
    const notReported = { ':from': q.from.toISOString(), ':to': q.to.toISOString() };
    reads.push(
      queryAll(store, {
        ...FIGURES_READ,
        IndexName: q.area ? INDEX.openByAreaDue : INDEX.openByDue,
        KeyConditionExpression: q.area ? 'openAreaPk = :pk' : 'openPk = :pk',
        FilterExpression: 'reportedAt < :from OR reportedAt >= :to',
        ExpressionAttributeValues: { ':pk': q.area ? keys.openArea(q.area) : keys.openAll, ...notReported },
      }),
    );
    for (const quarter of quartersBetween(q.activeSince, store.now())) {
      reads.push(
        queryAll(store, {
          ...FIGURES_READ,
          IndexName: INDEX.byClosedQuarter,
          KeyConditionExpression: `closedQuarterPk = :q${q.area ? ' AND begins_with(closedSk, :area)' : ''}`,
          FilterExpression: 'closedAt >= :since AND (reportedAt < :from OR reportedAt >= :to)',
          ExpressionAttributeValues: {
            ':q': quarter,
            ':since': q.activeSince.toISOString(),
            ...notReported,
            ...areaPrefix,
          },
        }),
      );
    }
  }
  for (const items of await Promise.all(reads)) add(items);
  return [...byId.values()].sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));
}
