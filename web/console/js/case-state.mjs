// What the case page's modules share: the case as last read, the association's console data, who is
// signed in, and the small pieces of markup every section uses.
import { html, humanise } from './view.mjs';

/**
 * The page's state, set by case.mjs before each draw.
 * @type {{ view: any, data: any, me: { sub: string, email?: string, seesAllCases?: boolean }, shareItems: string[], lastDash: any }}
 */
export const c = { view: undefined, data: undefined, me: { sub: '' }, shareItems: [], lastDash: undefined };

export const masked = html`<span class="haven-masked">Hidden</span>`;
export const notGiven = html`<span class="haven-masked">Not given</span>`;
/** Whether the case holds a detail the API left out (view.hidden). @param {string} key */
export const isHidden = (key) => !c.view.detailsShown && (c.view.hidden ?? []).includes(key);
/** A personal detail: "Hidden" until shown, then the value. @param {string} key @param {unknown} v */
export const pii = (key, v) =>
  isHidden(key) ? masked : v === undefined || v === null || v === '' ? notGiven : html`${String(v)}`;
/** A reason someone typed: shown with the details. @param {{ reason?: string, reasonGiven?: boolean }} x */
export const typedReason = (x) =>
  x.reason
    ? html`<span class="govuk-body-s govuk-!-display-block">Reason: ${x.reason}</span>`
    : x.reasonGiven
      ? html`<span class="govuk-body-s govuk-!-display-block">Reason: hidden</span>`
      : '';
/** @param {boolean | undefined} b */
export const yesNo = (b) => (b ? 'Yes' : 'No');

/** @param {string} key @param {unknown} value */
export const row = (key, value) =>
  html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">${value}</dd></div>`;
/** A pathway's title from the association data. @param {string} id */
export function pathwayTitle(id) {
  return c.data?.pathways?.find((/** @type {{ id: string }} */ p) => p.id === id)?.title ?? humanise(id);
}
