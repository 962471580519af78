// One case: what the person asked of us, every running clock, the required actions with consent and
// referrals, and the forms officers work the case with. The API sends the case without names or
// contact details; "Show names and contact details" asks for them (POST /reveal, recorded on the
// timeline) and they are shown only until the officer hides them or leaves the page.

import { checkbox, dateTime, instantOf, radios, select, submit, textarea, textInput } from './forms.mjs';
import {
  api,
  associationData,
  clearProblems,
  formValues,
  main,
  messagePage,
  refusal,
  render,
  showProblems,
  startPage,
} from './shell.mjs';
import {
  actionStatus,
  actorWords,
  BASIS_LABELS,
  blockerWords,
  CLOCK_LABELS,
  clockStatus,
  consentWords,
  DUTY_LABELS,
  dangerBanner,
  durationWords,
  EVENT_LABELS,
  html,
  humanise,
  londonTime,
  RISK_LABELS,
  riskTag,
  STATUS_LABELS,
  serverOffset,
} from './view.mjs';

const caseId = new URLSearchParams(location.search).get('id') ?? '';
const session = await startPage({ current: 'case' });
/** Personal details are shown only after the officer asks, and only until they leave the page. */
let revealed = false;
/** @type {any} */
let view;
/** The last redacted read, to hide details again without another read. @type {any} */
let redacted;
/** What may be shared from the safety plan, as the share form lists it. @type {string[]} */
let shareItems = [];
/** @type {any} */
let data;
/** @type {string | undefined} */
let flash;
/** @type {any} */
let lastDash;
/** Haven's clock minus this browser's, when they differ by more than two minutes. */
let offset = 0;

async function load() {
  if (!session) return;
  const path = `/api/cases/${encodeURIComponent(caseId)}`;
  const res = revealed ? await api(session, `${path}/reveal`, { method: 'POST', body: {} }) : await api(session, path);
  if (res.status === 403)
    return messagePage(
      'You cannot see cases',
      'Your role lets you see the figures only. Cases are for case officers, managers and the safeguarding lead.',
    );
  if (res.status === 404)
    return messagePage(
      'Case not found',
      html`<p class="govuk-body">There is no case at this address that you can see.</p><p class="govuk-body"><a class="govuk-link" href="index.html">Back to the caseload</a></p>`,
    );
  if (!res.ok) return messagePage('The case could not be loaded', refusal(res).join(' '));
  view = res.body;
  if (!view.detailsShown) redacted = view;
  offset = serverOffset(view.asAt, Date.now());
  draw();
}

const masked = html`<span class="haven-masked">Hidden</span>`;
const notGiven = html`<span class="haven-masked">Not given</span>`;
/** Whether the case holds a detail the API left out (view.hidden). @param {string} key */
const isHidden = (key) => !view.detailsShown && (view.hidden ?? []).includes(key);
/** A personal detail: "Hidden" until shown, then the value. @param {string} key @param {unknown} v */
const pii = (key, v) =>
  isHidden(key) ? masked : v === undefined || v === null || v === '' ? notGiven : html`${String(v)}`;
/** A reason someone typed: shown with the details. @param {{ reason?: string, reasonGiven?: boolean }} x */
const typedReason = (x) =>
  x.reason
    ? html`<span class="govuk-body-s govuk-!-display-block">Reason: ${x.reason}</span>`
    : x.reasonGiven
      ? html`<span class="govuk-body-s govuk-!-display-block">Reason: hidden</span>`
      : '';
/** @param {boolean | undefined} b */
const yesNo = (b) => (b ? 'Yes' : 'No');

/** @param {string} key @param {unknown} value */
const row = (key, value) =>
  html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">${value}</dd></div>`;

function draw() {
  if (!session) return;
  const now = Date.now() + offset;
  const r = view.report ?? {};
  const sc = r.safeContact ?? {};
  const needs = r.needs ?? {};
  const areaName =
    data?.areas?.find((/** @type {{ id: string }} */ a) => a.id === view.facts?.area)?.name ??
    view.facts?.area ??
    'Not recorded';
  const open = view.status === 'open';
  document.title = `Case ${view.reference} - Haven staff console`;
  const clocks = [...(view.clocks ?? [])].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));

  render(
    main(),
    html`${
      flash
        ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="flash-title" data-module="govuk-notification-banner" id="flash" tabindex="-1">
<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="flash-title">Success</h2></div>
<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${flash}</p></div></div>`
        : ''
    }
${dangerBanner(view.immediateDanger, session.staff.sub)}
<span class="govuk-caption-l">Case</span>
<h1 class="govuk-heading-l" id="page-heading">${view.reference}</h1>
<p class="govuk-body">${riskTag(view.facts?.risk ?? 'not-assessed')} <strong class="govuk-tag ${open ? 'govuk-tag--blue' : 'govuk-tag--grey'}" id="case-status">${STATUS_LABELS[view.status] ?? view.status}</strong></p>

