// The case page's markup, in five parts an officer moves between with the contents list: summary and
// safety (danger, clocks, flags, what they asked of us, the case's details), contact, actions and
// referrals, risk, and the timeline. Pure (no DOM): case.mjs draws it, and test/console renders it
// for each association to check its policy words.
import { actionsSection } from './case-actions.mjs';
import { asksSection, contactSection } from './case-contact.mjs';
import { planForm, planVersions } from './case-contact-plan.mjs';
import { escalationsSection } from './case-escalations.mjs';
import { assignSection, closeSection, factsSection, holdingSection, incidentSection } from './case-household.mjs';
import { linkedSection } from './case-linked.mjs';
import { clockName, escalationWords, holdingWords, repeatMaracMadeWords, repeatMaracWords } from './case-policy.mjs';
import { c, isHidden, masked, pathwayTitle, pii, row } from './case-state.mjs';
import { timelineSection } from './case-timeline.mjs';
import { dashSection, pathwaySection, safetyPlanSection } from './case-work.mjs';
import { reportedByWords } from './contact-words.mjs';
import { closureOutcomeWords, DUTY_LABELS, RISK_LABELS, STATUS_LABELS } from './labels.mjs';
import { clockStatus, dangerBanner, durationWords, html, humanise, londonTime, riskTag } from './view.mjs';

/** @param {string | import('./view.mjs').Raw} text @param {string} [id] */
const warning = (text, id = '') =>
  html`<div class="govuk-warning-text"${id ? html` id="${id}"` : ''}><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> ${text}</strong></div>`;

/**
 * The staff-safety markers on this home (002 §6), set by any case at the address: staff only, never
 * the home's key. The case that set it is a link only when the reader may open it; otherwise the API
 * leaves its id out (`sourceCaseHidden`) and the page says so. @param {any} view
 */
function staffSafetyMarkers(view) {
  const active = (view.markers ?? []).filter((/** @type {any} */ m) => m.active && m.kind === 'staff-safety');
  return active.map((/** @type {any} */ m) => {
    const source =
      m.sourceCaseId && m.sourceCaseId !== view.caseId
        ? html` <a class="govuk-link" href="case.html?id=${encodeURIComponent(m.sourceCaseId)}">See the case that set it</a>.`
        : m.sourceCaseHidden
          ? ' It was set by a linked case you cannot open.'
          : '';
    return warning(
      html`Staff safety marker on this home: a risk to colleagues visiting. Follow the lone-working rules (002 §6). Set ${londonTime(m.setAt)}.${source}`,
      'staff-safety-marker',
    );
  });
}

/** A part of the page: its heading, a way back to the contents, then its sections. @param {string} id @param {string} title @param {unknown} body */
const part = (id, title, body) =>
  html`<section class="haven-case-part" id="part-${id}" aria-labelledby="part-${id}-heading">
<h2 class="govuk-heading-l haven-case-part__heading" id="part-${id}-heading">${title}</h2>
${body}
<p class="govuk-body-s haven-case-part__back"><a class="govuk-link" href="#contents-heading">Back to the contents</a></p></section>`;

/**
 * The parts of the page, each with its sections, for the contents list and the markup alike.
 * @returns {{ id: string, title: string, sections: { href: string, text: string }[] }[]}
 */
export function caseParts() {
  const view = c.view;
  const open = view.status === 'open';
  const worked = view.status !== 'signposted';
  const holding = holdingWords(c.data);
  /** @param {boolean} when @param {string} href @param {string} text */
  const s = (when, href, text) => (when ? [{ href, text }] : []);
  return [
    {
      id: 'summary',
      title: 'Summary and safety',
      sections: [
        { href: '#clocks-heading', text: 'Running clocks' },
        { href: '#asks-heading', text: 'What they asked of us' },
        { href: '#details-heading', text: 'About the case' },
        { href: '#linked-heading', text: 'Linked cases' },
      ],
    },
    {
      id: 'contact',
      title: 'Contact',
      sections: s(worked, '#contact-heading', 'Contact with the victim and the safe-contact plan'),
    },
    {
      id: 'actions',
      title: 'Actions and referrals',
      sections: [
        { href: '#actions-heading', text: 'Required actions, consent and referrals' },
        ...s(open && Boolean(c.data?.pathways), '#pathway-heading', 'Pathway'),
        ...s(open, '#plan-heading', 'Safety plan'),
        ...s(open && Boolean(holding), '#holding-heading', holding?.heading ?? ''),
        ...s(open, '#close-heading', 'Close the case'),
      ],
    },
    {
      id: 'risk',
      title: 'Risk',
      sections: [
        ...s(worked, '#incident-heading', 'Record a new incident'),
        ...s(open, '#facts-heading', 'Facts about the household'),
        ...s(open && Boolean(c.data?.dash), '#dash-heading', 'DASH risk checklist'),
      ],
    },
  ].filter((p) => p.id !== 'contact' || p.sections.length);
}

