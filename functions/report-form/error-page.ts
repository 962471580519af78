/**
 * The form's answer to an error httpApi has mapped (error-response.ts): the status it mapped, the
 * site's headers, and a plain page. It never repeats the request; a 5xx gives only the correlation id.
 */
import type { ErrorAnswer } from '../adapters/http/error-response.js';
import type { ApiResult } from '../adapters/http/middleware.js';
import { type FormSite, page } from './flow.js';
import { messagePage } from './pages.js';

const SUPPORT = 'Reference for our support team';
const DANGER = 'If you are in danger, call 999.';

/** The title and text of the page for `statusCode`. */
function words(statusCode: number, correlationId: string): [string, string] {
  if (statusCode === 404) return ['Page not found', 'If you typed the web address, check it is correct.'];
  if (statusCode === 413) return ['Your report is too long', 'Shorten what you wrote and try again.'];
  if (statusCode < 500)
    return ['Your report has not been sent', `Go back, check your answers and try again. ${DANGER}`];
  const body = `Your report has not been sent. Try again later. ${DANGER} ${SUPPORT}: ${correlationId}`;
  return ['Sorry, there is a problem with the service', body];
}

/** The page for `answer` (its extra headers, such as retry-after, kept). */
export function errorPage(site: FormSite, answer: ErrorAnswer, correlationId: string): ApiResult {
  const [title, body] = words(answer.statusCode, correlationId);
  const shown = page(site, answer.statusCode, messagePage(site.ctx, title, body));
  return { ...shown, headers: { ...shown.headers, ...answer.headers } };
}
