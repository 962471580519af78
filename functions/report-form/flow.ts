/**
 * The form's pages as one path, as the deployed API routes it (GET and POST /report): the page is a
 * query (GET) or a hidden step (POST). Start (in danger now?), details, then a 303 to the confirmation.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Deps, FormPlacement } from '../adapters/deps.js';
import { HttpError } from '../adapters/http/errors.js';
import type { ApiResult } from '../adapters/http/middleware.js';
import { type MeanwhileContacts, meanwhileContacts } from '../core/advice.js';
import type { AssociationConfig } from '../core/association.js';
import { describeClock } from '../core/clock-schema.js';
import { type FormFields, fieldValue, formToken, parseDangerAnswer, parseReportForm } from '../core/report-form.js';
import { donePage } from './done-page.js';
import { pageHeaders } from './headers.js';
import type { PageContext } from './layout.js';
import { coverTracksPage, detailsPage, startPage } from './pages.js';
import { submitFormReport } from './submit.js';

export type PageResult = ApiResult;

/** The form as one association serves it: where its pages point, their headers, its areas and helplines. */
export interface FormSite {
  ctx: PageContext;
  headers: Record<string, string>;
  areas: { id: string; name: string }[];
  meanwhile: MeanwhileContacts;
}

const REFERENCE = /^[A-Z0-9][A-Z0-9-]{3,30}$/;

/** The site for `association` at `placement` (defaults: no prefix, assets at `/assets`, Exit this page to BBC Weather). */
export function formSite(
  association: Pick<AssociationConfig, 'name' | 'areas' | 'nationalServices' | 'contact'>,
  placement: FormPlacement = {},
): FormSite {
  const ctx: PageContext = {
    associationName: association.name,
    basePath: placement.basePath ?? '',
    assetPath: placement.assetPath ?? '/assets',
    exitUrl: placement.exitUrl ?? 'https://www.bbc.co.uk/weather',
  };
  return {
    ctx,
    headers: pageHeaders(ctx.assetPath),
    areas: association.areas.map((a) => ({ id: a.id, name: a.name })),
    meanwhile: meanwhileContacts(association),
  };
}

/** A page with the site's headers. */
export function page(site: FormSite, statusCode: number, body: string): PageResult {
  return { statusCode, headers: site.headers, body };
}

/**
 * Answers one request (a form post httpApi has read into `fields`): a page, or a 303 to the
 * confirmation once the report is stored; anything else is an error for httpApi to map (error-page.ts).
 */
export async function formResponse(
  site: FormSite,
  event: APIGatewayProxyEventV2,
  fields: FormFields,
  d: Deps,
): Promise<PageResult> {
  const { ctx, areas } = site;
  const method = event.requestContext.http.method.toUpperCase();
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  if (path !== '/report' && path !== '/') return notFound();
  if (method === 'GET') {
    const query = event.queryStringParameters ?? {};
    if (query.page === 'cover-your-tracks') return page(site, 200, coverTracksPage(ctx));
    const reference = query.ref && REFERENCE.test(query.ref) ? query.ref : undefined;
    if (query.page === 'sent') return page(site, 200, donePage(ctx, confirmation(site, reference, d.config)));
    return page(site, 200, startPage(ctx));
  }
  if (method !== 'POST') return notFound();
  if (fieldValue(fields, 'step') !== 'details') {
    const danger = parseDangerAnswer(fields);
    if (!danger.ok) return page(site, 400, startPage(ctx, { errors: danger.errors }));
    return page(site, 200, detailsPage(ctx, { inDanger: danger.inDanger, token: newToken(), areas }));
  }
  const token = formToken(fields) ?? newToken();
  const parsed = parseReportForm(fields, { associationId: d.config.id, areaIds: areas.map((a) => a.id) });
  if (!parsed.ok) {
    const inDanger = fieldValue(fields, 'immediateDanger') === 'yes';
    return page(site, 400, detailsPage(ctx, { inDanger, token, fields, errors: parsed.errors, areas }));
  }
  const { reference } = await submitFormReport(d, parsed.report, token, d.now());
  d.logger.info('report submitted from the public form', { requestId: event.requestContext.requestId });
  const location = `${ctx.basePath}/report?page=sent&ref=${encodeURIComponent(reference)}`;
  return { statusCode: 303, headers: { ...site.headers, location }, body: '' };
}

/**
 * What the confirmation says: the reference, and how soon a resident's report is answered — the
 * association's initial-contact clock in words, never a time read from the case: the page is reached
 * by a URL (its history entry) that anyone holding the phone could open again.
 */
function confirmation(site: FormSite, reference: string | undefined, config: Deps['config']) {
  const clock = config.clocks.initialContact;
  return {
    meanwhile: site.meanwhile,
    ...(reference ? { reference } : {}),
    ...(clock ? { contactWithin: describeClock(clock) } : {}),
  };
}

const newToken = () => randomBytes(24).toString('base64url');

/** Any other path or method: the wrapper's 404, rendered by error-page.ts. */
const notFound = (): never => {
  throw new HttpError(404, 'not found');
};
