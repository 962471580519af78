/**
 * A report sent again. With an Idempotency-Key (or the form's per-visit token) a repeat is a retry
 * of one request and always gets its first answer. Without a key, the report itself is the key, and
 * an identical report is the same one sent twice only while that is plausible: within the
 * association's `intake.duplicateWindow` of the first, and never onto a closed case. No seed policy
 * records a repeat incident on an existing case: every report gets a response (001 §1) and a new
 * incident means the risk is assessed again (002 §6), so outside the window, or after closure, the
 * same words are a new report and open a new case.
 */
import type { CaseStatus } from '../case.js';

/** The earlier report a keyless one matched: when it was first received, and its case's status (unknown while it is being written). */
export interface EarlierReport {
  receivedAt: string;
  status?: CaseStatus;
}

/** Whether a keyless report received `now`, identical to `earlier`, is that report sent again (true) or a new one (false). */
export function isRepeatReport(earlier: EarlierReport, now: Date, window: { hours: number }): boolean {
  if (earlier.status === 'closed') return false;
  const age = now.getTime() - Date.parse(earlier.receivedAt);
  // An unreadable time counts as outside the window: a new case is never the unsafe answer.
  return Number.isFinite(age) && age <= window.hours * 3_600_000;
}
