import {
  ABUSE_TYPE_CHOICES,
  type FormError,
  type FormFields,
  fieldValue,
  fieldValues,
  livesInHomeQuestion,
  REQUIRED_QUESTIONS,
} from '../core/report-form.js';
import { choices, errorSummary, esc, input, raw, select, textarea } from './html.js';
import { layout, type PageContext } from './layout.js';

const errorFor = (errors: readonly FormError[], field: string) => errors.find((e) => e.field === field)?.text;

/** The 999 / Silent Solution advice, shown before anything else when someone is in danger now. */
export function dangerAdvice(headingLevel: 'h1' | 'h2'): string {
  return `<div class="govuk-notification-banner haven-danger" role="region" aria-labelledby="danger-title" data-danger-advice>
<div class="govuk-notification-banner__header"><${headingLevel} class="govuk-notification-banner__title" id="danger-title">If you are in danger now, call 999</${headingLevel}></div>
<div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading">Call 999 and ask for the police.</p>
<p class="govuk-body">If you cannot speak, call 999 from a mobile, then <strong>press 55</strong> when you are asked. This is the Silent Solution: it tells the operator you need help and puts you through to the police.</p>
<p class="govuk-body">From a landline, stay on the line if you cannot speak. The operator will listen and can connect you to the police.</p>
<p class="govuk-body">When you are safe, you can carry on and tell us what happened.</p>
</div></div>`;
}

/** Page 1: are you in danger now? The Yes answer reveals the 999 advice at once (with JS). */
export function startPage(ctx: PageContext, opts: { errors?: FormError[]; chosen?: string } = {}): string {
  const errors = opts.errors ?? [];
  const main = `${errorSummary(errors)}
<form method="post" action="${esc(ctx.basePath)}/report" novalidate autocomplete="off">
${choices('radios', {
  name: 'immediateDanger',
  legend: 'Are you, or is someone else, in danger now?',
  legendAsHeading: true,
  hint: 'We ask this first so we can tell you how to get help straight away.',
  items: [
    { value: 'yes', text: 'Yes, someone is in danger now', conditional: raw(dangerAdvice('h2')) },
    { value: 'no', text: 'No' },
  ],
  chosen: opts.chosen ? [opts.chosen] : [],
  error: errorFor(errors, 'immediateDanger'),
})}
<button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>
</form>
<p class="govuk-body">You can report for yourself, for someone else, or without giving your name.</p>
<p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report?page=cover-your-tracks">How to cover your tracks online</a></p>`;
  return layout(ctx, { title: 'Are you, or is someone else, in danger now?', hasErrors: errors.length > 0, main });
}

/** The type-of-abuse choices in plain words, for someone reporting about themselves or another person. */
const ABUSE_WORDS: Record<(typeof ABUSE_TYPE_CHOICES)[number], string> = {
  physical: 'Physical, such as hitting, pushing, choking or hurting in any way',
  sexual: 'Sexual, such as being forced or pressured into anything sexual',
  psychological: 'Controlling or frightening behaviour, such as threats, being watched or followed',
  emotional: 'Emotional, such as being put down, blamed or kept from friends and family',
  financial: 'Money, such as money, benefits or bank cards being taken or controlled',
  discriminatory: 'Abuse because of who someone is, such as their race, religion, disability or sexuality',
  'honour-based': 'Abuse to protect a family\'s or community\'s "honour"',
  'forced-marriage': 'Being made to marry, or threatened with it',
};

/** How the intro names each required question, in REQUIRED_QUESTIONS order. */
const REQUIRED_WORDS: Record<(typeof REQUIRED_QUESTIONS)[number], string> = {
  reporterKind: 'who is making this report',
  livesInAssociationHome: 'whether the person lives in one of our homes',
  narrative: 'what happened',
  contactMethod: 'how we can contact you safely, or that we must not',
};

