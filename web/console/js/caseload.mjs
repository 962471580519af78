// The caseload as a work queue: open cases in immediate danger first, then overdue (most overdue first),
// then high risk, then due soonest, as the API orders them; each with its next clock in words and colour,
// how many more clocks are overdue, its next action (what, whose, when) and its flags; filtered by area,
// risk, overdue and officer (or nobody), 50 to a page. A search by reference (the API records it on the
// case's timeline) and the closed cases. Officers see their areas (and every case assigned to them);
// managers and the safeguarding lead all the team's.

import { closureOutcomeWords, DUTY_LABELS, RISK_LABELS } from './labels.mjs';
import { api, associationData, main, messagePage, refusal, render, showProblems, startPage } from './shell.mjs';
import {
  caseloadQuery,
  clockStatus,
  dangerTag,
  html,
  humanise,
  londonTime,
  nextClockWords,
  riskTag,
  serverOffset,
} from './view.mjs';

const SELECTED = html` selected`;
const CHECKED = html` checked`;
/** The officer filter's value for cases nobody holds (the API's `unassigned=true`). */
const NOBODY = 'unassigned';

const session = await startPage({ current: 'caseload' });
if (session && !session.staff.worksCases) location.replace('figures.html');
else if (session) await show(session);

/** The flags of a caseload row as tags, words first (colour is never the only signal). @param {any} i */
function flagTags(i) {
  const f = i.flags ?? {};
  const tags = [
    f.repeatMarac ? html`<li><strong class="govuk-tag govuk-tag--purple">Repeat MARAC</strong></li>` : '',
    f.children ? html`<li><strong class="govuk-tag govuk-tag--blue">Children</strong></li>` : '',
    f.staffSafety ? html`<li><strong class="govuk-tag govuk-tag--yellow">Staff safety marker</strong></li>` : '',
  ].filter((t) => t !== '');
  return tags.length ? html`<ul class="govuk-list govuk-!-margin-bottom-0">${tags}</ul>` : 'None';
}

/**
 * The next action in words: the duty, who owns it (the assigned officer for a case officer's duty), and when it is due.
 * @param {any} i @param {(sub: string) => string} officerName
 */
function nextActionCell(i, officerName) {
  const a = i.nextAction;
  if (!a) return i.flags ? 'Nothing open' : 'Not known yet';
  const owner = a.owner === 'case-officer' && i.assignedOfficer ? officerName(i.assignedOfficer) : humanise(a.owner);
  return html`<span class="haven-next-action">${DUTY_LABELS[a.duty] ?? humanise(a.duty)}</span><span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">${owner}${a.dueAt ? html`, due ${londonTime(a.dueAt)}` : ', no clock running'}</span>`;
}

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
  const closed = params.get('status') === 'closed';
  const filters = {
    area: params.get('area') ?? '',
    risk: params.get('risk') ?? '',
    overdue: params.get('overdue') === 'true',
    officer: params.get('unassigned') === 'true' ? NOBODY : (params.get('officer') ?? ''),
  };
  const heading = closed ? 'Closed cases' : session.staff.seesAllCases ? "Your team's open cases" : 'Your open cases';
  document.title = `${heading} - Haven staff console`;

  const cursor = params.get('cursor') ?? '';
  const query = (/** @type {string} */ c) => {
    const q = new URLSearchParams(caseloadQuery({ ...filters, officer: '', cursor: c }));
    if (filters.officer === NOBODY) q.set('unassigned', 'true');
    else if (filters.officer) q.set('officer', filters.officer);
    if (closed) q.set('status', 'closed');
    return q.toString();
  };
  const res = await api(session, `/api/cases${query(cursor) ? `?${query(cursor)}` : ''}`);
  if (res.status === 403) return messagePage('You cannot see cases', 'Your role lets you see the figures only.');
  // In the API's order: the work queue's order is Haven's (danger, overdue, high risk, due soonest).
  /** @type {any[]} */
  const items = res.ok ? (res.body.items ?? []) : [];
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
    ...new Set([
      ...items.map((i) => i.assignedOfficer).filter(Boolean),
      ...(filters.officer && filters.officer !== NOBODY ? [filters.officer] : []),
    ]),
  ];
  const officerName = (/** @type {string} */ sub) =>
    sub === session.staff.sub ? 'You' : (emails.get(sub) ?? `Officer ${sub.slice(0, 8)}`);
  const next = res.ok && typeof res.body.cursor === 'string' ? `index.html?${query(res.body.cursor)}` : undefined;
  const first = cursor ? `index.html${query('') ? `?${query('')}` : ''}` : undefined;
  const views = html`<nav class="govuk-!-margin-bottom-4" aria-label="Caseload views" id="caseload-views"><ul class="govuk-list">
<li><a class="govuk-link" href="index.html"${closed ? '' : html` aria-current="page"`}>Open cases</a></li>
<li><a class="govuk-link" href="index.html?status=closed" id="closed-link"${closed ? html` aria-current="page"` : ''}>Closed cases</a></li></ul></nav>
<form class="govuk-!-margin-bottom-6" id="search-form" novalidate>
<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="search-reference">Find a case by its reference</label>
<div class="govuk-hint" id="search-reference-hint">${referenceExample(res.ok ? res.body.items : [])} Each search is recorded on the case.</div>
<input class="govuk-input govuk-input--width-10" id="search-reference" name="reference" type="text" spellcheck="false" autocomplete="off" aria-describedby="search-reference-hint"></div>
<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Find case</button>
<div id="search-result" role="status"></div></form>`;

  const openTable = html`<table class="govuk-table haven-stack" id="caseload">
<caption class="govuk-table__caption govuk-table__caption--m">Open cases: immediate danger first, then overdue, then high risk, then soonest due</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Case</th><th scope="col" class="govuk-table__header">Next clock</th>
<th scope="col" class="govuk-table__header">Next action</th><th scope="col" class="govuk-table__header">Flags</th>
<th scope="col" class="govuk-table__header">Risk</th><th scope="col" class="govuk-table__header">Area</th>
<th scope="col" class="govuk-table__header">Officer</th></tr></thead>
<tbody class="govuk-table__body">${items.map((i) => {
    const c = clockStatus(i.nextDueAt, now, i.overdue);
    const more = (i.overdueClocks ?? 0) - 1;
    return html`<tr class="govuk-table__row${c.state === 'overdue' || i.immediateDanger ? ' haven-row--overdue' : ''}" data-case-id="${i.caseId}">
