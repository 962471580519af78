// Smaller forms of the case page: a new incident, facts about the household, assigning an officer,
// the holding period and closing the case.
import { holdingWords } from './case-policy.mjs';
import { c } from './case-state.mjs';
import { checkbox, dateTime, radios, select, submit, textarea } from './forms.mjs';
import { CLOSURE_OUTCOME_LABELS } from './labels.mjs';
import { api } from './shell.mjs';
import { blockerWords, html } from './view.mjs';

export function incidentSection() {
  return html`<h3 class="govuk-heading-m" id="incident-heading">Record a new incident</h3>
<form class="haven-command" data-command="incidents" novalidate id="incident-form">
<p class="govuk-body">A new incident means the DASH is done again${c.view.status === 'closed' ? ', and reopens this case' : ''}.</p>
${dateTime({ id: 'incident-at', name: 'at', label: 'When it happened', hint: 'Leave blank for now' })}
${checkbox({ id: 'incident-violent', name: 'violent', label: 'It was violent', hint: 'Emergency security works are due again where the case needs them' })}
${textarea({ id: 'incident-note', name: 'note', label: 'Note (optional)' })}
${submit('Record incident', { secondary: true })}</form>`;
}

/** The facts officers learn after the report, each changing what the case requires (004 §7.6). */
export const FACTS = [
  ['children', 'Children live in the home'],
  ['vulnerableAdult', 'A vulnerable adult is involved'],
  ['receivesRegisteredCare', 'They receive care from a registered provider'],
  ['perpetratorHasCareNeeds', 'The perpetrator has care and support needs'],
  ['suspectedModernSlavery', 'Modern slavery is suspected'],
  ['riskToStaff', 'There is a risk to staff visiting the home'],
  ['jointTenancyWithPerpetrator', 'They hold a joint tenancy with the perpetrator'],
  ['violentIncident', 'There was a violent incident'],
  ['victimStayingInHome', 'The victim is staying in the home'],
  ['mappaCriteriaMet', 'The perpetrator meets the MAPPA criteria'],
];

export function factsSection() {
  return html`<h3 class="govuk-heading-m" id="facts-heading">Facts about the household</h3>
<form class="haven-command" data-command="facts" novalidate id="facts-form">
<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="facts-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What we now know</legend>
<div class="govuk-hint" id="facts-hint">What the case requires changes with these: for example children mean a children's social care referral.</div>
<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">${FACTS.map(([key, label]) => html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="fact-${key}" name="${key}" type="checkbox" value="true"${c.view.facts?.[key] ? html` checked` : ''}><label class="govuk-label govuk-checkboxes__label" for="fact-${key}">${label}</label></div>`)}</div></fieldset></div>
${submit('Update facts', { secondary: true })}</form>`;
}

/**
 * The officers assignment picks from (GET /api/staff), read once a page for managers and the
 * safeguarding lead; undefined when the directory could not be read.
 * @type {{ sub: string, email: string, areas: string[] }[] | undefined}
 */
let officers;

/** Reads the staff directory's officers for the assign form. @param {import('./shell.mjs').Session} session */
export async function loadOfficers(session) {
  const res = await api(session, '/api/staff');
  officers = res.ok ? res.body.items.filter((/** @type {{ role: string }} */ m) => m.role === 'officer') : undefined;
}

/** An officer as the select names them: email and the areas they work in. @param {{ email: string, areas: string[] }} o */
function officerText(o) {
  const names = o.areas.map((id) => c.data?.areas?.find((/** @type {{ id: string }} */ a) => a.id === id)?.name ?? id);
  return names.length ? `${o.email} (${names.join(', ')})` : o.email;
}

export function assignSection() {
  const me = c.me;
  const current = c.view.assignedOfficer;
  const picker = !officers
    ? html`<p class="govuk-body" id="assign-unavailable">The staff directory could not be read, so no officer can be assigned just now. Reload the page to try again.</p>`
    : !officers.length
      ? html`<p class="govuk-body" id="assign-unavailable">The staff directory lists no officers to assign.</p>`
      : html`<form class="haven-command" data-command="assign" novalidate id="assign-form">
${select({ id: 'assign-officer', name: 'officer', label: 'Officer', hint: 'Officers from the staff directory, with the areas they work in', options: [{ value: '', text: 'Choose an officer' }, ...officers.map((o) => ({ value: o.sub, text: officerText(o) }))], value: current && officers.some((o) => o.sub === current) ? current : '' })}
${submit('Assign officer', { secondary: true })}</form>`;
  const mine = officers?.some((o) => o.sub === me?.sub);
  return html`<h2 class="govuk-heading-l" id="assign-heading">Assign an officer</h2>
<p class="govuk-body">Now: ${current ? (c.view.assignedOfficerEmail ?? current) : 'not assigned'}.</p>
${picker}
${mine ? html`<form class="haven-command" data-command="assign" novalidate id="assign-me-form"><input type="hidden" name="officer" value="${me.sub}">${submit('Assign to me', { secondary: true })}</form>` : ''}`;
}

export function holdingSection() {
  const words = holdingWords(c.data);
  if (!words) return '';
  const paused = (c.view.holdingPauses ?? []).some((/** @type {any} */ p) => !p.to);
  return html`<h3 class="govuk-heading-m" id="holding-heading">${words.heading}</h3>
<p class="govuk-body" id="holding-state">${paused ? words.paused : words.running} It may be paused only while statutory or legal action is ongoing.</p>
<form class="haven-command" data-command="holding-pause" novalidate id="holding-form">
<input type="hidden" name="action" value="${paused ? 'resume' : 'pause'}">
${textarea({ id: 'holding-reason', name: 'reason', label: paused ? 'Why the clock can run again' : 'Why the clock is paused', hint: paused ? 'For example: the court case has ended' : 'For example: injunction hearing listed, police investigation ongoing' })}
${submit(paused ? words.restart : words.pause, { secondary: true })}</form>`;
}

export function closeSection() {
  const blockers = c.view.closureBlockers ?? [];
  return html`<h3 class="govuk-heading-m" id="close-heading">Close the case</h3>
${blockers.length ? html`<div id="closure-missing"><p class="govuk-body">Still missing before this case can close:</p><ul class="govuk-list govuk-list--bullet">${blockers.map((/** @type {string} */ b) => html`<li>${blockerWords(b)}</li>`)}</ul></div>` : html`<p class="govuk-body" id="closure-missing">Nothing is missing: the case can close once closure is discussed with the victim.</p>`}
<form class="haven-command" data-command="close" novalidate id="close-form">
${radios({
  id: 'close-outcome',
  name: 'outcome',
  legend: 'Why is the case closing?',
  legendClass: 'govuk-fieldset__legend--s',
  options: Object.entries(CLOSURE_OUTCOME_LABELS).map(([value, text]) => ({ value, text })),
})}
${checkbox({ id: 'close-discussed', name: 'discussedWithVictim', label: 'I have discussed closing the case with the victim' })}
${textarea({ id: 'close-reason', name: 'reason', label: 'Reason for closing (optional)' })}
${submit('Close the case', { warning: true, id: 'close-button' })}</form>`;
}
