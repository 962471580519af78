// Alerts: the escalations Haven sent to you — to your own address as a case's officer, or to the
// mailbox of your role — newest first, each saying whether someone has taken it on ("I've got this").
// Read from the alerts list (ids, reference, duty, tier, instants), never the cases' personal details.

import { CLOCK_LABELS, DUTY_LABELS } from './labels.mjs';
import { api, main, messagePage, refusal, render, startPage } from './shell.mjs';
import { html, humanise, londonTime } from './view.mjs';

const session = await startPage({ current: 'alerts' });
if (session && !session.staff.worksCases) location.replace('figures.html');
else if (session) await show(session);

/** @param {any} a */
function takenOn(a) {
  if (!a.acknowledged) return html`<strong class="govuk-tag govuk-tag--red">Not taken on</strong>`;
  const who = a.acknowledged.byYou ? 'you' : (a.acknowledged.email ?? 'a member of staff');
  return html`<strong class="govuk-tag govuk-tag--green">Taken on</strong> <span class="govuk-body-s govuk-!-display-block">by ${who}, ${londonTime(a.acknowledged.at)}</span>`;
}

/** @param {NonNullable<typeof session>} session */
async function show(session) {
  document.title = 'Alerts - Haven staff console';
  const res = await api(session, '/api/alerts');
  if (res.status === 403) return messagePage('You cannot see alerts', 'Your role lets you see the figures only.');
  if (!res.ok) return messagePage('The alerts could not be loaded', refusal(res).join(' '));
  /** @type {any[]} */
  const items = res.body.items ?? [];
  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">Alerts</h1>
<p class="govuk-body">Escalations Haven sent to you, at your own address or to your role's mailbox, newest first. Open a case to take an escalation on.</p>
${
  items.length
    ? html`<table class="govuk-table haven-stack" id="alerts"><caption class="govuk-table__caption govuk-visually-hidden">Escalations sent to you</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Case</th><th scope="col" class="govuk-table__header">Overdue</th><th scope="col" class="govuk-table__header">Sent</th><th scope="col" class="govuk-table__header">Taken on</th></tr></thead>
<tbody class="govuk-table__body">${items.map(
        (
          a,
        ) => html`<tr class="govuk-table__row" data-case="${a.caseId}" data-tier="${String(a.tier)}"><td class="govuk-table__cell" data-label="Case"><a class="govuk-link" href="case.html?id=${encodeURIComponent(a.caseId)}">${a.reference}</a>${a.status !== 'open' ? html` <span class="govuk-body-s">(${humanise(a.status)})</span>` : ''}</td>
<td class="govuk-table__cell" data-label="Overdue">${DUTY_LABELS[a.duty] ?? humanise(a.duty)}<span class="govuk-body-s govuk-!-display-block">${CLOCK_LABELS[a.clock] ?? humanise(a.clock)}: due ${londonTime(a.deadline)}</span></td>
<td class="govuk-table__cell" data-label="Sent">Escalation ${a.tier + 1}, ${londonTime(a.sentAt)}<span class="govuk-body-s govuk-!-display-block">${a.toYou ? 'to you' : `to ${humanise(a.role)} (${a.to})`}</span></td>
<td class="govuk-table__cell" data-label="Taken on">${takenOn(a)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="govuk-body" id="alerts">No escalations have been sent to you.</p>`
}`,
  );
}
