// What every console page shares: the signed-in check, the service navigation, calls to the staff API,
// error summaries, and the inactivity timeout with its warning (GOV.UK timeout warning pattern).
import {
  currentReturnTarget,
  currentSession,
  lastActive,
  markActive,
  pageUrl,
  signOut,
  takeReturn,
} from './session.mjs';
import { roleWords } from './staff.mjs';
import { durationWords, html, problemsOf, Raw } from './view.mjs';

/** @typedef {NonNullable<Awaited<ReturnType<typeof currentSession>>>} Session */

/** Puts trusted markup into an element. @param {Element | null} el @param {Raw} markup */
export function render(el, markup) {
  if (el) el.innerHTML = markup.value;
}

/** The page's main element. */
export const main = () => /** @type {HTMLElement} */ (document.getElementById('main-content'));

/** A full-page message (no access, not found, failed), focusing its heading. @param {string} heading @param {Raw | string} body */
export function messagePage(heading, body) {
  document.title = `${heading} - Haven staff console`;
  render(
    main(),
    html`<h1 class="govuk-heading-l" tabindex="-1" id="page-heading">${heading}</h1>${body instanceof Raw ? body : html`<p class="govuk-body">${body}</p>`}`,
  );
}

/** An error summary listing problems; each item links to a field when one is given. @param {{ text: string, href?: string }[]} items @param {string} [title] */
export function errorSummary(items, title = 'There is a problem') {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
<h2 class="govuk-error-summary__title">${title}</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
${items.map((i) => html`<li>${i.href ? html`<a href="${i.href}">${i.text}</a>` : i.text}</li>`)}</ul></div></div></div>`;
}

/** Shows an error summary at the top of a container and moves focus to it. @param {Element} where @param {string[]} problems @param {string} [title] */
export function showProblems(where, problems, title) {
  const box = document.createElement('div');
  render(
    box,
    errorSummary(
      problems.map((text) => ({ text })),
      title,
    ),
  );
  where.querySelector(':scope > .govuk-error-summary')?.remove();
  const summary = /** @type {HTMLElement} */ (box.firstElementChild);
  where.prepend(summary);
  summary.setAttribute('tabindex', '-1');
  summary.focus();
}

/** Removes an error summary shown by showProblems. @param {Element} where */
export function clearProblems(where) {
  where.querySelector(':scope > .govuk-error-summary')?.remove();
}

/**
 * Calls the staff API. Commands send the version the officer read as If-Match; a 401 means the
 * session ended, so the officer is sent to sign in again.
 * @param {Session} session @param {string} path @param {{ method?: string, body?: unknown, version?: number, accept?: string }} [o]
 * @returns {Promise<{ status: number, ok: boolean, body: any, text: string, headers: Headers }>}
 */
export async function api(session, path, o = {}) {
  markActive();
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${session.token}`, accept: o.accept ?? 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.version !== undefined) headers['if-match'] = `"${o.version}"`;
  const res = await fetch(`${session.apiBase}${path}`, {
    method: o.method ?? 'GET',
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const text = await res.text();
  let body;
  try {
    body = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.status === 401) {
    const back = currentReturnTarget();
    location.assign(`${pageUrl('sign-in.html')}?expired=1${back ? `&return=${encodeURIComponent(back)}` : ''}`);
  }
  return { status: res.status, ok: res.ok, body, text, headers: res.headers };
}

/** The problems of a refused call, in words. @param {{ status: number, body: any }} res */
export function refusal(res) {
  if (res.status === 409 && !res.body?.fields?.some((/** @type {{ field: string }} */ f) => f.field === 'case'))
    return [
      'Someone else changed this case since you opened it. Your change was not saved: the page now shows the latest version, check it and try again.',
    ];
  if (res.status >= 500)
    return [
      `Haven could not do that just now. Try again; if it keeps happening, give IT this reference: ${res.body?.correlationId ?? 'none'}`,
    ];
  return problemsOf(res.body ?? {});
}

/**
 * Starts a console page: checks who is signed in (else to sign-in), draws the navigation for their
 * role and starts the inactivity timeout. Not signed in, the reader is sent to sign in and brought
 * back to this page (a case link in an escalation email survives the sign-in); signed in with a
 * return still waiting (a sign-in link opened in this tab), they go there.
 * @param {{ current: 'caseload' | 'tasks' | 'figures' | 'case' | 'alerts' }} o
 * @returns {Promise<Session | undefined>}
 */
export async function startPage(o) {
  const session = await currentSession();
  if (!session) {
    const back = currentReturnTarget();
    location.replace(`${pageUrl('sign-in.html')}${back ? `?return=${encodeURIComponent(back)}` : ''}`);
    return undefined;
  }
  const waiting = takeReturn();
  if (waiting && waiting !== currentReturnTarget()) {
    location.replace(pageUrl(waiting));
    return undefined;
  }
  drawNavigation(session, o.current);
  startInactivityTimeout(session);
  return session;
}

/** @param {Session} session @param {string} current */
function drawNavigation(session, current) {
  const nav = document.getElementById('navigation');
  /** @type {{ id: string, href: string, text: string }[]} */
  const items = [];
  if (session.staff.worksCases) items.push({ id: 'caseload', href: pageUrl('index.html'), text: 'Caseload' });
  if (session.staff.worksCases) items.push({ id: 'tasks', href: pageUrl('tasks.html'), text: 'My tasks' });
  if (session.staff.worksCases) items.push({ id: 'alerts', href: pageUrl('alerts.html'), text: 'Alerts' });
  if (session.staff.seesFigures) items.push({ id: 'figures', href: pageUrl('figures.html'), text: 'Figures' });
  render(
    nav,
    html`${items.map((i) =>
      i.id === current
        ? html`<li class="govuk-service-navigation__item govuk-service-navigation__item--active"><a class="govuk-service-navigation__link" href="${i.href}" aria-current="page"><strong class="govuk-service-navigation__active-fallback">${i.text}</strong></a></li>`
        : html`<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="${i.href}">${i.text}</a></li>`,
    )}<li class="govuk-service-navigation__item"><button type="button" class="haven-link-button govuk-service-navigation__link" id="sign-out">Sign out</button></li>`,
  );
  document.getElementById('sign-out')?.addEventListener('click', () => void signOut('user'));
  render(
    document.getElementById('signed-in-as'),
    html`Signed in as <strong>${session.staff.email || 'staff'}</strong> (${roleWords(session.staff.roles)}), ${session.associationId}`,
  );
}

/**
 * Signs the member of staff out after `idleMinutes` without activity, warning `warnMinutes` before in
 * a modal dialog that says how long is left and offers to stay signed in (GOV.UK timeout warning).
 * @param {Session} session
 */
function startInactivityTimeout(session) {
  const idleMs = session.config.idleMinutes * 60_000;
  const warnMs = Math.min(session.config.warnMinutes * 60_000, idleMs);
  const dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById('timeout-dialog'));
  const countdown = document.getElementById('timeout-countdown');
  const spoken = document.getElementById('timeout-spoken');
  if (!dialog) return;
  markActive();
  let lastSpoken = 0;
  const activity = () => {
    if (!dialog.open) markActive();
  };
  for (const type of ['keydown', 'mousedown', 'input', 'touchstart'])
    document.addEventListener(type, activity, { passive: true });
  document.getElementById('timeout-stay')?.addEventListener('click', () => {
    markActive();
    dialog.close();
  });
  document.getElementById('timeout-sign-out')?.addEventListener('click', () => void signOut('user'));
  // Escape would close the dialog without extending the session: treat it as "stay signed in".
  dialog.addEventListener('cancel', () => markActive());

  const tick = () => {
    const left = lastActive() + idleMs - Date.now();
    if (left <= 0) {
      clearInterval(timer);
      void signOut('timeout');
      return;
    }
    if (left <= warnMs) {
      const words =
        left < 60_000 ? `${Math.ceil(left / 1000)} seconds` : durationWords(Math.ceil(left / 60_000) * 60_000);
      if (countdown) countdown.textContent = words;
      if (!dialog.open) {
        dialog.showModal();
        lastSpoken = 0;
      }
      // Screen readers hear the time left now and then, not every second.
      if (spoken && Date.now() - lastSpoken >= 30_000) {
        spoken.textContent = `For your security, we will sign you out in ${words}.`;
        lastSpoken = Date.now();
      }
    } else if (dialog.open) dialog.close();
  };
  const timer = setInterval(tick, 1000);
  tick();
}

/** Reads a form's named values (checkbox → boolean, others → trimmed text). @param {HTMLFormElement} form */
export function formValues(form) {
  /** @type {Record<string, string | boolean>} */
  const out = {};
  for (const el of /** @type {HTMLCollectionOf<HTMLInputElement>} */ (form.elements)) {
    if (!el.name) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.type === 'radio') {
      if (el.checked) out[el.name] = el.value;
    } else out[el.name] = el.value.trim();
  }
  return out;
}

/** @type {Map<string, Promise<any>>} */
const dataCache = new Map();
/** The association's console data (areas, pathways, DASH questions): data/<id>.json. @param {string} associationId */
export function associationData(associationId) {
  if (!dataCache.has(associationId))
    dataCache.set(
      associationId,
      fetch(new URL(`../data/${associationId}.json`, import.meta.url)).then((r) => (r.ok ? r.json() : undefined)),
    );
  return /** @type {Promise<any>} */ (dataCache.get(associationId));
}
