/**
 * The case as a case officer reads it: the decrypted report and state, what the case requires with
 * each action's consent status, its clocks, timeline, linked earlier cases and home markers, and the
 * repeat-MARAC and escalation flags (002 §6).
 */
import type { CaseEvent, StoredCase } from '../adapters/case-repository.js';
import type { AssociationConfig } from '../core/association.js';
import { closureBlockers } from '../core/case-status.js';
import { planClocks } from '../core/clock-plan.js';
import { londonMonthsBefore } from '../core/clocks.js';
import { consentStatus } from '../core/consent.js';
import { route } from '../core/routing.js';

function inLastYear(instants: readonly string[], now: Date): number {
  const from = londonMonthsBefore(now, 12).getTime();
  return instants.filter((i) => {
    const t = Date.parse(i);
    return t >= from && t <= now.getTime();
  }).length;
}

/** Builds the response body of GET /api/cases/{id}. */
export function caseView(stored: StoredCase, events: CaseEvent[], config: AssociationConfig, now: Date) {
  const { state } = stored;
  const requiredActions = route(state.facts, config).map((a) => ({
    duty: a.duty,
    owner: a.owner,
    why: a.why,
    clocks: a.clocks,
    status: state.duties[a.duty]?.status ?? 'open',
    ...(state.duties[a.duty] ? { record: state.duties[a.duty] } : {}),
    consent: { rule: a.consent, overrideBases: a.overrideBases, ...consentStatus(a, state.consents) },
  }));
  const clocks = planClocks(state, config).map((c) => ({ ...c, overdue: Date.parse(c.deadline) < now.getTime() }));
  const maracInYear = inLastYear(state.maracReferrals, now);
  return {
    caseId: stored.caseId,
    reference: stored.reference,
    version: stored.version,
    status: state.status,
    reportedAt: state.reportedAt,
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(state.assignedOfficer ? { assignedOfficer: state.assignedOfficer } : {}),
    facts: state.facts,
    report: stored.report,
    dash: state.dash ?? null,
    consents: state.consents,
    contacts: state.contacts,
    ...(state.agreedContactRhythm ? { agreedContactRhythm: state.agreedContactRhythm } : {}),
    holdingPauses: state.holdingPauses,
    incidents: state.incidents,
    maracReferrals: state.maracReferrals,
    requiredActions,
    clocks,
    nextDueAt: stored.nextDueAt ?? null,
    closureBlockers: state.status === 'open' ? closureBlockers(state, config, now) : [],
    flags: {
      /** A MARAC referral in the last 12 months: a new one is a repeat (002 §6). */
      repeatMarac: maracInYear > 0,
      /** Three or more incidents in 12 months: potential escalation (002 §6). */
      potentialEscalation: inLastYear(state.incidents, now) >= 3,
      dashDue: state.duties['dash-assessment']?.status !== 'done' && route(state.facts, config).some((a) => a.duty === 'dash-assessment'),
    },
    safetyPlan: stored.safetyPlan ?? null,
    notes: stored.notes,
    linkedCases: stored.history,
    markers: stored.markers,
    timeline: events,
  };
}
