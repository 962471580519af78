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
    .map(
      (a) =>
        `<li><a class="govuk-link" href="/${esc(a.id)}/report">${esc(a.name)}: report form</a> <span class="govuk-hint govuk-!-display-inline">/${esc(a.id)}/api/…</span></li>`,
    )
    .join('');
  return page(
    'Haven',
    `<h1 class="govuk-heading-l">Haven on this machine</h1><ul class="govuk-list">${rows}</ul>
<h2 class="govuk-heading-m">Local tools</h2><ul class="govuk-list"><li><a class="govuk-link" href="/local/mailbox">Mailbox (emails Haven sent)</a></li>
<li><a class="govuk-link" href="/local/clock">Clock (see and move Haven’s time)</a></li>
<li><a class="govuk-link" href="/console/">Staff console</a></li><li><a class="govuk-link" href="/health">Health</a></li><li><a class="govuk-link" href="/local/whoami">Who am I signed in as</a></li></ul>
<p class="govuk-body">Staff sign-in links are printed in the terminal that runs <code>npm start</code>.</p>`,
  );
}

/** The local mailbox: what aws-ses-v2-local holds (GET /store), newest first. */
export function mailboxPage(emails: readonly StoredEmail[]): string {
  const items = [...emails]
    .sort((a, b) => b.at - a.at)
    .map(
      (
        m,
      ) => `<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper"><h2 class="govuk-summary-card__title">${esc(m.subject)}</h2></div>
<div class="govuk-summary-card__content"><dl class="govuk-summary-list">
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">To</dt><dd class="govuk-summary-list__value">${esc([...m.destination.to, ...m.destination.cc].join(', '))}</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">From</dt><dd class="govuk-summary-list__value">${esc(m.from)}</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Sent</dt><dd class="govuk-summary-list__value">${esc(new Date(m.at * 1000).toISOString())}</dd></div>
</dl><pre class="govuk-body-s" style="white-space:pre-wrap">${esc(m.body.text ?? (m.body.html ?? '').replace(/<[^>]+>/g, ' '))}</pre></div></div>`,
    )
    .join('');
  return page(
    'Mailbox',
    `<h1 class="govuk-heading-l">Mailbox</h1><p class="govuk-body">${emails.length} email${emails.length === 1 ? '' : 's'} sent by Haven on this machine.</p>${items}`,
  );
}

/** Who the staff cookie says you are, and the bearer token for curl. */
export function whoamiPage(
  who: { claims: Record<string, unknown>; token: string; associationId: string } | undefined,
): string {
  if (!who)
    return page(
      'Not signed in',
      `<h1 class="govuk-heading-l">Not signed in</h1><p class="govuk-body">Use a sign-in link printed by <code>npm start</code>.</p>`,
    );
  const rows = Object.entries(who.claims)
    .map(
      ([k, v]) =>
        `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(k)}</dt><dd class="govuk-summary-list__value">${esc(JSON.stringify(v))}</dd></div>`,
    )
    .join('');
  return page(
    'Signed in',
    `<h1 class="govuk-heading-l">Signed in to ${esc(who.associationId)}</h1><dl class="govuk-summary-list">${rows}</dl>
<p class="govuk-body">Staff API: <a class="govuk-link" href="/${esc(who.associationId)}/api/cases">/${esc(who.associationId)}/api/cases</a>, <a class="govuk-link" href="/${esc(who.associationId)}/api/figures">/${esc(who.associationId)}/api/figures</a></p>
<h2 class="govuk-heading-s">Bearer token (for curl)</h2><pre class="govuk-body-s" style="white-space:pre-wrap;word-break:break-all">${esc(who.token)}</pre>
<form method="post" action="/local/sign-out"><button class="govuk-button govuk-button--secondary" type="submit">Sign out</button></form>`,
  );
}

/** What the clock page shows. */
export interface ClockPageView {
  now: Date;
  virtual: boolean;
  speed: number;
  csrfToken: string;
  /** After a jump: how far the clock moved and how many emails were sent on the way. */
  moved?: { ms: number; sent: number };
  /** A refused jump: what was wrong. */
  error?: string;
  /** What was typed in the date box (shown again after an error). */
  to?: string;
}

