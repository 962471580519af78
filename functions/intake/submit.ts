/**
 * Intake: a validated report becomes a case (or, for a non-resident, a signposted record) exactly
 * once per idempotency key, its lifecycle is started, and the reporter gets advice. Shared by the
 * JSON API (handler.ts) and the public HTML form.
 */
import { adviceFor, type Advice } from '../core/advice.js';
import { factsFromReport, newCaseState } from '../core/case.js';
import { initialStatus } from '../core/case-status.js';
import { nextDeadline, planClocks } from '../core/clock-plan.js';
import { reportSchema, type Report } from '../core/report.js';
import { newCaseIdentity, nextDueFields, type NewEvent } from '../adapters/case-repository.js';
import type { Deps } from '../adapters/deps.js';
import { HttpError } from '../adapters/http/errors.js';
import type { FieldProblem } from '../core/problems.js';
import { linkKeysFor } from '../adapters/link-keys.js';

/** What intake answers: the reference to give the reporter, and advice built from config. */
export interface SubmitResult {
  reference: string;
  caseId: string;
  /** False when this key was seen before: nothing new was stored. */
  created: boolean;
  advice: Advice;
}

const EARLIEST_BIRTH = '1900-01-01';

/** Checks a report beyond its schema: it is for this deployment's association, and its dates are plausible. */
export function reportProblems(report: Report, associationId: string, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (report.associationId !== associationId) problems.push({ field: 'associationId', problem: 'is not the association this service is for' });
  const dob = report.person.dateOfBirth;
  if (dob) {
    if (dob < EARLIEST_BIRTH) problems.push({ field: 'person.dateOfBirth', problem: 'must not be before 1900' });
    else if (dob > now.toISOString().slice(0, 10)) problems.push({ field: 'person.dateOfBirth', problem: 'must not be in the future' });
  }
  return problems;
}

/** The intake schema result type, re-exported for callers that parse themselves. */
export { reportSchema };

/**
 * Stores a report once per `idempotencyKey`, starts its lifecycle (open cases only; a second start is
 * harmless, so a retry also repairs a start that failed) and returns the reference and advice.
 * Throws HttpError 400 when the report is not for this association or has implausible dates.
 */
export async function submitReport(deps: Deps, report: Report, idempotencyKey: string, now: Date): Promise<SubmitResult> {
  const { config } = deps;
  const problems = reportProblems(report, config.id, now);
  if (problems.length) throw new HttpError(400, 'invalid report', problems);

  const facts = factsFromReport(report);
  const status = initialStatus(facts);
  const at = now.toISOString();
  const identity = newCaseIdentity();
  const state = newCaseState({ id: identity.id, reference: identity.reference, associationId: config.id, status, reportedAt: at, facts });
  const plan = status === 'open' ? planClocks(state, config) : [];
  const events: NewEvent[] = status === 'signposted' ? [{ type: 'signposted', at, actor: 'system', id: 'signposted' }] : [];

  const result = await deps.cases.createCase({
    state,
    report,
    idempotencyKey,
    linkKeys: linkKeysFor(report, deps.hmac),
    ...nextDueFields(nextDeadline(plan)),
    events,
  });
  // The report is stored: a failed start must not tell the reporter it failed. A retry with the same
  // key (created: false) reaches here again and starts it then; a start of a running lifecycle is harmless.
  if (status === 'open') {
    try {
      await deps.workflow.startCase(result.caseId, config.id);
    } catch (e) {
      deps.logger.error('workflow start failed', { caseId: result.caseId, reference: result.reference, errorClass: e instanceof Error ? e.name : typeof e });
    }
  }
  deps.logger.info('report received', { caseId: result.caseId, reference: result.reference, created: result.created, status });
  return {
    reference: result.reference,
    caseId: result.caseId,
    created: result.created,
    advice: adviceFor(config, { immediateDanger: report.immediateDanger, resident: facts.resident, ...(report.area ? { area: report.area } : {}) }),
  };
}
