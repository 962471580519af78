// GOV.UK form fields as escaped markup, for the case page's forms.
import { html } from './view.mjs';

/** @param {string} id @param {string} [hint] */
const hintOf = (id, hint) => (hint ? html`<div class="govuk-hint" id="${id}-hint">${hint}</div>` : '');
/** @param {string} id @param {string} [hint] */
const described = (id, hint) => (hint ? html` aria-describedby="${id}-hint"` : '');

/** A text input. @param {{ id: string, name: string, label: string, hint?: string, value?: string, type?: string, width?: string, autocomplete?: string }} f */
export function textInput(f) {
  return html`<div class="govuk-form-group"><label class="govuk-label" for="${f.id}">${f.label}</label>${hintOf(f.id, f.hint)}
<input class="govuk-input${f.width ? ` govuk-input--width-${f.width}` : ''}" id="${f.id}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value ?? ''}" autocomplete="${f.autocomplete ?? 'off'}"${described(f.id, f.hint)}></div>`;
}

/** A textarea. @param {{ id: string, name: string, label: string, hint?: string, value?: string, rows?: number }} f */
export function textarea(f) {
  return html`<div class="govuk-form-group"><label class="govuk-label" for="${f.id}">${f.label}</label>${hintOf(f.id, f.hint)}
<textarea class="govuk-textarea" id="${f.id}" name="${f.name}" rows="${f.rows ?? 3}"${described(f.id, f.hint)}>${f.value ?? ''}</textarea></div>`;
}

/** A select. @param {{ id: string, name: string, label: string, hint?: string, options: { value: string, text: string }[], value?: string }} f */
export function select(f) {
  return html`<div class="govuk-form-group"><label class="govuk-label" for="${f.id}">${f.label}</label>${hintOf(f.id, f.hint)}
<select class="govuk-select" id="${f.id}" name="${f.name}"${described(f.id, f.hint)}>${f.options.map(
    (o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.text}</option>`,
  )}</select></div>`;
}

/** One checkbox. @param {{ id: string, name: string, label: string, hint?: string, checked?: boolean }} f */
export function checkbox(f) {
  return html`<div class="govuk-form-group"><div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">
<input class="govuk-checkboxes__input" id="${f.id}" name="${f.name}" type="checkbox" value="true"${f.checked ? html` checked` : ''}${described(f.id, f.hint)}>
<label class="govuk-label govuk-checkboxes__label" for="${f.id}">${f.label}</label>${f.hint ? html`<div class="govuk-hint govuk-checkboxes__hint" id="${f.id}-hint">${f.hint}</div>` : ''}</div></div></div>`;
}

/**
 * Radios in a fieldset. @param {{ id: string, name: string, legend: string, legendClass?: string, hint?: string, inline?: boolean, small?: boolean,
 *   options: { value: string, text: string, hint?: string }[], value?: string, groupClass?: string }} f
 */
export function radios(f) {
  return html`<div class="govuk-form-group${f.groupClass ? ` ${f.groupClass}` : ''}"><fieldset class="govuk-fieldset"${described(f.id, f.hint)}>
<legend class="govuk-fieldset__legend ${f.legendClass ?? 'govuk-fieldset__legend--s'}">${f.legend}</legend>${hintOf(f.id, f.hint)}
<div class="govuk-radios${f.inline ? ' govuk-radios--inline' : ''}${f.small ? ' govuk-radios--small' : ''}" data-module="govuk-radios">${f.options.map(
    (
      o,
      i,
    ) => html`<div class="govuk-radios__item"><input class="govuk-radios__input" id="${i === 0 ? f.id : `${f.id}-${o.value}`}" name="${f.name}" type="radio" value="${o.value}"${
      o.value === f.value ? html` checked` : ''
    }${o.hint ? html` aria-describedby="${f.id}-${o.value}-hint"` : ''}>
<label class="govuk-label govuk-radios__label" for="${i === 0 ? f.id : `${f.id}-${o.value}`}">${o.text}</label>${
      o.hint ? html`<div class="govuk-hint govuk-radios__hint" id="${f.id}-${o.value}-hint">${o.hint}</div>` : ''
    }</div>`,
  )}</div></fieldset></div>`;
}

/** A date and time input (London time on a London-set machine), blank meaning now. @param {{ id: string, name: string, label: string, hint?: string }} f */
export function dateTime(f) {
  return html`<div class="govuk-form-group"><label class="govuk-label" for="${f.id}">${f.label}</label>${hintOf(f.id, f.hint)}
<input class="govuk-input govuk-input--width-20" id="${f.id}" name="${f.name}" type="datetime-local"${described(f.id, f.hint)}></div>`;
}

/** A submit button. @param {string} text @param {{ secondary?: boolean, warning?: boolean, id?: string }} [o] */
export function submit(text, o = {}) {
  return html`<button type="submit" class="govuk-button${o.secondary ? ' govuk-button--secondary' : ''}${o.warning ? ' govuk-button--warning' : ''}" data-module="govuk-button"${
    o.id ? html` id="${o.id}"` : ''
  }>${text}</button>`;
}

/** A datetime-local value as an ISO instant, or undefined when blank. @param {unknown} v */
export function instantOf(v) {
  if (typeof v !== 'string' || !v) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/**
 * A long form folded away (GOV.UK details) where it is not the next thing to do, one click from use.
 * Never for danger or safety warnings. @param {{ id: string, summary: string, open?: boolean }} f @param {import('./view.mjs').Raw} body
 */
export function fold(f, body) {
  return html`<details class="govuk-details" id="${f.id}"${f.open ? html` open` : ''}><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${f.summary}</span></summary><div class="govuk-details__text">${body}</div></details>`;
}
