/**
 * POST /api/reports is as strict as the public form: an area of the association's own (or none), a
 * phone number and an email address as the form checks them (core/report-checks.ts), the form's
 * length limits; each refusal a 400 naming the field, never echoing the value, with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import type { ReportInput } from '../../functions/core/report.js';
import { REPORT_LIMITS as MAX } from '../../functions/core/report-checks.js';
import { createHandler } from '../../functions/intake/handler.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, type Harness, report, startHarness } from './harness.js';

const CANARY = 'CNRYx7q';
const harnesses = new Map<string, Harness>();

beforeAll(async () => {
  for (const id of ASSOCIATION_IDS) harnesses.set(id, await startHarness(id));
});
afterAll(async () => {
  for (const h of harnesses.values()) await h.stop();
});

/** The harness of `id` and a POST of `body` (keyless) through its intake handler. */
function at(id: string) {
  const h = defined(harnesses.get(id), `the ${id} harness`);
  const post = (body: unknown) => call(createHandler(h.deps), apiEvent('POST', '/api/reports', { body }));
  const stored = async () =>
    (await h.cases.listCasesForFigures({ from: new Date('2026-01-01'), to: new Date('2027-01-01') })).length;
  return { h, post, stored };
}
/** A valid report for `id`, in its first area; override any part. */
const reportFor = (id: string, over: Partial<ReportInput> = {}) =>
  report({ associationId: id, area: getAssociation(id).areas[0]?.id, ...over });

/** A refused answer: a 400 naming `field`, never the value, nothing stored and no lifecycle started. */
async function expectRefused(id: string, body: unknown, field: string, secret = CANARY) {
  const { h, post, stored } = at(id);
  const before = { cases: await stored(), started: h.workflow.started.length };
  const res = await post(body);
  expect(res.status, field).toBe(400);
  expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  expect(res.raw).not.toContain(secret);
  expect({ cases: await stored(), started: h.workflow.started.length }).toEqual(before);
}

describe('the area is one of the association’s own, or none (as the form offers)', () => {
  it.each(ASSOCIATION_IDS)('%s: area "mars" is a 400 naming area, and nothing is stored', async (id) => {
    // Act + Assess
    await expectRefused(id, reportFor(id, { area: 'mars' }), 'area', 'mars');
    await expectRefused(id, reportFor(id, { area: `${CANARY.toLowerCase()}-area` }), 'area', CANARY.toLowerCase());
  });

  it.each(ASSOCIATION_IDS)('%s: each configured area, and no area, is taken and stored as given', async (id) => {
    // Prepare
    const { h, post } = at(id);
    const areas = [...getAssociation(id).areas.map((a) => a.id), undefined];

    // Act
    const answers = [];
    for (const [i, area] of areas.entries())
      answers.push(await post(report({ associationId: id, narrative: `area ${i}`, area })));

    // Assess
    expect(answers.map((a) => a.status)).toEqual(areas.map(() => 202));
    const stored = await Promise.all(answers.map((a) => h.cases.findCaseByReference(a.body.reference)));
    expect(stored.map((s) => s?.area)).toEqual(areas);
  });
});

/** Every field that holds a phone number or an email address, and how a report carries it. */
const CONTACT_FIELDS: { field: string; kind: 'phone' | 'email'; body: (v: string) => Partial<ReportInput> }[] = [
  { field: 'safeContact.phone', kind: 'phone', body: (v) => ({ safeContact: { method: 'phone', phone: v } as never }) },
  { field: 'safeContact.email', kind: 'email', body: (v) => ({ safeContact: { method: 'email', email: v } as never }) },
  { field: 'reporter.phone', kind: 'phone', body: (v) => ({ reporterKind: 'third-party', reporter: { phone: v } }) },
  { field: 'reporter.email', kind: 'email', body: (v) => ({ reporterKind: 'third-party', reporter: { email: v } }) },
  {
    field: 'reporter.contact.phone',
    kind: 'phone',
    body: (v) => ({ reporterKind: 'third-party', reporter: { contact: { method: 'phone', phone: v } } }),
  },
  {
    field: 'reporter.contact.email',
    kind: 'email',
    body: (v) => ({ reporterKind: 'third-party', reporter: { contact: { method: 'email', email: v } } }),
  },
];

/** Every text field and its longest answer, the form's limit where the form asks it. */
const TEXT_FIELDS: { field: string; max: number; body: (v: string) => Partial<ReportInput> }[] = [
  { field: 'narrative', max: MAX.narrative, body: (v) => ({ narrative: v }) },
  { field: 'person.name', max: MAX.name, body: (v) => ({ person: { name: v } }) },
  { field: 'person.address', max: MAX.address, body: (v) => ({ person: { address: v } }) },
  {
    field: 'person.propertyReference',
    max: MAX.propertyReference,
    body: (v) => ({ person: { propertyReference: v } }),
  },
  { field: 'reporter.name', max: MAX.name, body: (v) => ({ reporterKind: 'third-party', reporter: { name: v } }) },
  { field: 'safeContact.safeTimes', max: MAX.safeTimes, body: (v) => ({ safeContact: { safeTimes: v } as never }) },
  { field: 'safeContact.codeWord', max: MAX.codeWord, body: (v) => ({ safeContact: { codeWord: v } as never }) },
  { field: 'needs.language', max: MAX.language, body: (v) => ({ needs: { language: v } as never }) },
  { field: 'needs.accessibility', max: MAX.accessibility, body: (v) => ({ needs: { accessibility: v } as never }) },
  ...CONTACT_FIELDS.map(({ field, kind, body }) => ({ field, max: kind === 'phone' ? MAX.phone : MAX.email, body })),
];

