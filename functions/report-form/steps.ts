/**
 * The questions of each step, worded for the person the report is about: "you" when it is about the
 * person filling it in, "them" when it is about someone else. Required questions do not say so in
 * their label (GOV.UK style); every optional one says "(optional)".
 */
import {
  ABUSE_TYPE_CHOICES,
  aboutSomeoneElse,
  directContact,
  type FormError,
  type FormFields,
  fieldValue,
  fieldValues,
  livesInHomeQuestion,
  SAFE_TIME_CHOICES,
  SAFE_TIMES,
} from '../core/report-form-fields.js';
import type { Step } from '../core/report-form-steps.js';
import { choices, esc, input, raw, select, textarea } from './html.js';
import { dangerAdvice } from './pages.js';

/** The type-of-abuse choices in plain words, for someone reporting about themselves or another person. */
export const ABUSE_WORDS: Record<(typeof ABUSE_TYPE_CHOICES)[number], string> = {
  physical: 'Physical, such as hitting, pushing, choking or hurting in any way',
  sexual: 'Sexual, such as being forced or pressured into anything sexual',
  psychological: 'Controlling or frightening behaviour, such as threats, being watched or followed',
  emotional: 'Emotional, such as being put down, blamed or kept from friends and family',
  financial: 'Money, such as money, benefits or bank cards being taken or controlled',
  discriminatory: 'Abuse because of who someone is, such as their race, religion, disability or sexuality',
  'honour-based': 'Abuse to protect a family\'s or community\'s "honour"',
  'forced-marriage': 'Being made to marry, or threatened with it',
};

/** What a step's questions need to know: the association, its areas, the answers so far and the errors. */
export interface StepContext {
  associationName: string;
  areas: readonly { id: string; name: string }[];
  fields: FormFields;
  errors: readonly FormError[];
}

const heading = (text: string) => `<h1 class="govuk-heading-l">${esc(text)}</h1>`;

/** What every step's renderer reads: the answers so far, their errors, whom the questions are about, and inputs. */
function ask(c: StepContext) {
  const v = (name: string) => fieldValue(c.fields, name);
  const err = (field: string) => c.errors.find((e) => e.field === field)?.text;
  const other = aboutSomeoneElse(c.fields);
  return {
    v,
    err,
    other,
    you: other ? 'them' : 'you',
    one: (name: string) => (v(name) ? [v(name)] : []),
    tel: (name: string, label: string) =>
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
      ),
    mail: (name: string, label: string) =>
      raw(input({ name, label, type: 'email', value: v(name), error: err(name), spellcheck: false })),
  };
}

function dangerQuestions(c: StepContext): string {
  const { one, err } = ask(c);
  return choices('radios', {
    name: 'immediateDanger',
    legend: 'Are you, or is someone else, in danger now?',
    legendAsHeading: true,
    hint: 'We ask this first so we can tell you how to get help straight away.',
    items: [
      { value: 'yes', text: 'Yes, someone is in danger now', conditional: raw(dangerAdvice('h2')) },
      { value: 'no', text: 'No' },
    ],
    chosen: one('immediateDanger'),
    error: err('immediateDanger'),
  });
}

function aboutQuestions(c: StepContext): string {
  const { one, err } = ask(c);
  return `${choices('radios', {
    name: 'about',
    legend: 'Is this report about you, or about someone else?',
    legendAsHeading: true,
    hint: 'We ask so that we know who to contact, and how to do it safely.',
    items: [
      { value: 'me', text: 'About me', hint: 'I am the person experiencing abuse.' },
      { value: 'someone-else', text: 'About someone else' },
    ],
    chosen: one('about'),
    error: err('about'),
  })}
<p class="govuk-body">The next few questions must be answered. After them, every question is optional and says so.</p>`;
}

function relationQuestions(c: StepContext): string {
  const { one, err } = ask(c);
  return choices('radios', {
    name: 'reporterKind',
    legend: 'Who are you to the person experiencing abuse?',
    legendAsHeading: true,
    hint: 'We will not tell them, or anyone else involved, who made this report.',
    items: [
      { value: 'third-party', text: 'A neighbour, friend or family member' },
      { value: 'colleague', text: `I work for ${c.associationName}` },
      { value: 'contractor', text: `I am a contractor working for ${c.associationName}` },
      { value: 'anonymous', text: 'I would rather not say', dividerBefore: true },
    ],
    chosen: one('reporterKind'),
    error: err('reporterKind'),
  });
}

