/**
 * One rule for a report's phone numbers, email addresses and lengths (core/report-checks.ts): the
 * public form and the JSON API's schema take exactly the same values, the form's own examples
 * ("like 07700 900 982", "like name@example.com") among them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReportInput, reportSchema } from '../../functions/core/report.js';
import { contactRuleBreaks, isEmailAddress, isPhoneNumber, REPORT_LIMITS } from '../../functions/core/report-checks.js';
import { parseReportForm } from '../../functions/core/report-form.js';
import { FIELD_LIMITS } from '../../functions/core/report-form-fields.js';
import { defined } from '../support/defined.js';

const BASE: ReportInput = {
  associationId: 'wrekin',
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  narrative: 'Something happened.',
};
/** The fields of the paths the API refuses for `body`. */
const apiRefuses = (body: Partial<ReportInput>) => {
  const parsed = reportSchema.safeParse({ ...BASE, ...body });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};
/** The form fields refused for the victim's own report with these answers. */
const formRefuses = (fields: Record<string, string>) => {
  const base = { immediateDanger: 'no', about: 'me', livesInAssociationHome: 'yes', narrative: 'Something happened.' };
  const result = parseReportForm({ ...base, ...fields }, { associationId: 'wrekin' });
  return result.ok ? [] : result.errors.map((e) => e.field);
};
const formTakesPhone = (v: string) =>
  !formRefuses({ contactMethod: 'phone', contactPhone: v }).includes('contactPhone');
const apiTakesPhone = (v: string) =>
  !apiRefuses({ safeContact: { method: 'phone', phone: v } as never }).includes('safeContact.phone');
const formTakesEmail = (v: string) =>
  !formRefuses({ contactMethod: 'email', contactEmail: v }).includes('contactEmail');
const apiTakesEmail = (v: string) =>
  !apiRefuses({ safeContact: { method: 'email', email: v } as never }).includes('safeContact.email');

const GOOD_PHONES = ['07700 900 982', '07700 900123', '+44 7700 900123', '(01952) 217100', '0161-496-0000'];
const BAD_PHONES = [
  'CNRY phone',
  '(((((((',
  '+-- -- --',
  'call me',
  '123456',
  '07700 900123 ext 5',
  '07700.900.123',
  '0'.repeat(31),
  ' ',
];
const GOOD_EMAILS = ['name@example.com', 'n@example.org', 'first.last+da@mail.example.co.uk'];
const BAD_EMAILS = ['CNRY-not-an-email', 'name@', 'name@example', 'a b@example.com', 'name@@example.com', 'a@b.c'];