<h2 class="govuk-heading-m" id="clocks-heading">Running clocks</h2>
${offset ? html`<div class="govuk-inset-text" id="clock-skew">This computer's clock is ${durationWords(Math.abs(offset))} ${offset > 0 ? 'behind' : 'ahead of'} Haven's. Due and overdue times here use Haven's clock.</div>` : ''}
${
  clocks.length
    ? html`<ul class="haven-clocks" id="clocks" aria-labelledby="clocks-heading">${clocks.map((c) => {
        const s = clockStatus(c.deadline, now, c.overdue);
        return html`<li class="haven-clock--${s.state}"><strong class="govuk-tag ${s.tagClass}">${s.text}</strong>
<span class="govuk-body govuk-!-font-weight-bold govuk-!-margin-left-2">${CLOCK_LABELS[c.clock] ?? humanise(c.clock)}</span>
<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">${DUTY_LABELS[c.duty] ?? humanise(c.duty)}: due ${londonTime(c.deadline)}</span></li>`;
      })}</ul>`
    : html`<p class="govuk-body" id="clocks">No clocks are running${open ? '' : ': the case is not open'}.</p>`
}
${view.flags?.repeatMarac ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> A MARAC referral was made in the last 12 months: a new one is a repeat referral.</strong></div>` : ''}
${view.flags?.dashDue && (view.dash || (view.incidents ?? []).length > 1) ? html`<div class="govuk-warning-text" id="dash-due"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> A new incident was recorded: the DASH is due again.</strong></div>` : ''}
${view.flags?.potentialEscalation ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Three or more incidents in 12 months: potential escalation.</strong></div>` : ''}

<section class="haven-asks${sc.noContact ? ' haven-asks--none' : ''}" aria-labelledby="asks-heading" id="asks">
<h2 class="govuk-heading-m" id="asks-heading">What they asked of us</h2>
${sc.noContact ? html`<p class="govuk-body-l govuk-!-font-weight-bold" id="no-contact">Do not contact them. They asked us not to.</p>` : ''}
<dl class="govuk-summary-list">
${row('How to contact them', sc.noContact ? 'Do not contact' : sc.method ? humanise(sc.method) : 'Not said: ask the reporter or check with the officer who took the report')}
${row('Safe times', isHidden('safeTimes') ? html`<strong id="safe-times-hidden">Given: show names and contact details to read them before you contact them</strong>` : sc.safeTimes ? html`${sc.safeTimes}` : 'Not said')}
${row('Voicemail safe', yesNo(sc.voicemailSafe))}
${row('Letters safe', yesNo(sc.letterSafe))}
${row('Language', needs.language ? html`${needs.language}` : 'English (not said otherwise)')}
${row('Interpreter needed', yesNo(needs.interpreter))}
${row('Same-gender officer', needs.sameGenderOfficer ? html`<strong>Yes: send an officer of the same gender</strong>` : 'Not asked')}
${isHidden('accessibility') ? row('Access needs', html`<strong>Given: show names and contact details to read them</strong>`) : needs.accessibility ? row('Access needs', html`${needs.accessibility}`) : ''}
</dl></section>

<h2 class="govuk-heading-m" id="details-heading">About the case</h2>
<p class="govuk-body"><button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="reveal" aria-pressed="${revealed ? 'true' : 'false'}">${revealed ? 'Hide names and contact details' : 'Show names and contact details'}</button></p>
<p class="govuk-body-s" id="reveal-hint">Names, addresses, phone numbers, safe times and what people wrote are hidden until you choose to show them. Opening this case and showing its details are each recorded on the timeline.</p>
<dl class="govuk-summary-list" id="case-details">
${row('Reported', londonTime(view.reportedAt))}
${row('Area', areaName)}
${row('Reported by', humanise(r.reporterKind ?? 'not recorded'))}
${row('Officer', view.assignedOfficer ? html`<span id="assigned-officer">${view.assignedOfficer === session.staff.sub ? 'You' : (view.assignedOfficerEmail ?? view.assignedOfficer)}</span>` : html`<span id="assigned-officer">Not assigned</span>`)}
${row('Name', pii('name', r.person?.name))}
${row('Address', pii('address', r.person?.address))}
${row('Date of birth', pii('dateOfBirth', r.person?.dateOfBirth))}
${row('Safe phone', pii('safePhone', sc.phone))}
${row('Safe email', pii('safeEmail', sc.email))}
${row('Code word', pii('codeWord', sc.codeWord))}
${isHidden('reporter') ? row('Reporter', masked) : r.reporter && (r.reporter.name || r.reporter.phone || r.reporter.email) ? row('Reporter', html`${[r.reporter.name, r.reporter.phone, r.reporter.email].filter(Boolean).join(', ')}`) : ''}
${row('What happened', isHidden('narrative') ? masked : html`<span class="haven-narrative">${r.narrative ?? ''}</span>`)}
${row('Abuse', (r.abuseTypes ?? []).map(humanise).join(', ') || 'Not recorded')}
${row('Pathway chosen', view.facts?.pathway ? pathwayTitle(view.facts.pathway) : 'Not chosen yet')}
${row('DASH', view.dash ? `Score ${view.dash.score}, ${RISK_LABELS[view.dash.risk] ?? view.dash.risk} risk${view.dash.maracRequired ? ', MARAC referral required' : ''} (${londonTime(view.dash.at)})` : 'Not done yet')}
${row('Contacts recorded', `${(view.contacts ?? []).length}${view.contacts?.length ? `, last ${londonTime(view.contacts.at(-1))}` : ''}`)}
</dl>

<nav class="govuk-!-margin-bottom-6" aria-labelledby="contents-heading"><h2 class="govuk-heading-s" id="contents-heading">On this page</h2>
<ul class="govuk-list">
<li><a class="govuk-link" href="#actions-heading">Required actions, consent and referrals</a></li>
${session.staff.seesAllCases && view.status !== 'closed' ? html`<li><a class="govuk-link" href="#assign-heading">Assign an officer</a></li>` : ''}
${view.status !== 'signposted' ? html`<li><a class="govuk-link" href="#incident-heading">Record a new incident</a></li>` : ''}
${open ? html`<li><a class="govuk-link" href="#facts-heading">Facts about the household</a></li>` : ''}
${
  open
    ? html`<li><a class="govuk-link" href="#contact-heading">Record a contact</a></li><li><a class="govuk-link" href="#dash-heading">DASH risk checklist</a></li>
${data?.pathways ? html`<li><a class="govuk-link" href="#pathway-heading">Pathway</a></li>` : ''}
<li><a class="govuk-link" href="#plan-heading">Safety plan</a></li><li><a class="govuk-link" href="#holding-heading">Holding period (21 days)</a></li><li><a class="govuk-link" href="#close-heading">Close the case</a></li>`
    : ''
}
<li><a class="govuk-link" href="#timeline-heading">Timeline</a></li></ul></nav>

${actionsSection(open)}
${session.staff.seesAllCases && view.status !== 'closed' ? assignSection() : ''}
${view.status !== 'signposted' ? incidentSection() : ''}
${open ? html`${factsSection()}${contactSection()}${dashSection()}${pathwaySection()}${safetyPlanSection()}${holdingSection()}${closeSection()}` : ''}
${timelineSection()}`,
  );
  wire();
  const flashEl = document.getElementById('flash');
  if (flashEl) flashEl.focus();
  flash = undefined;
}

