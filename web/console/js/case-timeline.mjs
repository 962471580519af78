// The case timeline, newest first, with the safe detail of each entry.

import { c, pathwayTitle } from './case-state.mjs';
import { agreedWithWords, WAY_LABELS } from './contact-words.mjs';
import { BASIS_LABELS, closureOutcomeWords, DUTY_LABELS, EVENT_LABELS, RISK_LABELS } from './labels.mjs';
import { actorWords, html, humanise, londonTime } from './view.mjs';

export function timelineSection() {
  const events = [...(c.view.timeline ?? [])].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at) || String(b.recordedAt).localeCompare(String(a.recordedAt)),
  );
  return html`<h2 class="govuk-heading-l" id="timeline-heading">Timeline</h2>
<p class="govuk-body">Everything done on the case, newest first, including who opened it.</p>
<table class="govuk-table haven-timeline haven-stack" id="timeline"><caption class="govuk-table__caption govuk-visually-hidden">Case timeline</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">When</th><th scope="col" class="govuk-table__header">What</th><th scope="col" class="govuk-table__header">Who</th></tr></thead>
<tbody class="govuk-table__body">${events.map(
    (
      /** @type {any} */ e,
    ) => html`<tr class="govuk-table__row" data-event="${e.type}"><td class="govuk-table__cell" data-label="When">${londonTime(e.at)}</td>
<td class="govuk-table__cell" data-label="What">${EVENT_LABELS[e.type] ?? humanise(e.type)}${e.duty ? html`: ${DUTY_LABELS[e.duty] ?? humanise(e.duty)}` : ''}${eventDetail(e)}</td>
<td class="govuk-table__cell" data-label="Who">${actorWords(e.actor, c.me.sub)}</td></tr>`,
  )}</tbody></table>`;
}

/** Safe, non-personal detail for some entries; typed notes only when revealed. @param {any} e */
export function eventDetail(e) {
  const d = e.details ?? {};
  const bits = [];
  if (e.type === 'dash-scored' && typeof d.score === 'number')
    bits.push(`score ${d.score}, ${RISK_LABELS[d.risk] ?? d.risk} risk${d.maracRequired ? ', MARAC required' : ''}`);
  if (e.type === 'pathway-chosen' && d.pathway) bits.push(pathwayTitle(d.pathway));
  if (e.type === 'consent-overridden' && d.basis) bits.push(BASIS_LABELS[d.basis] ?? humanise(d.basis));
  if ((e.type === 'contact-made' || e.type === 'contact-attempted') && (d.way || d.method))
    bits.push(d.way ? (WAY_LABELS[d.way] ?? humanise(d.way)) : humanise(d.method));
  if (d.outsidePlan?.refusedBecause) bits.push(`outside the plan: ${d.outsidePlan.refusedBecause}`);
  if (d.outsidePlanReason) bits.push(`why anyway: ${d.outsidePlanReason}`);
  else if (e.withheld?.includes('outsidePlanReason')) bits.push('why anyway: hidden with the personal details');
  if (Array.isArray(d.cautions) && d.cautions.length) bits.push(`cautions: ${d.cautions.join(' ')}`);
  if (e.type === 'contact-plan-agreed' && d.version)
    bits.push(
      `version ${d.version}, agreed with ${String(agreedWithWords(d.agreedWith)).toLowerCase()}${d.noDirectContact ? ', no direct contact' : ''}${Array.isArray(d.ways) && d.ways.length ? `: ${d.ways.map((/** @type {string} */ w) => WAY_LABELS[w] ?? w).join(', ')}` : ''}`,
    );
  if (e.type === 'officer-assigned' && d.email) bits.push(String(d.email));
  if (e.type === 'escalation-sent' && typeof d.tier === 'number') bits.push(`escalation ${d.tier + 1}`);
  if (e.type === 'escalation-acknowledged' && typeof d.tier === 'number')
    bits.push(
      `escalation ${d.tier + 1}${d.by ? ` by ${d.by}` : ''}${d.holdsNextTierUntil ? `; the next escalation waits until ${londonTime(d.holdsNextTierUntil)}` : ''}`,
    );
  if (e.type === 'linked-case-viewed')
    bits.push(
      `${d.restricted ? 'only that it exists was shown' : 'its summary was shown'}${d.fromCaseHidden ? ', from a case you cannot open' : ''}`,
    );
  if (e.type === 'case-closed' && d.outcome) bits.push(closureOutcomeWords(d.outcome));
  if (e.type === 'feedback-deferred' && d.until) bits.push(`until ${londonTime(d.until)}`);
  if (e.type === 'facts-updated' && d.dashDueAgain)
    bits.push(`new ${d.violent ? 'violent ' : ''}incident, DASH due again`);
  if (d.note || d.reason) bits.push(String(d.note ?? d.reason));
  else if (e.withheld?.some((/** @type {string} */ k) => k !== 'outsidePlanReason'))
    bits.push('what was written is hidden');
  return bits.length ? html`<span class="govuk-body-s govuk-!-display-block">${bits.join('; ')}</span>` : '';
}
