/**
 * The case table's items as the store writes and reads them (layout: functions/contract/table-layout.ts).
 *
 * Only ids, reference, status, dates, area, risk, abuse types, next due time with the name and duty
 * of the clock keeping it, assigned officer (id and work email), version, keyed hashes, the figures
 * facts (`figures`: instants, flags and a clock length, see figures-meta.ts) and, while an open case
 * reported in immediate danger awaits what was done, a `!DANGER#<reportedAt>#` prefix on its open-index
 * sort key (so it is listed first with no decrypt) are in clear. The open-case
 * attributes are removed when a case leaves `open`, so closed cases drop out of the console indexes with
 * the same single put that closed them; the closed-case attributes exist only while a case is closed (a
 * reopened case leaves that index). An open high-risk case (not in danger) has a `#HIGH#` prefix instead,
 * and the work-queue facts (`worklist`: flags, open actions, deadlines, see worklist-meta.ts) are in clear.
 */

import {
  dueSortKey,
  ITEM_TYPE,
  isDangerFirst,
  isHighRiskFirst,
  keys,
  NO_AREA,
  quarterOf,
} from '../../contract/table-layout.js';
import type { AssociationConfig } from '../../core/association.js';
import type { CaseState } from '../../core/case.js';
import type { Duty } from '../../core/duties.js';
import { escalationAcksMetaOf } from './escalation-acks-meta.js';
import { figuresMetaOf } from './figures-meta.js';
import type { CaseEventType, CaseSummary, FiguresMeta, LinkKey, LinkKind, WorklistMeta } from './types.js';
import { readWorklist, type WorklistFound, worklistMetaOf } from './worklist-meta.js';

/** The clear case item, as stored. */
export interface CaseItem extends CaseSummary {
  figures: FiguresMeta;
  worklist: WorklistMeta;
  pk: string;
  sk: 'CASE';
  itemType: typeof ITEM_TYPE.case;
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
  /** Escalation chains taken on (clock key → tier, staff id, work email, instant): the alerts list reads them in clear. */
  escalationAcks?: CaseState['escalationAcks'];
}

/** The clear event item, as stored. */
export interface EventItem {
  pk: string;
  sk: string;
  itemType: typeof ITEM_TYPE.event;
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

/** What a write knows beyond the case: the association's config and what it found about the case's home and linked cases. */
export interface ItemContext extends WorklistFound {
  config: AssociationConfig;
}

/**
 * Builds the clear case item from its summary and the state it was sealed with: the figures and
 * work-queue facts are derived here from that state on every write, so no write path can leave them
 * stale. The open-case index keys exist only while open, the closed-case ones only while closed.
 */
export function caseItem(
  summary: CaseSummary,
  state: CaseState,
  linkKeys: LinkKey[],
  outboxIds: string[],
  sealed: string,
  context: ItemContext,
): CaseItem {
  const area = summary.area ?? NO_AREA;
  // The danger and high-risk tiers are not attributes of their own: the open index's sort key carries them (read back in summaryOf).
  const { immediateDanger, highRiskFirst: _tier, worklist: _read, ...clear } = summary;
  const item: CaseItem = {
    pk: keys.case(summary.caseId).pk,
    sk: 'CASE',
    itemType: ITEM_TYPE.case,
    ...clear,
    figures: figuresMetaOf(state),
    worklist: worklistMetaOf(state, context.config, context),
    linkKeys: linkKeys.map((l) => `${l.kind}:${l.key}`),
    outboxIds,
    sealed,
    quarterPk: quarterOf(summary.reportedAt),
    quarterSk: `${area}#${summary.reportedAt}#${summary.caseId}`,
  };
  if (summary.status === 'open') {
    item.openPk = keys.openAll;
    item.openAreaPk = keys.openArea(area);
    item.dueSk = dueSortKey(
      summary.nextDueAt,
      summary.caseId,
      immediateDanger ? summary.reportedAt : undefined,
      summary.risk === 'high',
    );
  }
  // Rebuilt from their shapes (escalation-acks-meta.ts), never copied.
  const acks = escalationAcksMetaOf(state.escalationAcks);
  if (acks) item.escalationAcks = acks;
  if (summary.status === 'closed' && summary.closedAt) {
    item.closedQuarterPk = quarterOf(summary.closedAt);
    item.closedSk = `${area}#${summary.closedAt}#${summary.caseId}`;
  }
  return item;
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
  // From the sort key, which every index carries: no attribute beyond the projections is needed.
  if (i.status === 'open' && isDangerFirst(i.dueSk)) s.immediateDanger = true;
  if (i.status === 'open' && isHighRiskFirst(i.dueSk)) s.highRiskFirst = true;
  const worklist = readWorklist(i.worklist);
  if (worklist) s.worklist = worklist;
  return s;
}

/** Parses `kind:hmac` strings back into link keys. */
export function parseLinkKeys(stored: string[] | undefined): LinkKey[] {
  return (stored ?? []).map((s) => {
    const at = s.indexOf(':');
    return { kind: s.slice(0, at) as LinkKind, key: s.slice(at + 1) };
  });
}
