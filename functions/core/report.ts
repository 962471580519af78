import * as z from 'zod/mini';
import { contactWindowSchema } from './contact-window.js';
import {
  type ContactRuleBreak,
  contactRuleBreaks,
  EMAIL_PROBLEM,
  isAreaId,
  isEmailAddress,
  isPhoneNumber,
  REPORT_LIMITS as MAX,
  PHONE_PROBLEM,
} from './report-checks.js';
import './zod-en.js';

/** Whether text holds a control character: C0 (U+0000–U+001F) or DEL (U+007F), except tab, line feed and carriage return. */
export function hasControlCharacter(s: string): boolean {
  // Code units, not a regex: the rule is easier to read as numbers than as escapes of invisible characters.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** Text a person typed: trimmed, bounded, and free of control characters (newlines and tabs allowed). */
export const freeText = (max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max, `must be ${max} characters or fewer`),
    z.refine((s) => !hasControlCharacter(s), 'must not contain control characters'),
  );
const shortText = (max = 200) => freeText(max).check(z.refine((s) => !/[\r\n]/.test(s), 'must be on one line'));
/** A phone number as the form checks it (report-checks.ts): over-long says so, anything else malformed says what a number is. */
const phoneNumber = z.string().check(
  z.trim(),
  z.maxLength(MAX.phone, `must be ${MAX.phone} characters or fewer`),
  z.refine((s) => s.length > MAX.phone || isPhoneNumber(s), PHONE_PROBLEM),
);
/** An email address as the form checks it (report-checks.ts). */
const emailAddress = z.string().check(
  z.trim(),
  z.maxLength(MAX.email, `must be ${MAX.email} characters or fewer`),
  z.refine((s) => s.length > MAX.email || isEmailAddress(s), EMAIL_PROBLEM),
);

export const REPORTER_KINDS = ['victim', 'third-party', 'colleague', 'contractor', 'anonymous'] as const;
export const ABUSE_TYPES = [
  'psychological',
  'physical',
  'sexual',
  'financial',
  'emotional',
  'discriminatory',
  'honour-based',
  'forced-marriage',
] as const;
export const CONTACT_METHODS = ['phone', 'text', 'email', 'letter', 'in-person', 'through-reporter'] as const;

/**
 * How, and whether, it is safe to contact the person experiencing abuse (004 §7.3): their own answers,
 * or what a reporter knows of them (`safeContactSource`). No method and no `noContact` means no safe
 * way is known yet.
 */
export const safeContactSchema = z
  .strictObject({
    noContact: z._default(z.boolean(), false),
    method: z.optional(z.enum(CONTACT_METHODS)),
    phone: z.optional(phoneNumber),
    email: z.optional(emailAddress),
    safeTimes: z.optional(shortText(MAX.safeTimes)),
    /** Safe times as days and hours (London), when they were given that way; empty means not said. */
    windows: z._default(z.array(contactWindowSchema).check(z.maxLength(14)), []),
    voicemailSafe: z._default(z.boolean(), false),
    letterSafe: z._default(z.boolean(), false),
    /** Whether whoever answers may be told the call or message is from the association. */
    mayIdentifyUs: z._default(z.boolean(), false),
    /** Whether the phone or inbox is shared or may be watched by someone else. */
    mayBeWatched: z._default(z.boolean(), false),
    codeWord: z.optional(shortText(MAX.codeWord)),
  })
  .check(
    z.superRefine((c, ctx) => {
      if (c.noContact) return;
      if (c.method === 'phone' || c.method === 'text')
        if (!c.phone)
          ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is needed to contact by phone or text' });
      if (c.method === 'email' && !c.email)
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'is needed to contact by email' });
    }),
  );
export type SafeContact = z.infer<typeof safeContactSchema>;

/** How a reporter who is not the victim may be contacted about their report, or 'none'. */
export const reporterContactSchema = z
  .strictObject({
    method: z.enum(['phone', 'text', 'email', 'none']),
    phone: z.optional(phoneNumber),
    email: z.optional(emailAddress),
  })
  .check(
    z.superRefine((c, ctx) => {
      if ((c.method === 'phone' || c.method === 'text') && !c.phone)
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is needed to contact by phone or text' });
      if (c.method === 'email' && !c.email)
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'is needed to contact by email' });
    }),
  );

/** Whose words the safe contact is: the victim's own when they made the report, otherwise the reporter's. */
export function safeContactSource(report: Pick<Report, 'reporterKind'>): 'victim' | 'reporter' {
  return report.reporterKind === 'victim' ? 'victim' : 'reporter';
}

