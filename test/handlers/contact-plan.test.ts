/**
 * The safe-contact plan through the real cases handler and intake (004 §7.3, 003): intake keeps the
 * report's plan as version 1 (a case stored before plans reads as it), staff record a new version,
 * every contact is checked against the plan in force and outside it needs a reason, and the redacted
 * view keeps the plan's safety without its numbers, addresses or typed words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseIdentity } from '../../functions/adapters/store/index.js';
import { createHandler } from '../../functions/cases/handler.js';
import { factsFromReport, newCaseState } from '../../functions/core/case.js';
import { reportSchema } from '../../functions/core/report.js';
import {
  apiEvent,
  CANARY_PATTERNS,
  call,
  CANARIES as canaries,
  captureOutput,
  type Harness,
  OFFICER,
  report,
  startHandlerHarness,
} from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const read = (id: string) => call(handler, apiEvent('GET', `/api/cases/${id}`, { claims: OFFICER }));
const reveal = (id: string) => call(handler, apiEvent('POST', `/api/cases/${id}/reveal`, { claims: OFFICER }));
const command = (id: string, path: string, body: unknown, version: number) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims: OFFICER, headers: { 'if-match': `"${version}"` } }),
  );
const leaked = (text: string) => CANARY_PATTERNS.filter((p) => text.includes(p));

/** A victim's own report: texts only, weekday mornings (London), letters not safe, with canary details. */
const textMornings = {
  reporterKind: 'victim' as const,
  person: { name: canaries.name, address: canaries.address },
  safeContact: {
    method: 'text',
    phone: canaries.phone,
    safeTimes: canaries.safeTimes,
    codeWord: canaries.codeWord,
    windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }],
    letterSafe: false,
  } as never,
};

describe('004 §7.3: the plan is kept with the case', () => {
  it('intake keeps the report’s safe contact as version 1, agreed with the victim, recorded by the report', async () => {
    // Prepare
    const id = await h.newCase(textMornings);
    // Act
    const view = await read(id);
    // Assess
    expect(view.status).toBe(200);
    expect(view.body.contactPlanVersions).toEqual([
      { version: 1, agreedWith: 'victim', agreedAt: h.clock.now.toISOString(), recordedBy: 'report', source: 'report' },
    ]);
    expect(view.body.contactPlan).toMatchObject({ version: 1, source: 'report', noDirectContact: false });
    expect(view.body.contactPlan.ways).toEqual([
      {
        way: 'text',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }],
        windowsText: 'weekdays, 8am to midday',
        voicemailSafe: false,
        mayIdentifyUs: false,
        mayBeWatched: false,
      },
    ]);
    expect(view.body.safeContactSource).toBe('victim');
    expect((await h.cases.getCase(id, 'system')).contactPlans).toHaveLength(1);
  });

  it('a case stored before plans were kept reads as its report’s plan (nothing migrated), and contacts are checked against it', async () => {
    // Prepare: written straight to the store without contactPlans, as every case before this change was
    const r = reportSchema.parse(report({ safeContact: { method: 'in-person' } as never }));
    const state = newCaseState({
      ...newCaseIdentity('OM'),
      associationId: 'one-manchester',
      status: 'open',
      reportedAt: '2026-10-01T09:00:00.000Z',
      facts: factsFromReport(r),
    });
    const { caseId } = await h.cases.createCase({ state, report: r, idempotencyKey: 'before-plans-1' });
    // Act
    const view = await read(caseId);
    const letter = await command(caseId, 'contacts', { way: 'letter' }, 1);
    const visit = await command(caseId, 'contacts', { way: 'in-person' }, 1);
    // Assess
    expect(view.body.contactPlanVersions).toEqual([
      {
        version: 1,
        agreedWith: 'victim',
        agreedAt: '2026-10-01T09:00:00.000Z',
        recordedBy: 'report',
        source: 'report',
      },
    ]);
    expect(view.body.contactPlan.ways.map((w: { way: string }) => w.way)).toEqual(['in-person']);
    expect(letter.status).toBe(422);
    expect(visit.status).toBe(200);
  });

  it("a neighbour's report: the safe contact is the reporter's word; the reporter's own contact is its method until revealed", async () => {
    // Prepare
    const id = await h.newCase({
      reporterKind: 'third-party',
      reporter: { name: canaries.reporterName, contact: { method: 'email', email: canaries.email } },
      safeContact: { method: 'through-reporter' } as never,
    } as never);
    // Act
    const view = await read(id);
    const shown = await reveal(id);
    // Assess
    expect(view.body.safeContactSource).toBe('reporter');
    expect(view.body.contactPlanVersions[0].agreedWith).toBe('reporter');
    expect(view.body.reporterContact).toEqual({ method: 'email' });
    expect(view.body.hidden).toContain('reporterContact.email');
    expect(leaked(view.raw)).toEqual([]);
    expect(shown.body.reporterContact).toEqual({ method: 'email', email: canaries.email });
  });
});

