// A refused command in words, GOV.UK style: one error summary at the top of the form, each item
// linked to its field, and the same words by the field. The API names each problem's field by its path
// in the request (`answers.q01`, `basis`, `keyContacts.0.name`); this maps the path to the form's input
// and says the problem in the form's own words, with Haven's ids as labels, never raw.
import { idsInWords } from './labels.mjs';
import { errorSummary, refusal, render } from './shell.mjs';
import { blockerWords, humanise } from './view.mjs';

/** @typedef {{ text: string, href?: string }} Item */

/** @param {string} t */
const lowerFirst = (t) => (/^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t);
/** @param {string} t */
const capital = (t) => t.charAt(0).toUpperCase() + t.slice(1);

/** The input a problem's field path names, if the form has one. @param {HTMLFormElement} form @param {string} path */
function inputOf(form, path) {
  const parts = path.split('.');
  const names = [path, parts.at(-1) ?? path, parts.filter((p) => !/^\d+$/.test(p)).join('-'), parts[0] ?? path];
  for (const name of names) {
    const el = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (el?.id && el.getAttribute('type') !== 'hidden') return /** @type {HTMLInputElement} */ (el);
  }
  return undefined;
}

/** What the form calls an input: its fieldset's legend or its label, without hints. @param {HTMLInputElement} el */
function labelOf(el) {
  const group = el.closest('fieldset');
  const text =
    el.type === 'radio' || (el.type === 'checkbox' && group?.querySelectorAll('input').length !== 1)
      ? group?.querySelector('legend')?.textContent
      : el.form?.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent;
  return (text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/^\d+\.\s*/, '')
    .trim();
}

/** One problem in words. @param {string} label @param {HTMLInputElement | undefined} el @param {string} problem */
function problemWords(label, el, problem) {
  const choice = el && (el.type === 'radio' || el.tagName === 'SELECT');
  if (choice && (problem === 'is required' || problem.startsWith('must be one of')))
    return `Select ${lowerFirst(label)}`;
  if (problem === 'is required')
    return el?.type === 'checkbox' ? `Tick ${lowerFirst(label)}` : `Enter ${lowerFirst(label)}`;
  return `${label} ${idsInWords(problem)}`;
}

/**
 * The refusal of a command as linked items. The DASH is one item when questions are unanswered: the
 * checklist is answered whole (core/dash.ts), so 24 lines saying so would bury the point.
 * @param {HTMLFormElement} form @param {string} command @param {{ status: number, body: any }} res
 * @returns {{ items: Item[], fields: { el: HTMLInputElement, text: string }[] }}
 */
export function problemItems(form, command, res) {
  const fields = Array.isArray(res.body?.fields) && res.status < 500 && res.status !== 409 ? res.body.fields : [];
  if (!fields.length) return { items: refusal(res).map((text) => ({ text })), fields: [] };
  /** @type {Item[]} */
  const items = [];
  /** @type {{ el: HTMLInputElement, text: string }[]} */
  const marks = [];
  /** @type {{ field: string, problem: string }[]} */
  const rest = [...fields];
  if (command === 'dash') {
    const unanswered = rest.filter((f) => f.field.startsWith('answers.') && f.problem === 'is required');
    if (unanswered.length) {
      const first = inputOf(form, unanswered[0]?.field ?? '');
      const total = form.querySelectorAll('.haven-dash-question').length;
      items.push({
        text:
          unanswered.length === total
            ? 'Answer every question, or choose "Not known" where you do not know: no questions are answered yet'
            : `Answer every question, or choose "Not known" where you do not know: ${unanswered.length} of ${total} are not answered yet`,
        ...(first ? { href: `#${first.id}` } : {}),
      });
      for (const f of unanswered) {
        const el = inputOf(form, f.field);
        if (el) marks.push({ el, text: 'Answer this question, or choose "Not known"' });
      }
      rest.splice(0, rest.length, ...rest.filter((f) => !unanswered.includes(f)));
    }
  }
  for (const f of rest) {
    if (f.field === 'case') {
      items.push({ text: blockerWords(f.problem) });
      continue;
    }
    const el = inputOf(form, f.field);
    const text = problemWords(
      el ? labelOf(el) || capital(humanise(f.field)) : capital(humanise(f.field)),
      el,
      f.problem,
    );
    items.push(el ? { text, href: `#${el.id}` } : { text });
    if (el) marks.push({ el, text });
  }
  return { items, fields: marks };
}

