import type { Deps } from '../adapters/deps.js';
import { type SubmitResult, submitReport } from '../adapters/report-intake.js';
import type { Report } from '../core/report.js';

/**
 * Submits a report from the form, keyed on the per-form token and the parsed report (keyed-hashed,
 * never stored clear), as intake keys JSON: a double submit or a retried POST gives the same
 * reference, while Back, edit and resubmit is a report of its own.
 */
export function submitFormReport(deps: Deps, report: Report, token: string, now: Date): Promise<SubmitResult> {
  return submitReport(deps, report, deps.hmac(`report-form|${token}|${JSON.stringify(report)}`), now);
}