describe('one phone rule for the form and the API', () => {
  it.each(GOOD_PHONES)('takes %s on both', (phone) => {
    // Act + Assess
    expect([isPhoneNumber(phone), formTakesPhone(phone), apiTakesPhone(phone)]).toEqual([true, true, true]);
  });

  it.each(BAD_PHONES)('refuses %j on both', (phone) => {
    // Act + Assess
    expect([isPhoneNumber(phone), formTakesPhone(phone), apiTakesPhone(phone)]).toEqual([false, false, false]);
  });

  it('agrees on every generated string of digits, spaces, signs and letters (trimmed as both trim)', () => {
    // Prepare
    const unit = fc.constantFrom(...'0123456789 +()-.xA@\t'.split(''));

    // Act + Assess
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 34 }), (phone) => {
        const rule = isPhoneNumber(phone.trim());
        expect(formTakesPhone(phone) || phone.trim() === '').toBe(rule || phone.trim() === '');
        expect(apiTakesPhone(phone)).toBe(rule);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('one email rule for the form and the API', () => {
  it.each(GOOD_EMAILS)('takes %s on both', (email) => {
    // Act + Assess
    expect([isEmailAddress(email), formTakesEmail(email), apiTakesEmail(email)]).toEqual([true, true, true]);
  });

  it.each(BAD_EMAILS)('refuses %j on both', (email) => {
    // Act + Assess
    expect([isEmailAddress(email), formTakesEmail(email), apiTakesEmail(email)]).toEqual([false, false, false]);
  });

  it('agrees on every generated address-like string', () => {
    // Prepare
    const unit = fc.constantFrom(...'ab.@-_+ 1'.split(''));

    // Act + Assess
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (email) => {
        const rule = isEmailAddress(email.trim());
        expect(formTakesEmail(email) || email.trim() === '').toBe(rule || email.trim() === '');
        expect(apiTakesEmail(email)).toBe(rule);
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('takes an address of exactly 254 characters and refuses 255 on both', () => {
    // Prepare
    const of = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;

    // Act + Assess
    expect([formTakesEmail(of(254)), apiTakesEmail(of(254))]).toEqual([true, true]);
    expect([formTakesEmail(of(255)), apiTakesEmail(of(255))]).toEqual([false, false]);
  });
});

describe('the same length limits for every field the form asks', () => {
  /** Each form field's answer as the API carries it. */
  const AT: Record<keyof typeof FIELD_LIMITS, { path: string; body: (v: string) => Partial<ReportInput> }> = {
    narrative: { path: 'narrative', body: (v) => ({ narrative: v }) },
    personName: { path: 'person.name', body: (v) => ({ person: { name: v } }) },
    personAddress: { path: 'person.address', body: (v) => ({ person: { address: v } }) },
    contactPhone: { path: 'safeContact.phone', body: (v) => ({ safeContact: { phone: v } as never }) },
    contactTextPhone: { path: 'safeContact.phone', body: (v) => ({ safeContact: { phone: v } as never }) },
    contactEmail: { path: 'safeContact.email', body: (v) => ({ safeContact: { email: v } as never }) },
    reporterName: { path: 'reporter.name', body: (v) => ({ reporter: { name: v } }) },
    reporterPhone: {
      path: 'reporter.contact.phone',
      body: (v) => ({ reporter: { contact: { method: 'phone', phone: v } } }),
    },
    reporterEmail: {
      path: 'reporter.contact.email',
      body: (v) => ({ reporter: { contact: { method: 'email', email: v } } }),
    },
    codeWord: { path: 'safeContact.codeWord', body: (v) => ({ safeContact: { codeWord: v } as never }) },
    language: { path: 'needs.language', body: (v) => ({ needs: { language: v } as never }) },
  };
  /** A well-formed answer of `length` characters for `field`. */
  const answer = (field: string, length: number) =>
    field.endsWith('Phone')
      ? '0'.repeat(length)
      : field.endsWith('Email')
        ? `${'a'.repeat(length - 12)}@example.com`
        : 'a'.repeat(length);

  it.each(Object.keys(AT) as (keyof typeof FIELD_LIMITS)[])(
    '%s: the API takes the form’s longest answer and refuses one character more, at its own path',
    (field) => {
      // Prepare
      const { path, body } = defined(AT[field], `the API path of ${field}`);
      const max = FIELD_LIMITS[field];

      // Act
      const atMax = apiRefuses(body(answer(field, max)));
      const over = apiRefuses(body(answer(field, max + 1)));

      // Assess
      expect(atMax).not.toContain(path);
      expect(over).toContain(path);
    },
  );

  it('the form’s limits are the API’s: the narrative, names, addresses, numbers and emails read one table', () => {
    // Act + Assess
    expect(FIELD_LIMITS).toMatchObject({
      narrative: REPORT_LIMITS.narrative,
      personName: REPORT_LIMITS.name,
      reporterName: REPORT_LIMITS.name,
      personAddress: REPORT_LIMITS.address,
      contactPhone: REPORT_LIMITS.phone,
      reporterPhone: REPORT_LIMITS.phone,
      contactEmail: REPORT_LIMITS.email,
      reporterEmail: REPORT_LIMITS.email,
    });
  });
});

describe('one set of rules across questions for the form and the API (contactRuleBreaks)', () => {
  const neighbour = { reporterKind: 'third-party' } as const;
  /** The form fields refused for a neighbour's report with these answers. */
  const formRefusesForNeighbour = (fields: Record<string, string>) =>
    formRefuses({ about: 'someone-else', reporterKind: 'third-party', ...fields });

  it('the rule: a letter needs the address; a victim has no "through the reporter"; through the reporter needs their phone or email', () => {
    // Act + Assess
    const none = { byVictim: false, hasAddress: true, reporterReachable: true };
    expect(contactRuleBreaks({ ...none, method: 'letter', hasAddress: false })).toEqual(['letter-without-address']);
    expect(contactRuleBreaks({ ...none, method: 'letter' })).toEqual([]);
    expect(contactRuleBreaks({ ...none, method: 'through-reporter', byVictim: true })).toEqual([
      'victim-through-reporter',
    ]);
    expect(contactRuleBreaks({ ...none, method: 'through-reporter', reporterReachable: false })).toEqual([
      'through-reporter-unreachable',
    ]);
    expect(contactRuleBreaks({ ...none, method: 'through-reporter' })).toEqual([]);
    expect(contactRuleBreaks({ ...none, method: 'phone', hasAddress: false, reporterReachable: false })).toEqual([]);
  });

  it('a letter with no address: the API refuses person.address, the form personAddress', () => {
    // Act + Assess
    expect(apiRefuses({ safeContact: { method: 'letter' } as never })).toEqual(['person.address']);
    expect(formRefuses({ contactMethod: 'letter' })).toContain('personAddress');
    expect(apiRefuses({ person: { address: '1 Example Street' }, safeContact: { method: 'letter' } as never })).toEqual(
      [],
    );
  });

  it('a victim’s own report through the reporter: the API refuses safeContact.method, the form contactMethod', () => {
    // Prepare
    const reporter = { contact: { method: 'phone' as const, phone: '07700 900 982' } };

    // Act + Assess
    expect(apiRefuses({ reporter, safeContact: { method: 'through-reporter' } as never })).toEqual([
      'safeContact.method',
    ]);
    expect(formRefuses({ contactMethod: 'through-reporter' })).toContain('contactMethod');
  });

  it('through the reporter with no way to reach them: the API refuses reporter.contact, the form reporterContact', () => {
    // Prepare
    const through = { ...neighbour, safeContact: { method: 'through-reporter' } as never };

    // Act + Assess
    expect(apiRefuses(through)).toEqual(['reporter.contact']);
    expect(apiRefuses({ ...through, reporter: { contact: { method: 'none' } } })).toEqual(['reporter.contact']);
    expect(formRefusesForNeighbour({ contactMethod: 'through-reporter' })).toContain('reporterContact');
    expect(formRefusesForNeighbour({ contactMethod: 'through-reporter', reporterContact: 'none' })).toContain(
      'reporterContact',
    );
    expect(apiRefuses({ ...through, reporter: { contact: { method: 'email', email: 'name@example.com' } } })).toEqual(
      [],
    );
    expect(
      formRefusesForNeighbour({
        contactMethod: 'through-reporter',
        reporterContact: 'email',
        reporterEmail: 'name@example.com',
      }),
    ).toEqual([]);
  });
});
