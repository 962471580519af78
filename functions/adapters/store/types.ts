/**
 * The shapes the case repository takes and gives. Handlers and the workflow build on these; keep
 * changes additive.
 */

import type { DueTier } from '../../contract/table-layout.js';
import type { ClockName } from '../../core/association.js';
import type { CaseState, CaseStatus, ClosureOutcome, RiskLevel } from '../../core/case.js';
import type { NextDeadline } from '../../core/clock-plan.js';
import type { Clock } from '../../core/clock-schema.js';
import type { ContactPlanVersion, SafeContactStanding } from '../../core/contact-plan.js';
import type { Duty, StaffRole } from '../../core/duties.js';
import type { Report } from '../../core/report.js';
import type { LinkedReferral } from '../../core/rules/linked-cases.js';

/** Who is acting: a member of staff (Cognito subject and role) or the system (workflow, intake). */
type Actor = { sub: string; role: string } | 'system';

/** Every kind of entry on a case's timeline. */
export const CASE_EVENT_TYPES = [
  'reported',
  // The same report came again without an Idempotency-Key, inside the duplicate window: no new case.
  'report-repeated',
  'signposted',
  'contact-made',
  'contact-attempted',
  'contact-plan-agreed',
  'dash-scored',
  'referral-made',
  'referral-acknowledged',
  'consent-given',
  'consent-refused',
  'consent-overridden',
  'action-done',
  'duty-closed',
  'pathway-chosen',
  'clock-breached',
  'escalation-sent',
  'escalation-acknowledged',
  'officer-assigned',
  'note-added',
  'safety-plan-updated',
  'facts-updated',
  'home-marker-set',
  'case-closed',
  'case-reopened',
  'case-viewed',
  // A member of staff saw this case as a linked case in another case's view (its summary, or only that it exists).
  'linked-case-viewed',
  // A member of staff found the case by its reference (the caseload's search): audited like a read.
  'case-found-by-reference',
  'details-revealed',
  // Written by the lifecycle: a step that kept failing, feedback asked for after closure (or waiting for a
  // safe time, or not sent and why), the lessons-learned review set.
  'workflow-fault',
  // The lifecycle or a clock stopped after a step kept failing; the sweep starts it again.
  'workflow-parked',
  // An email handed to SES whose answer was lost: it may have gone, and is not sent again (docs/delivery.md).
  'email-maybe-sent',
  // An email never sent: SES refused it for good, or it had no recipients (docs/delivery.md).
  'email-refused',
  'feedback-requested',
  'feedback-deferred',
  'feedback-not-sent',
  'lessons-learned-due',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/**
 * An event to record. `details` is encrypted (reasons, override basis with its reason, what was
 * shared): put anything a person typed there. `id` makes the append idempotent: the same id on the
 * same case is recorded once. Ids must be plain tokens ([A-Za-z0-9._:-], ≤ 120), never personal data.
 */
export interface NewEvent {
  type: CaseEventType;
  /** ISO instant it happened. */
  at: string;
  actor: Actor;
  id?: string;
  duty?: Duty;
  details?: Record<string, unknown>;
}

/** An event as stored and read back (details decrypted). */
export interface CaseEvent {
  id: string;
  caseId: string;
  type: CaseEventType;
  at: string;
  actor: Actor;
  duty?: Duty;
  details?: Record<string, unknown>;
  /** ISO instant the repository wrote it (may be later than `at`). */
  recordedAt: string;
}

/** A note an officer wrote on the case (encrypted with the case). */
export interface CaseNote {
  id: string;
  at: string;
  by: string;
  text: string;
}

/** One person or agency on a safety plan, and what may be shared with them (000: kept on file). */
interface SafetyPlanContact {
  name: string;
  relationship?: string;
  phone?: string;
  email?: string;
  /** What may be shared with this contact, as agreed with the victim. */
  mayShare: string[];
}

/** The safety plan, kept encrypted with the case and shared only with consent or on legal request (000). */
interface SafetyPlan {
  steps: { text: string; done?: boolean }[];
  keyContacts: SafetyPlanContact[];
  updatedAt: string;
  updatedBy: string;
}

/** DASH answers by question id (the DASH module owns their meaning); encrypted with the case. */
type DashAnswers = Record<string, unknown>;

/** What a keyed link hash was made from (never the value itself). `property` and `address` identify a home. */
const LINK_KINDS = ['property', 'address', 'person', 'phone'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** A keyed hash of one normalised identifier, used to find earlier cases of the same person or home. */
export interface LinkKey {
  kind: LinkKind;
  key: string;
}

/** A marker on a home, shown on every case there (002 §6: risk to colleagues visiting). */
export interface HomeMarker {
  kind: 'staff-safety';
  /** The home's link key (kind `property` or `address`). */
  home: LinkKey;
  active: boolean;
  setAt: string;
  setBy: string;
  /** The case that raised it, for the officer to read. */
  sourceCaseId?: string;
}

/** The clear, queryable part of a case: what the console lists and figures count. No personal data. */
export interface CaseSummary {
  caseId: string;
  reference: string;
  associationId: string;
  status: CaseStatus;
  reportedAt: string;
  closedAt?: string;
  area?: string;
  risk: RiskLevel;
  abuseTypes: string[];
  nextDueAt?: string;
  /** The clock keeping nextDueAt and its duty (core `nextDeadline`), written with it; absent when nextDueAt is. */
  nextDueClock?: ClockName;
  nextDueDuty?: Duty;
  assignedOfficer?: string;
  /** The assigned officer's work email (staff, not the victim), for the console's officer filter. */
  assignedOfficerEmail?: string;
  /** Reported in immediate danger and what was done not yet recorded (core `dangerOpen`): sorted first. */
  immediateDanger?: true;
  /** Listed in the open indexes' high-risk tier (read from the sort key; absent on items written before the tier). */
  highRiskFirst?: true;
  /** The work-queue facts (store/worklist-meta.ts); absent on items written before they were kept, until their next write. */
  worklist?: WorklistMeta;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The clear facts the figures count (001 §7, 000), derived from the case state on every write
 * (store/figures-meta.ts `figuresMetaOf`): instants, one flag and a clock length, never free text. The
 * figures Lambda reads them from index projections without the field key.
 */
export interface FiguresMeta {
  /** First contact with the victim (or when the initial-contact duty was done). */
  firstContactAt?: string;
  /** Every recorded contact, oldest first. */
  contacts: string[];
  /** A contact rhythm the victim agreed instead of the policy's. */
  agreedContactRhythm?: Clock;
  dashAttemptedAt?: string;
  /** The newest decision on a specialist support referral: true given, false refused; absent when not asked. */
  consentToSpecialistReferral?: boolean;
  specialistReferralOfferedAt?: string;
  maracReferrals: string[];
  /** Holding-area clock pauses; `to` absent while paused. */
  holdingPauses: { from: string; to?: string }[];
  /** Who made the report (absent on cases reported before it was kept). */
  reportedBy?: 'victim' | 'someone-else';
  /** Whether a safe way to reach the victim is known now (absent: known, as the case facts read it). */
  safeContact?: SafeContactStanding;
}

/**
 * What the caseload lists beyond the summary, derived from the case state and the association's
 * config on every write (store/worklist-meta.ts `worklistMetaOf`): flags, known words and instants,
 * never free text. Read from the open indexes' projections without the field key.
 */
export interface WorklistMeta {
  /** Children in the household. */
  children: boolean;
  /** A staff-safety marker: on the case (risk to staff, or the marker duty done) or on its home when written. */
  staffSafety: boolean;
  /** MARAC referral instants, oldest first (a repeat is worked out at read time: core/rules/case-flags.ts). */
  maracReferrals: string[];
  /**
   * The linked cases' MARAC referrals as found when written, oldest first, each with its case's area
   * and officer ids (the caseload counts only those its reader may see); older items have none, or
   * plain instants read as a place not known (store/worklist-meta.ts `linkedReferralsOf`).
   */
  linkedMaracReferrals: LinkedReferral[];
  /** Every open required action in routing order: duty, owning role, earliest running deadline. */
  actions: { duty: Duty; owner: StaffRole; dueAt?: string }[];
  /** The deadline of every running clock, earliest first (how many are overdue is worked out at read time). */
  deadlines: string[];
  /** Why a closed case closed: the known word (core/case.ts CLOSURE_OUTCOMES); absent while open. */
  closureOutcome?: ClosureOutcome;
}

/** A case summary with its figures facts; `figures` is absent only on items written before they were kept. */
/**
 * A case as the figures read it: its identity and what the figures count (the figures queries project
 * these attributes only, queries.ts `FIGURES_READ`), and its figures facts (absent on items written before they were kept).
 */
export interface FiguresSummary
  extends Pick<
    CaseSummary,
    'caseId' | 'reference' | 'status' | 'reportedAt' | 'closedAt' | 'area' | 'risk' | 'abuseTypes'
  > {
  figures?: FiguresMeta;
}

/** An earlier (or later) case linked by a shared identifier. */
export interface LinkedCase extends CaseSummary {
  matchedOn: LinkKind[];
  /** When its MARAC referrals were made (ISO instants, from its clear figures facts). */
  maracReferrals: string[];
}

/** The private part of a case, sealed in one envelope per write. */
export interface CasePrivate {
  state: CaseState;
  report: Report;
  notes: CaseNote[];
  safetyPlan?: SafetyPlan;
  dashAnswers?: DashAnswers;
  /** Every version of the safe-contact plan (core contact-plan.ts), oldest first; absent on cases stored before plans were kept. */
  contactPlans?: ContactPlanVersion[];
}

/**
 * A case as read: clear meta plus the decrypted private part. `markers` and `history` are looked up
 * at read time (not stored on the case) so a marker set later shows on every case at that home.
 */
export interface StoredCase extends CasePrivate {
  /** Every plan version; a case stored before plans were kept reads as the one its report gave (version 1). */
  contactPlans: ContactPlanVersion[];
  caseId: string;
  reference: string;
  associationId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The next deadline any clock of the case keeps (set by whoever plans the clocks). */
  nextDueAt?: string;
  /** The clock keeping nextDueAt and its duty: set with it (see `nextDueFields`), dropped without it. */
  nextDueClock?: ClockName;
  nextDueDuty?: Duty;
  linkKeys: LinkKey[];
  /** Active markers on the case's home(s). */
  markers: HomeMarker[];
  /** Other cases sharing a link key; filled for staff reads (empty for system reads). */
  history: LinkedCase[];
}

/** What `createCase` needs. `state.id`/`state.reference` are candidates (see `newCaseIdentity`). */
export interface NewCase {
  state: CaseState;
  report: Report;
  /** The same key always yields the same single case (e.g. the intake request's idempotency key). */
  idempotencyKey: string;
  /**
   * Set when the key is the report itself (no Idempotency-Key): the key then holds only this long
   * after its first report and never onto a closed case (core/rules/repeat-report.ts), and a repeat
   * it holds is recorded on the case (`report-repeated`). Absent: the key holds forever.
   */
  repeatWindow?: { hours: number };
  linkKeys?: LinkKey[];
  nextDueAt?: string;
  /** The clock keeping nextDueAt and its duty (see `nextDueFields`). */
  nextDueClock?: ClockName;
  nextDueDuty?: Duty;
  notes?: CaseNote[];
  safetyPlan?: SafetyPlan;
  dashAnswers?: DashAnswers;
  /** The safe-contact plan's first version (intake: `planFromReport`). */
  contactPlans?: ContactPlanVersion[];
  /** Extra events beyond the automatic `reported` one (e.g. `signposted`). */
  events?: NewEvent[];
}

/** Who reads a case: a member of staff (the read is recorded on the timeline) or the system. */
export type Reader = { sub: string; role: string } | 'system';

/** A page of results; pass `cursor` back to get the next page. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Filters for the staff console's list of open cases, soonest deadline first. */
export interface OpenCasesQuery {
  area?: string;
  risk?: RiskLevel;
  /** Only cases whose next deadline is before this instant (and every immediate-danger case). */
  overdueAt?: Date;
  officer?: string;
  /** Only cases no officer is assigned to. */
  unassigned?: boolean;
  /**
   * One tier of the open indexes (table-layout.ts `DUE_TIERS`), one key range: one Query per page. Without
   * it, the three tiers merged in the work queue's order at the store's now (core/worklist.ts).
   */
  tier?: DueTier;
  /** The instant the queue is ordered at (overdue is worked out against it); the store's now when absent. */
  now?: Date;
  limit?: number;
  cursor?: string;
}

/** Cases reported in [from, to), optionally one area, for quarterly figures. */
export interface FiguresQuery {
  from: Date;
  to: Date;
  area?: string;
  /**
   * Also every case active at or after this instant, whenever reported: open now, or closed at or
   * after it. Counts by when something happened (MARAC referrals, open cases over the holding
   * limit) need them: anything recorded on a case happened while it was open.
   */
  activeSince?: Date;
}

/** The clear next-due fields of a case, for a plan's next deadline (core `nextDeadline`): all three, or none. */
export type NextDueFields = Pick<CaseSummary, 'nextDueAt' | 'nextDueClock' | 'nextDueDuty'>;

/** The next-due fields for `next`, so the deadline and the clock keeping it are always written together. */
export function nextDueFields(next: NextDeadline | undefined): NextDueFields {
  return next ? { nextDueAt: next.deadline, nextDueClock: next.clock, nextDueDuty: next.duty } : {};
}
