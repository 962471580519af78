// The safe-contact plan's versions and the form that records a newly agreed plan (004 §7.3): who
// agreed it and when, no direct contact, and each way with its number or address, one safe window
// (London days and times) and what is safe on it. The victim's latest word wins over anyone else's.
import { c, isHidden } from './case-state.mjs';
import { agreedWithWords, contactPlanBody, DAYS, WAY_LABELS } from './contact-words.mjs';
import { checkbox, dateTime, instantOf, radios, submit, textarea, textInput } from './forms.mjs';
import { formValues } from './shell.mjs';
import { html, londonTime } from './view.mjs';

const DAY_NAMES = /** @type {Record<string, string>} */ ({
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
});
/** The field each way needs, its label and its input type. @type {Record<string, { field: string, label: string, type?: string, area?: boolean }>} */
const WAY_FIELDS = {
  phone: { field: 'phone', label: 'Phone number', type: 'tel' },
  text: { field: 'phone', label: 'Mobile number for texts', type: 'tel' },
  email: { field: 'email', label: 'Email address', type: 'email' },
  letter: { field: 'address', label: 'Address for letters', area: true },
  agency: { field: 'agency', label: 'Which agency, and who there' },
};

const ways = () => c.data?.contactWays ?? Object.keys(WAY_LABELS);

/** Who recorded a version: the report, you, or staff by a short id. @param {{ source?: string, recordedBy?: string }} v */
const recordedWords = (v) =>
  v.source === 'report'
    ? 'From the report'
    : v.recordedBy === c.me.sub
      ? 'You'
      : `Staff ${String(v.recordedBy ?? '').slice(0, 8)}`;

/** Every version of the plan, the one in force marked. */
export function planVersions() {
  const versions = [...(c.view.contactPlanVersions ?? [])].sort((a, b) => b.version - a.version);
  if (!versions.length) return '';
  const inForce = c.view.contactPlan?.version;
  return html`<h4 class="govuk-heading-m" id="contact-plan-versions-heading">Versions of the plan</h4>
<p class="govuk-body">The latest plan agreed with the victim is in force, even when someone else agreed a later one.</p>
<table class="govuk-table haven-stack" id="contact-plan-versions"><caption class="govuk-table__caption govuk-visually-hidden">Versions of the safe-contact plan</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Version</th><th scope="col" class="govuk-table__header">Agreed with</th><th scope="col" class="govuk-table__header">Agreed</th><th scope="col" class="govuk-table__header">Recorded by</th></tr></thead>
<tbody class="govuk-table__body">${versions.map(
    (
      /** @type {any} */ v,
    ) => html`<tr class="govuk-table__row" data-version="${v.version}"><th scope="row" class="govuk-table__header">${v.version}${v.version === inForce ? html` <strong class="govuk-tag govuk-tag--green">In force</strong>` : ''}</th>
<td class="govuk-table__cell" data-label="Agreed with">${agreedWithWords(v.agreedWith)}</td><td class="govuk-table__cell" data-label="Agreed">${londonTime(v.agreedAt)}</td><td class="govuk-table__cell" data-label="Recorded by">${recordedWords(v)}</td></tr>`,
  )}</tbody></table>`;
}

