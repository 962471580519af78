/**
 * What a report becomes when it arrives (004 §7.5.1, 001 §5): a case, open when the person lives in
 * one of the association's homes and signposted otherwise; an open case starts its clocks; the
 * report's safe contact is the plan's version 1; the reporter gets advice from the association's config. Pure: the caller stores and starts it.
 */
import { type Advice, adviceFor } from './advice.js';
import type { AssociationConfig } from './association.js';
import { type CaseState, factsFromReport, newCaseState } from './case.js';
import { initialStatus } from './case-status.js';
import { type PlannedClock, planClocks } from './clock-plan.js';
import { type ContactPlanVersion, planFromReport } from './contact-plan.js';
import type { FieldProblem } from './problems.js';
import type { Report } from './report.js';
import { isAreaOf } from './report-checks.js';

/** A new case as intake decides it: its state, the clocks it starts with, and the reporter's advice. */
interface Intake {
  state: CaseState;
  /** Empty unless the case is open: a signposted record runs no clocks. */
  plan: PlannedClock[];
  /** The safe-contact plan's first version: what the report said, agreed by whoever gave it. */
  contactPlans: ContactPlanVersion[];
  advice: Advice;
}

const EARLIEST_BIRTH = '1900-01-01';

/**
 * Checks a report beyond its schema: it is for this deployment's association, its area (when given)
 * is one of the association's, as the form offers them, and its dates are plausible.
 */
export function reportProblems(
  report: Report,
  config: Pick<AssociationConfig, 'id' | 'areas'>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (report.associationId !== config.id)
    problems.push({ field: 'associationId', problem: 'is not the association this service is for' });
  const areaIds = config.areas.map((a) => a.id);
  if (report.area !== undefined && !isAreaOf(report.area, areaIds))
    problems.push({ field: 'area', problem: `must be one of: ${areaIds.join(', ')} (or left out when not known)` });
  const dob = report.person.dateOfBirth;
  if (dob) {
    if (dob < EARLIEST_BIRTH) problems.push({ field: 'person.dateOfBirth', problem: 'must not be before 1900' });
    else if (dob > now.toISOString().slice(0, 10))
      problems.push({ field: 'person.dateOfBirth', problem: 'must not be in the future' });
  }
  return problems;
}

/** The case a report opens (or signposts) under `identity`, reported at `at` (ISO), with its clocks and advice. */
export function intakeOf(
  report: Report,
  config: AssociationConfig,
  identity: { id: string; reference: string },
  at: string,
): Intake {
  const facts = factsFromReport(report);
  const status = initialStatus(facts);
  const state = newCaseState({
    id: identity.id,
    reference: identity.reference,
    associationId: config.id,
    status,
    reportedAt: at,
    facts,
  });
  const area = report.area ? { area: report.area } : {};
  const advice = adviceFor(config, { immediateDanger: report.immediateDanger, resident: facts.resident, ...area });
  const contactPlans = [planFromReport(report, at)];
  return { state, plan: status === 'open' ? planClocks(state, config) : [], contactPlans, advice };
}
