// The DASH checklist, the pathway with its local contacts, and the safety plan with what may be
// shared from it.
import { dashRepeatWords } from './case-policy.mjs';
import { c, masked, pathwayTitle } from './case-state.mjs';
import { fold, radios, select, submit, textarea, textInput } from './forms.mjs';
import { RISK_LABELS } from './labels.mjs';
import { html, londonTime } from './view.mjs';

export function dashSection() {
  const dash = c.data?.dash;
  if (!dash) return '';
  return html`<h3 class="govuk-heading-m" id="dash-heading">DASH risk checklist</h3>
${c.lastDash ? dashResult(c.lastDash) : c.view.dash ? html`<div class="govuk-inset-text" id="dash-current">Last DASH: score ${c.view.dash.score}, ${RISK_LABELS[c.view.dash.risk] ?? c.view.dash.risk} risk. ${c.view.dash.maracRequired ? 'MARAC referral required.' : 'No MARAC referral required.'}${c.view.flags?.dashDue ? ' A new DASH is due.' : ''}</div>` : ''}
${
  // A scored DASH that is not due again folds away (24 questions), one click from a fresh one.
  c.view.dash && !c.view.flags?.dashDue
    ? fold({ id: 'dash-again', summary: 'Do the DASH again' }, dashForm(dash))
    : dashForm(dash)
}`;
}

/** The DASH checklist's form. @param {any} dash the checklist from the console data */
function dashForm(dash) {
  return html`<form class="haven-command" data-command="dash" novalidate id="dash-form">
<p class="govuk-body">${dash.title}. Ask every question. ${dash.highRiskThreshold} or more yes answers, or yes to a question marked <span class="haven-indicator">high risk on its own</span>, means high risk and a MARAC referral.</p>
${dash.questions.map((/** @type {any} */ q, /** @type {number} */ i) =>
  radios({
    id: `dash-${q.id}`,
    name: q.id,
    legend: `${i + 1}. ${q.text}${q.indicator ? ' (high risk on its own)' : ''}`,
    legendClass: 'govuk-fieldset__legend--s',
    inline: true,
    small: true,
    groupClass: 'haven-dash-question',
    options: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
      { value: 'not-known', text: 'Not known' },
    ],
  }),
)}
<p class="govuk-body govuk-!-font-weight-bold" id="dash-tally" aria-live="polite">0 yes answers so far, 0 of ${dash.questions.length} answered.</p>
${radios({
  id: 'dash-judgement',
  name: 'judgementLevel',
  legend: 'Professional judgement (optional)',
  hint: 'Your own view of the risk. It can raise the risk, never lower a high score.',
  small: true,
  options: [
    { value: '', text: 'No professional judgement' },
    { value: 'high', text: 'High' },
    { value: 'medium', text: 'Medium' },
    { value: 'standard', text: 'Standard' },
  ],
  value: '',
})}
${textarea({ id: 'dash-reasons', name: 'judgementReasons', label: 'Reasons for your judgement', hint: 'Needed when you give a professional judgement' })}
${submit('Score the DASH')}</form>`;
}

/** @param {any} d */
export function dashResult(d) {
  return html`<div class="govuk-panel ${d.maracRequired ? 'haven-panel--high' : ''} govuk-!-text-align-left" id="dash-result">
<h4 class="govuk-panel__title govuk-!-font-size-36">Score ${d.score}: ${RISK_LABELS[d.risk] ?? d.risk} risk</h4>
<div class="govuk-panel__body govuk-!-font-size-24"><p id="dash-marac">${d.maracRequired ? 'MARAC referral required' : 'No MARAC referral required'}</p>
<p>Why: ${(d.reasons ?? []).join('; ')}.</p>${d.judgementIgnored ? html`<p>${d.judgementIgnored}.</p>` : ''}${d.maracWouldRepeat ? html`<p>${dashRepeatWords(c.data)}</p>` : ''}</div></div>`;
}

