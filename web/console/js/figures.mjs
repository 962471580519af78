// The figures the association reports (001 §7, 000) for a chosen period: headline measures, counts by
// area, abuse type, quarter and risk as bars with their values in text and as tables, and a CSV.

import { REPORTER_LABELS, RISK_LABELS } from './labels.mjs';
import { api, associationData, main, messagePage, refusal, render, showProblems, startPage } from './shell.mjs';
import { barRows, financialYearOf, html, humanise, shareWords } from './view.mjs';

const session = await startPage({ current: 'figures' });
if (session && !session.staff.seesFigures)
  messagePage('You cannot see the figures', 'The figures are for managers, the safeguarding lead and the board.');
else if (session) await show(session);

/** @param {NonNullable<typeof session>} session */
async function show(session) {
  const data = await associationData(session.associationId);
  const params = new URLSearchParams(location.search);
  const year = financialYearOf(Date.now());
  const period = {
    from: params.get('from') || year.from,
    to: params.get('to') || year.to,
    area: params.get('area') || '',
  };
  const areaName = (/** @type {string} */ id) =>
    data?.areas?.find((/** @type {{ id: string }} */ a) => a.id === id)?.name ?? humanise(id);
  const q = new URLSearchParams({ from: period.from, to: period.to, ...(period.area ? { area: period.area } : {}) });
  const res = await api(session, `/api/figures?${q}`);
  const f = res.ok ? res.body : undefined;
  const unavailable = new Set(f?.unavailable ?? []);
  /** @param {string} key @param {string} title @param {string} value @param {string} [note] */
  const measure = (
    key,
    title,
    value,
    note,
  ) => html`<div class="govuk-grid-column-one-half"><div class="haven-measure" id="measure-${key}">
<h3 class="govuk-heading-s govuk-!-margin-bottom-1">${title}</h3><p class="govuk-heading-l haven-value">${value}</p>${note ? html`<p class="govuk-body-s">${note}</p>` : ''}</div></div>`;
  /** @param {string} key @param {any} s */
  const shareValue = (key, s) => (unavailable.has(key) ? 'Not available yet' : shareWords(s));
  const notKept = 'Haven does not keep the facts for this measure in its figures index yet.';

  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">Figures</h1>
<p class="govuk-body">The measures ${data?.name ?? 'the association'} reports (policy 001 §7 and 000). Counts only: nothing here identifies a person or a case.</p>
<form id="period" novalidate class="govuk-!-margin-bottom-6"><div class="govuk-grid-row">
<div class="govuk-grid-column-one-third"><div class="govuk-form-group"><label class="govuk-label" for="from">From</label><input class="govuk-input" id="from" name="from" type="date" value="${period.from}"></div></div>
<div class="govuk-grid-column-one-third"><div class="govuk-form-group"><label class="govuk-label" for="to">To</label><input class="govuk-input" id="to" name="to" type="date" value="${period.to}"></div></div>
<div class="govuk-grid-column-one-third"><div class="govuk-form-group"><label class="govuk-label" for="area">Area</label><select class="govuk-select govuk-!-width-full" id="area" name="area"><option value="">All areas</option>${(
      data?.areas ?? []
    ).map(
      (/** @type {{ id: string, name: string }} */ a) =>
        html`<option value="${a.id}"${a.id === period.area ? html` selected` : ''}>${a.name}</option>`,
    )}</select></div></div></div>
<div class="govuk-button-group"><button type="submit" class="govuk-button" data-module="govuk-button">Show figures</button>
${f ? html`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="csv">Download as CSV</button>` : ''}</div></form>
${
  f
    ? html`<h2 class="govuk-heading-m" id="period-heading">${period.from} to ${period.to}${period.area ? html`, ${areaName(period.area)}` : ''}</h2>
<p class="govuk-body-s">As at ${new Date(f.asAt).toLocaleString('en-GB', { timeZone: 'Europe/London' })}.</p>
<div class="govuk-grid-row">
${measure('reportsReceived', 'Reports received', String(f.reportsReceived), 'Every report, including those signposted elsewhere.')}
${measure('cases', 'Cases opened', String(f.cases), 'Reports about people living in our homes.')}
${measure('initialContactWithinClock', 'Initial contact within the time limit', shareValue('initialContactWithinClock', f.initialContactWithinClock), unavailable.has('initialContactWithinClock') ? notKept : 'Target 100%.')}
${measure('dashAttempted', 'DASH attempted and recorded', shareValue('dashAttempted', f.dashAttempted), unavailable.has('dashAttempted') ? notKept : undefined)}
${measure('contactAtLeastFortnightly', 'Contact at least fortnightly', shareValue('contactAtLeastFortnightly', f.contactAtLeastFortnightly), unavailable.has('contactAtLeastFortnightly') ? notKept : undefined)}
${measure('specialistReferralOfferedWhereConsent', 'Offered a specialist referral where consent was given', shareValue('specialistReferralOfferedWhereConsent', f.specialistReferralOfferedWhereConsent), unavailable.has('specialistReferralOfferedWhereConsent') ? notKept : undefined)}
${measure('openOverHoldingLimit', 'Open cases over 21 days', f.openOverHoldingLimit ? `${f.openOverHoldingLimit.over} of ${f.openOverHoldingLimit.open} open` : 'Not measured', 'Open now, whenever reported; paused time left out.')}
${typeof f.openWithoutSafeWay === 'number' ? measure('openWithoutSafeWay', 'Open cases with no safe way to reach the victim', String(f.openWithoutSafeWay), 'Open now: no safe way known, or no direct contact and no agreed way through someone.') : ''}
${measure('maracReferrals', 'MARAC referrals', unavailable.has('maracReferrals') || f.maracReferrals === null ? 'Not available yet' : String(f.maracReferrals), unavailable.has('maracReferrals') ? notKept : 'Made in the period.')}
</div>
${chart('byArea', 'Reports by area', f.byArea, areaName)}
${chart('byAbuseType', 'Reports by type of abuse', f.byAbuseType, humanise, 'A report may name more than one type.')}
${chart('byQuarter', 'Reports by quarter', f.byQuarter, (k) => k)}
${chart('byRisk', 'Reports by risk', f.byRisk, (k) => RISK_LABELS[k] ?? humanise(k))}
${f.byReporter ? chart('byReporter', 'Reports by who made them', f.byReporter, (k) => REPORTER_LABELS[k] ?? humanise(k), 'The person experiencing abuse, or someone else on their behalf (a neighbour, family, a colleague, a contractor).') : ''}`
    : ''
}`,
  );
  if (!res.ok)
    showProblems(
      main(),
      res.status === 403 ? ['Your role does not allow you to see the figures.'] : refusal(res),
      'The figures could not be shown',
    );

  document.getElementById('period')?.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.target);
    const next = new URLSearchParams();
    for (const name of ['from', 'to', 'area']) {
      const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
      if (value) next.set(name, value);
    }
    location.assign(`figures.html?${next}`);
  });
  document.getElementById('csv')?.addEventListener('click', async () => {
    const csv = await api(session, `/api/figures?${q}&format=csv`, { accept: 'text/csv' });
    if (!csv.ok) return showProblems(main(), refusal(csv), 'The CSV could not be made');
    const url = URL.createObjectURL(new Blob([csv.text], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `figures-${period.from}-to-${period.to}${period.area ? `-${period.area}` : ''}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
}

