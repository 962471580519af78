// The case's linked cases (other cases of the same victim or home, 002 §6), as the API shows them to
// the signed-in member of staff (core/rules/linked-cases.ts): a case they may open with its summary and
// a link, one they may not as only that it exists and who manages it. Each sight is on that case's timeline.
import { c } from './case-state.mjs';
import { RISK_LABELS, STATUS_LABELS } from './labels.mjs';
import { html, humanise, londonTime } from './view.mjs';

/** What a linked case shares with this one, in words. @type {Record<string, string>} */
const MATCHED_WORDS = {
  property: 'the same home',
  address: 'the same address',
  person: 'the same person',
  phone: 'the same phone number',
};

/** One linked case the reader may open: reference (a link), status, risk, abuse, next due. @param {any} l */
function fullCase(l) {
  const matched = [...new Set((l.matchedOn ?? []).map((/** @type {string} */ m) => MATCHED_WORDS[m] ?? humanise(m)))];
  return html`<li class="haven-linked-case" data-linked="summary"><a class="govuk-link govuk-!-font-weight-bold" href="case.html?id=${encodeURIComponent(l.caseId)}">${l.reference}</a>
<span class="govuk-body-s govuk-!-display-block">${STATUS_LABELS[l.status] ?? humanise(l.status)}, ${RISK_LABELS[l.risk] ?? humanise(l.risk)} risk${(l.abuseTypes ?? []).length ? `, ${l.abuseTypes.map(humanise).join(', ')}` : ''}${l.nextDueAt ? `; next due ${londonTime(l.nextDueAt)}` : ''}</span>
${matched.length ? html`<span class="govuk-body-s govuk-!-display-block">Linked by ${matched.join(' and ')}</span>` : ''}</li>`;
}

/** One linked case the reader may not open: that it exists, and whom to ask. @param {any} l */
function restrictedCase(l) {
  const m = l.managedBy ?? {};
  const mail = (/** @type {string} */ to) => html`<a class="govuk-link" href="mailto:${to}">${to}</a>`;
  return html`<li class="haven-linked-case" data-linked="restricted"><strong>A linked case exists that you cannot open.</strong>
<span class="govuk-body-s govuk-!-display-block">It is managed by ${m.title ?? 'the casework team'}${m.mailbox ? html` (${mail(m.mailbox)})` : ''}${m.officerEmail ? html`; its officer is ${mail(m.officerEmail)}` : ''}. Ask them if you need to know more.</span></li>`;
}

/** The linked cases section of the summary part. */
export function linkedSection() {
  /** @type {any[]} */
  const linked = c.view.linkedCases ?? [];
  return html`<h3 class="govuk-heading-m" id="linked-heading">Linked cases</h3>
${
  linked.length
    ? html`<ul class="govuk-list govuk-list--spaced" id="linked-cases" aria-labelledby="linked-heading">${linked.map((l) => (l.restricted ? restrictedCase(l) : fullCase(l)))}</ul>
<p class="govuk-body-s">Other cases of the same person or home. Your sight of each is recorded on its timeline.</p>`
    : html`<p class="govuk-body" id="linked-cases">No other case of this person or home.</p>`
}`;
}