function homeQuestions(c: StepContext): string {
  const { v, one, err, other } = ask(c);
  return `${choices('radios', {
    name: 'livesInAssociationHome',
    legend: livesInHomeQuestion(c.associationName, other),
    legendAsHeading: true,
    items: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
      { value: 'not-sure', text: 'Not sure' },
    ],
    chosen: one('livesInAssociationHome'),
    error: err('livesInAssociationHome'),
  })}${
    // One area: recorded without asking (parseReportForm).
    c.areas.length > 1
      ? select({
          name: 'area',
          label: 'Which area is the home in? (optional)',
          options: [{ value: 'not-sure', text: 'Not sure' }, ...c.areas.map((a) => ({ value: a.id, text: a.name }))],
          value: v('area') || 'not-sure',
          error: err('area'),
        })
      : ''
  }`;
}

function narrativeQuestions(c: StepContext): string {
  const { v, err } = ask(c);
  return textarea({
    name: 'narrative',
    label: 'What happened?',
    labelAsHeading: true,
    hint: 'In your own words. Include when it happened if you can. You can tell us more later.',
    value: v('narrative'),
    error: err('narrative'),
    rows: 8,
  });
}

function contactQuestions(c: StepContext): string {
  const { one, err, other, tel, mail } = ask(c);
  return choices('radios', {
    name: 'contactMethod',
    legend: other ? 'Is there a safe way to contact them?' : 'How can we contact you safely?',
    legendAsHeading: true,
    hint: other
      ? 'Only if you know it is safe: the person causing harm may see their phone, email or post. We will use only this way.'
      : 'Choose the way that is safest. We will use only this way.',
    items: [
      { value: 'phone', text: 'Phone call', conditional: tel('contactPhone', 'Phone number') },
      { value: 'text', text: 'Text message', conditional: tel('contactTextPhone', 'Mobile number') },
      { value: 'email', text: 'Email', conditional: mail('contactEmail', 'Email address') },
      { value: 'letter', text: 'Letter', hint: 'We will ask for the address next.' },
      ...(other
        ? [
            { value: 'through-reporter', text: 'Through me', hint: 'We will contact you, and you can tell them.' },
            { value: 'unknown', text: 'I do not know', dividerBefore: true },
            { value: 'none', text: 'They must not be contacted directly' },
          ]
        : [{ value: 'none', text: 'Do not contact me', dividerBefore: true }]),
    ],
    chosen: one('contactMethod'),
    error: err('contactMethod'),
  });
}

function reporterContactQuestions(c: StepContext): string {
  const { v, one, err, tel, mail } = ask(c);
  return `${heading('Can we contact you about your report? (optional)')}
<p class="govuk-body">This is about you, not the person experiencing abuse. We will not tell them you made the report.</p>
${input({ name: 'reporterName', label: 'Your name (optional)', value: v('reporterName'), error: err('reporterName'), spellcheck: false })}
${choices('radios', {
  name: 'reporterContact',
  legend: 'How can we contact you? (optional)',
  items: [
    { value: 'phone', text: 'Phone call or text', conditional: tel('reporterPhone', 'Your phone number') },
    { value: 'email', text: 'Email', conditional: mail('reporterEmail', 'Your email address') },
    { value: 'none', text: 'Do not contact me', dividerBefore: true },
  ],
  chosen: one('reporterContact'),
  error: err('reporterContact'),
})}`;
}

function abuseQuestions(c: StepContext): string {
  const { err } = ask(c);
  return choices('checkboxes', {
    name: 'abuseTypes',
    legend: 'What kind of abuse is it? (optional)',
    legendAsHeading: true,
    hint: 'Select all that apply. You do not have to know, and you can tell us more later.',
    items: ABUSE_TYPE_CHOICES.map((t) => ({ value: t, text: ABUSE_WORDS[t] })),
    chosen: fieldValues(c.fields, 'abuseTypes'),
    error: err('abuseTypes'),
  });
}

function personQuestions(c: StepContext): string {
  const { v, err, other } = ask(c);
  return `${heading(other ? 'About them (optional)' : 'About you (optional)')}
${input({ name: 'personName', label: other ? 'Their name (optional)' : 'Your name (optional)', value: v('personName'), error: err('personName'), spellcheck: false })}
${directContact(c.fields) === 'letter' ? '' : textarea({ name: 'personAddress', label: other ? 'Their address (optional)' : 'Your address (optional)', value: v('personAddress'), error: err('personAddress'), rows: 3 })}`;
}

