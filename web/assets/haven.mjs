// Haven's public pages: govuk-frontend components, and a visit that stays ONE history entry.
//
// Without this script every step is a form post the browser keeps in its history. With it:
// - every form post is sent with fetch() and the returned page's [data-haven-page] part (and its title)
//   is swapped into this one, so the browser never navigates and history gains nothing; an answer that
//   is not a page of the form (a gateway's JSON, no connection) leaves this page, its answers and Exit in
//   place, with an error summary saying what happened;
// - that one entry always reads the neutral home address (data-haven-home), never a query;
// - a link to another page replaces this entry (location.replace) instead of adding one, and an
//   in-page link (#id) moves focus without adding a "#id" entry;
// - Exit this page (the button, its skip link, Shift three times) replaces the entry with the
//   neutral page, so after Exit no Back press reaches Haven.
import {
  Button,
  Checkboxes,
  createAll,
  ErrorSummary,
  ExitThisPage,
  Radios,
  ServiceNavigation,
  SkipLink,
} from '../govuk-frontend.min.js';

const HOME = document.body.dataset.havenHome || window.location.pathname;

/**
 * GOV.UK's Exit this page sets location.href, which leaves this page one Back press away. A person whose
 * phone is checked needs it gone: location.replace swaps this history entry for the neutral page.
 */
class ReplacingExitThisPage extends ExitThisPage {
  exitPage() {
    if (this.$updateSpan) this.$updateSpan.textContent = '';
    document.body.classList.add('govuk-exit-this-page-hide-content');
    const overlay = document.createElement('div');
    overlay.className = 'govuk-exit-this-page-overlay';
    overlay.setAttribute('role', 'alert');
    overlay.textContent = 'Loading.';
    document.body.appendChild(overlay);
    this.$overlay = overlay;
    // Clear what was typed, so a restored page (back-forward cache) shows nothing.
    for (const form of document.forms) form.reset();
    window.location.replace(this.$button.href);
  }
}

/**
 * GOV.UK's Radios put aria-expanded on the radio inputs of a conditional reveal, which ARIA does not
 * allow on role=radio (axe-core: aria-allowed-attr). Keep the reveal and aria-controls, drop aria-expanded.
 */
class RevealingRadios extends Radios {
  syncConditionalRevealWithInputState($input) {
    const target = document.getElementById($input.getAttribute('aria-controls') ?? '');
    if (target?.classList.contains('govuk-radios__conditional')) {
      $input.removeAttribute('aria-expanded');
      target.classList.toggle('govuk-radios__conditional--hidden', !$input.checked);
    }
  }
}

/** The components inside `scope` (a swapped-in page part, or the whole page once). */
function initialise(scope) {
  for (const Component of [Button, RevealingRadios, Checkboxes, ErrorSummary]) createAll(Component, undefined, scope);
}

/** This entry's address, always the neutral home: no step, query or answer is ever in a URL. */
function neutralAddress() {
  if (window.location.pathname + window.location.search + window.location.hash !== HOME)
    window.history.replaceState(null, '', HOME);
}

/** Moves focus to the new page's heading (the error summary focuses itself), as a page load would. */
function focusHeading(part) {
  if (part.querySelector('[data-module="govuk-error-summary"]')) return;
  const heading = part.querySelector('h1') ?? part;
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

/** Shows `next` (a whole page of the form) in place of the current one, without navigating. */
function swapIn(next, current) {
  const part = document.importNode(next.querySelector('[data-haven-page]'), true);
  document.title = next.title;
  current.replaceWith(part);
  window.scrollTo(0, 0);
  initialise(part);
  focusHeading(part);
  neutralAddress();
}

/**
 * No page of the form came back (API Gateway's 429/503/504, a WAF block, the service could not start, no
 * connection): the current page stays, with Exit and every answer, and a GOV.UK error summary at its top
 * says what happened. After the final post nobody can tell whether the report was stored, but sending it
 * again is safe: the same form token and report are the same case (submit.ts).
 */
function showProblem(current, final) {
  current.querySelector('[data-haven-problem]')?.remove();
  const summary = document.createElement('div');
  summary.className = 'govuk-error-summary';
  summary.dataset.havenProblem = '';
  summary.tabIndex = -1;
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.className = 'govuk-error-summary__title';
  title.textContent = 'There is a problem';
  const body = document.createElement('div');
  body.className = 'govuk-error-summary__body';
  const text = document.createElement('p');
  text.className = 'govuk-body';
  text.textContent = final
    ? 'We could not tell whether your report was sent. Send it again: it will not make a second report.'
    : 'Something went wrong. Try again.';
  body.append(text);
  alert.append(title, body);
  summary.append(alert);
  // At the top of the page's content, after its Back link (GOV.UK's place for an error summary).
  const column = current.firstElementChild ?? current;
  const first = Array.from(column.children).find((el) => !el.querySelector('.govuk-back-link'));
  column.insertBefore(summary, first ?? null);
  if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
  summary.focus();
  window.scrollTo(0, 0);
}

let sending = false;

/**
 * A form post becomes a fetch whose answer is swapped in; one post at a time (a double tap sends once).
 * Only a page of the form is swapped in (its own error pages too); anything else leaves this page in place.
 */
async function post(form, submitter) {
  const body = new URLSearchParams(new FormData(form));
  if (submitter?.name) body.append(submitter.name, submitter.value);
  const final = form.querySelector('input[name="step"]')?.value === 'check' && submitter?.name !== 'goto';
  const current = document.querySelector('[data-haven-page]');
  if (!current) {
    // Not a page of the form (every one has the part): post it the plain way.
    if (submitter?.name)
      form.append(
        Object.assign(document.createElement('input'), {
          type: 'hidden',
          name: submitter.name,
          value: submitter.value,
        }),
      );
    HTMLFormElement.prototype.submit.call(form);
    return;
  }
  sending = true;
  try {
    let next;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body,
        cache: 'no-store',
        credentials: 'same-origin',
        referrerPolicy: 'no-referrer',
      });
      const html = (response.headers.get('content-type') ?? '').startsWith('text/html') ? await response.text() : '';
      next = new DOMParser().parseFromString(html, 'text/html');
    } catch {
      next = undefined; // No answer (offline, the connection dropped).
    }
    if (next?.querySelector('[data-haven-page]')) swapIn(next, current);
    else showProblem(current, final);
  } finally {
    sending = false;
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
  event.preventDefault();
  if (!sending) post(form, event.submitter);
});

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link) return;
  const url = new URL(link.href, window.location.href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return; // tel: and the like open another app
  event.preventDefault();
  const sameDocument = url.origin === window.location.origin && url.pathname === window.location.pathname;
  if (sameDocument && url.hash && url.search === window.location.search) {
    // An in-page link: focus its target without a "#id" history entry.
    const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    return;
  }
  window.location.replace(url.href);
});

neutralAddress();
// From here on the visit is one history entry: the pages may say so (haven.css .haven-js-only).
document.body.classList.add('haven-one-entry');
createAll(SkipLink);
createAll(ServiceNavigation);
initialise(document);
createAll(ReplacingExitThisPage);
