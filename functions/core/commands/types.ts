/** The shapes every staff command shares: who runs it, what it records, and what it returns. */
import type { AssociationConfig } from '../association.js';
import type { CaseState } from '../case.js';
import type { ContactPlanVersion } from '../contact-plan.js';
import type { DashResult } from '../dash.js';
import type { Duty } from '../duties.js';
import type { StaffMember } from '../roles.js';

/** The timeline entry types commands write (a subset of the case store's event types). */
type CommandEventType =
  | 'contact-made'
  | 'contact-attempted'
  | 'contact-plan-agreed'
  | 'dash-scored'
  | 'referral-made'
  | 'referral-acknowledged'
  | 'consent-given'
  | 'consent-refused'
  | 'consent-overridden'
  | 'action-done'
  | 'duty-closed'
  | 'pathway-chosen'
  | 'facts-updated'
  | 'safety-plan-updated'
  | 'case-closed'
  | 'case-reopened'
  | 'note-added'
  | 'officer-assigned'
  | 'escalation-acknowledged';

/** A timeline entry to record; `details` holds anything a person typed and is kept encrypted. */
export interface CommandEvent {
  type: CommandEventType;
  /** When it happened, if not now (a contact or referral recorded afterwards). */
  at?: string;
  duty?: Duty;
  details?: Record<string, unknown>;
}

/** A safety plan as commands keep it (000): steps, key contacts and what may be shared with each. */
export interface PlanInput {
  steps: { text: string; done?: boolean }[];
  keyContacts: {
    name: string;
    relationship?: string;
    phone?: string;
    email?: string;
    mayShare: string[];
    perpetratorSide?: boolean;
  }[];
}

/** What the command changes beside the CaseState: private parts the case store keeps encrypted. */
interface PrivateChanges {
  safetyPlan?: PlanInput;
  dashAnswers?: Record<string, unknown>;
  note?: string;
  /** Every version of the safe-contact plan, the new one last. */
  contactPlans?: ContactPlanVersion[];
}

/** What an accepted command leads to; a refused one throws a Refusal (core/problems.ts) instead. */
export interface CommandResult {
  state: CaseState;
  events: CommandEvent[];
  changes: PrivateChanges;
  dash?: DashResult;
}

/** Who runs the command and when. */
export interface CommandContext {
  config: AssociationConfig;
  now: Date;
  actor: string;
  /** The actor's work email, where their sign-in gives one (who took an escalation on, in words). */
  actorEmail?: string;
  /** The current safety plan, for sharing checks. */
  safetyPlan?: PlanInput;
  /** The safe-contact plan in force (core `currentPlan`), for `contactAllowed`. */
  contactPlan?: ContactPlanVersion;
  /** Every version of the safe-contact plan, for a new one. */
  contactPlans?: readonly ContactPlanVersion[];
  /** The tiers each escalation chain has sent, by clock key (rules/escalation-acknowledgement.ts `tiersSent`; read for "I've got this" only). */
  escalationsSent?: Readonly<Record<string, readonly number[]>>;
  /** The staff directory's members, for an assignment (the handler reads the directory for that command only). */
  staff?: readonly StaffMember[];
}
