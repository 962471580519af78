/**
 * GET and POST /report (public, no sign-in): the report form as server-rendered GOV.UK pages, from
 * the REST API (WAF) or an HTTP API alike. A failure answers a plain page saying the report was not
 * sent, and logs the request id and error class only, never the body.
 */
import { depsFromEnvironment, resolver, type DepsSource } from '../adapters/deps.js';
import { asHttpApiEvent, type AnyApiEvent } from '../adapters/http/rest-event.js';
import { formResponse, formSite, page, type FormSite, type PageResult } from './flow.js';
import { messagePage } from './pages.js';

const SUPPORT = 'Reference for our support team';

/** Builds the public report form handler over `deps` (or a builder of them); `deps.form` says where it is served. */
export function createHandler(source: DepsSource): (event: AnyApiEvent) => Promise<PageResult> {
  const deps = resolver(source);
  let site: FormSite | undefined;
  return async (received) => {
    const d = await deps();
    site ??= formSite(d.config, d.form);
    const event = asHttpApiEvent(received);
    const requestId = event.requestContext.requestId;
    try {
      return await formResponse(site, event, d);
    } catch (error) {
      d.logger.error('public form failed', { requestId, errorName: error instanceof Error ? error.name : 'unknown' });
      const body = `Your report has not been sent. Try again later. If you are in danger, call 999. ${SUPPORT}: ${requestId}`;
      return page(site, 500, messagePage(site.ctx, 'Sorry, there is a problem with the service', body));
    }
  };
}

/** The Lambda entry point: deps (and where the form's assets are) built once per container from the environment. */
export const handler = createHandler(() => depsFromEnvironment('haven-report-form'));
