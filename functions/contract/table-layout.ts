/**
 * The layout of one association's case table: every item type and key, every index with its key
 * schema and projection. Plain data and tiny pure helpers, no SDK and no runtime dependency, so the
 * CDK stack (lib/) and the store (functions/adapters/store) read the same layout.
 *
 * Items (pk / sk):
 *   CASE#<caseId>          / CASE                  the case: clear meta + `sealed` (one envelope: state, report,
 *                                                  notes, safety plan, DASH answers, event outbox) + version
 *   CASE#<caseId>          / EV#<eventId>          one timeline event, append-only (conditional put on new key);
 *                                                  clear type/at/actor/duty, `sealed` details when any
 *   CASE#<caseId>          / WORKFLOW              the lifecycle's record: counters, task token, clock keys
 *   CASE#<caseId>          / SENT#<key>            one send marker per email the workflow sent
 *   IDEM#<sha256(key)>     / IDEM                  intake idempotency claim → caseId + reference
 *   LINK#<kind>#<hmac>     / CASE#<caseId>         a case carrying a keyed hash of a normalised identifier
 *   HOME#<kind>#<hmac>     / MARKER#<kind>         a marker on a home (e.g. staff safety), shown on its cases
 *   ALERT#<recipient>      / AT#<tierAt>#<caseId>#<clock>#<tier>   one escalation sent to one recipient
 *                                                  (`role#<role>` or `staff#<sub>`): ids, reference, duty,
 *                                                  tier, the staff address and instants only (the alerts list)
 *
 * Global secondary indexes (all sparse or case-only; projections carry clear meta, never `sealed`):
 *   open-by-due        openPk = OPEN               dueSk = [!DANGER#<reportedAt>|#HIGH#<nextDueAt|9999…>|<nextDueAt|9999…>]#<caseId>
 *                                                  open cases in three tiers (immediate danger, high risk, the rest),
 *                                                  each a key range read by one Query (see dueSortKey)
 *   open-by-area-due   openAreaPk = OPEN#<area>    dueSk                                 the same, one area
 *   by-quarter         quarterPk = Q#<yyyy>-Q<n>   quarterSk = <area>#<reportedAt>#<caseId>   figures (all statuses)
 *   by-closed-quarter  closedQuarterPk = Q#<yyyy>-Q<n> (of closedAt)  closedSk = <area>#<closedAt>#<caseId>
 *                                                  closed cases, for figures counted by when something
 *                                                  happened (MARAC referrals) rather than when reported
 *   by-reference       reference                   —                                     a reference → its case
 */

/** The `itemType` attribute of each kind of item. */
export const ITEM_TYPE = {
  case: 'case',
  event: 'event',
  idempotency: 'idempotency',
  link: 'link',
  marker: 'marker',
  workflow: 'workflow',
  sendMarker: 'send-marker',
  alert: 'alert',
} as const;

/** The table's own key attributes. */
const TABLE_KEY = { partition: 'pk', sort: 'sk' } as const;

/** The index names, as the store queries them and the stack grants them. */
export const INDEX = {
  openByDue: 'open-by-due',
  openByAreaDue: 'open-by-area-due',
  byQuarter: 'by-quarter',
  byClosedQuarter: 'by-closed-quarter',
  byReference: 'by-reference',
} as const;

/** Sorts after every real instant: open cases with no deadline come last. */
const NO_DUE = '9999-12-31T23:59:59.999Z';
/** Area key for cases whose area is not known yet. */
export const NO_AREA = '-';

/** A home or link identifier as the keys carry it (kind and keyed hash). */
interface KeyedId {
  kind: string;
  key: string;
}

