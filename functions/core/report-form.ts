/** Maps the public form's answers (report-form-fields.ts) to a Report, or to GOV.UK errors in the order asked. */

import { hasControlCharacter, type Report, reportSchema } from './report.js';
import {
  type ContactRuleBreak,
  contactRuleBreaks,
  isAreaId,
  isAreaOf,
  isEmailAddress,
  isPhoneNumber,
} from './report-checks.js';
import {
  ABOUT_CHOICES,
  ABUSE_TYPE_CHOICES,
  CONTACT_CHOICES,
  DIRECT_CHOICES,
  FIELD_LIMITS,
  type FormError,
  type FormFields,
  fieldValue,
  fieldValues,
  HOUSEHOLD_CHOICES,
  LIVES_IN_HOME,
  parseDangerAnswer,
  RELATION_CHOICES,
  REPORTER_CONTACT_CHOICES,
  SAFE_TIME_CHOICES,
  SAFE_TIMES,
  type SafeTimeChoice,
} from './report-form-fields.js';

export type ReportFormResult = { ok: true; report: Report } | { ok: false; errors: FormError[] };

/** What each field is called in an error message, so the message names the question. */
const FIELD_NAMES: Record<keyof typeof FIELD_LIMITS, string> = {
  narrative: 'What happened',
  personName: 'Name',
  personAddress: 'Address',
  contactPhone: 'Phone number',
  contactTextPhone: 'Mobile number',
  contactEmail: 'Email address',
  reporterName: 'Your name',
  reporterPhone: 'Your phone number',
  reporterEmail: 'Your email address',
  codeWord: 'Code word',
  language: 'Language',
};

const NEWLINE = /[\r\n]/;

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

/** A phone number or email answer: its own errors (missing, malformed) under `field`; the value when good. */
function contactDetail(
  fields: FormFields,
  errors: FormError[],
  field: 'contactPhone' | 'contactTextPhone' | 'contactEmail' | 'reporterPhone' | 'reporterEmail',
  words: { missing: string; format: string },
): string | undefined {
  const value = checkText(fields, field, errors, { oneLine: true });
  // The one rule the API's schema applies too (report-checks.ts).
  const wellFormed = field.endsWith('Email') ? isEmailAddress : isPhoneNumber;
  if (!fieldValue(fields, field)) refuse(errors, field, words.missing);
  else if (value && !wellFormed(value)) refuse(errors, field, words.format);
  else return value;
  return undefined;
}

const PHONE_WORDS = (who: string, mobile: boolean) => ({
  missing: `Enter ${mobile ? 'a mobile' : 'a phone'} number that is safe to use${who}`,
  format: `Enter ${mobile ? 'a mobile' : 'a phone'} number, like 07700 900 982`,
});
const EMAIL_WORDS = (who: string) => ({
  missing: `Enter an email address that is safe to use${who}`,
  format: 'Enter an email address in the correct format, like name@example.com',
});

/** The rules across questions the answers break: the API's schema keeps the same ones (report-checks.ts). */
function crossQuestionBreaks(fields: FormFields, about: 'me' | 'someone-else' | undefined): ContactRuleBreak[] {
  const reporterWay = choice(fields, 'reporterContact', REPORTER_CONTACT_CHOICES);
  return contactRuleBreaks({
    byVictim: about === 'me',
    method: choice(fields, 'contactMethod', CONTACT_CHOICES),
    hasAddress: !!fieldValue(fields, 'personAddress'),
    reporterReachable: reporterWay === 'phone' || reporterWay === 'email',
  });
}

/** The victim's safe contact, in the order the form asks: the way, its number or address, then its safety. */
function victimContact(
  fields: FormFields,
  errors: FormError[],
  about: 'me' | 'someone-else' | undefined,
  breaks: readonly ContactRuleBreak[],
) {
  const someoneElse = about === 'someone-else';
  const contact = choice(fields, 'contactMethod', CONTACT_CHOICES);
  // A victim has no "through me" (the rule the API keeps too) or "I don't know"; until it is known
  // whom it is about, any answer stands.
  const allowed = !breaks.includes('victim-through-reporter') && (about !== 'me' || contact !== 'unknown');
  if (!contact || !allowed)
    refuse(
      errors,
      'contactMethod',
      someoneElse
        ? 'Select how we can contact them safely, or that you do not know'
        : 'Select how we can contact you safely, or that we must not contact you',
    );
  const who = someoneElse ? ' for them' : '';
  const phone =
    contact === 'phone'
      ? contactDetail(fields, errors, 'contactPhone', PHONE_WORDS(who, false))
      : contact === 'text'
        ? contactDetail(fields, errors, 'contactTextPhone', PHONE_WORDS(who, true))
        : undefined;
  const email = contact === 'email' ? contactDetail(fields, errors, 'contactEmail', EMAIL_WORDS(who)) : undefined;
  const address = checkText(fields, 'personAddress', errors, { oneLine: false });
  if (breaks.includes('letter-without-address'))
    refuse(errors, 'personAddress', 'Enter the address where a letter is safe to send');
  // The safety step is asked only for a direct way, and its times only when the way is not a letter:
  // an answer given for an earlier way is neither checked nor kept once the path no longer asks it.
  const direct = (DIRECT_CHOICES as readonly string[]).includes(contact ?? '');
  const times = direct && contact !== 'letter' ? fieldValues(fields, 'safeTimes') : [];
  if (!times.every((t) => (SAFE_TIMES as readonly string[]).includes(t)))
    refuse(errors, 'safeTimes', 'Select safe times from the list');
  const codeWord = direct ? checkText(fields, 'codeWord', errors, { oneLine: true }) : undefined;
  return { contact: allowed ? contact : undefined, phone, email, address, times: times as SafeTimeChoice[], codeWord };
}