/** One way's fields, revealed when its box is ticked (GOV.UK conditional reveal). @param {string} w @param {any} current */
function wayFields(w, current) {
  const need = WAY_FIELDS[w];
  const win = current?.windows?.[0];
  const value = need ? (current?.[need.field] ?? '') : '';
  const id = (/** @type {string} */ k) => `cp-${w}-${k}`;
  return html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="cp-way-${w}" name="way-${w}" type="checkbox" value="true" aria-controls="cp-${w}-fields"${current ? html` checked` : ''}>
<label class="govuk-label govuk-checkboxes__label" for="cp-way-${w}">${WAY_LABELS[w] ?? w}</label></div>
<div class="govuk-checkboxes__conditional${current ? '' : ' govuk-checkboxes__conditional--hidden'}" id="cp-${w}-fields">
${
  need
    ? need.area
      ? textarea({ id: id(need.field), name: `${w}-${need.field}`, label: need.label, value, rows: 3 })
      : textInput({
          id: id(need.field),
          name: `${w}-${need.field}`,
          label: need.label,
          value,
          type: need.type,
          width: '20',
        })
    : ''
}
<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="${id('days')}-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Safe days</legend>
<div class="govuk-hint" id="${id('days')}-hint">Leave the days and times empty if any time is safe</div>
<div class="govuk-checkboxes govuk-checkboxes--small haven-days">${DAYS.map((d) => html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="${id(`day-${d}`)}" name="${w}-day-${d}" type="checkbox" value="true"${win?.days?.includes(d) ? html` checked` : ''}><label class="govuk-label govuk-checkboxes__label" for="${id(`day-${d}`)}">${DAY_NAMES[d]}</label></div>`)}</div></fieldset></div>
${textInput({ id: id('from'), name: `${w}-from`, label: 'Safe from (UK time)', hint: '24-hour clock, for example 09:00', value: win?.from ?? '', width: '5' })}
${textInput({ id: id('to'), name: `${w}-to`, label: 'Safe until (UK time)', hint: 'For example 11:30. A time before the start runs past midnight', value: win?.to ?? '', width: '5' })}
${w === 'phone' ? checkbox({ id: id('voicemail'), name: `${w}-voicemail`, label: 'It is safe to leave a voicemail', checked: current?.voicemailSafe }) : ''}
${checkbox({ id: id('identify'), name: `${w}-identify`, label: 'We may say who we are to whoever answers', checked: current?.mayIdentifyUs })}
${checkbox({ id: id('watched'), name: `${w}-watched`, label: 'It is shared, or someone else may be watching it', checked: current?.mayBeWatched })}
</div>`;
}

/** The form for a newly agreed plan, starting from the plan in force. */
export function planForm() {
  const plan = c.view.contactPlan;
  const current = (/** @type {string} */ w) => (plan?.ways ?? []).find((/** @type {any} */ x) => x.way === w);
  return html`<form class="haven-command" data-command="contact-plan" novalidate id="contact-plan-form"><h4 class="govuk-heading-m" id="contact-plan-form-heading">Record a newly agreed plan</h4>
<p class="govuk-body">A new version of the plan: every contact from now on is checked against it.${
    !c.view.detailsShown && (c.view.hidden ?? []).some((/** @type {string} */ h) => h.startsWith('contactPlan.'))
      ? ' Show names and contact details first to start from the numbers and addresses in the plan in force.'
      : ''
  }</p>
${radios({
  id: 'cp-agreed-with',
  name: 'agreedWith',
  legend: 'Who agreed this plan with us?',
  small: true,
  options: [
    { value: 'victim', text: 'The victim', hint: 'Their word wins over anyone else’s' },
    { value: 'reporter', text: 'The person who reported' },
    { value: 'agency', text: 'An agency working with them' },
  ],
})}
${dateTime({ id: 'cp-agreed-at', name: 'agreedAt', label: 'When it was agreed', hint: 'Leave blank for now' })}
${checkbox({ id: 'cp-no-direct', name: 'noDirectContact', label: 'No direct contact', hint: 'Only through an agency or the person who reported', checked: plan?.noDirectContact })}
<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="cp-ways-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Ways we may use</legend>
<div class="govuk-hint" id="cp-ways-hint">Tick each way agreed, then say when it is safe and what is safe on it</div>
<div class="govuk-checkboxes" data-module="govuk-checkboxes">${ways().map((/** @type {string} */ w) => wayFields(w, current(w)))}</div></fieldset></div>
${textInput({ id: 'cp-code-word', name: 'codeWord', label: 'Code word (optional)', value: plan?.codeWord ?? '', width: '10' })}
${isHidden('contactPlan.codeWord') ? html`<p class="govuk-body-s">The plan in force has a code word: show names and contact details to keep it, or it is left out.</p>` : ''}
${textarea({ id: 'cp-notes', name: 'notes', label: 'What was agreed, in your words (optional)', value: plan?.notes ?? '' })}
${submit('Record the agreed plan', { secondary: true })}</form>`;
}

/** Shows a way's fields while its box is ticked. */
export function wirePlanForm() {
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (
    document.querySelectorAll('#contact-plan-form input[aria-controls]')
  )) {
    const panel = document.getElementById(box.getAttribute('aria-controls') ?? '');
    box.addEventListener('change', () =>
      panel?.classList.toggle('govuk-checkboxes__conditional--hidden', !box.checked),
    );
  }
}

/** The request body from the plan form. @param {HTMLFormElement} form */
export function planCommand(form) {
  const v = formValues(form);
  return contactPlanBody(v, ways(), instantOf(v.agreedAt));
}
