/**
 * Storing a report and starting its lifecycle, shared by the JSON API (functions/intake) and the
 * public HTML form (functions/report-form): core decides the case, one store write keeps it once per
 * idempotency key, then the workflow starts. Never logs or echoes what was reported.
 */
import type { Advice } from '../core/advice.js';
import { nextDeadline } from '../core/clock-plan.js';
import { intakeOf, reportProblems } from '../core/intake.js';
import { Refusal } from '../core/problems.js';
import type { Report } from '../core/report.js';
import type { Deps } from './deps.js';
import { linkKeysFor } from './link-keys.js';
import { type NewEvent, newCaseIdentity, nextDueFields } from './store/index.js';

/** What intake answers: the reference to give the reporter, and advice built from config. */
export interface SubmitResult {
  reference: string;
  caseId: string;
  /** False when this key was seen before: nothing new was stored. */
  created: boolean;
  /** When the case was reported: for a repeat (created: false), the stored case's time, not this call's. */
  reportedAt: string;
  advice: Advice;
}

/**
 * Stores a report once per `idempotencyKey`, starts its lifecycle (open cases only; a second start is
 * harmless, so a retry also repairs a start that failed) and returns the reference and advice.
 * `keyless`: the key is the report itself (no Idempotency-Key), so it holds only within the
 * association's `intake.duplicateWindow` and never onto a closed case (core/rules/repeat-report.ts).
 * Throws an `invalid` Refusal when the report is not for this association, names an area it does
 * not have, or has implausible dates.
 */
export async function submitReport(
  deps: Deps,
  report: Report,
  idempotencyKey: string,
  now: Date,
  options: { keyless?: boolean } = {},
): Promise<SubmitResult> {
  const { config } = deps;
  const problems = reportProblems(report, config, now);
  if (problems.length) throw new Refusal('invalid', 'invalid report', problems);

  const at = now.toISOString();
  const { state, plan, contactPlans, advice } = intakeOf(report, config, newCaseIdentity(config.referencePrefix), at);
  const { status } = state;
  const events: NewEvent[] =
    status === 'signposted' ? [{ type: 'signposted', at, actor: 'system', id: 'signposted' }] : [];
  const result = await deps.cases.createCase({
    state,
    report,
    contactPlans,
    idempotencyKey,
    ...(options.keyless ? { repeatWindow: config.intake.duplicateWindow } : {}),
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
      const errorClass = e instanceof Error ? e.name : typeof e;
      deps.logger.error('workflow start failed', { caseId: result.caseId, reference: result.reference, errorClass });
    }
  }
  deps.logger.info('report received', {
    caseId: result.caseId,
    reference: result.reference,
    created: result.created,
    status,
  });
  const { reference, caseId, created, reportedAt } = result;
  return { reference, caseId, created, reportedAt, advice };
}
