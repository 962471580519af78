/**
 * Small server-side renderers for the GOV.UK Design System patterns the form uses, producing the same
 * markup as govuk-frontend's Nunjucks macros (no template engine is installed; these are plain strings).
 */

/** Escapes text for HTML content and attribute values. */
export function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Already-escaped HTML, so a renderer can tell markup from text. */
export interface Html {
  readonly html: string;
}
/** Marks a string as trusted markup. */
export const raw = (html: string): Html => ({ html });
const render = (v: string | Html | undefined): string =>
  v === undefined ? '' : typeof v === 'string' ? esc(v) : v.html;

function errorMessage(id: string, error?: string): string {
  return error
    ? `<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${esc(error)}</p>`
    : '';
}
function hintHtml(id: string, hint?: string | Html): string {
  return hint ? `<div id="${id}-hint" class="govuk-hint">${render(hint)}</div>` : '';
}
function describedBy(id: string, hint?: unknown, error?: string): string {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? ` aria-describedby="${ids}"` : '';
}

export interface ChoiceItem {
  value: string;
  text: string;
  hint?: string;
  /** Shown under the item when it is chosen (with JS), always shown without JS. */
  conditional?: Html;
  /** A checkbox that unticks the others ("None of these"). */
  exclusive?: boolean;
  /** Puts an "or" divider before this item. */
  dividerBefore?: boolean;
  /** Posts under its own name (independent yes/no checkboxes grouped under one legend). */
  name?: string;
  /** Overrides `chosen` for this item. */
  checked?: boolean;
}

export interface ChoiceOptions {
  name: string;
  legend: string;
  /** Renders the legend as the page's h1. */
  legendAsHeading?: boolean;
  legendSize?: 's' | 'm' | 'l';
  hint?: string | Html;
  items: ChoiceItem[];
  /** The values currently chosen. */
  chosen?: readonly string[];
  error?: string;
  inline?: boolean;
}

/** GOV.UK radios or checkboxes in a fieldset; the first input's id is the field name (error links point at it). */
export function choices(kind: 'radios' | 'checkboxes', o: ChoiceOptions): string {
  const type = kind === 'radios' ? 'radio' : 'checkbox';
  const size = o.legendSize ?? (o.legendAsHeading ? 'l' : 'm');
  const legendInner = o.legendAsHeading ? `<h1 class="govuk-fieldset__heading">${esc(o.legend)}</h1>` : esc(o.legend);
  const items = o.items
    .map((item, i) => {
      const id = item.name ?? (i === 0 ? o.name : `${o.name}-${i + 1}`);
      const checked = (item.checked ?? o.chosen?.includes(item.value)) ? ' checked' : '';
      const condId = `conditional-${id}`;
      const itemHint = item.hint
        ? `<div id="${id}-item-hint" class="govuk-hint govuk-${kind}__hint">${esc(item.hint)}</div>`
        : '';
      const divider = item.dividerBefore ? `<div class="govuk-${kind}__divider">or</div>` : '';
      const attrs = [
        item.conditional ? ` data-aria-controls="${condId}"` : '',
        item.hint ? ` aria-describedby="${id}-item-hint"` : '',
        item.exclusive ? ' data-behaviour="exclusive"' : '',
      ].join('');
      const conditional = item.conditional
        ? `<div class="govuk-${kind}__conditional${checked ? '' : ` govuk-${kind}__conditional--hidden`}" id="${condId}">${item.conditional.html}</div>`
        : '';
      return `${divider}<div class="govuk-${kind}__item"><input class="govuk-${kind}__input" id="${id}" name="${item.name ?? o.name}" type="${type}" value="${esc(item.value)}"${checked}${attrs}><label class="govuk-label govuk-${kind}__label" for="${id}">${esc(item.text)}</label>${itemHint}</div>${conditional}`;
    })
    .join('');
  return `<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}"><fieldset class="govuk-fieldset"${describedBy(o.name, o.hint, o.error)}><legend class="govuk-fieldset__legend govuk-fieldset__legend--${size}">${legendInner}</legend>${hintHtml(o.name, o.hint)}${errorMessage(o.name, o.error)}<div class="govuk-${kind}${o.inline ? ` govuk-${kind}--inline` : ''}" data-module="govuk-${kind}">${items}</div></fieldset></div>`;
}

export interface InputOptions {
  name: string;
  label: string;
  hint?: string | Html;
  value?: string;
  error?: string;
  type?: 'text' | 'tel' | 'email';
  widthClass?: string;
  spellcheck?: boolean;
  inputmode?: string;
}

/** A GOV.UK text input. autocomplete is off so the browser does not keep what was typed. */
export function input(o: InputOptions): string {
  const cls = ['govuk-input', o.widthClass ?? '', o.error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
  const extras = [
    o.spellcheck === false ? ' spellcheck="false"' : '',
    o.inputmode ? ` inputmode="${o.inputmode}"` : '',
  ].join('');
  return `<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}"><label class="govuk-label" for="${o.name}">${esc(o.label)}</label>${hintHtml(o.name, o.hint)}${errorMessage(o.name, o.error)}<input class="${cls}" id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}" autocomplete="off"${extras} value="${esc(o.value ?? '')}"${describedBy(o.name, o.hint, o.error)}></div>`;
}

/** A GOV.UK textarea; `labelAsHeading` makes its label the page's h1 (one question on the page). */
export function textarea(o: InputOptions & { rows?: number; labelAsHeading?: boolean }): string {
  const label = o.labelAsHeading
    ? `<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="${o.name}">${esc(o.label)}</label></h1>`
    : `<label class="govuk-label" for="${o.name}">${esc(o.label)}</label>`;
  return `<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}">${label}${hintHtml(o.name, o.hint)}${errorMessage(o.name, o.error)}<textarea class="govuk-textarea${o.error ? ' govuk-textarea--error' : ''}" id="${o.name}" name="${o.name}" rows="${o.rows ?? 5}" autocomplete="off"${describedBy(o.name, o.hint, o.error)}>${esc(o.value ?? '')}</textarea></div>`;
}

/** A GOV.UK select. */
export function select(o: {
  name: string;
  label: string;
  hint?: string;
  options: { value: string; text: string }[];
  value?: string;
  error?: string;
}): string {
  const opts = o.options
    .map((op) => `<option value="${esc(op.value)}"${op.value === o.value ? ' selected' : ''}>${esc(op.text)}</option>`)
    .join('');
  return `<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}"><label class="govuk-label" for="${o.name}">${esc(o.label)}</label>${hintHtml(o.name, o.hint)}${errorMessage(o.name, o.error)}<select class="govuk-select${o.error ? ' govuk-select--error' : ''}" id="${o.name}" name="${o.name}" autocomplete="off"${describedBy(o.name, o.hint, o.error)}>${opts}</select></div>`;
}

/** The GOV.UK error summary: links name the question and the problem, never the value typed. */
export function errorSummary(errors: readonly { href: string; text: string }[]): string {
  if (errors.length === 0) return '';
  const items = errors.map((e) => `<li><a href="${esc(e.href)}">${esc(e.text)}</a></li>`).join('');
  return `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${items}</ul></div></div></div>`;
}
