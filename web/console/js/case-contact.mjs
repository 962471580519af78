// Contact with the victim (004 §7.3): who asked for what at the top of the case, the safe-contact plan
// in force with what to keep in mind before any contact, and the form that records a contact or an
// attempt. A contact outside the plan is refused until the officer says why (the reason goes on the
// timeline): Haven answers 422 with the plan's reason, and the form then asks "Why are you recording
// this anyway?".
import { contactEffect } from './case-policy.mjs';
import { c, isHidden, masked, notGiven, row, yesNo } from './case-state.mjs';
import { planSourceWords, WAY_LABELS, wayCautions, waysWords, whoAsked } from './contact-words.mjs';
import { checkbox, dateTime, radios, submit, textarea } from './forms.mjs';
import { html } from './view.mjs';

/** @param {string} t */
const capital = (t) => t.charAt(0).toUpperCase() + t.slice(1);
/** A plan detail shown only with the personal details ("Hidden" until then). @param {string} key @param {unknown} v */
const planDetail = (key, v) => (v ? html`${String(v)}` : isHidden(`contactPlan.${key}`) ? masked : '');

/** "What they asked of us": who asked for what, how to contact them, and their needs; always shown. */
export function asksSection() {
  const view = c.view;
  const r = view.report ?? {};
  const needs = r.needs ?? {};
  const plan = view.contactPlan;
  const lines = whoAsked({ reporterKind: r.reporterKind, reporterContact: view.reporterContact, plan });
  const safeTimes = plan?.safeTimesText ?? r.safeContact?.safeTimes;
  const windows = (plan?.ways ?? []).filter((/** @type {any} */ w) => w.windows?.length);
  const how = plan?.noDirectContact
    ? `No direct contact${plan.ways?.length ? `: only ${waysWords(plan).toLowerCase()}` : ''}`
    : plan?.ways?.length
      ? waysWords(plan)
      : 'No safe way known yet: decide how to make contact safely';
  return html`<section class="haven-asks${plan?.noDirectContact ? ' haven-asks--none' : ''}" aria-labelledby="asks-heading" id="asks">
<h3 class="govuk-heading-m" id="asks-heading">What they asked of us</h3>
<ul class="govuk-list haven-who-asked" id="who-asked">${lines.map((l) => html`<li id="${l.id}" class="govuk-!-font-weight-bold">${l.text}</li>`)}</ul>
<p class="govuk-body-s" id="safe-contact-source">${planSourceWords(plan, view.safeContactSource)}${plan ? ` (plan version ${plan.version})` : ''}.</p>
<dl class="govuk-summary-list">
${row('How to contact them', how)}
${row(
  'Safe times',
  isHidden('safeTimes') || isHidden('contactPlan.safeTimesText')
    ? html`<strong id="safe-times-hidden">Given: show names and contact details to read them before you contact them</strong>`
    : safeTimes
      ? html`${safeTimes}`
      : windows.length
        ? windows.map((/** @type {any} */ w) => `${WAY_LABELS[w.way] ?? w.way}: ${w.windowsText}`).join('; ')
        : 'Not said',
)}
${row('Language', needs.language ? html`${needs.language}` : 'English (not said otherwise)')}
${row('Interpreter needed', yesNo(needs.interpreter))}
${row('Same-gender officer', needs.sameGenderOfficer ? html`<strong>Yes: send an officer of the same gender</strong>` : 'Not asked')}
${isHidden('accessibility') ? row('Access needs', html`<strong>Given: show names and contact details to read them</strong>`) : needs.accessibility ? row('Access needs', html`${needs.accessibility}`) : ''}
</dl>
${view.status !== 'signposted' ? html`<p class="govuk-body"><a class="govuk-link" href="#contact-heading">The safe-contact plan in full${view.status === 'open' ? ', and recording a contact' : ''}</a></p>` : ''}
</section>`;
}

