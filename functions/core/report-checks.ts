/**
 * The one set of checks a report's answers pass, whether they come from the public form
 * (report-form.ts) or the JSON API (report.ts's schema, functions/intake): how long each answer may
 * be, what a phone number, an email address and an area are. Both callers trim first.
 */
import * as z from 'zod/mini';

/** The longest accepted answer of each kind, in characters: the form's fields and the API's both read these. */
export const REPORT_LIMITS = {
  narrative: 10_000,
  name: 120,
  address: 300,
  propertyReference: 40,
  phone: 30,
  email: 254,
  codeWord: 60,
  language: 60,
  safeTimes: 200,
  accessibility: 300,
} as const;

/** A phone number: an optional +, then digits, spaces, brackets or dashes, with at least 7 digits (UK numbers have 10 or 11). */
const PHONE = /^\+?[0-9 ()-]{7,30}$/;
const PHONE_DIGITS = /[0-9]/g;
const MIN_PHONE_DIGITS = 7;

/**
 * An email address: one @, no spaces, a dotted domain ending in two or more letters. It is zod's
 * email pattern, which the form's schema check (`z.email()`) has always applied after the form's own
 * looser one (`x@y.z`), so what the form accepted is exactly what this accepts.
 */
const EMAIL = z.regexes.email;

/** The shape of an area id (config slugs are a subset): checked before looking it up. */
const AREA_ID = /^[a-z0-9-]{2,60}$/;

/** What the form and the API say of a phone number they refuse (never the number itself). */
export const PHONE_PROBLEM = 'must be a phone number, like 07700 900 982';
/** What the form and the API say of an email address they refuse (never the address itself). */
export const EMAIL_PROBLEM = 'must be an email address, like name@example.com';

/** Whether `value` (trimmed) is a phone number Haven accepts: at most REPORT_LIMITS.phone characters. */
export function isPhoneNumber(value: string): boolean {
  return (
    value.length <= REPORT_LIMITS.phone &&
    PHONE.test(value) &&
    (value.match(PHONE_DIGITS)?.length ?? 0) >= MIN_PHONE_DIGITS
  );
}

/** Whether `value` (trimmed) is an email address Haven accepts: at most REPORT_LIMITS.email characters. */
export function isEmailAddress(value: string): boolean {
  return value.length <= REPORT_LIMITS.email && EMAIL.test(value);
}

/** Whether `value` has an area id's shape (lower-case letters, digits and dashes, 2 to 60). */
export function isAreaId(value: string): boolean {
  return AREA_ID.test(value);
}

/** Whether `value` is one of `areaIds` (the association's configured areas). */
export function isAreaOf(value: string, areaIds: readonly string[]): boolean {
  return isAreaId(value) && areaIds.includes(value);
}

/** The answers the rules across a report's questions read, as the form and the API both have them. */
export interface ContactAnswers {
  /** The victim made the report themselves (`reporterKind: 'victim'`, the form's "about me"). */
  byVictim: boolean;
  /** How the victim may be contacted safely, when a way is given (and contact is not refused). */
  method?: string | undefined;
  /** Whether the victim's address was given. */
  hasAddress: boolean;
  /** Whether the reporter gave a way to reach them: a phone number or an email address. */
  reporterReachable: boolean;
}

/** A rule across questions that a report's answers break, by name (the form and the API word each their own way). */
export type ContactRuleBreak = 'letter-without-address' | 'victim-through-reporter' | 'through-reporter-unreachable';

/**
 * The rules across questions a report keeps: a letter needs the address it goes to; a victim making
 * their own report cannot be contacted "through the reporter"; contact through a reporter needs the
 * reporter's own phone number or email address.
 */
export function contactRuleBreaks(a: ContactAnswers): ContactRuleBreak[] {
  const breaks: ContactRuleBreak[] = [];
  if (a.method === 'letter' && !a.hasAddress) breaks.push('letter-without-address');
  if (a.method === 'through-reporter' && a.byVictim) breaks.push('victim-through-reporter');
  else if (a.method === 'through-reporter' && !a.reporterReachable) breaks.push('through-reporter-unreachable');
  return breaks;
}
