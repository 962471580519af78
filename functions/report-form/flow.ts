/**
 * The form's pages as one path, as the deployed API routes it (every method on /report and under it):
 * "Before you start" and "Cover your tracks" by GET; every step, and the confirmation, as the answer to
 * a POST; anything else the form's own 404 page.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Deps, FormPlacement } from '../adapters/deps.js';
import { HttpError } from '../adapters/http/errors.js';
import type { ApiResult } from '../adapters/http/middleware.js';
import { type MeanwhileContacts, meanwhileContacts } from '../core/advice.js';
import type { AssociationConfig } from '../core/association.js';
import { type Clock, describeClock, type Nation } from '../core/clock-schema.js';
import { BankHolidayRangeError, deadline } from '../core/clocks.js';
import type { Report } from '../core/report.js';
import { parseReportForm } from '../core/report-form.js';
import { type FormError, type FormFields, fieldValue, formToken } from '../core/report-form-fields.js';
import {
  ANSWERED_BEFORE,
  errorsByStep,
  nextStep,
  previousStep,
  type Step,
  stepErrors,
  stepOf,
  withChangedAnswer,
} from '../core/report-form-steps.js';
import { londonWhenInWords } from '../core/when-words.js';
import { checkPage } from './check-page.js';
import { type Confirmation, donePage } from './done-page.js';
import { pageHeaders } from './headers.js';
import type { PageContext } from './layout.js';
import { stepPage } from './pages.js';
import { beforeYouStartPage, coverTracksPage } from './safety-pages.js';
import { stepQuestions } from './steps.js';
import { submitFormReport } from './submit.js';

export type PageResult = ApiResult;

/** The form as one association serves it: where its pages point, their headers, its areas and helplines. */
export interface FormSite {
  ctx: PageContext;
  headers: Record<string, string>;
  areas: { id: string; name: string }[];
  meanwhile: MeanwhileContacts;
}

