import { esc } from '../functions/report-form/html.js';
import type { StoredEmail } from './ses.js';

/** A plain GOV.UK-styled page for the local-only tools (index, mailbox, who am I). */
function page(title: string, main: string): string {
  return `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>${esc(title)} - Haven on this machine</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
${main}</main></div></body></html>`;
}

/** The local start page: each association's report form and the local tools. */
export function indexPage(associations: readonly { id: string; name: string }[]): string {
  const rows = associations
    .map((a) => `<li><a class="govuk-link" href="/${esc(a.id)}/report">${esc(a.name)}: report form</a> <span class="govuk-hint govuk-!-display-inline">/${esc(a.id)}/api/…</span></li>`)
    .join('');
  return page(
    'Haven',
    `<h1 class="govuk-heading-l">Haven on this machine</h1><ul class="govuk-list">${rows}</ul>
<h2 class="govuk-heading-m">Local tools</h2><ul class="govuk-list"><li><a class="govuk-link" href="/local/mailbox">Mailbox (emails Haven sent)</a></li>
<li><a class="govuk-link" href="/health">Health</a></li><li><a class="govuk-link" href="/local/whoami">Who am I signed in as</a></li></ul>
<p class="govuk-body">Staff sign-in links are printed in the terminal that runs <code>npm start</code>.</p>`,
  );
}

/** The local mailbox: what aws-ses-v2-local holds (GET /store), newest first. */
export function mailboxPage(emails: readonly StoredEmail[]): string {
  const items = [...emails]
    .sort((a, b) => b.at - a.at)
    .map(
      (m) => `<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper"><h2 class="govuk-summary-card__title">${esc(m.subject)}</h2></div>
<div class="govuk-summary-card__content"><dl class="govuk-summary-list">
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">To</dt><dd class="govuk-summary-list__value">${esc([...m.destination.to, ...m.destination.cc].join(', '))}</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">From</dt><dd class="govuk-summary-list__value">${esc(m.from)}</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Sent</dt><dd class="govuk-summary-list__value">${esc(new Date(m.at * 1000).toISOString())}</dd></div>
</dl><pre class="govuk-body-s" style="white-space:pre-wrap">${esc(m.body.text ?? (m.body.html ?? '').replace(/<[^>]+>/g, ' '))}</pre></div></div>`,
    )
    .join('');
  return page('Mailbox', `<h1 class="govuk-heading-l">Mailbox</h1><p class="govuk-body">${emails.length} email${emails.length === 1 ? '' : 's'} sent by Haven on this machine.</p>${items}`);
}

/** Who the staff cookie says you are, and the bearer token for curl. */
export function whoamiPage(who: { claims: Record<string, unknown>; token: string; associationId: string } | undefined): string {
  if (!who) return page('Not signed in', `<h1 class="govuk-heading-l">Not signed in</h1><p class="govuk-body">Use a sign-in link printed by <code>npm start</code>.</p>`);
  const rows = Object.entries(who.claims)
    .map(([k, v]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(k)}</dt><dd class="govuk-summary-list__value">${esc(JSON.stringify(v))}</dd></div>`)
    .join('');
  return page(
    'Signed in',
    `<h1 class="govuk-heading-l">Signed in to ${esc(who.associationId)}</h1><dl class="govuk-summary-list">${rows}</dl>
<p class="govuk-body">Staff API: <a class="govuk-link" href="/${esc(who.associationId)}/api/cases">/${esc(who.associationId)}/api/cases</a>, <a class="govuk-link" href="/${esc(who.associationId)}/api/figures">/${esc(who.associationId)}/api/figures</a></p>
<h2 class="govuk-heading-s">Bearer token (for curl)</h2><pre class="govuk-body-s" style="white-space:pre-wrap;word-break:break-all">${esc(who.token)}</pre>
<form method="post" action="/local/sign-out"><button class="govuk-button govuk-button--secondary" type="submit">Sign out</button></form>`,
  );
}
