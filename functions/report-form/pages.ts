import { type FormError, type FormFields, fieldValue } from '../core/report-form-fields.js';
import { ANSWER_FIELDS, ANSWERED_BEFORE, answeredBefore, type Step, stepFields } from '../core/report-form-steps.js';
import { errorSummary, esc } from './html.js';
import { layout, type PageContext } from './layout.js';

/** The 999 / Silent Solution advice, shown before anything else when someone is in danger now. */
export function dangerAdvice(headingLevel: 'h1' | 'h2'): string {
  return `<div class="govuk-notification-banner haven-danger" role="region" aria-labelledby="danger-title" data-danger-advice>
<div class="govuk-notification-banner__header"><${headingLevel} class="govuk-notification-banner__title" id="danger-title">If you are in danger now, call 999</${headingLevel}></div>
<div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading"><a class="govuk-notification-banner__link" href="tel:999">Call 999</a> and ask for the police.</p>
<p class="govuk-body">If you cannot speak, call 999 from a mobile, then <strong>press 55</strong> when you are asked. This is the Silent Solution: it tells the operator you need help and puts you through to the police.</p>
<p class="govuk-body">From a landline, stay on the line if you cannot speak. The operator will listen and can connect you to the police.</p>
<p class="govuk-body">If you are deaf or cannot speak on the phone, call 18000 through Relay UK, or use <a class="govuk-notification-banner__link" href="https://999bsl.co.uk">999 BSL</a> if you use British Sign Language.</p>
<p class="govuk-body">When you are safe, you can carry on and tell us what happened.</p>
</div></div>`;
}

/** The hidden fields that carry every answer given so far, except the ones this page asks again. */
function carried(fields: FormFields, shown: readonly string[]): string {
  const skip = new Set<string>(shown);
  return Object.entries(fields)
    .filter(([name]) => ANSWER_FIELDS.has(name) && !skip.has(name))
    .flatMap(([name, value]) => (typeof value === 'string' ? [value] : [...(value ?? [])]).map((v) => [name, v]))
    .map(([name, v]) => `<input type="hidden" name="${esc(name as string)}" value="${esc(v as string)}">`)
    .join('\n');
}

/** A button that posts the page's answers to another step: a Change link on "Check your answers". */
export function goButton(step: Step, text: string, hidden: string): string {
  return `<button type="submit" name="goto" value="${step}" class="govuk-link haven-link-button">${esc(text)}<span class="govuk-visually-hidden"> ${esc(hidden)}</span></button>`;
}

/**
 * GOV.UK's back link as a form of its own, so the answers go back too (a link would lose them) and
 * Enter in a text box still sends the step's own form, not this one.
 */
function backForm(ctx: PageContext, fields: FormFields, token: string, to: Step): string {
  const returnTo = fieldValue(fields, 'returnTo') === 'check' && to !== 'check';
  return `<form method="post" action="${esc(ctx.basePath)}/report" novalidate autocomplete="off">
<input type="hidden" name="formToken" value="${esc(token)}">
${returnTo ? '<input type="hidden" name="returnTo" value="check">' : ''}
${carried(fields, [])}
<button type="submit" name="goto" value="${to}" class="govuk-back-link haven-link-button">Back</button>
</form>`;
}

/**
 * One step of the form: the danger advice first when someone is in danger, the error summary, the
 * step's questions, every earlier answer in hidden fields, and Back (a button, so the answers go too).
 */
export function stepPage(
  ctx: PageContext,
  page: {
    step: Step;
    fields: FormFields;
    token: string;
    questions: string;
    errors?: readonly FormError[];
    back?: Step | undefined;
    button?: string;
  },
): string {
  const errors = page.errors ?? [];
  const inDanger = fieldValue(page.fields, 'immediateDanger') === 'yes' && page.step !== 'danger';
  const returnTo = fieldValue(page.fields, 'returnTo') === 'check' && page.step !== 'check';
  // The answer this page was shown with, so a changed one clears what depended on it (withChangedAnswer).
  const before = answeredBefore(page.step, page.fields);
  const main = `${inDanger ? dangerAdvice('h2') : ''}
${errorSummary(errors)}
<form method="post" action="${esc(ctx.basePath)}/report" novalidate autocomplete="off">
<input type="hidden" name="step" value="${page.step}">
<input type="hidden" name="formToken" value="${esc(page.token)}">
${returnTo ? '<input type="hidden" name="returnTo" value="check">' : ''}
${before === undefined ? '' : `<input type="hidden" name="${ANSWERED_BEFORE}" value="${esc(before)}">`}
${carried(page.fields, stepFields(page.step, page.fields))}
${page.questions}
<button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">${esc(page.button ?? 'Continue')}</button>
</form>`;
  const back = page.back ? backForm(ctx, page.fields, page.token, page.back) : undefined;
  return layout(ctx, { title: page.step, hasErrors: errors.length > 0, main, ...(back ? { back } : {}) });
}

/** A plain page for errors and unknown addresses; it never repeats the request. */
export function messagePage(ctx: PageContext, title: string, body: string): string {
  return layout(ctx, {
    title,
    main: `<h1 class="govuk-heading-l">${esc(title)}</h1><p class="govuk-body">${esc(body)}</p><p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report">Go to the report form</a></p>`,
  });
}
