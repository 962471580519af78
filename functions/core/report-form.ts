import { ABUSE_TYPES, hasControlCharacter, REPORTER_KINDS, type Report, reportSchema } from './report.js';

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

export type ReportFormResult = { ok: true; report: Report } | { ok: false; errors: FormError[] };

export const LIVES_IN_HOME = ['yes', 'no', 'not-sure'] as const;
export const CONTACT_CHOICES = ['phone', 'text', 'email', 'letter', 'none'] as const;
export const HOUSEHOLD_CHOICES = ['children', 'vulnerableAdult', 'olderPerson', 'none'] as const;
export const REPORTER_CHOICES = REPORTER_KINDS;
export const ABUSE_TYPE_CHOICES = ABUSE_TYPES;

/**
 * The questions the details page cannot be sent without, in page order (parseReportForm refuses a
 * post missing any of them); every other question is optional. A phone, text, email or letter
 * answer to the contact question also needs its number or address.
 */
export const REQUIRED_QUESTIONS = ['reporterKind', 'livesInAssociationHome', 'narrative', 'contactMethod'] as const;

/** The "does the person live in one of our homes?" question: the name is never after an article ("a The …"). */
export function livesInHomeQuestion(associationName: string): string {
  return `Does the person experiencing abuse live in a home managed by ${associationName}?`;
}

/** Every field the form posts, with its longest accepted length (characters). */
export const FIELD_LIMITS = {
  narrative: 10_000,
  personName: 120,
  personAddress: 300,
  contactPhone: 30,
  contactTextPhone: 30,
  contactEmail: 254,
  safeTimes: 200,
  codeWord: 60,
  language: 60,
} as const;

/** What each field is called in an error message, so the message names the question. */
const FIELD_NAMES: Record<keyof typeof FIELD_LIMITS, string> = {
  narrative: 'What happened',
  personName: 'Name',
  personAddress: 'Address',
  contactPhone: 'Phone number',
  contactTextPhone: 'Mobile number',
  contactEmail: 'Email address',
  safeTimes: 'Safe times to contact',
  codeWord: 'Code word',
  language: 'Language',
};