export function pathwaySection() {
  if (!c.data?.pathways) return '';
  const chosen = c.view.facts?.pathway;
  const area = c.view.facts?.area;
  const plan = chosen ? c.data.pathways.find((/** @type {any} */ p) => p.id === chosen)?.byArea?.[area] : undefined;
  /** @param {any} s */
  const service = (s) =>
    html`<li><strong>${s.name}</strong>${s.phone ? html`, ${s.phone}` : ''}${s.hours ? html` (${s.hours})` : ''}${s.url ? html`, <a class="govuk-link" href="${s.url}" rel="noreferrer noopener" target="_blank">website (opens in new tab)</a>` : ''}</li>`;
  return html`<h3 class="govuk-heading-m" id="pathway-heading">Pathway</h3>
${
  chosen
    ? html`<div id="pathway-plan"><h4 class="govuk-heading-m">${pathwayTitle(chosen)}</h4>
${
  plan
    ? html`<ol class="govuk-list govuk-list--number">${plan.actions.map((/** @type {string} */ a) => html`<li>${a}</li>`)}</ol>
<h5 class="govuk-heading-s">Contacts in ${c.data.areas.find((/** @type {any} */ a) => a.id === area)?.name ?? area}</h5>
<ul class="govuk-list">${plan.local.map(service)}</ul>
<h5 class="govuk-heading-s">National contacts</h5><ul class="govuk-list">${plan.national.map(service)}</ul>`
    : html`<p class="govuk-body">Record the area to see the contacts for this pathway.</p>`
}</div>`
    : ''
}
<form class="haven-command" data-command="pathway" novalidate id="pathway-form">
${radios({ id: 'pathway-choice', name: 'pathway', legend: chosen ? 'Change the pathway the victim chose' : 'Which pathway did the victim choose?', legendClass: 'govuk-fieldset__legend--m', value: chosen, options: c.data.pathways.map((/** @type {any} */ p) => ({ value: p.id, text: p.title })) })}
${submit('Record pathway', { secondary: true })}</form>`;
}