<th scope="row" class="govuk-table__header"><a class="govuk-link" href="case.html?id=${encodeURIComponent(i.caseId)}">${i.reference}</a>${i.immediateDanger ? html` ${dangerTag(i)}` : ''}<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Reported ${londonTime(i.reportedAt)}</span></th>
<td class="govuk-table__cell" data-label="Next clock"><strong class="govuk-tag ${c.tagClass}">${c.text}</strong>${
      i.nextClock
        ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0 haven-next-clock">${nextClockWords(i.nextClock)}</span>`
        : ''
    }${i.nextDueAt ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${londonTime(i.nextDueAt)}</span>` : ''}${
      more > 0
        ? html`<strong class="govuk-body-s govuk-!-font-weight-bold govuk-!-display-block govuk-!-margin-bottom-0 haven-more-overdue">+${more} more overdue</strong>`
        : ''
    }</td>
<td class="govuk-table__cell" data-label="Next action">${nextActionCell(i, officerName)}</td>
<td class="govuk-table__cell" data-label="Flags">${flagTags(i)}</td>
<td class="govuk-table__cell" data-label="Risk">${riskTag(i.risk)}</td>
<td class="govuk-table__cell" data-label="Area">${areaName(i.area)}</td>
<td class="govuk-table__cell" data-label="Officer">${i.assignedOfficer ? officerName(i.assignedOfficer) : 'Not assigned'}</td></tr>`;
  })}</tbody></table>`;

  const closedTable = html`<table class="govuk-table haven-stack" id="closed-cases">
<caption class="govuk-table__caption govuk-table__caption--m">Cases closed in the last 12 months, newest first</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Case</th><th scope="col" class="govuk-table__header">Closed</th>
<th scope="col" class="govuk-table__header">Outcome</th>
<th scope="col" class="govuk-table__header">Reported</th><th scope="col" class="govuk-table__header">Risk</th>
<th scope="col" class="govuk-table__header">Area</th><th scope="col" class="govuk-table__header">Officer</th></tr></thead>
<tbody class="govuk-table__body">${items.map(
    (i) => html`<tr class="govuk-table__row" data-case-id="${i.caseId}">
<th scope="row" class="govuk-table__header"><a class="govuk-link" href="case.html?id=${encodeURIComponent(i.caseId)}">${i.reference}</a></th>
<td class="govuk-table__cell" data-label="Closed">${i.closedAt ? londonTime(i.closedAt) : 'Not recorded'}</td>
<td class="govuk-table__cell" data-label="Outcome">${closureOutcomeWords(i.closureOutcome)}</td>
<td class="govuk-table__cell" data-label="Reported">${londonTime(i.reportedAt)}</td>
<td class="govuk-table__cell" data-label="Risk">${riskTag(i.risk)}</td>
<td class="govuk-table__cell" data-label="Area">${areaName(i.area)}</td>
<td class="govuk-table__cell" data-label="Officer">${i.assignedOfficer ? officerName(i.assignedOfficer) : 'Not assigned'}</td></tr>`,
  )}</tbody></table>`;

  const filterForm = html`<form class="govuk-!-margin-bottom-6" id="filters" novalidate>