const london = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);

/** The local clock: Haven's now, and jumps of an hour, a day, a week or to an instant (firing every clock due on the way). */
export function clockPage(v: ClockPageView, words: (ms: number) => string): string {
  const errorSummary = v.error
    ? `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#to">${esc(v.error)}</a></li></ul></div></div></div>`
    : '';
  const banner = v.moved
    ? `<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="moved-title"><div class="govuk-notification-banner__header">
<h2 class="govuk-notification-banner__title" id="moved-title">Success</h2></div><div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading">Moved on ${esc(words(v.moved.ms))}. ${v.moved.sent} email${v.moved.sent === 1 ? '' : 's'} sent on the way (<a class="govuk-notification-banner__link" href="/local/mailbox">mailbox</a>).</p></div></div>`
    : '';
  const mode = v.virtual
    ? `Virtual clock, running at ${v.speed > 0 ? `${v.speed} × real time` : 'a standstill between jumps'}.`
    : 'Real clock: start Haven with <code>npm start -- --clock virtual</code> to move time.';
  const hidden = `<input type="hidden" name="csrfToken" value="${esc(v.csrfToken)}">`;
  const jumps = [
    ['1h', 'Jump 1 hour'],
    ['1d', 'Jump 1 day'],
    ['1w', 'Jump 1 week'],
  ]
    .map(
      ([value, label]) =>
        `<button class="govuk-button govuk-button--secondary" data-module="govuk-button" type="submit" name="jump" value="${value}">${label}</button>`,
    )
    .join(' ');
  const disabled = v.virtual ? '' : ' disabled';
  return page(
    v.error ? 'Error: Clock' : 'Clock',
    `${errorSummary}${banner}<h1 class="govuk-heading-l">Haven’s clock</h1>
<dl class="govuk-summary-list"><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Now (London)</dt><dd class="govuk-summary-list__value" id="now-london">${esc(london(v.now))}</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Now (UTC)</dt><dd class="govuk-summary-list__value"><time id="now" datetime="${esc(v.now.toISOString())}">${esc(v.now.toISOString())}</time></dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Clock</dt><dd class="govuk-summary-list__value">${mode}</dd></div></dl>
<p class="govuk-body">Moving the clock fires every deadline and escalation that falls due on the way, in order, as if the time had passed.</p>
<form method="post" action="/local/clock" novalidate>${hidden}<fieldset class="govuk-fieldset"${disabled}><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Jump ahead</legend>
<div class="govuk-button-group">${jumps}</div></fieldset></form>
<form method="post" action="/local/clock" novalidate>${hidden}<fieldset class="govuk-fieldset"${disabled}><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Jump to a date and time</legend>
<div class="govuk-form-group${v.error ? ' govuk-form-group--error' : ''}"><label class="govuk-label" for="to">Date and time</label>
<div id="to-hint" class="govuk-hint">In UTC unless you give a zone, for example 2026-12-01T09:00Z</div>
${v.error ? `<p id="to-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${esc(v.error)}</p>` : ''}
<input class="govuk-input govuk-input--width-20${v.error ? ' govuk-input--error' : ''}" id="to" name="to" type="text" spellcheck="false" autocomplete="off" aria-describedby="to-hint${v.error ? ' to-error' : ''}" value="${esc(v.to ?? '')}"></div>
<button class="govuk-button" data-module="govuk-button" type="submit">Jump to this time</button></fieldset></form>
<p class="govuk-body">From a terminal: <code>npm run clock -- +25h</code> or <code>npm run clock -- --to 2026-12-01T09:00Z</code>.</p>
<p class="govuk-body"><a class="govuk-link" href="/">Back to Haven on this machine</a></p>`,
  );
}

/** The clock page's answer to a refused jump. */
export function clockRefusedPage(reason: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not allowed - Haven on this machine</title><link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper"><h1 class="govuk-heading-l">The clock was not moved</h1>
<p class="govuk-body">${esc(reason)}</p><p class="govuk-body"><a class="govuk-link" href="/local/clock">Back to the clock</a></p></main></div></body></html>`;
}