/** Who lives in the home, as far as the reporter knows. */
export const householdSchema = z.strictObject({
  children: z._default(z.boolean(), false),
  vulnerableAdult: z._default(z.boolean(), false),
  receivesRegisteredCare: z._default(z.boolean(), false),
  perpetratorHasCareNeeds: z._default(z.boolean(), false),
  jointTenancyWithPerpetrator: z._default(z.boolean(), false),
  olderPerson: z._default(z.boolean(), false),
});

/** Where and in what words the API refuses a report that breaks a rule across its questions (never a value). */
const CROSS_QUESTION_PROBLEMS: Record<ContactRuleBreak, { path: string[]; message: string }> = {
  'letter-without-address': { path: ['person', 'address'], message: 'is needed to contact by letter' },
  'victim-through-reporter': {
    path: ['safeContact', 'method'],
    message: 'must be a way to reach the victim directly: the victim made this report',
  },
  'through-reporter-unreachable': {
    path: ['reporter', 'contact'],
    message: 'needs a phone number or email address: the victim is to be contacted through the reporter',
  },
};

/** A report as the public form submits it. Personal data lives in `person`, `narrative` and `safeContact`. */
export const reportSchema = z
  .strictObject({
    associationId: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/)),
    reporterKind: z.enum(REPORTER_KINDS),
    immediateDanger: z.boolean(),
    livesInAssociationHome: z.enum(['yes', 'no', 'not-sure']),
    /** One of the association's areas (`reportProblems` checks it against config), or absent when not known. */
    area: z.optional(z.string().check(z.refine(isAreaId, 'must be an area id: lower-case letters, digits and dashes'))),
    household: z._default(householdSchema, {
      children: false,
      vulnerableAdult: false,
      receivesRegisteredCare: false,
      perpetratorHasCareNeeds: false,
      jointTenancyWithPerpetrator: false,
      olderPerson: false,
    }),
    abuseTypes: z._default(z.array(z.enum(ABUSE_TYPES)).check(z.maxLength(ABUSE_TYPES.length)), []),
    violentIncident: z._default(z.boolean(), false),
    wantsToStayInHome: z._default(z.enum(['yes', 'no', 'not-sure']), 'not-sure'),
    narrative: freeText(MAX.narrative).check(z.minLength(1, 'tell us what happened, in your own words')),
    /** The victim (may be the reporter). All optional: reports may be anonymous. */
    person: z._default(
      z.strictObject({
        name: z.optional(shortText(MAX.name)),
        address: z.optional(freeText(MAX.address)),
        propertyReference: z.optional(shortText(MAX.propertyReference)),
        dateOfBirth: z.optional(z.iso.date()),
      }),
      {},
    ),
    /** The reporter, when not the victim: who they are and how they may be contacted themselves. */
    reporter: z._default(
      z.strictObject({
        name: z.optional(shortText(MAX.name)),
        phone: z.optional(phoneNumber),
        email: z.optional(emailAddress),
        /** The reporter's own wish: 'none' is "do not contact me", and says nothing about the victim. */
        contact: z.optional(reporterContactSchema),
      }),
      {},
    ),
    /** Always the victim's safe contact, never the reporter's own (`reporter.contact`). */
    safeContact: z._default(safeContactSchema, {
      noContact: false,
      windows: [],
      voicemailSafe: false,
      letterSafe: false,
      mayIdentifyUs: false,
      mayBeWatched: false,
    }),
    needs: z._default(
      z.strictObject({
        language: z.optional(shortText(MAX.language)),
        interpreter: z._default(z.boolean(), false),
        sameGenderOfficer: z._default(z.boolean(), false),
        accessibility: z.optional(shortText(MAX.accessibility)),
      }),
      { interpreter: false, sameGenderOfficer: false },
    ),
  })
  .check(
    z.superRefine((r, ctx) => {
      // The rules across questions the form keeps too (report-checks.ts), each naming its field.
      const contact = r.reporter.contact;
      const breaks = contactRuleBreaks({
        byVictim: r.reporterKind === 'victim',
        ...(!r.safeContact.noContact && r.safeContact.method ? { method: r.safeContact.method } : {}),
        hasAddress: !!r.person.address,
        reporterReachable: !!contact && contact.method !== 'none' && !!(contact.phone || contact.email),
      });
      for (const b of breaks) ctx.addIssue({ code: 'custom', ...CROSS_QUESTION_PROBLEMS[b] });
    }),
  );
export type Report = z.infer<typeof reportSchema>;
export type ReportInput = z.input<typeof reportSchema>;