/**
 * The case page, from the case as read, the association's console data and who is signed in (kept in
 * case-state.mjs for the sections). @param {{ view: any, data: any, me: { sub: string, email?: string, seesAllCases?: boolean },
 *   revealed: boolean, offset: number, now: number }} o
 * revealed: names shown; offset: Haven's clock minus this browser's; now: Haven's now (epoch ms)
 */
export function casePage(o) {
  c.view = o.view;
  c.data = o.data;
  c.me = o.me;
  const view = c.view;
  const open = view.status === 'open';
  const worked = view.status !== 'signposted';
  const parts = caseParts();
  const seesAssign = Boolean(c.me.seesAllCases) && view.status !== 'closed';
  return html`${dangerBanner(view.immediateDanger, c.me.sub)}
<span class="govuk-caption-l">Case</span>
<h1 class="govuk-heading-l" id="page-heading">${view.reference}</h1>
<p class="govuk-body">${riskTag(view.facts?.risk ?? 'not-assessed')} <strong class="govuk-tag ${open ? 'govuk-tag--blue' : 'govuk-tag--grey'}" id="case-status">${STATUS_LABELS[view.status] ?? view.status}</strong></p>
${view.status === 'closed' ? html`<p class="govuk-body" id="case-closure-outcome"><strong>Why it closed:</strong> ${closureOutcomeWords(view.closureOutcome)}</p>` : ''}
<nav class="haven-case-contents govuk-!-margin-bottom-6" aria-labelledby="contents-heading"><h2 class="govuk-heading-s" id="contents-heading">On this page</h2>
<ol class="govuk-list haven-case-contents__list">${parts.map(
    (p) =>
      html`<li><a class="govuk-link govuk-!-font-weight-bold" href="#part-${p.id}-heading">${p.title}</a>${
        p.sections.length
          ? html`<ul class="govuk-list govuk-!-margin-left-4 govuk-!-margin-bottom-2">${p.sections.map((x) => html`<li><a class="govuk-link" href="${x.href}">${x.text}</a></li>`)}</ul>`
          : ''
      }</li>`,
  )}${seesAssign ? html`<li><a class="govuk-link govuk-!-font-weight-bold" href="#assign-heading">Assign an officer</a></li>` : ''}
<li><a class="govuk-link govuk-!-font-weight-bold" href="#timeline-heading">Timeline</a></li></ol></nav>
${part('summary', 'Summary and safety', summary(o))}
${worked ? part('contact', 'Contact', html`${contactSection(open)}${planVersions()}${planForm()}`) : ''}
${part('actions', 'Actions and referrals', html`${actionsSection(open)}${maracRoute()}${open ? html`${pathwaySection()}${safetyPlanSection()}${holdingSection()}${closeSection()}` : ''}`)}
${part('risk', 'Risk', html`${worked ? incidentSection() : ''}${open ? html`${factsSection()}${dashSection()}` : ''}${!worked ? html`<p class="govuk-body">The case was signposted: no risk checklist is done here.</p>` : ''}`)}
${seesAssign ? html`<section class="haven-case-part" id="part-assign" aria-labelledby="assign-heading">${assignSection()}</section>` : ''}
<section class="haven-case-part" id="part-timeline" aria-labelledby="timeline-heading">${timelineSection()}
<p class="govuk-body-s haven-case-part__back"><a class="govuk-link" href="#contents-heading">Back to the contents</a></p></section>`;
}