const NEWLINE = /[\r\n]/;
const PHONE = /^\+?[0-9 ()-]{7,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const AREA = /^[a-z0-9-]{2,60}$/;

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

/** Adds the GOV.UK error for a field: its message, linked from the summary to the field. */
function refuse(errors: FormError[], field: string, text: string): void {
  errors.push({ field, href: `#${field}`, text });
}

function choice<T extends string>(fields: FormFields, name: string, allowed: readonly T[]): T | undefined {
  const value = fieldValue(fields, name);
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function checkText(
  fields: FormFields,
  name: keyof typeof FIELD_LIMITS,
  errors: FormError[],
  opts: { oneLine: boolean },
): string | undefined {
  const value = fieldValue(fields, name);
  if (!value) return undefined;
  const label = FIELD_NAMES[name];
  const max = FIELD_LIMITS[name];
  const err = (text: string) => refuse(errors, name, text);
  if (value.length > max) err(`${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
  else if (hasControlCharacter(value)) err(`${label} must not contain hidden control characters`);
  else if (opts.oneLine && NEWLINE.test(value)) err(`${label} must be on one line`);
  else return value;
  return undefined;
}

/**
 * Maps the posted form to a Report, or to GOV.UK errors in page order. The immediate-danger answer
 * comes from the first page (a hidden field on the details page). Messages name the question and
 * the problem and never repeat the value.
 */
export function parseReportForm(
  fields: FormFields,
  ctx: { associationId: string; areaIds?: readonly string[] },
): ReportFormResult {
  const errors: FormError[] = [];
  const danger = parseDangerAnswer(fields);
  if (!danger.ok) errors.push(...danger.errors);

  const reporterKind = choice(fields, 'reporterKind', REPORTER_CHOICES);
  if (!reporterKind) refuse(errors, 'reporterKind', 'Select who is making this report');

  const livesIn = choice(fields, 'livesInAssociationHome', LIVES_IN_HOME);
  if (!livesIn)
    refuse(errors, 'livesInAssociationHome', 'Select whether the person experiencing abuse lives in one of our homes');

  const narrative = checkText(fields, 'narrative', errors, { oneLine: false });
  if (!fieldValue(fields, 'narrative')) refuse(errors, 'narrative', 'Enter what happened, in your own words');

  const contact = choice(fields, 'contactMethod', CONTACT_CHOICES);
  if (!contact)
    refuse(errors, 'contactMethod', 'Select how we can contact you safely, or that we must not contact you');
  // Call and text each reveal their own number field, so only the chosen one is read.
  const phoneField = contact === 'text' ? 'contactTextPhone' : 'contactPhone';
  const phone =
    contact === 'phone' || contact === 'text' ? checkText(fields, phoneField, errors, { oneLine: true }) : undefined;
  const email = contact === 'email' ? checkText(fields, 'contactEmail', errors, { oneLine: true }) : undefined;
  if (contact === 'phone' || contact === 'text') {
    const what = contact === 'text' ? 'a mobile number' : 'a phone number';
    if (!fieldValue(fields, phoneField)) refuse(errors, phoneField, `Enter ${what} that is safe to use`);
    else if (phone && !PHONE.test(phone)) refuse(errors, phoneField, `Enter ${what}, like 07700 900 982`);
  }
  if (contact === 'email') {
    if (!fieldValue(fields, 'contactEmail'))
      refuse(errors, 'contactEmail', 'Enter an email address that is safe to use');
    else if (email && !EMAIL.test(email))
      refuse(errors, 'contactEmail', 'Enter an email address in the correct format, like name@example.com');
  }
  // The name comes before the address on the page, so its error comes first in the summary too.
  const personName = checkText(fields, 'personName', errors, { oneLine: true });
  const personAddress = checkText(fields, 'personAddress', errors, { oneLine: false });
  if (contact === 'letter' && !fieldValue(fields, 'personAddress'))
    refuse(errors, 'personAddress', 'Enter the address where a letter is safe to send');

  const areaValue = fieldValue(fields, 'area');
  const chosenArea =
    areaValue && areaValue !== 'not-sure' && AREA.test(areaValue) && (!ctx.areaIds || ctx.areaIds.includes(areaValue))
      ? areaValue
      : undefined;
  if (areaValue && areaValue !== 'not-sure' && !chosenArea) refuse(errors, 'area', 'Select an area from the list');
  // An association with one area is not asked: the home can only be there.
  const area = chosenArea ?? (ctx.areaIds?.length === 1 ? ctx.areaIds[0] : undefined);

  const safeTimes = checkText(fields, 'safeTimes', errors, { oneLine: true });
  const codeWord = checkText(fields, 'codeWord', errors, { oneLine: true });
  const abuseTypes = fieldValues(fields, 'abuseTypes');
  const knownAbuse = (t: string): t is (typeof ABUSE_TYPE_CHOICES)[number] =>
    (ABUSE_TYPE_CHOICES as readonly string[]).includes(t);
  if (!abuseTypes.every(knownAbuse)) refuse(errors, 'abuseTypes', 'Select the type of abuse from the list');

  const household = fieldValues(fields, 'household');
  if (household.some((h) => !(HOUSEHOLD_CHOICES as readonly string[]).includes(h)))
    refuse(errors, 'household', 'Select who lives in the home from the list');
  else if (household.includes('none') && household.length > 1)
    refuse(errors, 'household', 'Select who lives in the home, or select "None of these"');

  const language = checkText(fields, 'language', errors, { oneLine: true });

  if (errors.length > 0 || !danger.ok || !reporterKind || !livesIn || !narrative || !contact)
    return { ok: false, errors: dedupe(errors) };

  const noContact = contact === 'none';
  const flag = (name: string) => fieldValue(fields, name) === 'yes';
  const candidate = {
    associationId: ctx.associationId,
    reporterKind,
    immediateDanger: danger.inDanger,
    livesInAssociationHome: livesIn,
    ...(area ? { area } : {}),
    abuseTypes: [...new Set(abuseTypes.filter(knownAbuse))],
    household: {
      children: household.includes('children'),
      vulnerableAdult: household.includes('vulnerableAdult'),
      receivesRegisteredCare: false,
      perpetratorHasCareNeeds: false,
      jointTenancyWithPerpetrator: false,
      olderPerson: household.includes('olderPerson'),
    },
    narrative,
    person: { ...(personName ? { name: personName } : {}), ...(personAddress ? { address: personAddress } : {}) },
    safeContact: noContact
      ? { noContact: true, voicemailSafe: false, letterSafe: false }
      : {
          noContact: false,
          method: contact,
          ...(phone && (contact === 'phone' || contact === 'text') ? { phone } : {}),
          ...(email && contact === 'email' ? { email } : {}),
          ...(safeTimes ? { safeTimes } : {}),
          voicemailSafe: flag('voicemailSafe'),
          letterSafe: contact === 'letter' || flag('letterSafe'),
          ...(codeWord ? { codeWord } : {}),
        },
    needs: {
      ...(language ? { language } : {}),
      interpreter: flag('interpreter'),
      sameGenderOfficer: flag('sameGenderOfficer'),
    },
  };
  const parsed = reportSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, report: parsed.data };
  // A backstop: the checks above mirror the schema, so this names the field but not zod's wording.
  return { ok: false, errors: dedupe(parsed.error.issues.map((i) => schemaIssueToError(i.path))) };
}

const SCHEMA_PATH_TO_FIELD: Record<string, string> = {
  narrative: 'narrative',
  'person.name': 'personName',
  'person.address': 'personAddress',
  'safeContact.phone': 'contactPhone',
  'safeContact.email': 'contactEmail',
  'safeContact.safeTimes': 'safeTimes',
  'safeContact.codeWord': 'codeWord',
  'needs.language': 'language',
  reporterKind: 'reporterKind',
  livesInAssociationHome: 'livesInAssociationHome',
  area: 'area',
  abuseTypes: 'abuseTypes',
};

function schemaIssueToError(path: readonly PropertyKey[]): FormError {
  const field = SCHEMA_PATH_TO_FIELD[path.map(String).join('.')] ?? 'narrative';
  const label = (FIELD_NAMES as Record<string, string>)[field] ?? 'This answer';
  return { field, href: `#${field}`, text: `${label} could not be accepted: check it and try again` };
}

function dedupe(errors: FormError[]): FormError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.field)) return false;
    seen.add(e.field);
    return true;
  });
}