/** @param {string} id */
function pathwayTitle(id) {
  return data?.pathways?.find((/** @type {{ id: string }} */ p) => p.id === id)?.title ?? humanise(id);
}

/** @param {boolean} open */
function actionsSection(open) {
  const actions = view.requiredActions ?? [];
  return html`<h2 class="govuk-heading-l" id="actions-heading">Required actions</h2>
<p class="govuk-body">What this case requires, from the facts recorded so far, with the victim's consent for each.</p>
<table class="govuk-table haven-actions-table haven-stack" id="actions"><caption class="govuk-table__caption govuk-visually-hidden">Required actions, their consent and status</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Action</th><th scope="col" class="govuk-table__header">Consent</th><th scope="col" class="govuk-table__header">Status</th></tr></thead>
<tbody class="govuk-table__body">${actions.map((/** @type {any} */ a) => {
    const consent = consentWords({
      rule: a.consent?.rule,
      mayProceed: a.consent?.mayProceed,
      basis: a.consent?.basis,
      missing: a.consent?.missing,
    });
    const status = actionStatus(a);
    const lastConsent = [...(view.consents ?? [])].reverse().find((/** @type {any} */ c) => c.duty === a.duty);
    return html`<tr class="govuk-table__row" data-duty="${a.duty}"><th scope="row" class="govuk-table__header">${DUTY_LABELS[a.duty] ?? humanise(a.duty)}
<span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">${a.why}</span></th>
<td class="govuk-table__cell" data-label="Consent"><strong class="govuk-tag ${consent.tagClass}">${consent.text}</strong>${
      lastConsent?.decision === 'overridden' ? typedReason(lastConsent) : ''
    }${!a.consent?.mayProceed && a.consent?.missing ? html`<span class="govuk-body-s govuk-!-display-block">Needs ${a.consent.missing}</span>` : ''}</td>
<td class="govuk-table__cell" data-label="Status"><strong class="govuk-tag ${status.tagClass}">${status.text}</strong>${
      a.record?.referral?.madeAt
        ? html`<span class="govuk-body-s govuk-!-display-block">Made ${londonTime(a.record.referral.madeAt)}</span>`
        : ''
    }${a.record?.referral?.acknowledgedAt ? html`<span class="govuk-body-s govuk-!-display-block">Acknowledged ${londonTime(a.record.referral.acknowledgedAt)}</span>` : ''}${
      a.status === 'no-further-action' && a.record ? typedReason(a.record) : ''
    }</td></tr>`;
  })}</tbody></table>
${open ? actionForms(actions) : ''}`;
}

