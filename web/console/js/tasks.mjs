// My tasks: every open required action across the cases assigned to the signed-in member of staff,
// overdue first, then soonest due, then those with no clock running; from the caseload's clear
// projections (each case's open actions, owner and due time), never a case read.

import { DUTY_LABELS } from './labels.mjs';
import { api, main, messagePage, refusal, render, showProblems, startPage } from './shell.mjs';
import { clockStatus, html, humanise, londonTime, serverOffset } from './view.mjs';

/** Pages of the caseload read at most (200 cases each). */
const MAX_PAGES = 10;

const session = await startPage({ current: 'tasks' });
if (session && !session.staff.worksCases) location.replace('figures.html');
else if (session) await show(session);

/** @param {NonNullable<typeof session>} session */
async function show(session) {
  document.title = 'My tasks - Haven staff console';
  /** @type {any[]} */
  const cases = [];
  let cursor = '';
  /** @type {any} */
  let res;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams({ officer: session.staff.sub, limit: '200', ...(cursor ? { cursor } : {}) });
    res = await api(session, `/api/cases?${q}`);
    if (!res.ok) break;
    cases.push(...(res.body.items ?? []));
    cursor = typeof res.body.cursor === 'string' ? res.body.cursor : '';
    if (!cursor) break;
  }
  if (res?.status === 403) return messagePage('You cannot see cases', 'Your role lets you see the figures only.');
  const now = Date.now() + (res?.ok ? serverOffset(res.body.asAt, Date.now()) : 0);
  const tasks = cases
    .flatMap((c) => (c.actions ?? []).map((/** @type {any} */ a) => ({ ...a, case: c })))
    .sort((a, b) => (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity));
  const overdue = tasks.filter((t) => clockStatus(t.dueAt, now).state === 'overdue').length;
  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">My tasks</h1>
<p class="govuk-body-l" id="tasks-summary">${tasks.length} open action${tasks.length === 1 ? '' : 's'} across ${cases.length} case${cases.length === 1 ? '' : 's'} assigned to you${
      overdue ? html`, <strong class="govuk-!-font-weight-bold">${overdue} overdue</strong>` : ', none overdue'
    }.</p>
${
  tasks.length
    ? html`<table class="govuk-table haven-stack" id="tasks">
<caption class="govuk-table__caption govuk-table__caption--m">Open actions, overdue first, then soonest due</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Action</th><th scope="col" class="govuk-table__header">Case</th>
<th scope="col" class="govuk-table__header">Whose</th><th scope="col" class="govuk-table__header">Due</th></tr></thead>
<tbody class="govuk-table__body">${tasks.map((t) => {
        const c = clockStatus(t.dueAt, now);
        return html`<tr class="govuk-table__row${c.state === 'overdue' ? ' haven-row--overdue' : ''}" data-case-id="${t.case.caseId}" data-duty="${t.duty}">
<th scope="row" class="govuk-table__header">${DUTY_LABELS[t.duty] ?? humanise(t.duty)}</th>
<td class="govuk-table__cell" data-label="Case"><a class="govuk-link" href="case.html?id=${encodeURIComponent(t.case.caseId)}">${t.case.reference}</a></td>
<td class="govuk-table__cell" data-label="Whose">${t.owner === 'case-officer' ? 'You (case officer)' : humanise(t.owner)}</td>
<td class="govuk-table__cell" data-label="Due"><strong class="govuk-tag ${c.tagClass}">${c.text}</strong>${t.dueAt ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${londonTime(t.dueAt)}</span>` : ''}</td></tr>`;
      })}</tbody></table>`
    : html`<p class="govuk-body" id="tasks-empty">No open actions on the cases assigned to you.</p>`
}`,
  );
  if (res && !res.ok) showProblems(main(), refusal(res), 'Your tasks could not be loaded');
}