/** The reporter's own contact (about someone else only): optional; 'none' is "do not contact me". */
function reporterContact(fields: FormFields, errors: FormError[], breaks: readonly ContactRuleBreak[]) {
  const name = checkText(fields, 'reporterName', errors, { oneLine: true });
  const method = choice(fields, 'reporterContact', REPORTER_CONTACT_CHOICES);
  if (fieldValue(fields, 'reporterContact') && !method)
    refuse(errors, 'reporterContact', 'Select how we can contact you, or that we must not');
  const phone = method === 'phone' ? contactDetail(fields, errors, 'reporterPhone', PHONE_WORDS('', false)) : undefined;
  const email = method === 'email' ? contactDetail(fields, errors, 'reporterEmail', EMAIL_WORDS('')) : undefined;
  if (breaks.includes('through-reporter-unreachable'))
    refuse(errors, 'reporterContact', 'Select how we can contact you: you said to contact them through you');
  return {
    ...(name ? { name } : {}),
    ...(method ? { contact: { method, ...(phone ? { phone } : {}), ...(email ? { email } : {}) } } : {}),
  };
}

/**
 * Maps the posted answers (every step's, carried in hidden fields) to a Report, or to GOV.UK errors in
 * the order the questions are asked. Answers to questions that do not apply (the relation when the
 * report is about the person filling it in) are ignored. Messages name the question and the problem
 * and never repeat the value.
 */
export function parseReportForm(
  fields: FormFields,
  ctx: { associationId: string; areaIds?: readonly string[] },
): ReportFormResult {
  const errors: FormError[] = [];
  const danger = parseDangerAnswer(fields);
  if (!danger.ok) errors.push(...danger.errors);

  const about = choice(fields, 'about', ABOUT_CHOICES);
  if (!about) refuse(errors, 'about', 'Select whether this report is about you or someone else');
  const someoneElse = about === 'someone-else';
  const relation = someoneElse ? choice(fields, 'reporterKind', RELATION_CHOICES) : undefined;
  if (someoneElse && !relation)
    refuse(errors, 'reporterKind', 'Select who you are to them, or that you would rather not say');
  const reporterKind = about === 'me' ? 'victim' : relation;

  const livesIn = choice(fields, 'livesInAssociationHome', LIVES_IN_HOME);
  if (!livesIn)
    refuse(errors, 'livesInAssociationHome', 'Select whether the person experiencing abuse lives in one of our homes');
  const areaValue = fieldValue(fields, 'area');
  const chosenArea =
    areaValue && areaValue !== 'not-sure' && (ctx.areaIds ? isAreaOf(areaValue, ctx.areaIds) : isAreaId(areaValue))
      ? areaValue
      : undefined;
  if (areaValue && areaValue !== 'not-sure' && !chosenArea) refuse(errors, 'area', 'Select an area from the list');
  // An association with one area is not asked: the home can only be there.
  const area = chosenArea ?? (ctx.areaIds?.length === 1 ? ctx.areaIds[0] : undefined);

  const narrative = checkText(fields, 'narrative', errors, { oneLine: false });
  if (!fieldValue(fields, 'narrative')) refuse(errors, 'narrative', 'Enter what happened, in your own words');

  const breaks = crossQuestionBreaks(fields, about);
  const victim = victimContact(fields, errors, about, breaks);
  const reporter = someoneElse ? reporterContact(fields, errors, breaks) : {};

  const abuseTypes = fieldValues(fields, 'abuseTypes');
  const knownAbuse = (t: string): t is (typeof ABUSE_TYPE_CHOICES)[number] =>
    (ABUSE_TYPE_CHOICES as readonly string[]).includes(t);
  if (!abuseTypes.every(knownAbuse)) refuse(errors, 'abuseTypes', 'Select the type of abuse from the list');
  const personName = checkText(fields, 'personName', errors, { oneLine: true });

  const household = fieldValues(fields, 'household');
  if (household.some((h) => !(HOUSEHOLD_CHOICES as readonly string[]).includes(h)))
    refuse(errors, 'household', 'Select who lives in the home from the list');
  else if (household.includes('none') && household.length > 1)
    refuse(errors, 'household', 'Select who lives in the home, or select "None of these"');
  const language = checkText(fields, 'language', errors, { oneLine: true });

  const { contact, phone, email, address, times, codeWord } = victim;
  if (errors.length > 0 || !danger.ok || !reporterKind || !livesIn || !narrative || !contact)
    return { ok: false, errors: dedupe(errors) };

  const flag = (name: string) => fieldValue(fields, name) === 'yes';
  const direct = (DIRECT_CHOICES as readonly string[]).includes(contact);
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
    person: { ...(personName ? { name: personName } : {}), ...(address ? { address } : {}) },
    reporter,
    // 'unknown': no method and noContact false, "no safe way known yet".
    safeContact: {
      noContact: contact === 'none',
      ...(contact !== 'none' && contact !== 'unknown' ? { method: contact } : {}),
      ...(phone && (contact === 'phone' || contact === 'text') ? { phone } : {}),
      ...(email && contact === 'email' ? { email } : {}),
      windows: direct ? [...new Set(times)].map((t) => SAFE_TIME_CHOICES[t].window) : [],
      voicemailSafe: contact === 'phone' && flag('voicemailSafe'),
      letterSafe: contact === 'letter',
      mayIdentifyUs: direct && flag('mayIdentifyUs'),
      mayBeWatched: direct && flag('mayBeWatched'),
      ...(codeWord && direct ? { codeWord } : {}),
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
  'reporter.name': 'reporterName',
  'reporter.contact.phone': 'reporterPhone',
  'reporter.contact.email': 'reporterEmail',
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
