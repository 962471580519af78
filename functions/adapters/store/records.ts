/**
 * A case as sealed in its item and as the store gives it back: the one envelope (state, report,
 * notes, safety plan, DASH answers, safe-contact plan versions, event outbox), its clear summary,
 * and the stored case.
 */

import type { ClockName } from '../../core/association.js';
import type { CaseState } from '../../core/case.js';
import { type ContactPlanVersion, planFromReport } from '../../core/contact-plan.js';
import type { Duty } from '../../core/duties.js';
import { CLOCK_DUTY } from '../../core/duties.js';
import type { Report, SafeContact } from '../../core/report.js';
import { dangerOpen } from '../../core/rules/immediate-danger.js';
import { RepositoryUsageError } from '../errors.js';
import type { Store } from './access.js';
import { type CaseItem, parseLinkKeys } from './items.js';
import type {
  CaseNote,
  CasePrivate,
  CaseSummary,
  HomeMarker,
  LinkedCase,
  NewEvent,
  NextDueFields,
  StoredCase,
} from './types.js';

/** An event waiting in the outbox: its id fixed, its place among the events of one write. */
export interface PendingEvent extends NewEvent {
  id: string;
  seq: number;
}

/** What one case item seals: the private case and the events of its last write. */
export interface Sealed extends CasePrivate {
  outbox: PendingEvent[];
}

/** Seals the envelope, bound to the association and the case. */
export function sealCase(store: Store, priv: Sealed, caseId: string): Promise<string> {
  return store.crypto.seal(priv, { associationId: store.associationId, caseId });
}

/** Opens a case item's envelope (the binding to association and case is checked). */
export function openCase(store: Store, item: CaseItem): Promise<Sealed> {
  return store.crypto.open<Sealed>(item.sealed, { associationId: store.associationId, caseId: item.caseId });
}

/** The envelope for a private case and the outbox of this write. */
export function sealedOf(priv: Omit<CasePrivate, 'notes'> & { notes?: CaseNote[] }, outbox: PendingEvent[]): Sealed {
  return {
    state: priv.state,
    report: priv.report,
    notes: priv.notes ?? [],
    ...(priv.safetyPlan ? { safetyPlan: priv.safetyPlan } : {}),
    ...(priv.dashAnswers ? { dashAnswers: priv.dashAnswers } : {}),
    ...(priv.contactPlans?.length ? { contactPlans: priv.contactPlans } : {}),
    outbox,
  };
}

/** The clear summary a write puts beside the envelope. */
export function summarise(
  associationId: string,
  priv: CasePrivate,
  meta: { caseId: string; reference: string; version: number; createdAt: string; updatedAt: string } & NextDueFields,
): CaseSummary {
  const { state, report } = priv;
  const s: CaseSummary = {
    caseId: meta.caseId,
    reference: meta.reference,
    associationId,
    status: state.status,
    reportedAt: state.reportedAt,
    risk: state.facts.risk,
    abuseTypes: [...report.abuseTypes],
    version: meta.version,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
  if (state.closedAt) s.closedAt = state.closedAt;
  const area = state.facts.area ?? report.area;
  if (area) s.area = area;
  if (meta.nextDueAt) s.nextDueAt = meta.nextDueAt;
  if (meta.nextDueAt && meta.nextDueClock && meta.nextDueDuty) {
    s.nextDueClock = meta.nextDueClock;
    s.nextDueDuty = meta.nextDueDuty;
  }
  if (state.assignedOfficer) s.assignedOfficer = state.assignedOfficer;
  if (state.assignedOfficer && state.assignedOfficerEmail) s.assignedOfficerEmail = state.assignedOfficerEmail;
  if (dangerOpen(state)) s.immediateDanger = true;
  return s;
}

/**
 * The plan versions a case holds; a case stored before they were kept has the one its report gave,
 * read with the safe-contact fields that report predates at their defaults (nothing is migrated).
 */
function contactPlansOf(priv: Sealed): ContactPlanVersion[] {
  if (priv.contactPlans?.length) return priv.contactPlans;
  const report = priv.report as Report;
  const sc = report.safeContact;
  const safeContact: SafeContact = {
    ...sc,
    windows: sc.windows ?? [],
    mayIdentifyUs: sc.mayIdentifyUs ?? false,
    mayBeWatched: sc.mayBeWatched ?? false,
  };
  return [planFromReport({ ...report, safeContact }, (priv.state as CaseState).reportedAt)];
}

/** The stored case from its item and opened envelope, with the markers and history found for it. */
export function storedCase(item: CaseItem, priv: Sealed, markers: HomeMarker[], history: LinkedCase[]): StoredCase {
  const s: StoredCase = {
    caseId: item.caseId,
    reference: item.reference,
    associationId: item.associationId,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    linkKeys: parseLinkKeys(item.linkKeys),
    state: priv.state as CaseState,
    report: priv.report as Report,
    notes: (priv.notes ?? []) as CaseNote[],
    contactPlans: contactPlansOf(priv),
    markers,
    history,
  };
  if (item.nextDueAt) s.nextDueAt = item.nextDueAt;
  if (item.nextDueAt && item.nextDueClock && item.nextDueDuty) {
    s.nextDueClock = item.nextDueClock;
    s.nextDueDuty = item.nextDueDuty;
  }
  if (priv.safetyPlan) s.safetyPlan = priv.safetyPlan;
  if (priv.dashAnswers) s.dashAnswers = priv.dashAnswers;
  return s;
}

/**
 * The next-due fields to write in clear: a clock name and duty only as a known pair (CLOCK_DUTY), and
 * only with a deadline, so nothing but a clock name, a duty and an instant can reach clear.
 */
export function checkedNextDue(n: NextDueFields | undefined): NextDueFields {
  if (!n?.nextDueAt) return {};
  if (n.nextDueClock === undefined && n.nextDueDuty === undefined) return { nextDueAt: n.nextDueAt };
  const clock = n.nextDueClock as ClockName;
  if (!Object.hasOwn(CLOCK_DUTY, clock) || CLOCK_DUTY[clock] !== (n.nextDueDuty as Duty))
    throw new RepositoryUsageError('nextDueClock and nextDueDuty must be a clock and the duty it keeps');
  return { nextDueAt: n.nextDueAt, nextDueClock: clock, nextDueDuty: CLOCK_DUTY[clock] };
}