export function safetyPlanSection() {
  const plan = c.view.safetyPlan;
  const contacts = plan?.keyContacts ?? [];
  return html`<h3 class="govuk-heading-m" id="plan-heading">Safety plan</h3>
<p class="govuk-body">Kept securely and shared only with the victim's explicit consent or on a legal request.</p>
${
  plan
    ? html`<h4 class="govuk-heading-s">Steps</h4><ol class="govuk-list govuk-list--number" id="plan-steps">${plan.steps.map((/** @type {any} */ s) => html`<li>${c.view.detailsShown ? s.text : masked}${s.done ? ' (done)' : ''}</li>`)}</ol>
<h4 class="govuk-heading-s">Key contacts and what may be shared with each</h4>
<table class="govuk-table haven-stack" id="plan-contacts"><caption class="govuk-table__caption govuk-visually-hidden">Key contacts</caption><thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Contact</th><th scope="col" class="govuk-table__header">Relationship</th><th scope="col" class="govuk-table__header">May be told</th></tr></thead>
<tbody class="govuk-table__body">${contacts.map(
        (
          /** @type {any} */ kc,
          /** @type {number} */ i,
        ) => html`<tr class="govuk-table__row"><td class="govuk-table__cell" data-label="Contact">${c.view.detailsShown ? html`${kc.name}` : html`Key contact ${i + 1} ${masked}`}${c.view.detailsShown && (kc.phone || kc.email) ? html`<span class="govuk-body-s govuk-!-display-block">${[kc.phone, kc.email].filter(Boolean).join(', ')}</span>` : ''}${kc.perpetratorSide ? html`<strong class="govuk-tag govuk-tag--red govuk-!-display-block">Perpetrator's side: never share</strong>` : ''}</td>
<td class="govuk-table__cell" data-label="Relationship">${c.view.detailsShown ? (kc.relationship ?? '') : masked}</td><td class="govuk-table__cell" data-label="May be told">${kc.mayShare.length ? kc.mayShare.join(', ') : 'Nothing'}</td></tr>`,
      )}</tbody></table>
<p class="govuk-body-s">Updated ${londonTime(plan.updatedAt)}.</p>`
    : html`<p class="govuk-body" id="plan-none">No safety plan recorded yet.</p>`
}
${
  !plan
    ? planForm(plan, contacts)
    : c.view.detailsShown
      ? fold({ id: 'plan-update', summary: 'Update the safety plan' }, planForm(plan, contacts))
      : html`<p class="govuk-body">Show names and contact details to change the safety plan.</p>`
}
${contacts.length ? shareForm(contacts) : ''}`;
}

/** Recording or updating the safety plan. @param {any} plan @param {any[]} contacts */
function planForm(plan, contacts) {
  return html`<form class="haven-command" data-command="safety-plan" novalidate id="plan-form"><h4 class="govuk-heading-m">${plan ? 'Update the safety plan' : 'Record the safety plan'}</h4>
${textarea({ id: 'plan-steps-text', name: 'steps', label: 'Steps', hint: 'One step on each line', rows: 5, value: plan ? plan.steps.map((/** @type {any} */ s) => s.text).join('\n') : '' })}
${[0, 1, 2].map((i) => {
  const kc = contacts[i] ?? {};
  return html`<fieldset class="govuk-fieldset govuk-!-margin-bottom-4"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Key contact ${i + 1}${i > 0 || !contacts.length ? ' (optional)' : ''}</legend>
${textInput({ id: `plan-c${i}-name`, name: `c${i}-name`, label: 'Name', value: kc.name ?? '' })}
${textInput({ id: `plan-c${i}-relationship`, name: `c${i}-relationship`, label: 'Relationship or agency', value: kc.relationship ?? '' })}
${textInput({ id: `plan-c${i}-phone`, name: `c${i}-phone`, label: 'Phone', value: kc.phone ?? '', type: 'tel', width: '20' })}
${textInput({ id: `plan-c${i}-share`, name: `c${i}-share`, label: 'What may be shared with them', hint: 'Separate items with commas, for example: safe word, new address', value: (kc.mayShare ?? []).join(', ') })}
</fieldset>`;
})}
${submit(plan ? 'Update safety plan' : 'Record safety plan', { secondary: true })}</form>`;
}

/** Share part of the safety plan with a key contact: only what the victim agreed, never the perpetrator's side. @param {any[]} contacts */
export function shareForm(contacts) {
  c.shareItems = [...new Set(contacts.flatMap((kc) => kc.mayShare ?? []))];
  const options = contacts.map((kc, i) => ({
    value: String(i),
    text: c.view.detailsShown ? `${kc.name}${kc.relationship ? ` (${kc.relationship})` : ''}` : `Key contact ${i + 1}`,
  }));
  return html`<form class="haven-command" data-command="share" novalidate id="share-form"><h4 class="govuk-heading-m" id="share-heading">Share the safety plan</h4>
<p class="govuk-body">Only with the victim's explicit consent, and only what they agreed each contact may be told.</p>
${select({ id: 'share-contact', name: 'contact', label: 'Who with', options })}
${
  c.shareItems.length
    ? html`<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="share-items-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What to share</legend>
<div class="govuk-hint" id="share-items-hint">Haven refuses anything this contact may not be told</div>
<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">${c.shareItems.map((item, i) => html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="share-item-${i}" name="share-${i}" type="checkbox" value="true"><label class="govuk-label govuk-checkboxes__label" for="share-item-${i}">${item}</label></div>`)}</div></fieldset></div>`
    : html`<p class="govuk-body">No key contact may be told anything yet.</p>`
}
${submit('Record sharing', { secondary: true })}</form>`;
}