/** The plan in force: each way with its safe times, what is safe on it, and the cautions before contact. */
function planInForce() {
  const plan = c.view.contactPlan;
  if (!plan)
    return html`<div class="govuk-warning-text" id="contact-plan"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> There is no safe-contact plan: no safe way to contact them is known. Record one below once it is agreed.</strong></div>`;
  const ways = plan.ways ?? [];
  return html`<div id="contact-plan">
<h4 class="govuk-heading-m" id="contact-plan-heading">The plan in force (version ${plan.version})</h4>
<p class="govuk-body" id="contact-plan-source">${planSourceWords(plan, c.view.safeContactSource)}.</p>
${
  plan.noDirectContact
    ? html`<div class="govuk-warning-text" id="contact-plan-no-direct"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> No direct contact: do not phone, text, email, write to or visit them.${ways.length ? ` Only ${waysWords(plan).toLowerCase()}.` : ''}</strong></div>`
    : ''
}
${
  ways.length
    ? html`<table class="govuk-table haven-stack" id="contact-plan-ways"><caption class="govuk-table__caption govuk-visually-hidden">Ways the plan allows</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header govuk-!-width-one-quarter">Way</th><th scope="col" class="govuk-table__header">Safe times (UK time)</th><th scope="col" class="govuk-table__header">What is safe</th><th scope="col" class="govuk-table__header">Before you contact them</th></tr></thead>
<tbody class="govuk-table__body">${ways.map((/** @type {any} */ w) => {
        const cautions = [
          ...wayCautions(w),
          ...(plan.codeWord || isHidden('contactPlan.codeWord') ? ['Use the agreed code word.'] : []),
        ];
        const detail = planDetail(
          w.phone ? 'phone' : w.email ? 'email' : w.address ? 'address' : 'agency',
          w.phone ?? w.email ?? w.address ?? w.agency,
        );
        return html`<tr class="govuk-table__row" data-way="${w.way}"><th scope="row" class="govuk-table__header">${WAY_LABELS[w.way] ?? w.way}${
          ['phone', 'text', 'email', 'letter', 'agency'].includes(w.way)
            ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">${detail || notGiven}</span>`
            : ''
        }</th>
<td class="govuk-table__cell" data-label="Safe times (UK time)">${w.windows?.length ? capital(String(w.windowsText ?? '')) : 'Any time (no safe times given)'}</td>
<td class="govuk-table__cell" data-label="What is safe"><ul class="govuk-list govuk-!-margin-bottom-0">${w.way === 'phone' ? html`<li>Voicemail: ${w.voicemailSafe ? 'safe' : html`<strong>not safe</strong>`}</li>` : ''}<li>Saying who we are: ${w.mayIdentifyUs ? 'safe' : html`<strong>not safe</strong>`}</li><li>${w.mayBeWatched ? html`<strong>Shared or may be watched</strong>` : 'Not shared or watched'}</li></ul></td>
<td class="govuk-table__cell" data-label="Before you contact them">${cautions.length ? html`<ul class="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">${cautions.map((x) => html`<li>${x}</li>`)}</ul>` : 'Nothing more'}</td></tr>`;
      })}</tbody></table>`
    : plan.noDirectContact
      ? ''
      : html`<p class="govuk-body" id="contact-plan-none">The plan has no safe way yet: decide how to make contact safely (through the reporter, an agency or MARAC) and record the plan below.</p>`
}
${plan.codeWord || isHidden('contactPlan.codeWord') ? html`<p class="govuk-body">Code word: <span id="contact-plan-code-word">${planDetail('codeWord', plan.codeWord)}</span></p>` : ''}
${plan.notes || isHidden('contactPlan.notes') ? html`<p class="govuk-body">What was agreed: <span id="contact-plan-notes">${planDetail('notes', plan.notes)}</span></p>` : ''}
</div>`;
}

/**
 * Contact with the victim: the plan in force, then recording a contact or an attempt (open cases). A
 * closed case keeps its plan: Haven asks for feedback only within it. @param {boolean} open
 */
export function contactSection(open) {
  const plan = c.view.contactPlan;
  const inPlan = new Set((plan?.ways ?? []).map((/** @type {any} */ w) => w.way));
  /** @type {string[]} */
  const ways = c.data?.contactWays ?? Object.keys(WAY_LABELS);
  return html`<h3 class="govuk-heading-m" id="contact-heading">Contact with the victim</h3>
${planInForce()}
${
  open
    ? contactForm(inPlan, ways)
    : html`<p class="govuk-body" id="contact-closed">The case is closed, so contacts are not recorded here. The plan still decides whether, and when, Haven may ask them for feedback.</p>`
}`;
}

/** Recording a contact or an attempt. @param {Set<string>} inPlan the plan's ways @param {string[]} ways every way */
function contactForm(inPlan, ways) {
  return html`<form class="haven-command" data-command="contacts" novalidate id="contact-form"><h4 class="govuk-heading-m" id="contact-record-heading">Record a contact or an attempt</h4>
<p class="govuk-body" id="contact-effect">${contactEffect(c.data)} Haven checks the way and the time against the plan in force.</p>
${dateTime({ id: 'contact-at', name: 'at', label: 'When', hint: 'Leave blank for now' })}
${radios({
  id: 'contact-way',
  name: 'way',
  legend: 'How',
  small: true,
  options: ways.map((/** @type {string} */ w) => ({
    value: w,
    text: WAY_LABELS[w] ?? w,
    hint: inPlan.has(w) ? 'In the plan' : 'Not in the plan: you will be asked why',
  })),
})}
${radios({
  id: 'contact-reached',
  name: 'reached',
  legend: 'Did you reach them?',
  small: true,
  inline: true,
  value: 'yes',
  options: [
    { value: 'yes', text: 'Yes' },
    { value: 'no', text: 'No, it was an attempt' },
  ],
})}
${checkbox({ id: 'contact-safe', name: 'safeContactAgreed', label: 'We agreed with them how to contact them safely from now on', hint: 'Only when you reached them. Record what was agreed under "Record a newly agreed plan".' })}
${textarea({ id: 'contact-note', name: 'note', label: 'Note (optional)' })}
<div id="contact-outside"></div>
${submit('Record contact')}</form>`;
}

/**
 * The warning Haven's refusal asks for: the plan's reason and a required "why anyway" field, shown in
 * the contact form until it is recorded. @param {string} reason the plan's reason in words
 */
export function outsidePlanField(reason) {
  return html`<div class="govuk-warning-text" id="contact-outside-warning"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> This is outside the safe-contact plan. ${reason}</strong></div>
<div class="govuk-form-group govuk-form-group--error"><label class="govuk-label govuk-label--s" for="contact-outside-reason">Why are you recording this anyway?</label>
<div class="govuk-hint" id="contact-outside-reason-hint">For example: she rang us, or an emergency. Your reason goes on the timeline.</div>
<p class="govuk-error-message" id="contact-outside-reason-error"><span class="govuk-visually-hidden">Error:</span> Say why you are recording a contact outside the plan</p>
<textarea class="govuk-textarea govuk-textarea--error" id="contact-outside-reason" name="outsidePlanReason" rows="2" aria-describedby="contact-outside-reason-hint contact-outside-reason-error"></textarea></div>`;
}
