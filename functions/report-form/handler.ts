/**
 * /report and every path under it, any method (public, no sign-in): the report form as server-rendered
 * GOV.UK pages, from the REST API (WAF) or an HTTP API alike, behind the one HTTP wrapper (form posts
 * in, pages out).
 * A failure answers a plain page saying the report was not sent, with only the correlation id.
 */

import { caseRepository } from '../adapters/case-parts.js';
import { type Deps, type DepsSource, depsFromEnvironment, resolver } from '../adapters/deps.js';
import { type HttpHandler, httpApi } from '../adapters/http/middleware.js';
import { fieldCrypto, runtime } from '../adapters/lambda-parts.js';
import type { FormFields } from '../core/report-form-fields.js';
import { errorPage, unavailablePage } from './error-page.js';
import { type FormSite, formResponse, formSite } from './flow.js';

/** A form post is larger than its text: one character can take nine bytes once URL-encoded. */
const MAX_FORM_BYTES = 256 * 1024;

/** Builds the public report form handler over `deps` (or a builder of them); `deps.form` says where it is served. */
export function createHandler(source: DepsSource): HttpHandler {
  let site: FormSite | undefined;
  const siteOf = (d: Deps) => (site ??= formSite(d.config, d.form));
  return httpApi(
    resolver(source),
    (event, context, d) => formResponse(siteOf(d), event, (context.body ?? {}) as FormFields, d),
    {
      body: 'form',
      maxBodyBytes: MAX_FORM_BYTES,
      errorPage: (answer, correlationId, d) =>
        d ? errorPage(siteOf(d), answer, correlationId) : unavailablePage(correlationId),
    },
  );
}

/** The Lambda entry point: deps (and where the form's assets are) built once per container from the environment. */
export const handler = createHandler(() =>
  depsFromEnvironment('haven-report-form', { cases: caseRepository, fieldCrypto, runtime }),
);
