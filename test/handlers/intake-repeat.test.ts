/**
 * POST /api/reports sent again (core/rules/repeat-report.ts): without an Idempotency-Key an identical
 * report is the same one only within `intake.duplicateWindow` (24 hours) and never onto a closed
 * case, and a repeat shows on the case's timeline; with a key, a retry always gets its first reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/intake/handler.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, type Harness, report, startHandlerHarness } from './harness.js';

const HOUR = 3_600_000;
let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  call(handler, apiEvent('POST', '/api/reports', { body, headers }));
const later = (ms: number) => {
  h.clock.now = new Date(h.clock.now.getTime() + ms);
};
/** The case a reference was given for. */
const caseOf = async (reference: string) =>
  defined(await h.cases.findCaseByReference(reference), `the case ${reference}`).caseId;
const timeline = async (reference: string) => (await h.cases.listEvents(await caseOf(reference))).map((e) => e.type);
/** Closes the case of `reference` in the store, as the close command leaves it. */
async function close(reference: string) {
  const caseId = await caseOf(reference);
  const { version } = defined(await h.cases.getSummary(caseId), 'its summary');
  await h.cases.updateCase(caseId, version, (c) => ({
    ...c,
    state: { ...c.state, status: 'closed', closedAt: h.clock.now.toISOString() },
  }));
}

describe('a keyless report sent again', () => {
  it('inside the window (23 hours on) gets the same reference, and the case records that it came twice', async () => {
    // Prepare
    const body = report({ narrative: 'sent twice, a day apart' });
    const first = await post(body);
    later(23 * HOUR);

    // Act
    const second = await post(body);

    // Assess
    expect(second.status).toBe(202);
    expect(second.body.reference).toBe(first.body.reference);
    expect(await timeline(first.body.reference)).toEqual(['reported', 'report-repeated']);
  });

  it('after the window (25 hours on) is a new case with a new reference', async () => {
    // Prepare
    const body = report({ narrative: 'sent again the next day' });
    const first = await post(body);
    later(25 * HOUR);

    // Act
    const second = await post(body);

    // Assess
    expect(second.status).toBe(202);
    expect(second.body.reference).not.toBe(first.body.reference);
    expect(await timeline(first.body.reference)).toEqual(['reported']);
  });

  it('onto a case closed since is a new case, within the window and ten days after closure alike', async () => {
    // Prepare
    const body = report({ narrative: 'sent again after closure' });
    const first = await post(body);
    await close(first.body.reference);
    later(HOUR);

    // Act
    const soon = await post(body);
    await close(soon.body.reference);
    later(10 * 24 * HOUR);
    const tenDays = await post(body);

    // Assess
    const references = [first, soon, tenDays].map((r) => r.body.reference);
    expect(new Set(references).size).toBe(3);
    expect(await timeline(first.body.reference)).toEqual(['reported']);
    expect((await h.cases.getSummary(await caseOf(tenDays.body.reference)))?.status).toBe('open');
  });
});

describe('a retry with the same Idempotency-Key', () => {
  it('gets the same reference forever: 30 days on and after closure, with nothing added to the timeline', async () => {
    // Prepare
    const body = report({ narrative: 'retried with its key' });
    const headers = { 'idempotency-key': 'retry-forever-0001' };
    const first = await post(body, headers);
    await close(first.body.reference);
    later(30 * 24 * HOUR);

    // Act
    const retry = await post(body, headers);

    // Assess
    expect(retry.status).toBe(202);
    expect(retry.body.reference).toBe(first.body.reference);
    expect(await timeline(first.body.reference)).toEqual(['reported']);
  });
});
