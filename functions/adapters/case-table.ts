/**
 * The single-table layout of one association's case store, and the mapping between items and the
 * repository's types.
 *
 * Items (pk / sk):
 *   CASE#<caseId>          / CASE                  the case: clear meta + `sealed` (one envelope: state, report,
 *                                                  notes, safety plan, DASH answers, event outbox) + version
 *   CASE#<caseId>          / EV#<eventId>          one timeline event, append-only (conditional put on new key);
 *                                                  clear type/at/actor/duty, `sealed` details when any
 *   IDEM#<sha256(key)>     / IDEM                  intake idempotency claim → caseId + reference
 *   LINK#<kind>#<hmac>     / CASE#<caseId>         a case carrying a keyed hash of a normalised identifier
 *   HOME#<kind>#<hmac>     / MARKER#<kind>         a marker on a home (e.g. staff safety), shown on its cases
 *
 * Global secondary indexes (all sparse or case-only; projections carry clear meta, never `sealed`):
 *   open-by-due        openPk = OPEN               dueSk = <nextDueAt|9999…>#<caseId>   open cases, soonest first
 *   open-by-area-due   openAreaPk = OPEN#<area>    dueSk                                 the same, one area
 *   by-quarter         quarterPk = Q#<yyyy>-Q<n>   quarterSk = <area>#<reportedAt>#<caseId>   figures (all statuses)
 *   by-reference       reference                   —                                     a reference → its case
 *
 * Only ids, reference, status, dates, area, risk, abuse types, next due time, assigned officer,
 * version and keyed hashes are in clear. The open-case attributes are removed when a case leaves
 * `open`, so closed cases drop out of the console indexes with the same single put that closed them.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { Duty } from '../core/duties.js';
import type { CaseEventType, CaseSummary, LinkKey, LinkKind } from './case-types.js';

export const INDEX = {
  openByDue: 'open-by-due',
  openByAreaDue: 'open-by-area-due',
  byQuarter: 'by-quarter',
  byReference: 'by-reference',
} as const;

/** Sorts after every real instant: open cases with no deadline come last. */
export const NO_DUE = '9999-12-31T23:59:59.999Z';
/** Area key for cases whose area is not known yet. */
export const NO_AREA = '-';

const SUMMARY_ATTRIBUTES = [
  'caseId',
  'reference',
  'associationId',
  'status',
  'reportedAt',
  'closedAt',
  'area',
  'risk',
  'abuseTypes',
  'nextDueAt',
  'assignedOfficer',
  'version',
  'createdAt',
  'updatedAt',
];

/** The table's key schema and indexes, for tests, the local runtime and (by reading it) the CDK construct. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const s = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const include = { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: SUMMARY_ATTRIBUTES };
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [s('pk'), s('sk'), s('openPk'), s('openAreaPk'), s('dueSk'), s('quarterPk'), s('quarterSk'), s('reference')],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: INDEX.openByDue,
        KeySchema: [
          { AttributeName: 'openPk', KeyType: 'HASH' },
          { AttributeName: 'dueSk', KeyType: 'RANGE' },
        ],
        Projection: include,
      },
      {
        IndexName: INDEX.openByAreaDue,
        KeySchema: [
          { AttributeName: 'openAreaPk', KeyType: 'HASH' },
          { AttributeName: 'dueSk', KeyType: 'RANGE' },
        ],
        Projection: include,
      },
      {
        IndexName: INDEX.byQuarter,
        KeySchema: [
          { AttributeName: 'quarterPk', KeyType: 'HASH' },
          { AttributeName: 'quarterSk', KeyType: 'RANGE' },
        ],
        Projection: include,
      },
      {
        IndexName: INDEX.byReference,
        KeySchema: [{ AttributeName: 'reference', KeyType: 'HASH' }],
        Projection: include,
      },
    ],
  };
}

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  event: (caseId: string, eventId: string) => ({ pk: `CASE#${caseId}`, sk: `EV#${eventId}` }),
  eventPrefix: 'EV#',
  idempotency: (keyHash: string) => ({ pk: `IDEM#${keyHash}`, sk: 'IDEM' }),
  link: (link: LinkKey, caseId: string) => ({ pk: linkPk(link), sk: `CASE#${caseId}` }),
  linkPk,
  marker: (home: LinkKey, kind: string) => ({ pk: `HOME#${home.kind}#${home.key}`, sk: `MARKER#${kind}` }),
  markerPrefix: 'MARKER#',
  homePk: (home: LinkKey) => `HOME#${home.kind}#${home.key}`,
};
function linkPk(link: LinkKey): string {
  return `LINK#${link.kind}#${link.key}`;
}

/** The calendar quarter (UTC) an instant falls in, as the by-quarter partition key. */
export function quarterOf(iso: string): string {
  const d = new Date(iso);
  return `Q#${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** Every quarter partition that [from, to) touches. */
export function quartersBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  let y = from.getUTCFullYear();
  let q = Math.floor(from.getUTCMonth() / 3);
  const endY = to.getUTCFullYear();
  const endQ = Math.floor(to.getUTCMonth() / 3);
  while (y < endY || (y === endY && q <= endQ)) {
    out.push(`Q#${y}-Q${q + 1}`);
    q++;
    if (q === 4) {
      q = 0;
      y++;
    }
  }
  return out;
}