/**
 * A bar chart (inline SVG, each bar with its value written beside it) and the same counts as a table.
 * @param {string} key @param {string} title @param {Record<string, number>} counts @param {(k: string) => string} label @param {string} [note]
 */
function chart(key, title, counts, label, note) {
  const rows = barRows(counts ?? {}, label);
  const rowHeight = 44;
  const width = 640;
  const barMax = 520;
  return html`<h2 class="govuk-heading-m" id="${key}-heading">${title}</h2>${note ? html`<p class="govuk-body-s">${note}</p>` : ''}
${
  rows.length
    ? html`<svg class="haven-chart" id="${key}-chart" viewBox="0 0 ${width} ${rows.length * rowHeight + 4}" width="${width}" height="${rows.length * rowHeight + 4}" aria-hidden="true" focusable="false">
${rows.map((r, i) => {
  const y = i * rowHeight;
  const w = Math.max(r.value > 0 ? 2 : 0, (r.width / 100) * barMax);
  return html`<text x="0" y="${y + 16}">${r.label}</text><rect class="haven-bar-track" x="0" y="${y + 22}" width="${barMax}" height="16"></rect><rect class="haven-bar" x="0" y="${y + 22}" width="${w.toFixed(1)}" height="16"></rect><text x="${barMax + 10}" y="${y + 36}">${String(r.value)}</text>`;
})}</svg>`
    : ''
}
<table class="govuk-table" id="${key}-table"><caption class="govuk-table__caption govuk-table__caption--s">${title}: the numbers</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">${key === 'byArea' ? 'Area' : key === 'byQuarter' ? 'Quarter' : key === 'byRisk' ? 'Risk' : key === 'byReporter' ? 'Made by' : 'Type'}</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Reports</th></tr></thead>
<tbody class="govuk-table__body">${rows.map((r) => html`<tr class="govuk-table__row" data-figure="${key}" data-key="${r.key}"><th scope="row" class="govuk-table__header">${r.label}</th><td class="govuk-table__cell govuk-table__cell--numeric">${String(r.value)}</td></tr>`)}</tbody></table>`;
}
