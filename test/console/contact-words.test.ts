import { describe, expect, it } from 'vitest';
import { contactAllowed } from '../../functions/core/contact-allowed.js';
import {
  CONTACT_WAYS,
  type ContactPlanVersion,
  contactPlanInputSchema,
  planFromReport,
} from '../../functions/core/contact-plan.js';
import { reportSchema } from '../../functions/core/report.js';
import {
  contactPlanBody,
  outsidePlanWarning,
  planProblemWords,
  planSourceWords,
  reportedByWords,
  WAY_LABELS,
  wayCautions,
  whoAsked,
} from '../../web/console/js/contact-words.mjs';
import { londonTime } from '../../web/console/js/view.mjs';

const AT = '2026-11-25T12:00:00.000Z';
const report = (extra: Record<string, unknown>) =>
  reportSchema.parse({
    associationId: 'wrekin',
    reporterKind: 'victim',
    immediateDanger: false,
    livesInAssociationHome: 'yes',
    narrative: 'He took my keys.',
    ...extra,
  });

describe('console safe-contact words: who asked for what (004 §7.3)', () => {
  it('a neighbour\'s "do not contact me" is the reporter\'s wish, and says nothing of the victim', () => {
    // Prepare: a neighbour's report, with their own "do not contact me" and no safe way known for the victim
    const r = report({ reporterKind: 'third-party', reporter: { contact: { method: 'none' } } });
    const plan = planFromReport(r, AT);

    // Act
    const lines = whoAsked({ reporterKind: r.reporterKind, reporterContact: { method: 'none' }, plan });

    // Assess
    expect(lines.map((l) => l.text)).toEqual([
      "The reporter (a neighbour, friend or family member) asked us not to contact them. This is their own wish, not the victim's.",
      'No safe way to contact the victim is known yet: decide how to make contact safely (through the reporter, an agency or MARAC).',
    ]);
    expect(lines.map((l) => l.text).join(' ')).not.toMatch(/Do not contact them\. They asked us not to\./);
    expect(planSourceWords(plan, 'reporter')).toBe('What the reporter knows of a safe way to contact the victim');
  });

  it('the victim\'s own "do not contact" is the victim\'s, in their words', () => {
    // Prepare
    const plan = planFromReport(report({ safeContact: { noContact: true } }), AT);

    // Act
    const lines = whoAsked({ reporterKind: 'victim', reporterContact: null, plan });

    // Assess
    expect(lines.map((l) => l.text)).toEqual([
      'The victim made this report themselves.',
      'The victim asked us not to contact them.',
    ]);
    expect(planSourceWords(plan, 'victim')).toBe('What they told us: the victim made the report');
  });

  it('a reporter who may be contacted, and a way the reporter knows of, each say whose they are', () => {
    // Prepare
    const r = report({
      reporterKind: 'colleague',
      reporter: { contact: { method: 'email', email: 'me@example.org' } },
      safeContact: { method: 'text', phone: '07700 900123' },
    });
    const plan = planFromReport(r, AT);

    // Act
    const lines = whoAsked({ reporterKind: 'colleague', reporterContact: { method: 'email' }, plan });

    // Assess
    expect(lines.map((l) => l.text)).toEqual([
      "The reporter (a colleague at the association) may be contacted by email. This is their own contact, not the victim's.",
      'The reporter told us what they know of a safe way to contact the victim: Text message. The victim has not agreed it with us yet.',
    ]);
  });

  it('the case says who made the report in the words the form asked it', () => {
    // Act
    const words = ['victim', 'third-party', 'colleague', 'contractor', 'anonymous', undefined].map(reportedByWords);

    // Assess
    expect(words).toEqual([
      'The victim themselves',
      'A neighbour, friend or family member',
      'A colleague at the association',
      'A contractor working for the association',
      'Someone who chose not to say who they are',
      'Not recorded',
    ]);
  });

  it('a plan agreed later says with whom and when', () => {
    // Prepare
    const plan = { version: 2, source: 'staff', agreedWith: 'victim', agreedAt: AT, noDirectContact: false, ways: [] };

    // Act
    const words = planSourceWords(plan, 'reporter');

    // Assess
    expect(words).toBe(`Agreed with the victim on ${londonTime(AT)}`);
    expect(words).toMatch(/25 Nov 2026, 12:00/);
  });
});

