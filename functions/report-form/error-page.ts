/**
 * The form's answer to an error httpApi has mapped (error-response.ts): the status it mapped, the
 * site's headers, and a plain page. It never repeats the request; a 5xx gives only the correlation id.
 */
import type { ErrorAnswer } from '../adapters/http/error-response.js';
import type { ApiResult } from '../adapters/http/middleware.js';
import { type FormSite, page } from './flow.js';
import { pageHeaders } from './headers.js';
import { messagePage } from './pages.js';

const SUPPORT = 'Reference for our support team';
const DANGER = 'If you are in danger, call 999.';

/** The title and text of the page for `statusCode` (a 400 naming the path is a web address that names no page). */
function words(statusCode: number, correlationId: string, pathRefused: boolean): [string, string] {
  if (statusCode === 404 || pathRefused)
    return ['Page not found', 'If you typed the web address, check it is correct.'];
  if (statusCode === 413) return ['Your report is too long', 'Shorten what you wrote and try again.'];
  if (statusCode < 500)
    return ['Your report has not been sent', `Go back, check your answers and try again. ${DANGER}`];
  const body = `Your report has not been sent. Try again later. ${DANGER} ${SUPPORT}: ${correlationId}`;
  return ['Sorry, there is a problem with the service', body];
}

/**
 * The page when the form could not start (its config, keys or assets unknown): no stylesheet or
 * script to load, the same no-store, no-referrer, no-framing headers, and the 999 advice first.
 */
export function unavailablePage(correlationId: string): ApiResult {
  const title = 'Sorry, there is a problem with the service';
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"></head>
<body><main><h1>${title}</h1><p><strong>${DANGER}</strong></p>
<p>Your report has not been sent. Try again later. ${SUPPORT}: ${correlationId}</p></main></body></html>`;
  return { statusCode: 500, headers: pageHeaders(''), body: html };
}

/** The page for `answer` (its extra headers, such as retry-after, kept). */
export function errorPage(site: FormSite, answer: ErrorAnswer, correlationId: string): ApiResult {
  const fields = Array.isArray(answer.body.fields) ? (answer.body.fields as { field?: unknown }[]) : [];
  const [title, body] = words(
    answer.statusCode,
    correlationId,
    fields.some((f) => f.field === 'path'),
  );
  const shown = page(site, answer.statusCode, messagePage(site.ctx, title, body));
  return { ...shown, headers: { ...shown.headers, ...answer.headers } };
}
