import * as z from 'zod/mini';
import { planFromReport, SAFE_CONTACT_STANDINGS, safeContactStanding } from './contact-plan.js';
import type { Report } from './report.js';
import { reportsViolence } from './rules/emergency-works.js';
import './zod-en.js';

export const CASE_STATUSES = ['open', 'signposted', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const RISK_LEVELS = ['not-assessed', 'standard', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const PATHWAYS = [
  'leave-relationship-and-property',
  'stay-in-relationship',
  'end-relationship-stay-in-property',
  'resident-is-perpetrator',
] as const;
export type Pathway = (typeof PATHWAYS)[number];
/** Who made a report: the person experiencing abuse, or someone else on their behalf. */
export const REPORTED_BY = ['victim', 'someone-else'] as const;

/**
 * The facts a case is routed on. Not identifying on their own, they are still kept encrypted with the
 * case; the workflow reads them through the case store, never through execution input.
 */
export const caseFactsSchema = z.strictObject({
  resident: z.boolean(),
  immediateDanger: z.boolean(),
  children: z.boolean(),
  vulnerableAdult: z.boolean(),
  /** More than one safeguarding issue, e.g. abuse plus physical or mental health disability (004 §7.6.4). */
  multipleSafeguardingIssues: z.boolean(),
  receivesRegisteredCare: z.boolean(),
  perpetratorHasCareNeeds: z.boolean(),
  elderAbuse: z.boolean(),
  suspectedModernSlavery: z.boolean(),
  riskToStaff: z.boolean(),
  jointTenancyWithPerpetrator: z.boolean(),
  violentIncident: z.boolean(),
  victimStayingInHome: z.boolean(),
  /** An external agency already secured the home (004 §7.4.7). */
  securityDoneByAgency: z.boolean(),
  mappaCriteriaMet: z.boolean(),
  area: z.optional(z.string()),
  /** Who made the report: the person it is about, or someone else (absent on older cases: not recorded). */
  reportedBy: z.optional(z.enum(REPORTED_BY)),
  /** Whether a safe way to reach the victim is known (contact-plan.ts); absent on older cases, read as known. */
  safeContact: z.optional(z.enum(SAFE_CONTACT_STANDINGS)),
  risk: z.enum(RISK_LEVELS),
  pathway: z.optional(z.enum(PATHWAYS)),
});
export type CaseFacts = z.infer<typeof caseFactsSchema>;

/** The facts a fresh report gives, before any officer has added to them. */
export function factsFromReport(report: Report): CaseFacts {
  const h = report.household;
  return {
    resident: report.livesInAssociationHome !== 'no',
    immediateDanger: report.immediateDanger,
    children: h.children,
    vulnerableAdult: h.vulnerableAdult,
    multipleSafeguardingIssues: false,
    receivesRegisteredCare: h.receivesRegisteredCare,
    perpetratorHasCareNeeds: h.perpetratorHasCareNeeds,
    elderAbuse: h.olderPerson,
    suspectedModernSlavery: false,
    riskToStaff: false,
    jointTenancyWithPerpetrator: h.jointTenancyWithPerpetrator,
    violentIncident: reportsViolence(report),
    victimStayingInHome: report.wantsToStayInHome !== 'no',
    securityDoneByAgency: false,
    mappaCriteriaMet: false,
    area: report.area,
    reportedBy: report.reporterKind === 'victim' ? 'victim' : 'someone-else',
    safeContact: safeContactStanding(planFromReport(report, '')),
    risk: 'not-assessed',
  };
}

/** Where one required duty stands. Free-text reasons are kept in the encrypted part of the case. */
export interface DutyState {
  status: 'open' | 'done' | 'no-further-action';
  /** ISO instant the duty was done or closed off; for an open duty, when it was opened (emergency security works: when the violent incident was reported). */
  at?: string;
  /** Staff subject who did it. */
  by?: string;
  /** Why no further action (required for 'no-further-action'). */
  reason?: string;
  /** Referrals: made, then acknowledged by the receiving agency. */
  referral?: { madeAt: string; acknowledgedAt?: string };
}

/** The latest acknowledgement of one escalation chain (rules/escalation-acknowledgement.ts): tier, staff id, work email, instant. */
export interface EscalationAck {
  tier: number;
  by: string;
  email?: string;
  at: string;
}

/** A consent decision for one duty: given, refused, or overridden on a recorded basis with a reason. */
export interface ConsentRecord {
  duty: import('./duties.js').Duty;
  decision: 'given' | 'refused' | 'overridden';
  basis?: import('./duties.js').OverrideBasis;
  reason?: string;
  at: string;
  by: string;
}

/**
 * Why a case closes (DOMAIN.md "Closing a case"): only when the action plan is complete, or no further
 * action is appropriate or possible. The console words them (web/console/js/labels.mjs).
 */
export const CLOSURE_OUTCOMES = [
  'action-plan-complete',
  'no-further-action-appropriate',
  'no-further-action-possible',
] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

/**
 * The state of a case that core rules read: routing, the clock plan, closure. The case store keeps
 * it (encrypting what is personal); the workflow only ever carries the case id.
 */
export interface CaseState {
  id: string;
  reference: string;
  associationId: string;
  status: CaseStatus;
  /** ISO instant the report was received: every "from report" clock starts here. */
  reportedAt: string;
  closedAt?: string;
  /** Why the case closed (DOMAIN.md "Closing a case"); cleared when it reopens. */
  closureOutcome?: ClosureOutcome;
  facts: CaseFacts;
  duties: Partial<Record<import('./duties.js').Duty, DutyState>>;
  consents: ConsentRecord[];
  /** ISO instants of recorded contacts with the victim, oldest first. */
  contacts: string[];
  /** A contact rhythm the victim agreed instead of the policy's (001 §7 "unless agreed otherwise"). */
  agreedContactRhythm?: import('./clock-schema.js').Clock;
  /** Pauses of the holding-area clock for statutory or legal action (000); `to` absent while paused. */
  holdingPauses: { from: string; to?: string }[];
  /** ISO instants of incidents (the report, and each new one) and of MARAC referrals. */
  incidents: string[];
  maracReferrals: string[];
  dash?: { score: number; risk: RiskLevel; maracRequired: boolean; at: string };
  closureDiscussedWithVictim: boolean;
  /** The staff id (Cognito subject) of the officer the case is assigned to. */
  assignedOfficer?: string;
  /** The assigned officer's email, for people to read (the id is what filters and access use). */
  assignedOfficerEmail?: string;
  /** Escalation chains someone took on, by clock key (rules/escalation-acknowledgement.ts): the latest acknowledgement. */
  escalationAcks?: Record<string, EscalationAck>;
}

/** A case as it is reported: nothing done, no consent or contact yet, the report its one incident. */
export function newCaseState(
  c: Pick<CaseState, 'id' | 'reference' | 'associationId' | 'status' | 'reportedAt' | 'facts'>,
): CaseState {
  return {
    ...c,
    duties: {},
    consents: [],
    contacts: [],
    holdingPauses: [],
    incidents: [c.reportedAt],
    maracReferrals: [],
    closureDiscussedWithVictim: false,
  };
}
