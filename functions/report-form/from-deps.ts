import type { Deps } from '../adapters/deps.js';
import { submitReport } from '../intake/submit.js';
import type { ReportFormDeps } from './handler.js';

/** Where the form is served, which differs between AWS and one machine. */
export type FormPlacement = Pick<ReportFormDeps, 'basePath' | 'assetPath' | 'exitUrl'>;

/**
 * The form's deps over the HTTP handlers' deps: submits through intake's submitReport, keyed on the
 * per-form token and the parsed report, keyed-hashed (never stored clear), so a double submit or a
 * retried POST gives the same reference while an edited resubmission is a report of its own.
 */
export function reportFormDeps(deps: Deps, placement: FormPlacement = {}): ReportFormDeps {
  return {
    association: deps.config,
    // The token and the parsed report, as intake keys JSON: Back, edit and resubmit is a new report.
    submit: (report, token, now) => submitReport(deps, report, deps.hmac(`report-form|${token}|${JSON.stringify(report)}`), now),
    now: deps.now,
    ...placement,
    log: ({ level, message, requestId, error }) =>
      level === 'error' ? deps.logger.error(message, { requestId, errorName: error }) : deps.logger.info(message, { requestId }),
  };
}
