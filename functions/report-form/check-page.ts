/**
 * "Check your answers": every answer with a Change button back to its step (a button, so the answers
 * go too), the safe-contact way in words, then Send. Nothing is stored until Send.
 */
import type { Report } from '../core/report.js';
import type { FormFields } from '../core/report-form-fields.js';
import type { Step } from '../core/report-form-steps.js';
import { reporterContactWords, safetyWords, victimContactWords } from './answers.js';
import { esc } from './html.js';
import type { PageContext } from './layout.js';
import { goButton, stepPage } from './pages.js';
import { ABUSE_WORDS } from './steps.js';

const RELATION_WORDS = (association: string): Record<string, string> => ({
  'third-party': 'A neighbour, friend or family member',
  colleague: `I work for ${association}`,
  contractor: `A contractor working for ${association}`,
  anonymous: 'I would rather not say',
});
const HOUSEHOLD_WORDS: Record<string, string> = {
  children: 'Children',
  vulnerableAdult: 'Someone who needs care or support',
  olderPerson: 'An older person',
};

/** One summary-list row: the question, the answer (already escaped), a Change button to `step`. */
function row(key: string, valueHtml: string, step: Step): string {
  return `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(key)}</dt><dd class="govuk-summary-list__value">${valueHtml}</dd><dd class="govuk-summary-list__actions">${goButton(step, 'Change', key.toLowerCase())}</dd></div>`;
}

const lines = (texts: readonly string[]) => texts.map((t) => `<p class="govuk-body">${esc(t)}</p>`).join('');

/** The check page for a report that parses; `areaName` is the chosen area's name, if any. */
export function checkPage(
  ctx: PageContext,
  page: { fields: FormFields; token: string; report: Report; areaName?: string | undefined; back: Step | undefined },
): string {
  const r = page.report;
  const self = r.reporterKind === 'victim';
  const yesNo = { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' } as const;
  const household = Object.entries(HOUSEHOLD_WORDS)
    .filter(([k]) => r.household[k as keyof Report['household']])
    .map(([, w]) => w);
  const needs = [
    ...(r.needs.language ? [`Language: ${r.needs.language}`] : []),
    ...(r.needs.interpreter ? ['An interpreter'] : []),
    ...(r.needs.sameGenderOfficer ? ['An officer of the same gender'] : []),
  ];
  const safety = safetyWords(r, ctx.associationName);
  const rows = [
    row('In danger now', r.immediateDanger ? 'Yes' : 'No', 'danger'),
    row('Who the report is about', self ? 'Me' : 'Someone else', 'about'),
    ...(self
      ? []
      : [row('Who you are to them', esc(RELATION_WORDS(ctx.associationName)[r.reporterKind] ?? ''), 'relation')]),
    row(
      'Lives in one of our homes',
      esc(`${yesNo[r.livesInAssociationHome]}${page.areaName ? `, ${page.areaName}` : ''}`),
      'home',
    ),
    row('What happened', `<p class="govuk-body haven-pre">${esc(r.narrative)}</p>`, 'narrative'),
    row(self ? 'How we will contact you' : 'How we will contact them', lines([victimContactWords(r)]), 'contact'),
    ...(safety.length ? [row('Contacting safely', lines(safety), 'safety')] : []),
    ...(self ? [] : [row('Contacting you', lines([reporterContactWords(r)]), 'reporter-contact')]),
    row('Type of abuse', lines(r.abuseTypes.length ? r.abuseTypes.map((t) => ABUSE_WORDS[t]) : ['Not given']), 'abuse'),
    row(
      self ? 'About you' : 'About them',
      lines([r.person.name ?? 'No name given', ...(r.person.address ? [r.person.address] : [])]),
      'person',
    ),
    row(
      'Anything else',
      lines([...household, ...needs].length ? [...household, ...needs] : ['Nothing given']),
      'household',
    ),
  ];
  const questions = `<h1 class="govuk-heading-l">Check your answers before sending your report</h1>
<dl class="govuk-summary-list">${rows.join('')}</dl>
<h2 class="govuk-heading-m">Now send your report</h2>
<p class="govuk-body">Nothing has been sent yet. When you send it, we will read it and contact ${self ? 'you' : 'them'} only in the way shown above.</p>`;
  return stepPage(ctx, {
    step: 'check',
    fields: page.fields,
    token: page.token,
    questions,
    back: page.back,
    button: 'Send report',
  });
}
