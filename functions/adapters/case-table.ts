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
 *   by-closed-quarter  closedQuarterPk = Q#<yyyy>-Q<n> (of closedAt)  closedSk = <area>#<closedAt>#<caseId>
 *                                                  closed cases, for figures counted by when something
 *                                                  happened (MARAC referrals) rather than when reported
 *   by-reference       reference                   —                                     a reference → its case
 *
 * Only ids, reference, status, dates, area, risk, abuse types, next due time with the name and duty
 * of the clock keeping it, assigned officer (id and work email), version, keyed hashes and the figures
 * facts (`figures`: instants, flags and a clock length, see `figuresMetaOf`) are in clear. The open-case attributes are removed when a case leaves `open`, so
 * closed cases drop out of the console indexes with the same single put that closed them; the
 * closed-case attributes exist only while a case is closed (a reopened case leaves that index).
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { CaseState, ConsentRecord } from '../core/case.js';
import type { Clock } from '../core/clock-schema.js';
import type { Duty } from '../core/duties.js';
import type { CaseEventType, CaseSummary, FiguresMeta, FiguresSummary, LinkKey, LinkKind } from './case-types.js';

export const INDEX = {
  openByDue: 'open-by-due',
  openByAreaDue: 'open-by-area-due',
  byQuarter: 'by-quarter',
  byClosedQuarter: 'by-closed-quarter',
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
/** The figures facts (one map attribute): projected only into the indexes the figures read. */
const FIGURES_ATTRIBUTE = 'figures';
/** What the caseload shows beyond the summary (the clock due next, the officer's email): only the open indexes carry it. */
const CASELOAD_ATTRIBUTES = ['nextDueClock', 'nextDueDuty', 'assignedOfficerEmail'];

/** The table's key schema and indexes, for tests, the local runtime and (by reading it) the CDK construct. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const s = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const keyed = (hash: string, range?: string) => [{ AttributeName: hash, KeyType: 'HASH' as const }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])];
  const include = { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: SUMMARY_ATTRIBUTES };
  // The figures Lambda has no field key: every index it reads carries the clear figures facts too.
  const withFigures = { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...SUMMARY_ATTRIBUTES, FIGURES_ATTRIBUTE] };
  // The caseload lists from these two with no read of the case item: each page is one query.
  const caseload = { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...SUMMARY_ATTRIBUTES, ...CASELOAD_ATTRIBUTES, FIGURES_ATTRIBUTE] };
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      s('pk'),
      s('sk'),
      s('openPk'),
      s('openAreaPk'),
      s('dueSk'),
      s('quarterPk'),
      s('quarterSk'),
      s('closedQuarterPk'),
      s('closedSk'),
      s('reference'),
    ],
    KeySchema: keyed('pk', 'sk'),
    GlobalSecondaryIndexes: [
      { IndexName: INDEX.openByDue, KeySchema: keyed('openPk', 'dueSk'), Projection: caseload },
      { IndexName: INDEX.openByAreaDue, KeySchema: keyed('openAreaPk', 'dueSk'), Projection: caseload },
      { IndexName: INDEX.byQuarter, KeySchema: keyed('quarterPk', 'quarterSk'), Projection: withFigures },
      { IndexName: INDEX.byClosedQuarter, KeySchema: keyed('closedQuarterPk', 'closedSk'), Projection: withFigures },
      { IndexName: INDEX.byReference, KeySchema: keyed('reference'), Projection: include },
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
  figures: FiguresMeta;
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
  closedQuarterPk?: string;
  closedSk?: string;
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

/**
 * Builds the clear case item from its summary and the state it was sealed with: the figures facts
 * are derived here from that state on every write, so no write path can leave them stale. The
 * open-case index keys exist only while open, the closed-case ones only while closed.
 */
export function caseItem(summary: CaseSummary, state: CaseState, linkKeys: LinkKey[], outboxIds: string[], sealed: string): CaseItem {
  const area = summary.area ?? NO_AREA;
  const item: CaseItem = {
    pk: keys.case(summary.caseId).pk,
    sk: 'CASE',
    itemType: 'case',
    ...summary,
    figures: figuresMetaOf(state),
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
  if (summary.status === 'closed' && summary.closedAt) {
    item.closedQuarterPk = quarterOf(summary.closedAt);
    item.closedSk = `${area}#${summary.closedAt}#${summary.caseId}`;
  }
  return item;
}

const ISO_INSTANT_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An ISO instant rebuilt from a parsed date, so nothing but the instant can reach clear; anything else is dropped. */
function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT_START.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
const instantsOf = (values: readonly unknown[] | undefined) => (values ?? []).map(instantOf).filter((x): x is string => x !== undefined).sort();
const earliest = (values: (string | undefined)[]) => values.filter((x): x is string => x !== undefined).sort()[0];

/** A clock length rebuilt from its number, so only the unit and count reach clear. */
function clockOf(c: Clock | undefined): Clock | undefined {
  if (!c) return undefined;
  if ('hours' in c && Number.isInteger(c.hours)) return { hours: c.hours };
  if ('days' in c && Number.isInteger(c.days)) return { days: c.days };
  if ('workingDays' in c && Number.isInteger(c.workingDays)) return { workingDays: c.workingDays };
  return undefined;
}

/** The newest consent decision for a duty (as consent.ts counts it: latest `at`, later record on a tie). */
function latestConsent(consents: readonly ConsentRecord[], duty: Duty): ConsentRecord | undefined {
  let found: ConsentRecord | undefined;
  for (const c of consents) if (c.duty === duty && (!found || Date.parse(c.at) >= Date.parse(found.at))) found = c;
  return found;
}

/**
 * The clear facts the figures count (001 §7, 000), derived from a case's state: instants, one flag
 * and a clock length, each rebuilt from its value (never copied), so no reason, note or other text
 * can reach clear. What counts as what:
 * - first contact: the earliest recorded contact, or when the initial-contact duty was done;
 * - DASH attempted: a DASH was scored, or the dash-assessment duty was marked done;
 * - consent to a specialist referral: the newest decision on specialist-support-referral (given or not);
 * - specialist referral offered: that referral was made, or the duty marked done;
 * - MARAC referrals, contacts and holding pauses: their instants.
 */
export function figuresMetaOf(state: CaseState): FiguresMeta {
  const contacts = instantsOf(state.contacts);
  const initial = state.duties['initial-contact'];
  const firstContactAt = earliest([contacts[0], initial?.status === 'done' ? instantOf(initial.at) : undefined]);
  const dashDuty = state.duties['dash-assessment'];
  const dashAttemptedAt = instantOf(state.dash?.at) ?? (dashDuty?.status === 'done' ? instantOf(dashDuty.at) : undefined);
  const consent = latestConsent(state.consents ?? [], 'specialist-support-referral');
  const specialist = state.duties['specialist-support-referral'];
  const specialistReferralOfferedAt = instantOf(specialist?.referral?.madeAt) ?? (specialist?.status === 'done' ? instantOf(specialist.at) : undefined);
  const rhythm = clockOf(state.agreedContactRhythm);
  const holdingPauses = (state.holdingPauses ?? []).flatMap((p) => {
    const from = instantOf(p.from);
    if (!from) return [];
    const to = instantOf(p.to);
    return [to ? { from, to } : { from }];
  });
  return {
    ...(firstContactAt ? { firstContactAt } : {}),
    contacts,
    ...(rhythm ? { agreedContactRhythm: rhythm } : {}),
    ...(dashAttemptedAt ? { dashAttemptedAt } : {}),
    ...(consent ? { consentToSpecialistReferral: consent.decision === 'given' } : {}),
    ...(specialistReferralOfferedAt ? { specialistReferralOfferedAt } : {}),
    maracReferrals: instantsOf(state.maracReferrals),
    holdingPauses,
  };
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
  if (i.nextDueAt) {
    s.nextDueAt = i.nextDueAt;
    // Items written before the clock name was kept have a deadline alone.
    if (i.nextDueClock && i.nextDueDuty) {
      s.nextDueClock = i.nextDueClock;
      s.nextDueDuty = i.nextDueDuty;
    }
  }
  if (i.assignedOfficer) s.assignedOfficer = i.assignedOfficer;
  if (i.assignedOfficerEmail) s.assignedOfficerEmail = i.assignedOfficerEmail;
  return s;
}

/** The clear summary plus the figures facts, from a case item or a figures index projection (items written before the facts were kept have none). */
export function figuresSummaryOf(item: object): FiguresSummary {
  const figures = (item as { figures?: FiguresMeta }).figures;
  return figures ? { ...summaryOf(item), figures } : summaryOf(item);
}

/** Parses `kind:hmac` strings back into link keys. */
export function parseLinkKeys(stored: string[] | undefined): LinkKey[] {
  return (stored ?? []).map((s) => {
    const at = s.indexOf(':');
    return { kind: s.slice(0, at) as LinkKind, key: s.slice(at + 1) };
  });
}
