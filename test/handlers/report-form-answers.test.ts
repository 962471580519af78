/**
 * What the public form stores and what its confirmation says, through the handler: who the report
 * is about (the reporter's own contact apart from the victim's safe contact), the safe times as
 * windows, the type of abuse, a single area recorded without asking; the confirmation is the answer
 * to the final post (no redirect, no URL holding the reference) and says by when, in London words
 * from the initial-contact clock, and whom to call, with nothing the person typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/report-form/handler.js';
import { apiEvent, call, type Harness, startHarness } from './harness.js';

const CANARY = 'CANARY-answers-8e2a';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The final post ("Send report"): a victim's own report with a safe phone; `extra` pairs are set or, for lists, appended. */
function finalPost(formToken: string, extra: [string, string][] = []): string {
  const body = new URLSearchParams({
    step: 'check',
    formToken,
    immediateDanger: 'no',
    about: 'me',
    livesInAssociationHome: 'yes',
    narrative: CANARY,
    contactMethod: 'phone',
    contactPhone: '07700 900 982',
  });
  const lists = ['abuseTypes', 'safeTimes'];
  for (const [k, v] of extra) lists.includes(k) ? body.append(k, v) : body.set(k, v);
  return body.toString();
}

/** Sends the final post: the page it is answered with, and the case it stored. */
async function send(h: Harness, body: string) {
  const posted = await call(createHandler(h.deps), apiEvent('POST', '/report', { rawBody: body, headers: FORM }));
  const reference = /<strong>([A-Z]{2,4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(posted.raw)?.[1] ?? '';
  const found = await h.cases.findCaseByReference(reference);
  return { posted, reference, caseId: found?.caseId ?? '' };
}

describe('003 Wrekin: the confirmation is the answer to the final post (1 working day to first contact)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('wrekin', new Date('2026-12-01T17:00:00Z')); // Tuesday 5pm in London
  });
  afterAll(() => h.stop());

  it('the types of abuse ticked are stored; the page is a 200 with the reference, no redirect and no Location', async () => {
    // Act
    const sent = await send(
      h,
      finalPost('form-token-abuse-0001', [
        ['abuseTypes', 'physical'],
        ['abuseTypes', 'financial'],
      ]),
    );

    // Assess
    expect(sent.posted.status).toBe(200);
    expect(sent.posted.headers.location).toBeUndefined();
    expect(sent.posted.raw).toContain('Report sent');
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.abuseTypes).toEqual(['physical', 'financial']);
  });

  it('003: it says by when, from the clock and the submission time in London words, and whom to call; nothing typed', async () => {
    // Act
    const { posted, reference } = await send(h, finalPost('form-token-when-0001'));

    // Assess
    expect(posted.raw).toContain(
      'contact you in the way you said is safe by <strong>5pm on Wednesday 2 December 2026</strong> (within 1 working day of your report)',
    );
    expect(posted.raw).toContain(reference);
    for (const tel of ['tel:999', 'tel:01952217100', 'tel:08082000247', 'tel:08088010327', 'tel:08009995428'])
      expect(posted.raw).toContain(`href="${tel}"`);
    expect(posted.raw).toContain('18000');
    expect(posted.raw).toContain('999 BSL');
    for (const typed of [CANARY, '07700 900 982']) expect(posted.raw).not.toContain(typed);
  });

  it('the confirmation has no address of its own: the old ?page=sent&ref= URL shows "Before you start", never the reference', async () => {
    // Prepare
    const { reference } = await send(h, finalPost('form-token-url-0001'));

    // Act
    const page = await call(
      createHandler(h.deps),
      apiEvent('GET', '/report', { query: { page: 'sent', ref: reference } }),
    );

    // Assess
    expect(page.status).toBe(200);
    expect(page.raw).toContain('Before you start');
    expect(page.raw).not.toContain(reference);
    expect(page.raw).not.toContain('Report sent');
  });

  it('a double submit (the same final post twice) is one case, and both answers give its reference', async () => {
    // Act
    const first = await send(h, finalPost('form-token-twice-0001'));
    const again = await send(h, finalPost('form-token-twice-0001'));

    // Assess
    expect(first.reference).toMatch(/^WHG-/);
    expect(again.reference).toBe(first.reference);
  });

  it('003: a final post replayed two days later (same token and report) is the same case, its deadline from when it was reported', async () => {
    // Prepare
    const reportedAt = h.clock.now;
    const first = await send(h, finalPost('form-token-replay-0001'));
    h.clock.now = new Date(reportedAt.getTime() + 2 * 24 * 3600_000); // Thursday 5pm

    // Act
    const replay = await send(h, finalPost('form-token-replay-0001')).finally(() => {
      h.clock.now = reportedAt;
    });

    // Assess
    expect(replay.reference).toBe(first.reference);
    for (const { posted } of [first, replay])
      expect(posted.raw).toContain('by <strong>5pm on Wednesday 2 December 2026</strong>');
  });

  it('a report about someone not in our homes is promised contact only if they are', async () => {
    // Act
    const { posted } = await send(h, finalPost('form-token-signposted-0001', [['livesInAssociationHome', 'no']]));

    // Assess
    expect(posted.status).toBe(200);
    expect(posted.raw).toContain('If you live in one of our homes, someone from');
    expect(posted.raw).toContain('If the person does not live in one of our homes, we will tell you who can help');
  });

  it("004 §7.3: a victim's safe times are stored as London windows, with voicemail, who we are and a watched phone", async () => {
    // Act
    const sent = await send(
      h,
      finalPost('form-token-windows-0001', [
        ['contactMethod', 'text'],
        ['contactTextPhone', '07700 900 123'],
        ['safeTimes', 'weekday-mornings'],
        ['safeTimes', 'weekends'],
        ['mayIdentifyUs', 'yes'],
        ['mayBeWatched', 'yes'],
        ['voicemailSafe', 'yes'],
      ]),
    );

    // Assess
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.reporterKind).toBe('victim');
    expect(report.safeContact).toMatchObject({
      noContact: false,
      method: 'text',
      phone: '07700 900 123',
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '12:00' },
        { days: ['sat', 'sun'], from: '09:00', to: '17:00' },
      ],
      voicemailSafe: false, // a voicemail is asked about a phone call only
      mayIdentifyUs: true,
      mayBeWatched: true,
    });
    expect(report.reporter).toEqual({});
  });

  it('a neighbour\'s "do not contact me" is theirs: the victim\'s safe phone is stored apart, and nothing says "do not contact them"', async () => {
    // Act
    const sent = await send(
      h,
      finalPost('form-token-neighbour-0001', [
        ['about', 'someone-else'],
        ['reporterKind', 'third-party'],
        ['contactPhone', '07700 900 555'],
        ['reporterContact', 'none'],
      ]),
    );

    // Assess
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.reporterKind).toBe('third-party');
    expect(report.reporter.contact).toEqual({ method: 'none' });
    expect(report.safeContact).toMatchObject({ noContact: false, method: 'phone', phone: '07700 900 555' });
    expect(sent.posted.raw).toContain('You asked us not to contact you, so we will not.');
    expect(sent.posted.raw).toContain('will contact them in the way you said is safe by <strong>');
  });

  it('a neighbour who does not know a safe way: no method and not "no contact"; the page says we decide how, not when', async () => {
    // Act
    const sent = await send(
      h,
      finalPost('form-token-unknown-0001', [
        ['about', 'someone-else'],
        ['reporterKind', 'anonymous'],
        ['contactMethod', 'unknown'],
        ['reporterContact', 'email'],
        ['reporterEmail', 'neighbour@example.org'],
      ]),
    );

    // Assess
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.safeContact.noContact).toBe(false);
    expect(report.safeContact.method).toBeUndefined();
    expect(report.reporter.contact).toEqual({ method: 'email', email: 'neighbour@example.org' });
    expect(sent.posted.raw).toContain('We will not contact them until we know a safe way');
    expect(sent.posted.raw).not.toContain('neighbour@example.org');
  });
});

describe('004 One Manchester: one area, recorded without asking', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('one-manchester');
  });
  afterAll(() => h.stop());

  it('the home step has no area question and the stored report has its one area', async () => {
    // Prepare
    const form = createHandler(h.deps);
    const homeStep = await call(
      form,
      apiEvent('POST', '/report', { rawBody: 'step=about&immediateDanger=no&about=me', headers: FORM }),
    );

    // Act
    const sent = await send(h, finalPost('form-token-area-0001'));

    // Assess
    expect(homeStep.raw).toContain('name="livesInAssociationHome"');
    expect(homeStep.raw).not.toContain('name="area"');
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.area).toBe(h.deps.config.areas[0]?.id);
    expect(report.abuseTypes).toEqual([]);
  });
});