/**
 * Shows a refusal on its form: the error summary (focused) and each field's message, GOV.UK style.
 * @param {HTMLFormElement} form @param {Item[]} items @param {{ el: HTMLInputElement, text: string }[]} fields @param {string} [title]
 */
export function showFormProblems(form, items, fields, title = 'There is a problem') {
  clearFormProblems(form);
  const box = document.createElement('div');
  render(box, errorSummary(items, title));
  const summary = /** @type {HTMLElement} */ (box.firstElementChild);
  summary.setAttribute('tabindex', '-1');
  form.prepend(summary);
  for (const { el, text } of fields) {
    const group = el.closest('.govuk-form-group');
    if (!group || group.querySelector('.govuk-error-message')) continue;
    group.classList.add('govuk-form-group--error', 'haven-marked');
    const message = document.createElement('p');
    message.className = 'govuk-error-message haven-marked';
    message.id = `${el.id}-error`;
    const hidden = document.createElement('span');
    hidden.className = 'govuk-visually-hidden';
    hidden.textContent = 'Error:';
    message.append(hidden, ` ${text}`);
    const anchor = group.querySelector('.govuk-radios, .govuk-checkboxes, input, select, textarea');
    anchor?.before(message);
    const described = el.type === 'radio' || el.type === 'checkbox' ? group.querySelector('fieldset') : el;
    if (described) {
      const before = described.getAttribute('aria-describedby') ?? '';
      described.dataset.havenDescribed = before;
      described.classList.add('haven-marked');
      described.setAttribute('aria-describedby', `${before ? `${before} ` : ''}${message.id}`);
    }
  }
  // The summary's links move focus to the field itself, not just scroll (GOV.UK error summary).
  for (const a of summary.querySelectorAll('a[href^="#"]'))
    a.addEventListener('click', (e) => {
      const target = document.getElementById((a.getAttribute('href') ?? '').slice(1));
      if (!target) return;
      e.preventDefault();
      const legend = target.closest('fieldset')?.querySelector('legend') ?? target.closest('.govuk-form-group');
      (legend ?? target).scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    });
  summary.focus();
}

/** Removes what showFormProblems (or shell's showProblems) added to a form. @param {HTMLFormElement} form */
export function clearFormProblems(form) {
  form.querySelector(':scope > .govuk-error-summary')?.remove();
  for (const el of form.querySelectorAll('p.haven-marked')) el.remove();
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll('.haven-marked'))) {
    if (el.dataset.havenDescribed !== undefined) {
      if (el.dataset.havenDescribed) el.setAttribute('aria-describedby', el.dataset.havenDescribed);
      else el.removeAttribute('aria-describedby');
      delete el.dataset.havenDescribed;
    }
    el.classList.remove('govuk-form-group--error', 'haven-marked');
  }
}

/**
 * Links for a refused safe-contact plan's problems (contact-words.mjs words them): `ways.1.address`
 * is the address input of the plan's second way as sent. @param {HTMLFormElement} form
 * @param {{ field: string }[]} fields @param {{ way: string }[]} ways @returns {(string | undefined)[]}
 */
export function planProblemLinks(form, fields, ways) {
  return fields.map((f) => {
    const m = /^ways\.(\d+)\.(?:windows\.\d+\.)?([a-zA-Z]+)$/.exec(f.field);
    const way = m ? ways[Number(m[1])]?.way : undefined;
    const name = m ? (m[2] === 'days' ? `${way}-day-mon` : `${way}-${m[2]}`) : f.field;
    // The input itself, else the way's own tick box.
    const el =
      form.querySelector(`[name="${CSS.escape(name)}"]`) ??
      (way ? form.querySelector(`[name="${CSS.escape(`way-${way}`)}"]`) : null);
    return el?.id ? `#${el.id}` : undefined;
  });
}