function householdQuestions(c: StepContext): string {
  const { v, err, other, you } = ask(c);
  return `${heading('Anything else we should know (optional)')}
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
  chosen: fieldValues(c.fields, 'household'),
  error: err('household'),
})}
${input({ name: 'language', label: `Which language should we use with ${you}? (optional)`, value: v('language'), error: err('language'), widthClass: 'govuk-!-width-one-half' })}
${choices('checkboxes', {
  name: 'needs',
  legend: 'What would help? (optional)',
  legendSize: 's',
  items: [
    { name: 'interpreter', value: 'yes', text: 'An interpreter', checked: v('interpreter') === 'yes' },
    {
      name: 'sameGenderOfficer',
      value: 'yes',
      text: `An officer of the same gender as ${other ? 'them' : 'me'}`,
      checked: v('sameGenderOfficer') === 'yes',
    },
  ],
})}`;
}

/** Each step's questions, one renderer per step. */
const QUESTIONS: Record<Exclude<Step, 'check'>, (c: StepContext) => string> = {
  danger: dangerQuestions,
  about: aboutQuestions,
  relation: relationQuestions,
  home: homeQuestions,
  narrative: narrativeQuestions,
  contact: contactQuestions,
  safety: (c) => safetyQuestions(c, ask(c).you),
  'reporter-contact': reporterContactQuestions,
  abuse: abuseQuestions,
  person: personQuestions,
  household: householdQuestions,
};

/** The questions of `step` as GOV.UK form markup. */
export function stepQuestions(step: Exclude<Step, 'check'>, c: StepContext): string {
  return QUESTIONS[step](c);
}

/** How to use the safe way: when, what is safe to do, a shared phone, a code word (and a letter's address). */
function safetyQuestions(c: StepContext, you: string): string {
  const v = (name: string) => fieldValue(c.fields, name);
  const err = (field: string) => c.errors.find((e) => e.field === field)?.text;
  const way = directContact(c.fields);
  const your = you === 'you' ? 'your' : 'their';
  const verb = { phone: 'call', text: 'text', email: 'email', letter: 'write to' }[way ?? 'phone'];
  const times =
    way === 'letter'
      ? ''
      : choices('checkboxes', {
          name: 'safeTimes',
          legend: `When is it safe to ${verb} ${you}? (optional)`,
          hint: `Select all that apply. If you select none, we may ${verb} ${you} on any day, at any time.`,
          items: SAFE_TIMES.map((t) => ({ value: t, text: capitalise(SAFE_TIME_CHOICES[t].words) })),
          chosen: fieldValues(c.fields, 'safeTimes'),
          error: err('safeTimes'),
        });
  const address =
    way === 'letter'
      ? textarea({
          name: 'personAddress',
          label: 'Address where a letter is safe to send',
          value: v('personAddress'),
          error: err('personAddress'),
          rows: 3,
        })
      : '';
  const flags = [
    ...(way === 'phone'
      ? [
          {
            name: 'voicemailSafe',
            value: 'yes',
            text: 'It is safe to leave a voicemail',
            checked: v('voicemailSafe') === 'yes',
          },
        ]
      : []),
    {
      name: 'mayIdentifyUs',
      value: 'yes',
      text: `We may say we are from ${c.associationName}`,
      checked: v('mayIdentifyUs') === 'yes',
    },
    {
      name: 'mayBeWatched',
      value: 'yes',
      text: `Someone else may see ${way === 'letter' ? `${your} post` : `this ${way === 'email' ? 'inbox' : 'phone'}`}`,
      hint: 'For example, it is shared, or someone checks it.',
      checked: v('mayBeWatched') === 'yes',
    },
  ];
  return `${heading(`Contacting ${you} safely`)}
${address}
${times}
${choices('checkboxes', { name: 'safety', legend: 'Select all that are true (optional)', items: flags })}
${input({ name: 'codeWord', label: 'A code word (optional)', hint: `We will use this word so ${you === 'you' ? 'you know' : 'they know'} it is us.${way === 'phone' ? ' If it is not safe to talk, say it back and we will end the call.' : ''}`, value: v('codeWord'), error: err('codeWord'), widthClass: 'govuk-!-width-one-half', spellcheck: false })}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