/** The clear case item, as stored. */
export interface CaseItem extends CaseSummary {
  pk: string;
  sk: 'CASE';
  itemType: 'case';
  /** `kind:hmac` for each link key. */
  linkKeys: string[];
  /** Ids of the events written with the last version, re-appended if a crash left them unwritten. */
  outboxIds: string[];
  sealed: string;
  openPk?: string;
  openAreaPk?: string;
  dueSk?: string;
  quarterPk: string;
  quarterSk: string;
}

/** The clear event item, as stored. */
export interface EventItem {
  pk: string;
  sk: string;
  itemType: 'event';
  eventId: string;
  caseId: string;
  eventType: CaseEventType;
  at: string;
  actorSub?: string;
  actorRole?: string;
  duty?: Duty;
  seq: number;
  recordedAt: string;
  sealed?: string;
}

/** Builds the clear case item from its summary; the open-case index keys exist only while open. */
export function caseItem(summary: CaseSummary, linkKeys: LinkKey[], outboxIds: string[], sealed: string): CaseItem {
  const area = summary.area ?? NO_AREA;
  const item: CaseItem = {
    pk: keys.case(summary.caseId).pk,
    sk: 'CASE',
    itemType: 'case',
    ...summary,
    linkKeys: linkKeys.map((l) => `${l.kind}:${l.key}`),
    outboxIds,
    sealed,
    quarterPk: quarterOf(summary.reportedAt),
    quarterSk: `${area}#${summary.reportedAt}#${summary.caseId}`,
  };
  if (summary.status === 'open') {
    item.openPk = 'OPEN';
    item.openAreaPk = `OPEN#${area}`;
    item.dueSk = dueSortKey(summary.nextDueAt, summary.caseId);
  }
  return item;
}

/** The open indexes' sort key: the next deadline (cases with none last), then the case id. */
export function dueSortKey(nextDueAt: string | undefined, caseId: string): string {
  return `${nextDueAt ?? NO_DUE}#${caseId}`;
}

/** The clear summary of a case item or index projection. */
export function summaryOf(item: object): CaseSummary {
  const i = item as unknown as CaseItem;
  const s: CaseSummary = {
    caseId: i.caseId,
    reference: i.reference,
    associationId: i.associationId,
    status: i.status,
    reportedAt: i.reportedAt,
    risk: i.risk,
    abuseTypes: i.abuseTypes ?? [],
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
  if (i.closedAt) s.closedAt = i.closedAt;
  if (i.area) s.area = i.area;
  if (i.nextDueAt) s.nextDueAt = i.nextDueAt;
  if (i.assignedOfficer) s.assignedOfficer = i.assignedOfficer;
  return s;
}

/** Parses `kind:hmac` strings back into link keys. */
export function parseLinkKeys(stored: string[] | undefined): LinkKey[] {
  return (stored ?? []).map((s) => {
    const at = s.indexOf(':');
    return { kind: s.slice(0, at) as LinkKind, key: s.slice(at + 1) };
  });
}
