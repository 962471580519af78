/**
 * The public form's fields as posted (every step's answers, carried in hidden fields), its choices,
 * and reading them. Mapping them to a Report is report-form.ts.
 */
import type { ContactWindow, Weekday } from './contact-window.js';
import { ABUSE_TYPES } from './report.js';
import { REPORT_LIMITS as MAX } from './report-checks.js';

const MON_FRI: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * The public report form's fields, as a plain form post sends them (names are the HTML `name`s).
 * Values are strings; checkboxes may repeat, so a field may be a list.
 */
export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One GOV.UK error: the field it belongs to, the link target in the error summary and the message. */
export interface FormError {
  field: string;
  /** `#id` of the first input of the field, for the error summary link. */
  href: string;
  /** Names the question and the problem; never repeats what was typed. */
  text: string;
}

export const LIVES_IN_HOME = ['yes', 'no', 'not-sure'] as const;
/** Whom the report is about: the person filling it in, or someone else. */
export const ABOUT_CHOICES = ['me', 'someone-else'] as const;
/** Who a reporter about someone else is ("rather not say" is anonymous). */
export const RELATION_CHOICES = ['third-party', 'colleague', 'contractor', 'anonymous'] as const;
/** Ways to reach the victim directly; someone else may also say "through me", "I don't know" or "not directly". */
export const DIRECT_CHOICES = ['phone', 'text', 'email', 'letter'] as const;
export const CONTACT_CHOICES = [...DIRECT_CHOICES, 'through-reporter', 'unknown', 'none'] as const;
/** The reporter's own contact; 'none' is "do not contact me". */
export const REPORTER_CONTACT_CHOICES = ['phone', 'email', 'none'] as const;
export const HOUSEHOLD_CHOICES = ['children', 'vulnerableAdult', 'olderPerson', 'none'] as const;
export const ABUSE_TYPE_CHOICES = ABUSE_TYPES;

/** Safe times as the form offers them, in the order shown; each is one ContactWindow (London). */
export const SAFE_TIMES = ['weekday-mornings', 'weekday-afternoons', 'weekday-evenings', 'weekends'] as const;
export type SafeTimeChoice = (typeof SAFE_TIMES)[number];
export const SAFE_TIME_CHOICES: Record<SafeTimeChoice, { words: string; window: ContactWindow }> = {
  'weekday-mornings': {
    words: 'weekday mornings (9am to midday)',
    window: { days: MON_FRI, from: '09:00', to: '12:00' },
  },
  'weekday-afternoons': {
    words: 'weekday afternoons (midday to 5pm)',
    window: { days: MON_FRI, from: '12:00', to: '17:00' },
  },
  'weekday-evenings': { words: 'weekday evenings (5pm to 9pm)', window: { days: MON_FRI, from: '17:00', to: '21:00' } },
  weekends: { words: 'weekends (9am to 5pm)', window: { days: ['sat', 'sun'], from: '09:00', to: '17:00' } },
};

/** Whether the answers so far say the report is about someone other than the person filling it in. */
export const aboutSomeoneElse = (fields: FormFields): boolean => fieldValue(fields, 'about') === 'someone-else';

/** Whether the victim's safe contact answer is a way to reach them directly (so its safety is asked). */
export function directContact(fields: FormFields): (typeof DIRECT_CHOICES)[number] | undefined {
  const value = fieldValue(fields, 'contactMethod');
  return (DIRECT_CHOICES as readonly string[]).includes(value) ? (value as (typeof DIRECT_CHOICES)[number]) : undefined;
}

/**
 * The questions a report cannot be sent without, in the order they are asked (parseReportForm refuses
 * a post missing any of them); `reporterKind` only when the report is about someone else. Every
 * other question is optional. A phone, text, email or letter answer also needs its number or address.
 */
export const REQUIRED_QUESTIONS = [
  'immediateDanger',
  'about',
  'reporterKind',
  'livesInAssociationHome',
  'narrative',
  'contactMethod',
] as const;

/** The "does the person live in one of our homes?" question: the name is never after an article ("a The …"). */
export function livesInHomeQuestion(associationName: string, someoneElse: boolean): string {
  return someoneElse
    ? `Does the person experiencing abuse live in a home managed by ${associationName}?`
    : `Do you live in a home managed by ${associationName}?`;
}

/** Every field the form posts, with its longest accepted length (characters): the API's own (report-checks.ts). */
export const FIELD_LIMITS = {
  narrative: MAX.narrative,
  personName: MAX.name,
  personAddress: MAX.address,
  contactPhone: MAX.phone,
  contactTextPhone: MAX.phone,
  contactEmail: MAX.email,
  reporterName: MAX.name,
  reporterPhone: MAX.phone,
  reporterEmail: MAX.email,
  codeWord: MAX.codeWord,
  language: MAX.language,
} as const;

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** The first value of a field, trimmed; checkbox lists give their first item. */
export function fieldValue(fields: FormFields, name: string): string {
  const raw = fields[name];
  const first = typeof raw === 'string' ? raw : raw?.[0];
  return (first ?? '').trim();
}

/** Every value of a repeated field (checkboxes), trimmed and without empties. */
export function fieldValues(fields: FormFields, name: string): string[] {
  const raw = fields[name];
  const list = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
  return list.map((v) => v.trim()).filter((v) => v.length > 0);
}

/** The per-form token used as the idempotency key, or undefined when missing or malformed. */
export function formToken(fields: FormFields): string | undefined {
  const token = fieldValue(fields, 'formToken');
  return TOKEN.test(token) ? token : undefined;
}

/** Reads the first question, "are you in danger now?": true, false, or an error naming the question. */
export function parseDangerAnswer(
  fields: FormFields,
): { ok: true; inDanger: boolean } | { ok: false; errors: FormError[] } {
  const value = fieldValue(fields, 'immediateDanger');
  if (value === 'yes' || value === 'no') return { ok: true, inDanger: value === 'yes' };
  return {
    ok: false,
    errors: [
      {
        field: 'immediateDanger',
        href: '#immediateDanger',
        text: 'Select yes if you or someone else is in danger now',
      },
    ],
  };
}
