// One case: who asked for what and how to contact the victim safely, every running clock, the
// required actions with consent and referrals, and the forms officers work the case with. The API
// sends the case without names or contact details; "Show names and contact details" asks for them
// (POST /reveal, recorded on the timeline) and they are shown only until the officer hides them or
// leaves the page. The sections live in case-*.mjs; this module reads the case, draws it and sends
// the forms' commands.

import { actionsSection } from './case-actions.mjs';
import { commandOf, DONE } from './case-commands.mjs';
import { asksSection, contactSection, outsidePlanField } from './case-contact.mjs';
import { planForm, planVersions, wirePlanForm } from './case-contact-plan.mjs';
import {
  assignSection,
  closeSection,
  factsSection,
  holdingSection,
  incidentSection,
  loadOfficers,
} from './case-household.mjs';
import { c, isHidden, masked, pathwayTitle, pii, row } from './case-state.mjs';
import { timelineSection } from './case-timeline.mjs';
import { dashSection, pathwaySection, safetyPlanSection } from './case-work.mjs';
import { outsidePlanWarning, planProblemWords, reportedByWords } from './contact-words.mjs';
import { CLOCK_LABELS, DUTY_LABELS, RISK_LABELS, STATUS_LABELS } from './labels.mjs';
import {
  api,
  associationData,
  clearProblems,
  errorSummary,
  formValues,
  main,
  messagePage,
  refusal,
  render,
  showProblems,
  startPage,
} from './shell.mjs';
import {
  clockStatus,
  dangerBanner,
  durationWords,
  html,
  humanise,
  londonTime,
  riskTag,
  serverOffset,
} from './view.mjs';

const caseId = new URLSearchParams(location.search).get('id') ?? '';
const session = await startPage({ current: 'case' });
/** Personal details are shown only after the officer asks, and only until they leave the page. */
let revealed = false;
/** @type {any} */
let view;
/** What the success banner says once the case is read again (it may depend on the new read). @type {((v: any) => string) | undefined} */
let flashAfter;
/** The last redacted read, to hide details again without another read. @type {any} */
let redacted;
/** @type {string | undefined} */
let flash;
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
  c.view = view;
  if (!view.detailsShown) redacted = view;
  if (flashAfter) flash = flashAfter(view);
  flashAfter = undefined;
  offset = serverOffset(view.asAt, Date.now());
  draw();
}