/** Every key the store writes, built in one place. */
export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  event: (caseId: string, eventId: string) => ({ pk: `CASE#${caseId}`, sk: `EV#${eventId}` }),
  eventPrefix: 'EV#',
  workflow: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'WORKFLOW' }),
  sent: (caseId: string, key: string) => ({ pk: `CASE#${caseId}`, sk: `SENT#${key}` }),
  idempotency: (keyHash: string) => ({ pk: `IDEM#${keyHash}`, sk: 'IDEM' }),
  link: (link: KeyedId, caseId: string) => ({ pk: linkPk(link), sk: `CASE#${caseId}` }),
  linkPk,
  marker: (home: KeyedId, kind: string) => ({ pk: homePk(home), sk: `MARKER#${kind}` }),
  markerPrefix: 'MARKER#',
  homePk,
  /** One escalation sent to one recipient key, newest last in its partition (the sort key starts with the instant). */
  alert: (recipientKey: string, sortKey: string) => ({ pk: `ALERT#${recipientKey}`, sk: `AT#${sortKey}` }),
  alertPk: (recipientKey: string) => `ALERT#${recipientKey}`,
  /** The open indexes' partitions: every open case, and those of one area. */
  openAll: 'OPEN',
  openArea: (area: string) => `OPEN#${area}`,
};
function linkPk(link: KeyedId): string {
  return `LINK#${link.kind}#${link.key}`;
}
function homePk(home: KeyedId): string {
  return `HOME#${home.kind}#${home.key}`;
}

/** Sorts before every instant ('!' is below every digit): open immediate-danger cases come first. */
const DANGER_FIRST = '!DANGER#';
/** Sorts after the danger tier and before every instant ('#' is between '!' and the digits): open high-risk cases. */
const HIGH_RISK_FIRST = '#HIGH#';

/**
 * The open indexes' sort key, in three tiers, each one key range of the same index:
 * - `danger`: cases reported in immediate danger whose 999 duty is still open (`dangerSince`, their
 *   report instant, earliest first);
 * - `high`: other high-risk cases, by next deadline (none last), so one with no clock running is
 *   still read with its tier, never after every case due;
 * - `due`: the rest, by next deadline (none last).
 * Each ends with the case id. The caseload reads the three ranges (`dueTierRange`) and merges them in
 * the work queue's order (core/worklist.ts `workOrder`): danger, overdue (from both other tiers, most
 * overdue first), high risk, due soonest; each range is already in that order, so the merge needs
 * one Query per tier and page. Items written before a prefix existed keep the key they were written
 * with (read as the `due` tier) until their next full write (`updateCase`); setNextDueAt keeps
 * whichever tier the item's key has.
 */
export function dueSortKey(
  nextDueAt: string | undefined,
  caseId: string,
  dangerSince?: string,
  highRisk = false,
): string {
  if (dangerSince) return `${DANGER_FIRST}${dangerSince}#${caseId}`;
  return `${highRisk ? HIGH_RISK_FIRST : ''}${nextDueAt ?? NO_DUE}#${caseId}`;
}

/** Whether an open index sort key puts its case first for immediate danger (the flag read from clear keys). */
export function isDangerFirst(dueSk: unknown): boolean {
  return typeof dueSk === 'string' && dueSk.startsWith(DANGER_FIRST);
}

/** Whether an open index sort key lists its case in the high-risk tier. */
export function isHighRiskFirst(dueSk: unknown): boolean {
  return typeof dueSk === 'string' && dueSk.startsWith(HIGH_RISK_FIRST);
}

/** The open indexes' tiers, in the order their key ranges sort. */
export const DUE_TIERS = ['danger', 'high', 'due'] as const;
export type DueTier = (typeof DUE_TIERS)[number];

/**
 * The sort key range (`dueSk BETWEEN from AND to`) of one tier; with `dueBefore`, only its cases due
 * before that instant (every danger case is kept: what was done about the danger is always pressing).
 */
