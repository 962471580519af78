// The caseload: open cases in immediate danger first, then soonest due, each case's next clock named in words and colour,
// filtered by area, risk, overdue and officer, 50 to a page. Officers see their areas (and every case
// assigned to them); managers and the safeguarding lead all the team's.

import { RISK_LABELS } from './labels.mjs';
import { api, associationData, main, messagePage, refusal, render, showProblems, startPage } from './shell.mjs';
import {
  caseloadQuery,
  clockStatus,
  dangerTag,
  html,
  londonTime,
  nextClockWords,
  riskTag,
  serverOffset,
  sortByDue,
} from './view.mjs';

const SELECTED = html` selected`;
const CHECKED = html` checked`;

const session = await startPage({ current: 'caseload' });
if (session && !session.staff.worksCases) location.replace('figures.html');
else if (session) await show(session);

/** @param {NonNullable<typeof session>} session */
async function show(session) {
  const data = await associationData(session.associationId);
  const areas = /** @type {{ id: string, name: string }[]} */ (data?.areas ?? []).filter(
    (a) => session.staff.seesAllCases || session.staff.areas.includes(a.id),
  );
  const areaName = (/** @type {string | undefined} */ id) =>
    areas.find((a) => a.id === id)?.name ??
    data?.areas?.find((/** @type {{id:string}} */ a) => a.id === id)?.name ??
    id ??
    'Not recorded';
  const params = new URLSearchParams(location.search);
  const filters = {
    area: params.get('area') ?? '',
    risk: params.get('risk') ?? '',
    overdue: params.get('overdue') === 'true',
    officer: params.get('officer') ?? '',
  };
  const heading = session.staff.seesAllCases ? "Your team's open cases" : 'Your open cases';
  document.title = `${heading} - Haven staff console`;

  const cursor = params.get('cursor') ?? '';
  const query = caseloadQuery({ ...filters, cursor });
  const res = await api(session, `/api/cases${query ? `?${query}` : ''}`);
  if (res.status === 403) return messagePage('You cannot see cases', 'Your role lets you see the figures only.');
  /** @type {any[]} */
  const items = res.ok ? sortByDue(res.body.items ?? []) : [];
  // Haven's own now: due and overdue are worked out on its clock, never this computer's.
  const now = Date.now() + (res.ok ? serverOffset(res.body.asAt, Date.now()) : 0);
  const overdue = items.filter((i) => clockStatus(i.nextDueAt, now, i.overdue).state === 'overdue').length;
  /** @type {Map<string, string>} */
  const emails = new Map(
    items
      .filter((i) => i.assignedOfficer && i.assignedOfficerEmail)
      .map((i) => [i.assignedOfficer, i.assignedOfficerEmail]),
  );
  const officers = [
    ...new Set([...items.map((i) => i.assignedOfficer).filter(Boolean), ...(filters.officer ? [filters.officer] : [])]),
  ];
  const officerName = (/** @type {string} */ sub) =>
    sub === session.staff.sub ? 'You' : (emails.get(sub) ?? `Officer ${sub.slice(0, 8)}`);
  const next =
    res.ok && typeof res.body.cursor === 'string'
      ? `index.html?${caseloadQuery({ ...filters, cursor: res.body.cursor })}`
      : undefined;
  const first = cursor ? `index.html${caseloadQuery(filters) ? `?${caseloadQuery(filters)}` : ''}` : undefined;

  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">${heading}</h1>
<p class="govuk-body-l" id="caseload-summary">${items.length} open case${items.length === 1 ? '' : 's'}${cursor || next ? ' on this page' : ''}${
      overdue
        ? html`, <strong class="govuk-!-font-weight-bold">${overdue} with a clock overdue</strong>`
        : ', none overdue'
    }.</p>
<form class="govuk-!-margin-bottom-6" id="filters" novalidate>
<h2 class="govuk-heading-s">Filter cases</h2>
<div class="govuk-grid-row">
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><label class="govuk-label" for="filter-area">Area</label>
<select class="govuk-select govuk-!-width-full" id="filter-area" name="area"><option value="">All your areas</option>${areas.map((a) => html`<option value="${a.id}"${filters.area === a.id ? SELECTED : ''}>${a.name}</option>`)}</select></div></div>
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><label class="govuk-label" for="filter-risk">Risk</label>
<select class="govuk-select govuk-!-width-full" id="filter-risk" name="risk"><option value="">Any risk</option>${Object.entries(RISK_LABELS).map(([id, label]) => html`<option value="${id}"${filters.risk === id ? SELECTED : ''}>${label}</option>`)}</select></div></div>
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><label class="govuk-label" for="filter-officer">Officer</label>
<select class="govuk-select govuk-!-width-full" id="filter-officer" name="officer"><option value="">Anyone</option><option value="${session.staff.sub}"${filters.officer === session.staff.sub ? SELECTED : ''}>Assigned to me</option>${officers
      .filter((o) => o !== session.staff.sub)
      .map(
        (o) => html`<option value="${o}"${filters.officer === o ? SELECTED : ''}>${officerName(o)}</option>`,
      )}</select></div></div>
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-top-6" data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">
<input class="govuk-checkboxes__input" id="filter-overdue" name="overdue" type="checkbox" value="true"${filters.overdue ? CHECKED : ''}>
<label class="govuk-label govuk-checkboxes__label" for="filter-overdue">Overdue or in immediate danger</label></div></div></div></div>
</div>
<div class="govuk-button-group"><button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Apply filters</button>
<a class="govuk-link" href="index.html">Clear filters</a></div>
</form>
${
  items.length
    ? html`<table class="govuk-table haven-stack" id="caseload">
<caption class="govuk-table__caption govuk-table__caption--m">Open cases, immediate danger first, then soonest due</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Case</th><th scope="col" class="govuk-table__header">Next clock</th>
<th scope="col" class="govuk-table__header">Risk</th><th scope="col" class="govuk-table__header">Area</th>
<th scope="col" class="govuk-table__header">Reported</th><th scope="col" class="govuk-table__header">Officer</th></tr></thead>
<tbody class="govuk-table__body">${items.map((i) => {
        const c = clockStatus(i.nextDueAt, now, i.overdue);
        return html`<tr class="govuk-table__row${c.state === 'overdue' || i.immediateDanger ? ' haven-row--overdue' : ''}" data-case-id="${i.caseId}">
<th scope="row" class="govuk-table__header"><a class="govuk-link" href="case.html?id=${encodeURIComponent(i.caseId)}">${i.reference}</a>${i.immediateDanger ? html` ${dangerTag(i)}` : ''}</th>
<td class="govuk-table__cell" data-label="Next clock"><strong class="govuk-tag ${c.tagClass}">${c.text}</strong>${
          i.nextClock
            ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0 haven-next-clock">${nextClockWords(i.nextClock)}</span>`
            : ''
        }${i.nextDueAt ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${londonTime(i.nextDueAt)}</span>` : ''}</td>
<td class="govuk-table__cell" data-label="Risk">${riskTag(i.risk)}</td>
<td class="govuk-table__cell" data-label="Area">${areaName(i.area)}</td>
<td class="govuk-table__cell" data-label="Reported">${londonTime(i.reportedAt)}</td>
<td class="govuk-table__cell" data-label="Officer">${i.assignedOfficer ? officerName(i.assignedOfficer) : 'Not assigned'}</td></tr>`;
      })}</tbody></table>`
    : html`<p class="govuk-body" id="caseload-empty">No open cases match these filters${cursor ? ' on this page' : ''}.</p>`
}
${
  next || first
    ? html`<nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of cases" id="pages">${
        first
          ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${first}" rel="prev" id="first-page"><span class="govuk-pagination__link-title">Back to the first page</span></a></div>`
          : ''
      }${next ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${next}" rel="next" id="next-page"><span class="govuk-pagination__link-title">Next page</span><span class="govuk-visually-hidden">:</span> <span class="govuk-pagination__link-label">cases due later</span></a></div>` : ''}</nav>`
    : ''
}`,
  );
  if (!res.ok) showProblems(main(), refusal(res), 'The caseload could not be loaded');
  document.getElementById('filters')?.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.target);
    const q = caseloadQuery({
      area: /** @type {HTMLSelectElement} */ (form.elements.namedItem('area')).value,
      risk: /** @type {HTMLSelectElement} */ (form.elements.namedItem('risk')).value,
      officer: /** @type {HTMLSelectElement} */ (form.elements.namedItem('officer')).value,
      overdue: /** @type {HTMLInputElement} */ (form.elements.namedItem('overdue')).checked,
    });
    location.assign(`index.html${q ? `?${q}` : ''}`);
  });
}