function draw() {
  if (!session) return;
  const now = Date.now() + offset;
  c.view = view;
  const r = view.report ?? {};
  const sc = r.safeContact ?? {};
  const own = view.reporterContact;
  const areaName =
    c.data?.areas?.find((/** @type {{ id: string }} */ a) => a.id === view.facts?.area)?.name ??
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
${dangerBanner(view.immediateDanger, c.me.sub)}
<span class="govuk-caption-l">Case</span>
<h1 class="govuk-heading-l" id="page-heading">${view.reference}</h1>
<p class="govuk-body">${riskTag(view.facts?.risk ?? 'not-assessed')} <strong class="govuk-tag ${open ? 'govuk-tag--blue' : 'govuk-tag--grey'}" id="case-status">${STATUS_LABELS[view.status] ?? view.status}</strong></p>

<h2 class="govuk-heading-m" id="clocks-heading">Running clocks</h2>
${offset ? html`<div class="govuk-inset-text" id="clock-skew">This computer's clock is ${durationWords(Math.abs(offset))} ${offset > 0 ? 'behind' : 'ahead of'} Haven's. Due and overdue times here use Haven's clock.</div>` : ''}
${
  clocks.length
    ? html`<ul class="haven-clocks" id="clocks" aria-labelledby="clocks-heading">${clocks.map((k) => {
        const s = clockStatus(k.deadline, now, k.overdue);
        return html`<li class="haven-clock--${s.state}"><strong class="govuk-tag ${s.tagClass}">${s.text}</strong>
<span class="govuk-body govuk-!-font-weight-bold govuk-!-margin-left-2">${CLOCK_LABELS[k.clock] ?? humanise(k.clock)}</span>
<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">${DUTY_LABELS[k.duty] ?? humanise(k.duty)}: due ${londonTime(k.deadline)}</span></li>`;
      })}</ul>`
    : html`<p class="govuk-body" id="clocks">No clocks are running${open ? '' : ': the case is not open'}.</p>`
}
${view.flags?.repeatMarac ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> A MARAC referral was made in the last 12 months: a new one is a repeat referral.</strong></div>` : ''}
${view.flags?.dashDue && (view.dash || (view.incidents ?? []).length > 1) ? html`<div class="govuk-warning-text" id="dash-due"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> A new incident was recorded: the DASH is due again.</strong></div>` : ''}
${view.flags?.potentialEscalation ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Three or more incidents in 12 months: potential escalation.</strong></div>` : ''}

${asksSection()}

<h2 class="govuk-heading-m" id="details-heading">About the case</h2>
<p class="govuk-body"><button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="reveal" aria-pressed="${revealed ? 'true' : 'false'}">${revealed ? 'Hide names and contact details' : 'Show names and contact details'}</button></p>
<p class="govuk-body-s" id="reveal-hint">Names, addresses, phone numbers, safe times and what people wrote are hidden until you choose to show them. Opening this case and showing its details are each recorded on the timeline.</p>
<dl class="govuk-summary-list" id="case-details">
${row('Reported', londonTime(view.reportedAt))}
${row('Area', areaName)}
${row('Reported by', reportedByWords(r.reporterKind))}
${row('Officer', view.assignedOfficer ? html`<span id="assigned-officer">${view.assignedOfficer === c.me.sub ? 'You' : (view.assignedOfficerEmail ?? view.assignedOfficer)}</span>` : html`<span id="assigned-officer">Not assigned</span>`)}
${row('Name', pii('name', r.person?.name))}
${row('Address', pii('address', r.person?.address))}
${row('Date of birth', pii('dateOfBirth', r.person?.dateOfBirth))}
${row(view.safeContactSource === 'reporter' ? "Victim's safe phone (as the reporter knows it)" : "Victim's safe phone", pii('safePhone', sc.phone))}
${row(view.safeContactSource === 'reporter' ? "Victim's safe email (as the reporter knows it)" : "Victim's safe email", pii('safeEmail', sc.email))}
${row('Code word', pii('codeWord', sc.codeWord))}
${isHidden('reporter') ? row('Reporter (their own details)', masked) : r.reporter && (r.reporter.name || r.reporter.phone || r.reporter.email) ? row('Reporter (their own details)', html`${[r.reporter.name, r.reporter.phone, r.reporter.email].filter(Boolean).join(', ')}`) : ''}
${own ? row("Reporter's own contact", own.method === 'none' ? 'Do not contact the reporter: they asked us not to' : html`${humanise(own.method)}${own.phone || own.email ? html`: ${own.phone ?? own.email}` : isHidden('reporterContact.phone') || isHidden('reporterContact.email') ? html` ${masked}` : ''}`) : ''}
${row('What happened', isHidden('narrative') ? masked : html`<span class="haven-narrative">${r.narrative ?? ''}</span>`)}
${row('Abuse', (r.abuseTypes ?? []).map(humanise).join(', ') || 'Not recorded')}
${row('Pathway chosen', view.facts?.pathway ? pathwayTitle(view.facts.pathway) : 'Not chosen yet')}
${row('DASH', view.dash ? `Score ${view.dash.score}, ${RISK_LABELS[view.dash.risk] ?? view.dash.risk} risk${view.dash.maracRequired ? ', MARAC referral required' : ''} (${londonTime(view.dash.at)})` : 'Not done yet')}
${row('Contacts recorded', `${(view.contacts ?? []).length}${view.contacts?.length ? `, last ${londonTime(view.contacts.at(-1))}` : ''}`)}
</dl>

<nav class="govuk-!-margin-bottom-6" aria-labelledby="contents-heading"><h2 class="govuk-heading-s" id="contents-heading">On this page</h2>
<ul class="govuk-list">
<li><a class="govuk-link" href="#actions-heading">Required actions, consent and referrals</a></li>
${c.me.seesAllCases && view.status !== 'closed' ? html`<li><a class="govuk-link" href="#assign-heading">Assign an officer</a></li>` : ''}
${view.status !== 'signposted' ? html`<li><a class="govuk-link" href="#incident-heading">Record a new incident</a></li>` : ''}
${open ? html`<li><a class="govuk-link" href="#facts-heading">Facts about the household</a></li>` : ''}
${view.status !== 'signposted' ? html`<li><a class="govuk-link" href="#contact-heading">Contact with the victim and the safe-contact plan</a></li>` : ''}
${
  open
    ? html`<li><a class="govuk-link" href="#dash-heading">DASH risk checklist</a></li>
${c.data?.pathways ? html`<li><a class="govuk-link" href="#pathway-heading">Pathway</a></li>` : ''}
<li><a class="govuk-link" href="#plan-heading">Safety plan</a></li><li><a class="govuk-link" href="#holding-heading">Holding period (21 days)</a></li><li><a class="govuk-link" href="#close-heading">Close the case</a></li>`
    : ''
}
<li><a class="govuk-link" href="#timeline-heading">Timeline</a></li></ul></nav>

${actionsSection(open)}
${c.me.seesAllCases && view.status !== 'closed' ? assignSection() : ''}
${view.status !== 'signposted' ? incidentSection() : ''}
${open ? factsSection() : ''}
${view.status !== 'signposted' ? html`${contactSection(open)}${planVersions()}${planForm()}` : ''}
${open ? html`${dashSection()}${pathwaySection()}${safetyPlanSection()}${holdingSection()}${closeSection()}` : ''}
${timelineSection()}`,
  );
  wire();
  const flashEl = document.getElementById('flash');
  if (flashEl) flashEl.focus();
  flash = undefined;
}

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
  wirePlanForm();
  dashForm?.addEventListener('change', () => {
    const v = formValues(dashForm);
    const qs = c.data.dash.questions;
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
        if (command === 'contact-plan' && !body.agreedWith) {
          showProblems(form, ['Say who agreed this plan with us'], 'There is a problem');
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
              : command === 'contacts'
                ? contactDone(body)
                : DONE[command];
          if (command === 'contact-plan') flashAfter = planDone(view.contactPlanVersions?.length ?? 0);
          c.lastDash = command === 'dash' ? res.body?.dash : undefined;
          await load();
          return;
        }
        const outside = command === 'contacts' && res.status === 422 ? outsidePlanWarning(res.body) : undefined;
        if (outside) {
          askWhyOutsidePlan(form, outside);
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
        const planFields = command === 'contact-plan' && res.status < 500 ? res.body?.fields : undefined;
        showProblems(
          form,
          planFields ? planProblemWords(planFields, /** @type {any} */ (body).ways ?? []) : refusal(res),
          command === 'close' ? 'The case cannot be closed yet' : 'There is a problem',
        );
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
}

/** The banner after a contact or an attempt. @param {Record<string, unknown>} body what was sent */
function contactDone(body) {
  const outside = body.outsidePlanReason ? ' It was outside the plan: your reason is on the timeline.' : '';
  return body.attempt
    ? `Attempt recorded: it did not reach them, so the contact clock keeps running.${outside}`
    : `${DONE.contacts}${outside}`;
}

/** The banner after a newly agreed plan: whether it is now in force. @param {number} before versions before it */
function planDone(before) {
  return (/** @type {any} */ v) => {
    const versions = v.contactPlanVersions ?? [];
    const newest = versions.reduce((/** @type {number} */ n, /** @type {any} */ x) => Math.max(n, x.version), 0);
    if (versions.length <= before) return DONE['contact-plan'];
    return v.contactPlan?.version === newest
      ? `Newly agreed plan recorded: version ${newest} is now in force.`
      : `Newly agreed plan recorded as version ${newest}. The plan agreed with the victim (version ${v.contactPlan?.version}) stays in force.`;
  };
}

/**
 * Haven refused a contact outside the plan: the warning with its reason, and the required field, in
 * the form as the officer filled it. @param {HTMLFormElement} form @param {string} reason
 */
function askWhyOutsidePlan(form, reason) {
  const slot = form.querySelector('#contact-outside');
  const typed = /** @type {HTMLTextAreaElement | null} */ (form.querySelector('#contact-outside-reason'))?.value ?? '';
  if (slot) render(/** @type {HTMLElement} */ (slot), outsidePlanField(reason));
  const field = /** @type {HTMLTextAreaElement | null} */ (form.querySelector('#contact-outside-reason'));
  if (field) field.value = typed;
  render(/** @type {HTMLElement} */ (form.querySelector('button[type=submit]')), html`Record contact outside the plan`);
  const box = document.createElement('div');
  render(
    box,
    errorSummary(
      [{ text: `Say why you are recording this anyway: ${reason}`, href: '#contact-outside-reason' }],
      'This contact is outside the safe-contact plan',
    ),
  );
  const summary = /** @type {HTMLElement} */ (box.firstElementChild);
  summary.setAttribute('tabindex', '-1');
  form.prepend(summary);
  summary.focus();
  // The warning is about this way at this time: another way or time is checked afresh.
  const reset = () => {
    if (slot) render(/** @type {HTMLElement} */ (slot), html``);
    render(/** @type {HTMLElement} */ (form.querySelector('button[type=submit]')), html`Record contact`);
    clearProblems(form);
  };
  for (const el of form.querySelectorAll('input[name="way"], input[name="at"]'))
    el.addEventListener('change', reset, { once: true });
}

// Last, so every constant above is initialised before the first draw.
if (session) {
  c.me = session.staff;
  // The API decides who may see a case (the board may not): the console asks, and shows its answer.
  c.data = await associationData(session.associationId);
  // Assignment picks from the staff directory (managers and the safeguarding lead only).
  if (c.me.seesAllCases) await loadOfficers(session);
  await load();
}
