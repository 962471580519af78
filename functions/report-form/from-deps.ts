import type { Deps } from '../adapters/deps.js';
import { submitReport } from '../intake/submit.js';
import type { ReportFormDeps } from './handler.js';

/** Where the form is served, which differs between AWS and one machine. */
export type FormPlacement = Pick<ReportFormDeps, 'basePath' | 'assetPath' | 'exitUrl'>;

/**
 * The form's deps over the HTTP handlers' deps: submits through intake's submitReport, with the
 * per-form token keyed-hashed (never stored clear) as the idempotency key, so a double submit or a
 * retried POST gives the same reference.
 */
export function reportFormDeps(deps: Deps, placement: FormPlacement = {}): ReportFormDeps {
  return {
    association: deps.config,
    submit: (report, token, now) => submitReport(deps, report, deps.hmac(`report-form|${token}`), now),
    now: deps.now,
    ...placement,
    log: ({ level, message, requestId, error }) =>
      level === 'error' ? deps.logger.error(message, { requestId, errorName: error }) : deps.logger.info(message, { requestId }),
  };
}
