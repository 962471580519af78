/**
 * Emergency security works (004 §7.4.7-9): after a violent incident, when the victim wants to stay in
 * the home and no agency has already secured it, the home is secured within 24 hours of the violent
 * incident being reported. The one home of the rule: the facts a report gives (case.ts), routing, the
 * staff commands that record a violent incident, and the clock plan all ask here.
 */
import type { Report } from '../report.js';

// The case's shapes are written out here, not imported from case.ts: case.ts asks this rule about a report.
/** The facts the rule reads. */
type WorksFacts = { violentIncident: boolean; victimStayingInHome: boolean; securityDoneByAgency: boolean };
/** The duty as the rule opens it. */
type OpenWorks = { status: 'open'; at: string };

/** Whether a report tells of a violent incident: the reporter said so, or physical abuse is among its types. */
export function reportsViolence(report: Pick<Report, 'violentIncident' | 'abuseTypes'>): boolean {
  return report.violentIncident || report.abuseTypes.includes('physical');
}

/** Whether a case's facts require the works: a violent incident, the victim staying, the home not already secured by an agency. */
export function emergencyWorksApply(facts: WorksFacts): boolean {
  return facts.violentIncident && facts.victimStayingInHome && !facts.securityDoneByAgency;
}

/** The duty as a violent incident reported at `at` (ISO) opens it: open again, its clock counting from `at`. */
export function openedByViolentIncident(at: string): OpenWorks {
  return { status: 'open', at };
}

/**
 * When the works' clock starts (ISO): when the violent incident that opened the duty was reported, else
 * the report. Any other incident leaves the clock where it is.
 */
export function emergencyWorksStart(state: {
  duties: { 'emergency-security-works'?: { at?: string } };
  reportedAt: string;
}): string {
  return state.duties['emergency-security-works']?.at ?? state.reportedAt;
}