export function dueTierRange(tier: DueTier, dueBefore?: string): { from: string; to: string } {
  switch (tier) {
    case 'danger':
      return { from: DANGER_FIRST, to: `${DANGER_FIRST}~` };
    case 'high':
      return { from: HIGH_RISK_FIRST, to: `${HIGH_RISK_FIRST}${dueBefore ?? '~'}` };
    default:
      return { from: '0', to: dueBefore ?? '~' };
  }
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

/** What every index projects: the clear summary of a case. */
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
/** The figures facts (one map attribute): projected only into the indexes the figures read. */
const FIGURES_ATTRIBUTE = 'figures';
/**
 * What the caseload shows beyond the summary (the clock due next, the officer's email, the work-queue
 * facts `worklist`: flags, open actions, deadlines; see adapters/store/worklist-meta.ts): only the open indexes carry it.
 */
const CASELOAD_ATTRIBUTES = ['nextDueClock', 'nextDueDuty', 'assignedOfficerEmail', 'worklist'];
/** A case's clear summary as the caseload and a linked case show it (read from the case item or the open indexes). */
export const CASE_SUMMARY_ATTRIBUTES: readonly string[] = [...SUMMARY_ATTRIBUTES, ...CASELOAD_ATTRIBUTES];

/** One global secondary index: its name, key attributes (all strings) and the attributes it projects. */
interface IndexLayout {
  name: string;
  partitionKey: string;
  sortKey?: string;
  nonKeyAttributes: string[];
}

// The caseload lists from the open indexes with no read of the case item: each page is one query.
const CASELOAD_PROJECTION = [...SUMMARY_ATTRIBUTES, ...CASELOAD_ATTRIBUTES, FIGURES_ATTRIBUTE];
// The figures Lambda has no field key: every index it reads carries the clear figures facts too.
const FIGURES_PROJECTION = [...SUMMARY_ATTRIBUTES, FIGURES_ATTRIBUTE];

/** Every index of the table. */
const INDEXES: readonly IndexLayout[] = [
  { name: INDEX.openByDue, partitionKey: 'openPk', sortKey: 'dueSk', nonKeyAttributes: CASELOAD_PROJECTION },
  { name: INDEX.openByAreaDue, partitionKey: 'openAreaPk', sortKey: 'dueSk', nonKeyAttributes: CASELOAD_PROJECTION },
  { name: INDEX.byQuarter, partitionKey: 'quarterPk', sortKey: 'quarterSk', nonKeyAttributes: FIGURES_PROJECTION },
  {
    name: INDEX.byClosedQuarter,
    partitionKey: 'closedQuarterPk',
    sortKey: 'closedSk',
    nonKeyAttributes: FIGURES_PROJECTION,
  },
  { name: INDEX.byReference, partitionKey: 'reference', nonKeyAttributes: SUMMARY_ATTRIBUTES },
];

/** The key attributes of the table and of one index (what a page's last evaluated key holds). */
export function indexKeyAttributes(indexName: string): string[] {
  const index = INDEXES.find((i) => i.name === indexName);
  if (!index) throw new Error(`no index ${indexName}`);
  return [TABLE_KEY.partition, TABLE_KEY.sort, index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])];
}

/** Every key attribute of the table and its indexes (all strings), in the order the table has always declared them. */
const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'openPk',
  'openAreaPk',
  'dueSk',
  'quarterPk',
  'quarterSk',
  'closedQuarterPk',
  'closedSk',
  'reference',
];

type KeySchema = { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];

/** The table as a CreateTable input (structurally the SDK's), for dynalite, the local runtime and the CDK construct. */
interface TableInput {
  TableName: string;
  BillingMode: 'PAY_PER_REQUEST';
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  KeySchema: KeySchema;
  GlobalSecondaryIndexes: {
    IndexName: string;
    KeySchema: KeySchema;
    Projection: { ProjectionType: 'INCLUDE'; NonKeyAttributes: string[] };
  }[];
}

/** The table's key schema and indexes, named `tableName`. */
export function tableDefinition(tableName: string): TableInput {
  const keyed = (hash: string, range?: string): KeySchema => [
    { AttributeName: hash, KeyType: 'HASH' },
    ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: KEY_ATTRIBUTES.map((a) => ({ AttributeName: a, AttributeType: 'S' })),
    KeySchema: keyed(TABLE_KEY.partition, TABLE_KEY.sort),
    GlobalSecondaryIndexes: INDEXES.map((i) => ({
      IndexName: i.name,
      KeySchema: keyed(i.partitionKey, i.sortKey),
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...i.nonKeyAttributes] },
    })),
  };
}