/** The intro: which questions must be answered (the same list parseReportForm requires), and that the rest are optional. */
function requiredIntro(): string {
  const words = REQUIRED_QUESTIONS.map((q) => REQUIRED_WORDS[q]);
  const list = `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  return `<p class="govuk-body">You need to answer the first ${REQUIRED_QUESTIONS.length} questions: ${esc(list)}. If we may call, text, email or write to you, we also need the number or address.</p>
<p class="govuk-body">Every question after those is optional and says so.</p>`;
}

/** Page 2: the report itself, required questions first. Re-rendered with the answers given when something needs fixing. */
export function detailsPage(
  ctx: PageContext,
  opts: {
    inDanger: boolean;
    token: string;
    fields?: FormFields;
    errors?: FormError[];
    areas: readonly { id: string; name: string }[];
  },
): string {
  const errors = opts.errors ?? [];
  const f = opts.fields ?? {};
  const v = (name: string) => fieldValue(f, name);
  const one = (name: string) => (v(name) ? [v(name)] : []);
  const err = (field: string) => errorFor(errors, field);
  // One area: recorded without asking (parseReportForm), so the question is not shown.
  const areaSelect =
    opts.areas.length > 1
      ? select({
          name: 'area',
          label: 'Which area is the home in? (optional)',
          options: [{ value: 'not-sure', text: 'Not sure' }, ...opts.areas.map((a) => ({ value: a.id, text: a.name }))],
          value: v('area') || 'not-sure',
          error: err('area'),
        })
      : '';
  const phoneInput = (name: string, label: string) =>
    raw(
      input({
        name,
        label,
        type: 'tel',
        value: v(name),
        error: err(name),
        widthClass: 'govuk-!-width-two-thirds',
        spellcheck: false,
      }),
    );
  const required: Record<(typeof REQUIRED_QUESTIONS)[number], string> = {
    reporterKind: choices('radios', {
      name: 'reporterKind',
      legend: 'Who is making this report?',
      items: [
        { value: 'victim', text: 'I am the person experiencing abuse' },
        { value: 'third-party', text: 'A neighbour, friend or family member' },
        { value: 'colleague', text: 'I work for the housing association' },
        { value: 'contractor', text: 'I am a contractor working for the housing association' },
        { value: 'anonymous', text: 'I would rather not say', hint: 'You can report anonymously.' },
      ],
      chosen: one('reporterKind'),
      error: err('reporterKind'),
    }),
    livesInAssociationHome: choices('radios', {
      name: 'livesInAssociationHome',
      legend: livesInHomeQuestion(ctx.associationName),
      items: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
        { value: 'not-sure', text: 'Not sure' },
      ],
      chosen: one('livesInAssociationHome'),
      error: err('livesInAssociationHome'),
      inline: false,
    }),
    narrative: textarea({
      name: 'narrative',
      label: 'What happened?',
      labelAsHeading: true,
      hint: 'In your own words. Include when it happened if you can.',
      value: v('narrative'),
      error: err('narrative'),
      rows: 8,
    }),
    contactMethod: choices('radios', {
      name: 'contactMethod',
      legend: 'How can we contact you safely?',
      hint: 'Choose the way that is safest. We will only use this way.',
      items: [
        { value: 'phone', text: 'Phone call', conditional: phoneInput('contactPhone', 'Phone number') },
        { value: 'text', text: 'Text message', conditional: phoneInput('contactTextPhone', 'Mobile number') },
        {
          value: 'email',
          text: 'Email',
          conditional: raw(
            input({
              name: 'contactEmail',
              label: 'Email address',
              type: 'email',
              value: v('contactEmail'),
              error: err('contactEmail'),
              spellcheck: false,
            }),
          ),
        },
        { value: 'letter', text: 'Letter', hint: 'Give the address below, under "Their address".' },
        { value: 'none', text: 'Do not contact me', dividerBefore: true },
      ],
      chosen: one('contactMethod'),
      error: err('contactMethod'),
    }),
  };
  const main = `${opts.inDanger ? dangerAdvice('h2') : ''}
${errorSummary(errors)}
<h1 class="govuk-heading-l">Tell us what is happening</h1>
${requiredIntro()}
<form method="post" action="${esc(ctx.basePath)}/report" novalidate autocomplete="off">
<input type="hidden" name="step" value="details">
<input type="hidden" name="formToken" value="${esc(opts.token)}">
<input type="hidden" name="immediateDanger" value="${opts.inDanger ? 'yes' : 'no'}">
${REQUIRED_QUESTIONS.map((q) => required[q]).join('\n')}
<h2 class="govuk-heading-m">About the person experiencing abuse (optional)</h2>
${input({ name: 'personName', label: 'Their name (optional)', value: v('personName'), error: err('personName'), spellcheck: false })}
${textarea({ name: 'personAddress', label: 'Their address (optional)', hint: 'We need this if you chose a letter.', value: v('personAddress'), error: err('personAddress'), rows: 3 })}
${areaSelect}
<h2 class="govuk-heading-m">Contacting you safely (optional)</h2>
${input({ name: 'safeTimes', label: 'When is it safe to contact you? (optional)', hint: 'For example, weekday mornings after 9am.', value: v('safeTimes'), error: err('safeTimes') })}
${choices('checkboxes', {
  name: 'safety',
  legend: 'Is it safe to (optional)',
  legendSize: 's',
  items: [
    { name: 'voicemailSafe', value: 'yes', text: 'leave a voicemail', checked: v('voicemailSafe') === 'yes' },
    { name: 'letterSafe', value: 'yes', text: 'send a letter', checked: v('letterSafe') === 'yes' },
  ],
})}
${input({ name: 'codeWord', label: 'A code word (optional)', hint: 'We will say this word so you know it is us. If you cannot talk, say it back and we will end the call.', value: v('codeWord'), error: err('codeWord'), widthClass: 'govuk-!-width-one-half', spellcheck: false })}
<h2 class="govuk-heading-m">What is happening (optional)</h2>
${choices('checkboxes', {
  name: 'abuseTypes',
  legend: 'What kind of abuse is it? (optional)',
  hint: 'Select all that apply. You do not have to know, and you can tell us more later.',
  items: ABUSE_TYPE_CHOICES.map((t) => ({ value: t, text: ABUSE_WORDS[t] })),
  chosen: fieldValues(f, 'abuseTypes'),
  error: err('abuseTypes'),
})}
${choices('checkboxes', {
  name: 'household',
  legend: 'Who else lives in the home? (optional)',
  hint: 'Select all that apply.',
  items: [
    { value: 'children', text: 'Children' },
    { value: 'vulnerableAdult', text: 'Someone who needs care or support' },
    { value: 'olderPerson', text: 'An older person' },
    { value: 'none', text: 'None of these, or I do not know', exclusive: true, dividerBefore: true },
  ],
  chosen: fieldValues(f, 'household'),
  error: err('household'),
})}
<h2 class="govuk-heading-m">Your needs (optional)</h2>
${input({ name: 'language', label: 'Which language would you like us to use? (optional)', value: v('language'), error: err('language'), widthClass: 'govuk-!-width-one-half' })}
${choices('checkboxes', {
  name: 'needs',
  legend: 'What would help? (optional)',
  legendSize: 's',
  items: [
    { name: 'interpreter', value: 'yes', text: 'An interpreter', checked: v('interpreter') === 'yes' },
    {
      name: 'sameGenderOfficer',
      value: 'yes',
      text: 'An officer of the same gender as me',
      checked: v('sameGenderOfficer') === 'yes',
    },
  ],
})}
<button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">Send report</button>
</form>`;
  return layout(ctx, {
    title: 'Tell us what is happening',
    hasErrors: errors.length > 0,
    main,
    backLink: `${ctx.basePath}/report`,
  });
}

/** A short page on hiding this visit. */
export function coverTracksPage(ctx: PageContext): string {
  const main = `<h1 class="govuk-heading-l">Cover your tracks online</h1>
<p class="govuk-body">If someone checks your phone or computer, they may be able to see the websites you have visited.</p>
<ul class="govuk-list govuk-list--bullet">
<li>Use a private or incognito window. It does not keep the pages you visit.</li>
<li>The <strong>Exit this page</strong> button, or pressing the Shift key 3 times, takes you to a weather page and removes this page from the back button.</li>
<li>Earlier pages can still be in your history. Delete only the pages from this site if deleting everything would be noticed.</li>
<li>This form does not save what you type on your device and does not use cookies.</li>
<li>If you can, use a device the other person cannot use, such as a friend's phone or a library computer.</li>
</ul>
<p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report">Back to the report form</a></p>`;
  return layout(ctx, { title: 'Cover your tracks online', main });
}

/** A plain page for errors and unknown addresses; it never repeats the request. */
export function messagePage(ctx: PageContext, title: string, body: string): string {
  return layout(ctx, {
    title,
    main: `<h1 class="govuk-heading-l">${esc(title)}</h1><p class="govuk-body">${esc(body)}</p><p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report">Go to the report form</a></p>`,
  });
}
