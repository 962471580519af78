/**
 * What the public form stores and what its confirmation says, through the handler:
 * the type of abuse is stored, a single area is recorded without asking, and the confirmation says
 * how soon (the initial-contact clock in words, never a time read from the case) and whom to call,
 * with no answer in its URL and nothing the person typed on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/report-form/handler.js';
import { apiEvent, call, type Harness, startHarness } from './harness.js';

const CANARY = 'CANARY-answers-8e2a';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A details post with a safe phone number; `extra` pairs are appended (checkboxes repeat). */
function detailsPost(formToken: string, extra: [string, string][] = []): string {
  const body = new URLSearchParams({
    step: 'details',
    formToken,
    immediateDanger: 'no',
    reporterKind: 'victim',
    livesInAssociationHome: 'yes',
    narrative: CANARY,
    contactMethod: 'phone',
    contactPhone: '07700 900 982',
  });
  for (const [k, v] of extra) k === 'abuseTypes' ? body.append(k, v) : body.set(k, v);
  return body.toString();
}

/** Posts the details page and follows the 303: the location and the confirmation page. */
async function send(h: Harness, body: string) {
  const form = createHandler(h.deps);
  const posted = await call(form, apiEvent('POST', '/report', { rawBody: body, headers: FORM }));
  const location = posted.headers.location ?? '';
  const url = new URL(location, 'https://example.org');
  const reference = url.searchParams.get('ref') ?? '';
  const found = await h.cases.findCaseByReference(reference);
  const confirm = () =>
    call(form, apiEvent('GET', '/report', { query: Object.fromEntries(url.searchParams.entries()) }));
  return { posted, location, reference, caseId: found?.caseId ?? '', confirm };
}

describe('003 Wrekin: the type of abuse and the confirmation (1 working day to first contact)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('wrekin', new Date('2026-12-01T17:00:00Z')); // Tuesday 5pm in London
  });
  afterAll(() => h.stop());

  it('the types of abuse ticked are stored on the report; the redirect carries only the reference', async () => {
    // Act
    const sent = await send(
      h,
      detailsPost('form-token-abuse-0001', [
        ['abuseTypes', 'physical'],
        ['abuseTypes', 'financial'],
      ]),
    );

    // Assess
    expect(sent.posted.status).toBe(303);
    expect(sent.location).toMatch(/^\/report\?page=sent&ref=HV-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.abuseTypes).toEqual(['physical', 'financial']);
  });

  it("003: the confirmation says how soon, Wrekin's 1 working day in words, and whom to call", async () => {
    // Prepare
    const sent = await send(h, detailsPost('form-token-when-0001'));

    // Act
    const page = await sent.confirm();

    // Assess
    expect(page.status).toBe(200);
    expect(page.raw).toContain('in the way you said is safe <strong>within 1 working day</strong> of your report');
    expect(page.raw).toContain(sent.reference);
    for (const tel of ['tel:999', 'tel:01952217100', 'tel:08082000247', 'tel:08088010327', 'tel:08009995428'])
      expect(page.raw).toContain(`href="${tel}"`);
    expect(page.raw).toContain('18000');
    expect(page.raw).toContain('999 BSL');
    for (const typed of [CANARY, '07700 900 982']) expect(page.raw).not.toContain(typed);
  });

  it('opened again later (from history), the page says no more than the clock in words: no time of day', async () => {
    // Prepare
    const sent = await send(h, detailsPost('form-token-late-0001'));
    const before = h.clock.now;
    h.clock.now = new Date('2026-12-09T17:01:00Z');

    // Act
    const page = await sent.confirm();
    h.clock.now = before;

    // Assess
    expect(page.raw).toContain('<strong>within 1 working day</strong> of your report');
    expect(page.raw).not.toMatch(/\d(am|pm)\b|midday/);
  });

  it('a report for someone who does not live in our homes is promised contact only if the person does', async () => {
    // Prepare
    const sent = await send(h, detailsPost('form-token-signposted-0001', [['livesInAssociationHome', 'no']]));

    // Act
    const page = await sent.confirm();

    // Assess
    expect(page.status).toBe(200);
    expect(page.raw).toContain('If the person lives in one of our homes, someone from');
    expect(page.raw).toContain('If the person does not live in one of our homes, we will tell you who can help');
  });

  it('the confirmation reads nothing from the store: it answers even when every store call fails', async () => {
    // Prepare
    const sent = await send(h, detailsPost('form-token-lookup-0001'));
    const failing = Object.fromEntries(
      Object.keys(h.deps.cases).map((k) => [k, async () => Promise.reject(new TypeError(CANARY))]),
    ) as unknown as typeof h.deps.cases;
    const form = createHandler({ ...h.deps, cases: failing });
    const query = Object.fromEntries(new URL(sent.location, 'https://example.org').searchParams.entries());

    // Act
    const page = await call(form, apiEvent('GET', '/report', { query }));

    // Assess
    expect(page.status).toBe(200);
    expect(page.raw).toContain('Report sent');
    expect(page.raw).toContain('<strong>within 1 working day</strong>');
    expect(page.raw).not.toContain(CANARY);
  });
});

describe('004 One Manchester: one area, recorded without asking', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('one-manchester');
  });
  afterAll(() => h.stop());

  it('the details page has no area question and the stored report has its one area', async () => {
    // Prepare
    const form = createHandler(h.deps);
    const details = await call(form, apiEvent('POST', '/report', { rawBody: 'immediateDanger=no', headers: FORM }));

    // Act
    const sent = await send(h, detailsPost('form-token-area-0001'));

    // Assess
    expect(details.raw).not.toContain('name="area"');
    const { report } = await h.cases.getCase(sent.caseId, 'system');
    expect(report.area).toBe(h.deps.config.areas[0]?.id);
    expect(report.abuseTypes).toEqual([]);
  });
});