<h2 class="govuk-heading-s">Filter cases</h2>
<div class="govuk-grid-row">
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><label class="govuk-label" for="filter-area">Area</label>
<select class="govuk-select govuk-!-width-full" id="filter-area" name="area"><option value="">All your areas</option>${areas.map((a) => html`<option value="${a.id}"${filters.area === a.id ? SELECTED : ''}>${a.name}</option>`)}</select></div></div>
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><label class="govuk-label" for="filter-risk">Risk</label>
<select class="govuk-select govuk-!-width-full" id="filter-risk" name="risk"><option value="">Any risk</option>${Object.entries(RISK_LABELS).map(([id, label]) => html`<option value="${id}"${filters.risk === id ? SELECTED : ''}>${label}</option>`)}</select></div></div>
<div class="govuk-grid-column-one-quarter"><div class="govuk-form-group"><label class="govuk-label" for="filter-officer">Officer</label>
<select class="govuk-select govuk-!-width-full" id="filter-officer" name="officer"><option value="">Anyone</option><option value="${session.staff.sub}"${filters.officer === session.staff.sub ? SELECTED : ''}>Assigned to me</option><option value="${NOBODY}"${filters.officer === NOBODY ? SELECTED : ''}>Not assigned</option>${officers
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
</form>`;

  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">${heading}</h1>
${views}
${
  closed
    ? html`<p class="govuk-body-l" id="caseload-summary">${items.length} closed case${items.length === 1 ? '' : 's'}${cursor || next ? ' on this page' : ''}.</p>`
    : html`<p class="govuk-body-l" id="caseload-summary">${items.length} open case${items.length === 1 ? '' : 's'}${cursor || next ? ' on this page' : ''}${
        overdue
          ? html`, <strong class="govuk-!-font-weight-bold">${overdue} with a clock overdue</strong>`
          : ', none overdue'
      }.</p>
${filterForm}`
}
${
  items.length
    ? closed
      ? closedTable
      : openTable
    : html`<p class="govuk-body" id="caseload-empty">No ${closed ? 'closed' : 'open'} cases match${closed ? '' : ' these filters'}${cursor ? ' on this page' : ''}.</p>`
}
${
  next || first
    ? html`<nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of cases" id="pages">${
        first
          ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${first}" rel="prev" id="first-page"><span class="govuk-pagination__link-title">Back to the first page</span></a></div>`
          : ''
      }${next ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${next}" rel="next" id="next-page"><span class="govuk-pagination__link-title">Next page</span><span class="govuk-visually-hidden">:</span> <span class="govuk-pagination__link-label">${closed ? 'cases closed earlier' : 'cases due later'}</span></a></div>` : ''}</nav>`
    : ''
}`,
  );
  if (!res.ok) showProblems(main(), refusal(res), 'The caseload could not be loaded');
  document.getElementById('filters')?.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.target);
    const officer = /** @type {HTMLSelectElement} */ (form.elements.namedItem('officer')).value;
    const q = new URLSearchParams(
      caseloadQuery({
        area: /** @type {HTMLSelectElement} */ (form.elements.namedItem('area')).value,
        risk: /** @type {HTMLSelectElement} */ (form.elements.namedItem('risk')).value,
        officer: officer === NOBODY ? '' : officer,
        overdue: /** @type {HTMLInputElement} */ (form.elements.namedItem('overdue')).checked,
      }),
    );
    if (officer === NOBODY) q.set('unassigned', 'true');
    location.assign(`index.html${q.toString() ? `?${q}` : ''}`);
  });
  document.getElementById('search-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    search(session);
  });
}

/** Looks a reference up (never put in this page's address) and shows what was found. @param {NonNullable<typeof session>} session */
async function search(session) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById('search-reference'));
  const out = document.getElementById('search-result');
  const reference = input.value.trim();
  if (!reference) {
    render(out, html`<p class="govuk-error-message" id="search-message">Enter a case reference</p>`);
    return;
  }
  const res = await api(session, `/api/cases?${new URLSearchParams({ reference })}`);
  /** @type {any} */
  const found = res.ok ? res.body.items?.[0] : undefined;
  if (found)
    render(
      out,
      html`<p class="govuk-body" id="search-message">Found: <a class="govuk-link" id="search-found" href="case.html?id=${encodeURIComponent(found.caseId)}">${found.reference}</a> (${found.status === 'open' ? 'open' : humanise(found.status)}).</p>`,
    );
  else if (res.status === 400)
    render(
      out,
      html`<p class="govuk-error-message" id="search-message">Enter a case reference as the reporter was given it: letters, numbers and hyphens</p>`,
    );
  else if (res.ok)
    render(out, html`<p class="govuk-body" id="search-message">No case you can see has that reference.</p>`);
  else
    render(out, html`<p class="govuk-error-message" id="search-message">The search could not be done: try again</p>`);
}

/**
 * An example reference in this association's own prefix (read from a case it lists: references carry
 * the association's `referencePrefix`), or a neutral hint when none is listed.
 * @param {unknown} items
 */
function referenceExample(items) {
  const first = Array.isArray(items) ? items.find((i) => typeof i?.reference === 'string') : undefined;
  const prefix = first ? /^([A-Z0-9]+)-/.exec(first.reference)?.[1] : undefined;
  return prefix
    ? `For example, ${prefix}-AB12-CD34.`
    : 'The reference the reporter was given, in letters, numbers and hyphens.';
}