/** The site for `association` at `placement` (defaults: no prefix, assets at `/assets`, Exit this page to BBC Weather). */
export function formSite(
  association: Pick<AssociationConfig, 'name' | 'areas' | 'nationalServices' | 'contact' | 'publicForm'>,
  placement: FormPlacement = {},
): FormSite {
  const ctx: PageContext = {
    associationName: association.name,
    basePath: placement.basePath ?? '',
    assetPath: placement.assetPath ?? '/assets',
    exitUrl: placement.exitUrl ?? 'https://www.bbc.co.uk/weather',
    ...(association.publicForm?.pageTitle ? { pageTitle: association.publicForm.pageTitle } : {}),
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
 * Answers one request (a form post httpApi has read into `fields`) with a page: GET shows "Before you
 * start" or "Cover your tracks"; each POST is one step, answered with the next step's page (or the
 * same page with its errors), and the final post with the confirmation itself. No step, reference or
 * answer is ever in a URL, and nothing is kept between posts but the hidden fields the page carries.
 */
export async function formResponse(
  site: FormSite,
  event: APIGatewayProxyEventV2,
  fields: FormFields,
  d: Deps,
): Promise<PageResult> {
  const method = event.requestContext.http.method.toUpperCase();
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  if (path !== '/report' && path !== '/') return notFound();
  if (method === 'GET') {
    const query = event.queryStringParameters ?? {};
    if (query.page === 'cover-your-tracks') return page(site, 200, coverTracksPage(site.ctx));
    return page(site, 200, beforeYouStartPage(site.ctx));
  }
  if (method !== 'POST') return notFound();
  const posted = fieldValue(fields, 'step');
  const token = formToken(fields) ?? newToken();
  // "Before you start" posts 'start'; a post without a step is the first question's (as before steps).
  if (posted === 'start') return show(site, 'danger', {}, token, d);
  const step = stepOf(posted) ?? 'danger';
  const goto = stepOf(fieldValue(fields, 'goto'));
  const { [ANSWERED_BEFORE]: _shown, ...answers } = fields;
  if (goto) {
    // Back, or Change from "Check your answers" (which comes back to the check afterwards).
    const steered = step === 'check' ? { ...answers, returnTo: 'check' } : answers;
    return show(site, goto, steered, token, d);
  }
  const errors = stepErrors(step, fields, checks(site, d));
  // Shown again with its errors, the page keeps the answer it was first shown with.
  if (errors.length) return show(site, step, fields, token, d, errors);
  if (step !== 'check') {
    const answered = withChangedAnswer(step, fields);
    return show(site, nextStep(step, answered, checks(site, d)), answered, token, d);
  }

  const parsed = parseReportForm(fields, checks(site, d));
  if (!parsed.ok) return show(site, 'check', fields, token, d);
  const { reference, reportedAt } = await submitFormReport(d, parsed.report, token, d.now());
  d.logger.info('report submitted from the public form', { requestId: event.requestContext.requestId });
  // A replayed post (same token and report) is the same case: its deadline counts from when it was reported.
  const at = new Date(reportedAt);
  return page(site, 200, donePage(site.ctx, confirmation(site, parsed.report, reference, at, d.config)));
}

const checks = (site: FormSite, d: Deps) => ({ associationId: d.config.id, areaIds: site.areas.map((a) => a.id) });

/**
 * The page of `step` for the answers so far (400 with its errors). "Check your answers" needs a whole
 * report: while a question still needs an answer, that question's step is shown instead.
 */
function show(
  site: FormSite,
  step: Step,
  fields: FormFields,
  token: string,
  d: Deps,
  errors: readonly FormError[] = [],
): PageResult {
  const status = errors.length ? 400 : 200;
  if (step === 'check') {
    const parsed = parseReportForm(fields, checks(site, d));
    if (!parsed.ok) {
      const first = errorsByStep(fields, checks(site, d))[0]?.step ?? 'danger';
      return show(
        site,
        first === 'check' ? 'danger' : first,
        fields,
        token,
        d,
        stepErrors(first, fields, checks(site, d)),
      );
    }
    const areaName = site.areas.find((a) => a.id === fieldValue(fields, 'area'))?.name;
    const back = previousStep('check', fields);
    return page(site, 200, checkPage(site.ctx, { fields, token, report: parsed.report, areaName, back }));
  }
  const questions = stepQuestions(step, {
    associationName: site.ctx.associationName,
    areas: site.areas,
    fields,
    errors,
  });
  const back = previousStep(step, fields);
  return page(site, status, stepPage(site.ctx, { step, fields, token, questions, errors, back }));
}

/**
 * What the confirmation says: the reference, whom we contact and how, and by when — the initial-contact
 * clock counted from the case's report time (a replay's too), as a London date and time in words. It may say a time
 * because it is the answer to the final post: no URL leads back to it.
 */
function confirmation(
  site: FormSite,
  report: Report,
  reference: string,
  at: Date,
  config: Deps['config'],
): Confirmation {
  const clock = config.clocks.initialContact;
  const sc = report.safeContact;
  const someoneElse = report.reporterKind !== 'victim';
  const reporter = report.reporter.contact?.method;
  return {
    reference,
    about: someoneElse ? 'someone-else' : 'victim',
    livesInAssociationHome: report.livesInAssociationHome,
    victimContact: sc.noContact ? 'none' : sc.method ? 'way' : 'unknown',
    ...(someoneElse ? { reporterContact: !reporter ? 'unsaid' : reporter === 'none' ? 'none' : 'yes' } : {}),
    meanwhile: site.meanwhile,
    ...(clock ? { contactWithin: describeClock(clock), ...contactBy(at, clock, config.nation) } : {}),
  };
}

/** The deadline in words; none when the bank-holiday data cannot count it (the clock's length is said instead). */
function contactBy(at: Date, clock: Clock, nation: Nation): { contactBy?: string } {
  try {
    return { contactBy: londonWhenInWords(deadline(at, clock, nation)) };
  } catch (e) {
    if (e instanceof BankHolidayRangeError) return {};
    throw e;
  }
}

const newToken = () => randomBytes(24).toString('base64url');

/** Any other path or method: the wrapper's 404, rendered by error-page.ts. */
const notFound = (): never => {
  throw new HttpError(404, 'not found');
};