describe('phone numbers and email addresses as the form checks them', () => {
  it.each(ASSOCIATION_IDS)(
    '%s: text that is not a phone number or an email address is a 400 naming its field',
    async (id) => {
      // Act + Assess
      for (const { field, kind, body } of CONTACT_FIELDS) {
        const bad = kind === 'phone' ? `${CANARY} call me` : `${CANARY}@nowhere`;
        await expectRefused(id, reportFor(id, body(bad)), field);
      }
    },
  );

  it.each(ASSOCIATION_IDS)('%s: the form’s own examples are taken at every field', async (id) => {
    // Prepare
    const { post } = at(id);

    // Act
    const answers = [];
    for (const [i, { kind, body }] of CONTACT_FIELDS.entries())
      answers.push(
        await post(
          reportFor(id, {
            narrative: `example ${i}`,
            ...body(kind === 'phone' ? '07700 900 982' : 'name@example.com'),
          }),
        ),
      );

    // Assess
    expect(answers.map((a) => a.status)).toEqual(CONTACT_FIELDS.map(() => 202));
  });
});

describe('the form’s length limits for every field', () => {
  it.each(ASSOCIATION_IDS)(
    '%s: one character over the limit is a 400 naming the field, the value never echoed',
    async (id) => {
      // Act + Assess
      for (const { field, max, body } of TEXT_FIELDS) {
        const over = `${CANARY}${'0'.repeat(max)}`.slice(0, max + 1);
        await expectRefused(id, reportFor(id, body(over)), field);
      }
    },
  );
});

/** A neighbour's report whose victim is to be contacted through the neighbour; `reporter` as given. */
const throughReporter = (id: string, reporter: ReportInput['reporter']) =>
  reportFor(id, {
    reporterKind: 'third-party',
    narrative: `${CANARY} through the neighbour`,
    reporter: { name: `${CANARY} neighbour`, ...reporter },
    safeContact: { method: 'through-reporter' } as never,
  });

describe('the rules across questions the form keeps (core/report-checks.ts contactRuleBreaks)', () => {
  it.each(ASSOCIATION_IDS)('%s: a letter with no address to send it to is a 400 naming person.address', async (id) => {
    // Prepare
    const body = reportFor(id, {
      narrative: `${CANARY} by letter`,
      person: { name: `${CANARY} name` },
      safeContact: { method: 'letter', letterSafe: true } as never,
    });

    // Act + Assess
    await expectRefused(id, body, 'person.address');
  });

  it.each(ASSOCIATION_IDS)(
    '%s: contact through the reporter with no reporter phone or email is a 400 naming reporter.contact',
    async (id) => {
      // Act + Assess
      await expectRefused(id, throughReporter(id, {}), 'reporter.contact');
      await expectRefused(id, throughReporter(id, { contact: { method: 'none' } }), 'reporter.contact');
      // A number outside the contact they agreed to is not a way the reporter said to reach them.
      await expectRefused(id, throughReporter(id, { phone: '07700 900 982' }), 'reporter.contact');
    },
  );

  it.each(ASSOCIATION_IDS)(
    '%s: a victim making their own report cannot be contacted through the reporter: a 400 naming safeContact.method',
    async (id) => {
      // Prepare
      const body = reportFor(id, {
        reporterKind: 'victim',
        narrative: `${CANARY} about me`,
        reporter: { contact: { method: 'phone', phone: '07700 900 982' } },
        safeContact: { method: 'through-reporter' } as never,
      });

      // Act + Assess
      await expectRefused(id, body, 'safeContact.method');
    },
  );

  it.each(ASSOCIATION_IDS)(
    '%s: a letter with the address, and a neighbour who gave their phone or email, are taken',
    async (id) => {
      // Prepare
      const { post } = at(id);
      const bodies = [
        reportFor(id, {
          narrative: 'letter with address',
          person: { address: '1 Example Street' },
          safeContact: { method: 'letter', letterSafe: true } as never,
        }),
        throughReporter(id, { contact: { method: 'phone', phone: '07700 900 982' } }),
        { ...throughReporter(id, { contact: { method: 'email', email: 'name@example.com' } }), narrative: 'by email' },
        // "Do not contact them" needs no way at all, whatever way was given beside it.
        reportFor(id, { narrative: 'no contact', safeContact: { noContact: true, method: 'letter' } as never }),
      ];

      // Act
      const answers = [];
      for (const body of bodies) answers.push(await post(body));

      // Assess
      expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 202));
    },
  );
});