/** Danger, the running clocks, the case's flags, what they asked of us and the details. @param {{ revealed: boolean, offset: number, now: number }} o */
function summary(o) {
  const view = c.view;
  const r = view.report ?? {};
  const sc = r.safeContact ?? {};
  const own = view.reporterContact;
  const open = view.status === 'open';
  const areaName =
    c.data?.areas?.find((/** @type {{ id: string }} */ a) => a.id === view.facts?.area)?.name ??
    view.facts?.area ??
    'Not recorded';
  // The flag counts the case's own referrals: right after the first one it is no news, only when
  // another referral is due is that referral a repeat.
  const maracDue = (view.requiredActions ?? []).some(
    (/** @type {any} */ a) => a.duty === 'marac-referral' && a.status !== 'done' && a.status !== 'no-further-action',
  );
  const clocks = [...(view.clocks ?? [])].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  return html`<h3 class="govuk-heading-m" id="clocks-heading">Running clocks</h3>
${o.offset ? html`<div class="govuk-inset-text" id="clock-skew">This computer's clock is ${durationWords(Math.abs(o.offset))} ${o.offset > 0 ? 'behind' : 'ahead of'} Haven's. Due and overdue times here use Haven's clock.</div>` : ''}
${
  clocks.length
    ? html`<ul class="haven-clocks" id="clocks" aria-labelledby="clocks-heading">${clocks.map((k) => {
        const s = clockStatus(k.deadline, o.now, k.overdue);
        return html`<li class="haven-clock--${s.state}"><strong class="govuk-tag ${s.tagClass}">${s.text}</strong>
<span class="govuk-body govuk-!-font-weight-bold govuk-!-margin-left-2">${clockName(c.data, k.clock)}</span>
<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">${DUTY_LABELS[k.duty] ?? humanise(k.duty)}: due ${londonTime(k.deadline)}</span></li>`;
      })}</ul>`
    : html`<p class="govuk-body" id="clocks">No clocks are running${open ? '' : ': the case is not open'}.</p>`
}
${staffSafetyMarkers(view)}
${view.flags?.maracWouldRepeat && maracDue ? warning(repeatMaracWords(c.data)) : ''}
${view.flags?.repeatMarac ? warning(repeatMaracMadeWords(c.data), 'repeat-marac-made') : ''}
${view.flags?.dashDue && (view.dash || (view.incidents ?? []).length > 1) ? warning('A new incident was recorded: the DASH is due again.', 'dash-due') : ''}
${view.flags?.potentialEscalation ? warning(escalationWords(c.data)) : ''}
${escalationsSection()}
${asksSection()}
<h3 class="govuk-heading-m" id="details-heading">About the case</h3>
<p class="govuk-body"><button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="reveal" aria-pressed="${o.revealed ? 'true' : 'false'}">${o.revealed ? 'Hide names and contact details' : 'Show names and contact details'}</button></p>
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
${linkedSection()}`;
}

/**
 * How to refer to MARAC: the route core gives with the case view (`view.maracRoute`,
 * core/rules/marac-route.ts), null when no referral is required. With no known area, its words
 * and a link to the facts form where the area is recorded.
 */
function maracRoute() {
  /** @type {any} */
  const m = c.view.maracRoute;
  if (!m) return '';
  if (!m.area)
    return html`<div class="govuk-inset-text" id="marac-route"><p class="govuk-body">${m.words} <a class="govuk-link" href="#facts-form">Record the area</a>.</p></div>`;
  const link = (/** @type {string} */ url, /** @type {string} */ text) =>
    html`<a class="govuk-link" href="${url}" rel="noreferrer noopener" target="_blank">${text} (opens in new tab)</a>`;
  const contacts = (m.contacts ?? []).map(
    (/** @type {{ name: string, phone?: string, hours?: string }} */ k) =>
      html`<li>${k.name}${k.phone ? html`: <a class="govuk-link" href="tel:${k.phone.replace(/[^0-9+]/g, '')}">${k.phone}</a>` : ''}${k.hours ? ` (${k.hours})` : ''}</li>`,
  );
  return html`<div class="govuk-inset-text" id="marac-route"><h3 class="govuk-heading-s">How to refer: ${m.name}</h3>
<p class="govuk-body">${m.words}</p>
${m.url ? html`<p class="govuk-body">${link(m.url, `${m.name} referral`)}</p>` : ''}${m.dashFormUrl ? html`<p class="govuk-body">${link(m.dashFormUrl, 'DASH form')}</p>` : ''}${m.email ? html`<p class="govuk-body">Email <a class="govuk-link" href="mailto:${m.email}">${m.email}</a></p>` : ''}
${m.representedBy ? html`<p class="govuk-body">Represented at MARAC by ${m.representedBy}.</p>` : ''}${m.notes ? html`<p class="govuk-body">${m.notes}</p>` : ''}${contacts.length ? html`<ul class="govuk-list" id="marac-contacts">${contacts}</ul>` : ''}</div>`;
}