/** @param {any[]} actions */
function actionForms(actions) {
  const needConsent = actions.filter((a) => a.consent?.rule && a.consent.rule !== 'not-needed');
  const toDo = actions.filter((a) => a.status === 'open' && !['regular-contact', 'case-resolved'].includes(a.duty));
  // Duties done by a referral to another agency: core's REFERRAL_DUTIES, through the association data.
  const referrable = actions.filter((a) => data.referralDuties.includes(a.duty) && a.status === 'open');
  const toAcknowledge = actions.filter((a) => a.record?.referral?.madeAt && !a.record.referral.acknowledgedAt);
  const opt = (/** @type {any} */ a) => ({ value: a.duty, text: DUTY_LABELS[a.duty] ?? humanise(a.duty) });
  const bases = [...new Set(needConsent.flatMap((a) => a.consent?.overrideBases ?? []))];
  return html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${
  needConsent.length
    ? html`<form class="haven-command" data-command="consent" novalidate id="consent-form"><h3 class="govuk-heading-m">Record consent</h3>
${select({ id: 'consent-duty', name: 'duty', label: 'Action', options: needConsent.map(opt) })}
${radios({
  id: 'consent-decision',
  name: 'decision',
  legend: 'What did the victim decide?',
  small: true,
  options: [
    { value: 'given', text: 'Consent given' },
    { value: 'refused', text: 'Consent refused' },
    ...(bases.length
      ? [
          {
            value: 'overridden',
            text: 'Going ahead without consent (override)',
            hint: 'Only on an overriding safeguarding concern, the MARAC threshold or a legal duty. Give the basis and the reason.',
          },
        ]
      : []),
  ],
})}
${bases.length ? select({ id: 'consent-basis', name: 'basis', label: 'Basis for the override', hint: 'Needed only for an override', options: [{ value: '', text: 'Choose a basis' }, ...bases.map((b) => ({ value: b, text: BASIS_LABELS[b] ?? humanise(b) }))] }) : ''}
${textarea({ id: 'consent-reason', name: 'reason', label: 'Reason', hint: 'Needed for an override: why it cannot wait for consent' })}
${submit('Record consent', { secondary: true })}</form>`
    : ''
}
${
  referrable.length
    ? html`<form class="haven-command" data-command="referral" novalidate id="referral-form"><h3 class="govuk-heading-m">Record a referral made</h3>
${select({ id: 'referral-duty', name: 'duty', label: 'Referral', options: referrable.map(opt) })}
${dateTime({ id: 'referral-at', name: 'at', label: 'When it was made', hint: 'Leave blank for now' })}
${textarea({ id: 'referral-note', name: 'note', label: 'Note (optional)' })}
${submit('Record referral made', { secondary: true })}</form>`
    : ''
}
${
  toAcknowledge.length
    ? html`<form class="haven-command" data-command="acknowledge" novalidate id="acknowledge-form"><h3 class="govuk-heading-m">Record a referral acknowledged</h3>
${select({ id: 'acknowledge-duty', name: 'duty', label: 'Referral', options: toAcknowledge.map(opt) })}
${dateTime({ id: 'acknowledge-at', name: 'at', label: 'When the agency acknowledged it', hint: 'Leave blank for now' })}
${submit('Record acknowledgement', { secondary: true })}</form>`
    : ''
}
${
  toDo.length
    ? html`<form class="haven-command" data-command="action" novalidate id="action-form"><h3 class="govuk-heading-m">Record an action done</h3>
${select({ id: 'action-duty', name: 'duty', label: 'Action', options: toDo.map(opt) })}
${radios({
  id: 'action-outcome',
  name: 'outcome',
  legend: 'Outcome',
  small: true,
  value: 'done',
  options: [
    { value: 'done', text: 'Done' },
    { value: 'no-further-action', text: 'No further action', hint: 'Give the reason' },
  ],
})}
${textarea({ id: 'action-reason', name: 'reason', label: 'Reason or note', hint: 'Needed for no further action, and for the 999 advice: say what was done' })}
${submit('Record action', { secondary: true })}</form>`
    : ''
}
</div></div>`;
}

function contactSection() {
  return html`<h2 class="govuk-heading-l" id="contact-heading">Record a contact</h2>
<form class="haven-command" data-command="contacts" novalidate id="contact-form">
<p class="govuk-body">A contact with the victim restarts the fortnightly contact clock.</p>
${dateTime({ id: 'contact-at', name: 'at', label: 'When', hint: 'Leave blank for now' })}
${select({ id: 'contact-method', name: 'method', label: 'How', options: [{ value: '', text: 'Choose how' }, ...(data?.contactMethods ?? []).map((/** @type {string} */ m) => ({ value: m, text: humanise(m) }))] })}
${checkbox({ id: 'contact-safe', name: 'safeContactAgreed', label: 'We agreed with them how to contact them safely from now on' })}
${textarea({ id: 'contact-note', name: 'note', label: 'Note (optional)' })}
${submit('Record contact')}</form>`;
}

function dashSection() {
  const dash = data?.dash;
  if (!dash) return '';
  return html`<h2 class="govuk-heading-l" id="dash-heading">DASH risk checklist</h2>
${lastDash ? dashResult(lastDash) : view.dash ? html`<div class="govuk-inset-text" id="dash-current">Last DASH: score ${view.dash.score}, ${RISK_LABELS[view.dash.risk] ?? view.dash.risk} risk. ${view.dash.maracRequired ? 'MARAC referral required.' : 'No MARAC referral required.'}${view.flags?.dashDue ? ' A new DASH is due.' : ''}</div>` : ''}
<form class="haven-command" data-command="dash" novalidate id="dash-form">
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
function dashResult(d) {
  return html`<div class="govuk-panel ${d.maracRequired ? 'haven-panel--high' : ''} govuk-!-text-align-left" id="dash-result">
<h3 class="govuk-panel__title govuk-!-font-size-36">Score ${d.score}: ${RISK_LABELS[d.risk] ?? d.risk} risk</h3>
<div class="govuk-panel__body govuk-!-font-size-24"><p id="dash-marac">${d.maracRequired ? 'MARAC referral required' : 'No MARAC referral required'}</p>
<p>Why: ${(d.reasons ?? []).join('; ')}.</p>${d.judgementIgnored ? html`<p>${d.judgementIgnored}.</p>` : ''}${d.repeatMarac ? html`<p>This would be a repeat MARAC referral (one in the last 12 months).</p>` : ''}</div></div>`;
}

function pathwaySection() {
  if (!data?.pathways) return '';
  const chosen = view.facts?.pathway;
  const area = view.facts?.area;
  const plan = chosen ? data.pathways.find((/** @type {any} */ p) => p.id === chosen)?.byArea?.[area] : undefined;
  /** @param {any} s */
  const service = (s) =>
    html`<li><strong>${s.name}</strong>${s.phone ? html`, ${s.phone}` : ''}${s.hours ? html` (${s.hours})` : ''}${s.url ? html`, <a class="govuk-link" href="${s.url}" rel="noreferrer noopener" target="_blank">website (opens in new tab)</a>` : ''}</li>`;
  return html`<h2 class="govuk-heading-l" id="pathway-heading">Pathway</h2>
${
  chosen
    ? html`<div id="pathway-plan"><h3 class="govuk-heading-m">${pathwayTitle(chosen)}</h3>
${
  plan
    ? html`<ol class="govuk-list govuk-list--number">${plan.actions.map((/** @type {string} */ a) => html`<li>${a}</li>`)}</ol>
<h4 class="govuk-heading-s">Contacts in ${data.areas.find((/** @type {any} */ a) => a.id === area)?.name ?? area}</h4>
<ul class="govuk-list">${plan.local.map(service)}</ul>
<h4 class="govuk-heading-s">National contacts</h4><ul class="govuk-list">${plan.national.map(service)}</ul>`
    : html`<p class="govuk-body">Record the area to see the contacts for this pathway.</p>`
}</div>`
    : ''
}
<form class="haven-command" data-command="pathway" novalidate id="pathway-form">
${radios({ id: 'pathway-choice', name: 'pathway', legend: chosen ? 'Change the pathway the victim chose' : 'Which pathway did the victim choose?', legendClass: 'govuk-fieldset__legend--m', value: chosen, options: data.pathways.map((/** @type {any} */ p) => ({ value: p.id, text: p.title })) })}
${submit('Record pathway', { secondary: true })}</form>`;
}

function safetyPlanSection() {
  const plan = view.safetyPlan;
  const contacts = plan?.keyContacts ?? [];
  return html`<h2 class="govuk-heading-l" id="plan-heading">Safety plan</h2>
<p class="govuk-body">Kept securely and shared only with the victim's explicit consent or on a legal request.</p>
${
  plan
    ? html`<h3 class="govuk-heading-s">Steps</h3><ol class="govuk-list govuk-list--number" id="plan-steps">${plan.steps.map((/** @type {any} */ s) => html`<li>${view.detailsShown ? s.text : masked}${s.done ? ' (done)' : ''}</li>`)}</ol>
<h3 class="govuk-heading-s">Key contacts and what may be shared with each</h3>
<table class="govuk-table haven-stack" id="plan-contacts"><caption class="govuk-table__caption govuk-visually-hidden">Key contacts</caption><thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Contact</th><th scope="col" class="govuk-table__header">Relationship</th><th scope="col" class="govuk-table__header">May be told</th></tr></thead>
<tbody class="govuk-table__body">${contacts.map(
        (
          /** @type {any} */ c,
          /** @type {number} */ i,
        ) => html`<tr class="govuk-table__row"><td class="govuk-table__cell" data-label="Contact">${view.detailsShown ? html`${c.name}` : html`Key contact ${i + 1} ${masked}`}${view.detailsShown && (c.phone || c.email) ? html`<span class="govuk-body-s govuk-!-display-block">${[c.phone, c.email].filter(Boolean).join(', ')}</span>` : ''}${c.perpetratorSide ? html`<strong class="govuk-tag govuk-tag--red govuk-!-display-block">Perpetrator's side: never share</strong>` : ''}</td>
<td class="govuk-table__cell" data-label="Relationship">${view.detailsShown ? (c.relationship ?? '') : masked}</td><td class="govuk-table__cell" data-label="May be told">${c.mayShare.length ? c.mayShare.join(', ') : 'Nothing'}</td></tr>`,
      )}</tbody></table>
<p class="govuk-body-s">Updated ${londonTime(plan.updatedAt)}.</p>`
    : html`<p class="govuk-body" id="plan-none">No safety plan recorded yet.</p>`
}
${
  view.detailsShown || !plan
    ? html`<form class="haven-command" data-command="safety-plan" novalidate id="plan-form"><h3 class="govuk-heading-m">${plan ? 'Update the safety plan' : 'Record the safety plan'}</h3>
${textarea({ id: 'plan-steps-text', name: 'steps', label: 'Steps', hint: 'One step on each line', rows: 5, value: plan ? plan.steps.map((/** @type {any} */ s) => s.text).join('\n') : '' })}
${[0, 1, 2].map((i) => {
  const c = contacts[i] ?? {};
  return html`<fieldset class="govuk-fieldset govuk-!-margin-bottom-4"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Key contact ${i + 1}${i > 0 || !contacts.length ? ' (optional)' : ''}</legend>
${textInput({ id: `plan-c${i}-name`, name: `c${i}-name`, label: 'Name', value: c.name ?? '' })}
${textInput({ id: `plan-c${i}-relationship`, name: `c${i}-relationship`, label: 'Relationship or agency', value: c.relationship ?? '' })}
${textInput({ id: `plan-c${i}-phone`, name: `c${i}-phone`, label: 'Phone', value: c.phone ?? '', type: 'tel', width: '20' })}
${textInput({ id: `plan-c${i}-share`, name: `c${i}-share`, label: 'What may be shared with them', hint: 'Separate items with commas, for example: safe word, new address', value: (c.mayShare ?? []).join(', ') })}
</fieldset>`;
})}
${submit(plan ? 'Update safety plan' : 'Record safety plan', { secondary: true })}</form>`
    : html`<p class="govuk-body">Show names and contact details to change the safety plan.</p>`
}
${contacts.length ? shareForm(contacts) : ''}`;
}

/** Share part of the safety plan with a key contact: only what the victim agreed, never the perpetrator's side. @param {any[]} contacts */
function shareForm(contacts) {
  shareItems = [...new Set(contacts.flatMap((c) => c.mayShare ?? []))];
  const options = contacts.map((c, i) => ({
    value: String(i),
    text: view.detailsShown ? `${c.name}${c.relationship ? ` (${c.relationship})` : ''}` : `Key contact ${i + 1}`,
  }));
  return html`<form class="haven-command" data-command="share" novalidate id="share-form"><h3 class="govuk-heading-m" id="share-heading">Share the safety plan</h3>
<p class="govuk-body">Only with the victim's explicit consent, and only what they agreed each contact may be told.</p>
${select({ id: 'share-contact', name: 'contact', label: 'Who with', options })}
${
  shareItems.length
    ? html`<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="share-items-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What to share</legend>
<div class="govuk-hint" id="share-items-hint">Haven refuses anything this contact may not be told</div>
<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">${shareItems.map((item, i) => html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="share-item-${i}" name="share-${i}" type="checkbox" value="true"><label class="govuk-label govuk-checkboxes__label" for="share-item-${i}">${item}</label></div>`)}</div></fieldset></div>`
    : html`<p class="govuk-body">No key contact may be told anything yet.</p>`
}
${submit('Record sharing', { secondary: true })}</form>`;
}

function incidentSection() {
  return html`<h2 class="govuk-heading-l" id="incident-heading">Record a new incident</h2>
<form class="haven-command" data-command="incidents" novalidate id="incident-form">
<p class="govuk-body">A new incident means the DASH is done again${view.status === 'closed' ? ', and reopens this case' : ''}.</p>
${dateTime({ id: 'incident-at', name: 'at', label: 'When it happened', hint: 'Leave blank for now' })}
${checkbox({ id: 'incident-violent', name: 'violent', label: 'It was violent', hint: 'Emergency security works are due again where the case needs them' })}
${textarea({ id: 'incident-note', name: 'note', label: 'Note (optional)' })}
${submit('Record incident', { secondary: true })}</form>`;
}

/** The facts officers learn after the report, each changing what the case requires (004 §7.6). */
const FACTS = [
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

function factsSection() {
  return html`<h2 class="govuk-heading-l" id="facts-heading">Facts about the household</h2>
<form class="haven-command" data-command="facts" novalidate id="facts-form">
<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="facts-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What we now know</legend>
<div class="govuk-hint" id="facts-hint">What the case requires changes with these: for example children mean a children's social care referral.</div>
<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">${FACTS.map(([key, label]) => html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="fact-${key}" name="${key}" type="checkbox" value="true"${view.facts?.[key] ? html` checked` : ''}><label class="govuk-label govuk-checkboxes__label" for="fact-${key}">${label}</label></div>`)}</div></fieldset></div>
${submit('Update facts', { secondary: true })}</form>`;
}

function assignSection() {
  const me = session?.staff;
  return html`<h2 class="govuk-heading-l" id="assign-heading">Assign an officer</h2>
<p class="govuk-body">Now: ${view.assignedOfficer ? (view.assignedOfficerEmail ?? view.assignedOfficer) : 'not assigned'}.</p>
<form class="haven-command" data-command="assign" novalidate id="assign-form">
${textInput({ id: 'assign-officer', name: 'officer', label: "Officer's staff id", hint: 'Their sign-in id, until Haven has a staff directory', width: '20' })}
${textInput({ id: 'assign-email', name: 'email', label: "Officer's email", type: 'email', autocomplete: 'off' })}
${submit('Assign officer', { secondary: true })}</form>
${me?.email ? html`<form class="haven-command" data-command="assign" novalidate id="assign-me-form"><input type="hidden" name="officer" value="${me.sub}"><input type="hidden" name="email" value="${me.email}">${submit('Assign to me', { secondary: true })}</form>` : ''}`;
}

function holdingSection() {
  const paused = (view.holdingPauses ?? []).some((/** @type {any} */ p) => !p.to);
  return html`<h2 class="govuk-heading-l" id="holding-heading">Holding period (21 days)</h2>
<p class="govuk-body" id="holding-state">${paused ? 'The 21-day clock is paused.' : 'The 21-day clock is running.'} It may be paused only while statutory or legal action is ongoing.</p>
<form class="haven-command" data-command="holding-pause" novalidate id="holding-form">
<input type="hidden" name="action" value="${paused ? 'resume' : 'pause'}">
${textarea({ id: 'holding-reason', name: 'reason', label: paused ? 'Why the clock can run again' : 'Why the clock is paused', hint: paused ? 'For example: the court case has ended' : 'For example: injunction hearing listed, police investigation ongoing' })}
${submit(paused ? 'Restart the 21-day clock' : 'Pause the 21-day clock', { secondary: true })}</form>`;
}

function closeSection() {
  const blockers = view.closureBlockers ?? [];
  return html`<h2 class="govuk-heading-l" id="close-heading">Close the case</h2>
${blockers.length ? html`<div id="closure-missing"><p class="govuk-body">Still missing before this case can close:</p><ul class="govuk-list govuk-list--bullet">${blockers.map((/** @type {string} */ b) => html`<li>${blockerWords(b)}</li>`)}</ul></div>` : html`<p class="govuk-body" id="closure-missing">Nothing is missing: the case can close once closure is discussed with the victim.</p>`}
<form class="haven-command" data-command="close" novalidate id="close-form">
${checkbox({ id: 'close-discussed', name: 'discussedWithVictim', label: 'I have discussed closing the case with the victim' })}
${textarea({ id: 'close-reason', name: 'reason', label: 'Reason for closing (optional)' })}
${submit('Close the case', { warning: true, id: 'close-button' })}</form>`;
}

function timelineSection() {
  const events = [...(view.timeline ?? [])].sort(
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
<td class="govuk-table__cell" data-label="Who">${actorWords(e.actor, session?.staff.sub)}</td></tr>`,
  )}</tbody></table>`;
}

/** Safe, non-personal detail for some entries; typed notes only when revealed. @param {any} e */
function eventDetail(e) {
  const d = e.details ?? {};
  const bits = [];
  if (e.type === 'dash-scored' && typeof d.score === 'number')
    bits.push(`score ${d.score}, ${RISK_LABELS[d.risk] ?? d.risk} risk${d.maracRequired ? ', MARAC required' : ''}`);
  if (e.type === 'pathway-chosen' && d.pathway) bits.push(pathwayTitle(d.pathway));
  if (e.type === 'consent-overridden' && d.basis) bits.push(BASIS_LABELS[d.basis] ?? humanise(d.basis));
  if (e.type === 'contact-made' && d.method) bits.push(humanise(d.method));
  if (e.type === 'officer-assigned' && d.email) bits.push(String(d.email));
  if (e.type === 'facts-updated' && d.dashDueAgain)
    bits.push(`new ${d.violent ? 'violent ' : ''}incident, DASH due again`);
  if (d.note || d.reason) bits.push(String(d.note ?? d.reason));
  else if (e.withheld?.length) bits.push('what was written is hidden');
  return bits.length ? html`<span class="govuk-body-s govuk-!-display-block">${bits.join('; ')}</span>` : '';
}

/** The request body of a command from its form. @param {string} command @param {HTMLFormElement} form @returns {{ path: string, body: Record<string, unknown> }} */
function commandOf(command, form) {
  const v = formValues(form);
  /** @param {string} k */
  const text = (k) => (typeof v[k] === 'string' && v[k] ? String(v[k]) : undefined);
  /** @param {Record<string, unknown>} o */
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  switch (command) {
    case 'contacts':
      return {
        path: 'contacts',
        body: clean({
          at: instantOf(v.at),
          method: text('method'),
          safeContactAgreed: v.safeContactAgreed === true ? true : undefined,
          note: text('note'),
        }),
      };
    case 'dash': {
      /** @type {Record<string, string>} */
      const answers = {};
      for (const q of data.dash.questions) if (typeof v[q.id] === 'string') answers[q.id] = String(v[q.id]);
      const level = text('judgementLevel');
      return {
        path: 'dash',
        body: clean({
          version: data.dash.version,
          answers,
          judgement: level ? { level, reasons: text('judgementReasons') ?? '' } : undefined,
        }),
      };
    }
    case 'pathway':
      return { path: 'pathway', body: { pathway: text('pathway') } };
    case 'consent':
      return {
        path: 'consent',
        body: clean({
          duty: text('duty'),
          decision: text('decision'),
          basis: v.decision === 'overridden' ? text('basis') : undefined,
          reason: text('reason'),
        }),
      };
    case 'referral':
      return { path: 'referrals', body: clean({ duty: text('duty'), at: instantOf(v.at), note: text('note') }) };
    case 'acknowledge':
      return {
        path: `referrals/${encodeURIComponent(text('duty') ?? '')}/acknowledge`,
        body: clean({ at: instantOf(v.at) }),
      };
    case 'action':
      return {
        path: `actions/${encodeURIComponent(text('duty') ?? '')}`,
        body: clean({ outcome: text('outcome') ?? 'done', reason: text('reason') }),
      };
    case 'holding-pause':
      return { path: 'holding-pause', body: { action: text('action'), reason: text('reason') ?? '' } };
    case 'safety-plan': {
      const steps = String(v.steps ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => ({ text: s }));
      const keyContacts = [0, 1, 2].flatMap((i) => {
        const name = text(`c${i}-name`);
        if (!name) return [];
        const mayShare = String(v[`c${i}-share`] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return [clean({ name, relationship: text(`c${i}-relationship`), phone: text(`c${i}-phone`), mayShare })];
      });
      return { path: 'safety-plan', body: { steps, keyContacts } };
    }
    case 'close':
      return {
        path: 'close',
        body: clean({ discussedWithVictim: v.discussedWithVictim === true, reason: text('reason') }),
      };
    case 'incidents':
      return {
        path: 'incidents',
        body: clean({ at: instantOf(v.at), violent: v.violent === true, note: text('note') }),
      };
    case 'facts':
      // Only what changed, so the timeline says what the officer changed.
      return {
        path: 'facts',
        body: Object.fromEntries(
          FACTS.flatMap(([k]) => ((v[k] === true) !== (view.facts?.[k] === true) ? [[k, v[k] === true]] : [])),
        ),
      };
    case 'share':
      return {
        path: 'safety-plan/share',
        body: { contact: Number(text('contact') ?? 0), items: shareItems.filter((_, i) => v[`share-${i}`] === true) },
      };
    case 'assign':
      return { path: 'assign', body: { officer: text('officer') ?? '', email: text('email') ?? '' } };
    default:
      throw new Error(`unknown command ${command}`);
  }
}

/** What the success banner says after each command. @type {Record<string, string>} */
const DONE = {
  contacts: 'Contact recorded. The fortnightly contact clock has restarted.',
  dash: 'DASH scored.',
  pathway: 'Pathway recorded.',
  consent: 'Consent decision recorded.',
  referral: 'Referral recorded as made.',
  acknowledge: 'Referral recorded as acknowledged.',
  action: 'Action recorded.',
  'holding-pause': 'Holding period updated.',
  'safety-plan': 'Safety plan saved.',
  close: 'Case closed.',
  incidents: 'Incident recorded. The DASH is due again.',
  facts: 'Facts updated. The required actions now follow them.',
  share: 'Sharing of the safety plan recorded.',
  assign: 'Officer assigned.',
};

function wire() {
  document.getElementById('reveal')?.addEventListener('click', async () => {
    revealed = !revealed;
    // Showing asks Haven for the details (and it records that); hiding drops them from the page.
    if (!revealed && redacted?.version === view.version) {
      view = redacted;
      draw();
    } else await load();
    document.getElementById('reveal')?.focus();
  });
  const dashForm = /** @type {HTMLFormElement | null} */ (document.getElementById('dash-form'));
  dashForm?.addEventListener('change', () => {
    const v = formValues(dashForm);
    const qs = data.dash.questions;
    const yes = qs.filter((/** @type {any} */ q) => v[q.id] === 'yes').length;
    const answered = qs.filter((/** @type {any} */ q) => typeof v[q.id] === 'string').length;
    const tally = document.getElementById('dash-tally');
    if (tally)
      tally.textContent = `${yes} yes answer${yes === 1 ? '' : 's'} so far, ${answered} of ${qs.length} answered.`;
  });
  for (const form of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll('form.haven-command'))) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!session) return;
      const command = form.dataset.command ?? '';
      const button = /** @type {HTMLButtonElement | null} */ (form.querySelector('button[type=submit]'));
      if (button) button.disabled = true;
      clearProblems(form);
      try {
        const { path, body } = commandOf(command, form);
        if (command === 'facts' && !Object.keys(body).length) {
          showProblems(form, ['Change at least one fact before updating'], 'There is a problem');
          return;
        }
        const res = await api(session, `/api/cases/${encodeURIComponent(caseId)}/${path}`, {
          method: 'POST',
          body,
          version: view.version,
        });
        if (res.ok) {
          flash =
            command === 'dash' && res.body?.dash
              ? `DASH scored: ${res.body.dash.score}, ${RISK_LABELS[res.body.dash.risk] ?? res.body.dash.risk} risk.${res.body.dash.maracRequired ? ' MARAC referral required.' : ''}`
              : DONE[command];
          lastDash = command === 'dash' ? res.body?.dash : undefined;
          await load();
          return;
        }
        if (
          res.status === 409 &&
          !(res.body?.fields ?? []).some((/** @type {any} */ f) => f.field === 'case' || f.field === 'status')
        ) {
          await load();
          const again = document.querySelector(`form[data-command="${command}"]`);
          if (again) showProblems(again, refusal(res));
          return;
        }
        showProblems(form, refusal(res), command === 'close' ? 'The case cannot be closed yet' : 'There is a problem');
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
}

// Last, so every constant above is initialised before the first draw.
if (session) {
  // The API decides who may see a case (the board may not): the console asks, and shows its answer.
  data = await associationData(session.associationId);
  await load();
}
