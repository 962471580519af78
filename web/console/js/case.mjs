// One case: who asked for what and how to contact the victim safely, every running clock, the
// required actions with consent and referrals, and the forms officers work the case with. The API
// sends the case without names or contact details; "Show names and contact details" asks for them
// (POST /reveal, recorded on the timeline) and they are shown only until the officer hides them or
// leaves the page. The sections live in case-*.mjs; this module reads the case, draws it and sends
// the forms' commands.

import { commandOf, DONE } from './case-commands.mjs';
import { outsidePlanField } from './case-contact.mjs';
import { wirePlanForm } from './case-contact-plan.mjs';
import { wireEscalations } from './case-escalations.mjs';
import { loadOfficers } from './case-household.mjs';
import { casePage } from './case-page.mjs';
import { attemptRecorded, contactRecorded } from './case-policy.mjs';
import { clearFormProblems, planProblemLinks, problemItems, showFormProblems } from './case-problems.mjs';
import { c } from './case-state.mjs';
import { outsidePlanWarning, planProblemWords } from './contact-words.mjs';
import { RISK_LABELS } from './labels.mjs';
import {
  api,
  associationData,
  errorSummary,
  formValues,
  main,
  messagePage,
  refusal,
  render,
  startPage,
} from './shell.mjs';
import { html, serverOffset } from './view.mjs';

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
/** Where the banner goes: the saved form, or its part of the page when the form has gone. @type {{ form: string, part?: string } | undefined} */
let flashAt;
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
  document.title = `Case ${view.reference} - Haven staff console`;
  // The reader keeps their place: the page is drawn again where it was, not from the top.
  const y = window.scrollY;
  render(main(), casePage({ view, data: c.data, me: c.me, revealed, offset, now }));
  wire();
  window.scrollTo(0, y);
  if (flash) showFlash(flash, flashAt);
  flash = undefined;
  flashAt = undefined;
}

/**
 * The success banner, just above the form that was saved (or at the top of its part of the page when
 * the form has gone), focused without moving the page more than it takes to show it.
 * @param {string} text @param {{ form: string, part?: string } | undefined} at
 */
function showFlash(text, at) {
  const box = document.createElement('div');
  render(
    box,
    html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="flash-title" data-module="govuk-notification-banner" id="flash" tabindex="-1">
<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="flash-title">Success</h2></div>
<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${text}</p></div></div>`,
  );
  const banner = /** @type {HTMLElement} */ (box.firstElementChild);
  const form = at ? document.getElementById(at.form) : null;
  const part = at?.part ? document.getElementById(at.part) : null;
  // A form folded away after its save (a scored DASH) has its banner before the fold.
  if (form) (form.closest('details:not([open])') ?? form).before(banner);
  else if (part) part.querySelector('h2')?.after(banner);
  else main().prepend(banner);
  banner.focus({ preventScroll: true });
  banner.scrollIntoView({ block: 'nearest' });
}

/** Removes the success banner: it said what the last action did, not the next. */
function clearFlash() {
  document.getElementById('flash')?.remove();
}

function wire() {
  document.getElementById('reveal')?.addEventListener('click', async () => {
    clearFlash();
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
  wireEscalations(session, caseId, async (text) => {
    flash = text;
    await load();
  });
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
      clearFlash();
      clearFormProblems(form);
      try {
        const { path, body } = commandOf(command, form);
        if (command === 'facts' && !Object.keys(body).length) {
          showFormProblems(
            form,
            [{ text: 'Change at least one fact before updating', href: `#${form.querySelector('input')?.id}` }],
            [],
          );
          return;
        }
        if (command === 'contact-plan' && !body.agreedWith) {
          showFormProblems(
            form,
            [{ text: 'Say who agreed this plan with us', href: `#${form.querySelector('[name="agreedWith"]')?.id}` }],
            [],
          );
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
          flashAt = { form: form.id, part: form.closest('section')?.id };
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
          const again = /** @type {HTMLFormElement | null} */ (
            document.querySelector(`form[data-command="${command}"]`)
          );
          if (again)
            showFormProblems(
              again,
              refusal(res).map((text) => ({ text })),
              [],
            );
          return;
        }
        const planFields = command === 'contact-plan' && res.status < 500 ? res.body?.fields : undefined;
        const problems = planFields
          ? planProblems(form, planFields, /** @type {any} */ (body).ways ?? [])
          : problemItems(form, command, res);
        showFormProblems(
          form,
          problems.items,
          problems.fields,
          command === 'close' ? 'The case cannot be closed yet' : 'There is a problem',
        );
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
}

/** A refused plan's problems, in words and linked to their inputs. @param {HTMLFormElement} form @param {any[]} fields @param {{ way: string }[]} ways */
function planProblems(form, fields, ways) {
  const links = planProblemLinks(form, fields, ways);
  const items = planProblemWords(fields, ways).map((text, i) => (links[i] ? { text, href: links[i] } : { text }));
  return { items, fields: [] };
}

/** The banner after a contact or an attempt. @param {Record<string, unknown>} body what was sent */
function contactDone(body) {
  const outside = body.outsidePlanReason ? ' It was outside the plan: your reason is on the timeline.' : '';
  return body.attempt ? `${attemptRecorded(c.data)}${outside}` : `${contactRecorded(c.data)}${outside}`;
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
    clearFormProblems(form);
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