describe('004 §7.3: POST /api/cases/{id}/contact-plan records a newly agreed plan', () => {
  it('version 2 agreed with the victim is in force: audited on the timeline by way names only, the duty done, the facts follow; details only on a reveal', async () => {
    // Prepare
    // A neighbour's report: a victim making their own report has no "through the reporter" (report-checks.ts).
    const id = await h.newCase({
      reporterKind: 'third-party',
      reporter: { contact: { method: 'phone', phone: '07700 900 982' } },
      safeContact: { method: 'through-reporter' } as never,
    } as never);
    const before = await read(id);
    expect(before.body.facts.safeContact).toBe('known');
    // Act
    const { result: res, output } = await captureOutput(() =>
      command(
        id,
        'contact-plan',
        {
          agreedWith: 'victim',
          ways: [{ way: 'phone', phone: canaries.phone, voicemailSafe: true, mayIdentifyUs: true }],
          codeWord: canaries.codeWord,
          notes: canaries.note,
        },
        1,
      ),
    );
    const view = await read(id);
    const shown = await reveal(id);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(leaked(res.raw + output)).toEqual([]);
    expect(h.workflow.signalled).toContain(id);
    expect(view.body.contactPlan).toMatchObject({ version: 2, agreedWith: 'victim', source: 'staff' });
    expect(view.body.contactPlan.ways).toEqual([
      {
        way: 'phone',
        windows: [],
        windowsText: 'any time',
        voicemailSafe: true,
        mayIdentifyUs: true,
        mayBeWatched: false,
      },
    ]);
    expect(
      view.body.contactPlanVersions.map((v: { version: number; recordedBy: string }) => [v.version, v.recordedBy]),
    ).toEqual([
      [1, 'report'],
      [2, 'officer-1'],
    ]);
    expect(view.body.hidden).toEqual(
      expect.arrayContaining(['contactPlan.phone', 'contactPlan.codeWord', 'contactPlan.notes']),
    );
    expect(leaked(view.raw)).toEqual([]);
    const agreed = view.body.timeline.find((e: { type: string }) => e.type === 'contact-plan-agreed');
    expect(agreed.details).toEqual({ version: 2, agreedWith: 'victim', noDirectContact: false, ways: ['phone'] });
    expect((await h.cases.getCase(id, 'system')).state.duties['agree-safe-contact']?.status).toBe('done');
    expect(shown.body.contactPlan).toMatchObject({ codeWord: canaries.codeWord, notes: canaries.note });
    expect(shown.body.contactPlan.ways[0].phone).toBe(canaries.phone);
  });

  it('an invalid plan is refused naming the fields, never their values', async () => {
    // Prepare
    const id = await h.newCase();
    // Act
    const res = await command(
      id,
      'contact-plan',
      { agreedWith: 'victim', noDirectContact: true, ways: [{ way: 'text' }, { way: 'email', email: canaries.email }] },
      1,
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['ways[0].phone', 'ways[0].way', 'ways[1].way']),
    );
    expect(leaked(res.raw)).toEqual([]);
  });
});

describe('004 §7.3: a contact outside the plan needs a reason, which goes on the timeline', () => {
  it('a letter where letters are not safe is refused (422) naming outsidePlanReason and why; with "she rang us" it is recorded, the reason withheld until a reveal', async () => {
    // Prepare: Monday 2 November 2026, 10:00 London: inside the text window
    const id = await h.newCase(textMornings);
    // Act
    const { result: refused, output } = await captureOutput(() => command(id, 'contacts', { way: 'letter' }, 1));
    const accepted = await command(id, 'contacts', { way: 'letter', outsidePlanReason: canaries.reason }, 1);
    const text = await command(id, 'contacts', { way: 'text' }, 2);
    const view = await read(id);
    const shown = await reveal(id);
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.fields).toEqual([
      {
        field: 'outsidePlanReason',
        problem: 'is required: A letter is not a safe way to contact them. The plan allows a text message.',
      },
    ]);
    expect(leaked(refused.raw + output)).toEqual([]);
    expect([accepted.status, text.status]).toEqual([200, 200]);
    const [letter, texted] = view.body.timeline.filter((e: { type: string }) => e.type === 'contact-made');
    expect(letter.details).toMatchObject({
      way: 'letter',
      outsidePlan: { refusedBecause: 'A letter is not a safe way to contact them. The plan allows a text message.' },
    });
    expect(letter.withheld).toEqual(['outsidePlanReason']);
    expect(texted.details.cautions).toEqual([
      'Do not say who you are or why you are in touch to anyone but them.',
      'Use the agreed code word.',
    ]);
    expect(leaked(view.raw)).toEqual([]);
    const shownLetter = shown.body.timeline.find((e: { type: string }) => e.type === 'contact-made');
    expect(shownLetter.details.outsidePlanReason).toBe(canaries.reason);
  });

  it('001 §7: an attempt that did not reach them is on the timeline and leaves initial contact open', async () => {
    // Prepare
    const id = await h.newCase(textMornings);
    // Act
    const res = await command(id, 'contacts', { way: 'text', attempt: true }, 1);
    const view = await read(id);
    // Assess
    expect(res.status).toBe(200);
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toContain('contact-attempted');
    expect(view.body.contacts).toEqual([]);
    expect(view.body.requiredActions.find((a: { duty: string }) => a.duty === 'initial-contact').status).toBe('open');
  });
});