describe('console safe-contact words: the plan and the contact check', () => {
  it("the cautions shown before contact are the ones core's contactAllowed gives on each way", () => {
    // Prepare: every way, with each answer both ways round
    const plans: ContactPlanVersion[] = CONTACT_WAYS.flatMap((way) =>
      [false, true].map((flag) => ({
        version: 1,
        agreedWith: 'victim' as const,
        agreedAt: AT,
        recordedAt: AT,
        recordedBy: 'report',
        source: 'report' as const,
        noDirectContact: false,
        ways: [
          {
            way,
            windows: [],
            voicemailSafe: flag,
            mayIdentifyUs: flag,
            mayBeWatched: !flag,
            phone: '07700 900123',
            email: 'a@example.org',
            address: '1 Road',
            agency: 'Refuge',
          },
        ],
      })),
    );

    // Act and Assess
    for (const plan of plans) {
      const way = plan.ways[0];
      if (!way) throw new Error('a way');
      const check = contactAllowed(plan, way.way, new Date(AT));
      expect(check.allowed && check.cautions, way.way).toEqual(wayCautions(way));
    }
  });

  it("outside the plan: the warning carries the plan's reason from Haven's 422, and nothing else is taken for it", () => {
    // Prepare
    const refused = {
      error: 'the contact is outside the safe-contact plan',
      fields: [{ field: 'outsidePlanReason', problem: 'is required: A letter is not a safe way to contact them.' }],
    };
    const other = { fields: [{ field: 'way', problem: 'is required' }] };

    // Act and Assess
    expect(outsidePlanWarning(refused)).toBe('A letter is not a safe way to contact them.');
    expect(outsidePlanWarning(other)).toBeUndefined();
    expect(outsidePlanWarning(undefined)).toBeUndefined();
  });

  it('the plan form gives a body core accepts: each ticked way with its detail, one safe window, and what is safe', () => {
    // Prepare: the form's values for a phone on weekday mornings and a letter at any time
    const values = {
      agreedWith: 'victim',
      noDirectContact: false,
      'way-phone': true,
      'phone-phone': '07700 900123',
      'phone-day-mon': true,
      'phone-day-fri': true,
      'phone-from': '09:00',
      'phone-to': '11:00',
      'phone-voicemail': true,
      'phone-identify': false,
      'phone-watched': true,
      'way-letter': true,
      'letter-address': '1 Road',
      'way-email': false,
      'email-email': 'left@example.org',
      codeWord: 'bluebell',
      notes: '',
    };

    // Act
    const body = contactPlanBody(values, CONTACT_WAYS, undefined);
    const parsed = contactPlanInputSchema.safeParse(body);

    // Assess
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body).toEqual({
      noDirectContact: false,
      ways: [
        {
          way: 'phone',
          phone: '07700 900123',
          windows: [{ days: ['mon', 'fri'], from: '09:00', to: '11:00' }],
          voicemailSafe: true,
          mayIdentifyUs: false,
          mayBeWatched: true,
        },
        {
          way: 'letter',
          address: '1 Road',
          windows: [],
          voicemailSafe: false,
          mayIdentifyUs: false,
          mayBeWatched: false,
        },
      ],
      codeWord: 'bluebell',
      agreedWith: 'victim',
    });
  });

  it("core's refusal of a plan reads as the way and the field, never as a path", () => {
    // Prepare
    const ways = [{ way: 'phone' }, { way: 'letter' }];
    const fields = [
      { field: 'ways.1.address', problem: 'is needed to write' },
      { field: 'ways.0.windows.0.from', problem: 'must be a time as HH:MM (24-hour)' },
      { field: 'agreedWith', problem: 'is required' },
    ];

    // Act
    const words = planProblemWords(fields, ways);

    // Assess
    expect(words).toEqual([
      'Letter: address is needed to write',
      'Phone call: safe from must be a time as HH:MM (24-hour)',
      'Who agreed it is required',
    ]);
    expect(Object.keys(WAY_LABELS)).toEqual([...CONTACT_WAYS]);
  });
});
