import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/intake/handler.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, captureOutput, type Harness, report, startHandlerHarness, startHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  call(handler, apiEvent('POST', '/api/reports', { body, headers }));

/** Every case the store holds for the harness's reporting day, any status. */
async function allCases() {
  return h.cases.listCasesForFigures({ from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') });
}

describe('POST /api/reports', () => {
  it('004 §7.5.1: a resident report opens a case, starts its lifecycle and answers 202 with reference and advice', async () => {
    // Prepare
    const before = h.workflow.started.length;

    // Act
    // A safe way to reach the victim is known, so initial contact keeps its own clock (rules/no-safe-contact.ts).
    const safeWay = { safeContact: { method: 'phone', phone: '07700 900123' } as never };
    const res = await post(report({ narrative: 'first report', ...safeWay }), { 'idempotency-key': 'key-aaaaaaaa-1' });

    // Assess
    expect(res.status).toBe(202);
    expect(res.body.reference).toMatch(/^OM-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Object.keys(res.body).sort()).toEqual(['advice', 'reference']);
    expect(res.body.advice.outcome).toBe('case');
    expect(res.body.advice.whatHappensNext.join(' ')).toContain('within 24 hours');
    expect(res.body.advice.emergency).toBeUndefined();
    expect(res.body.advice.helplines.map((s: { name: string }) => s.name)).toContain(
      'National Domestic Abuse Helpline',
    );
    expect(h.workflow.started).toHaveLength(before + 1);
    const stored = defined(
      await h.cases.findCaseByReference(res.body.reference),
      `the stored case ${res.body.reference}`,
    );
    expect(stored.status).toBe('open');
    expect(stored.nextDueAt).toBe('2026-11-03T10:00:00.000Z');
    // The caseload names the clock from these, written with the deadline (no read of the case).
    expect(await h.cases.getSummary(stored.caseId)).toMatchObject({
      nextDueAt: stored.nextDueAt,
      nextDueClock: 'initialContact',
      nextDueDuty: 'initial-contact',
    });
  });

  it('003 timescales: the advice words the association’s own initial-contact clock (1 working day at Wrekin)', async () => {
    // Prepare
    const w = await startHarness('wrekin');
    try {
      // Act
      const res = await call(
        createHandler(w.deps),
        apiEvent('POST', '/api/reports', { body: report({ associationId: 'wrekin', area: 'telford-and-wrekin' }) }),
      );

      // Assess
      expect(res.status).toBe(202);
      expect(res.body.advice.whatHappensNext.join(' ')).toContain('within 1 working day');
      expect(res.body.advice.helplines.length).toBeGreaterThan(0);
    } finally {
      await w.stop();
    }
  });

  it('002 §6, 004 §7.4.3: immediate danger puts 999 and the Silent Solution (55 from a mobile) first', async () => {
    // Act
    const res = await post(report({ immediateDanger: true, narrative: 'danger now' }));

    // Assess
    expect(res.status).toBe(202);
    expect(res.body.advice.emergency.headline).toContain('999');
    expect(res.body.advice.emergency.steps.join(' ')).toMatch(/press 55/);
  });

  it('004 §7.5.2: a non-resident gets signposting advice and a signposted record with no clocks and no lifecycle', async () => {
    // Prepare
    const before = h.workflow.started.length;

    // Act
    const res = await post(report({ livesInAssociationHome: 'no', narrative: 'not a tenant' }));

    // Assess
    expect(res.status).toBe(202);
    expect(res.body.advice.outcome).toBe('signposted');
    expect(res.body.advice.whatHappensNext.join(' ')).toMatch(/local council \(local authority\), to the police/);
    expect(res.body.advice.signposting.map((s: { name: string }) => s.name)).toContain(
      'Local Police DA/Safeguarding Unit',
    );
    expect(h.workflow.started).toHaveLength(before);
    const stored = defined(
      await h.cases.findCaseByReference(res.body.reference),
      `the stored case ${res.body.reference}`,
    );
    expect(stored.status).toBe('signposted');
    expect(stored.nextDueAt).toBeUndefined();
  });

  it('one case per report: the same report twice with the same Idempotency-Key returns the same reference and stores one case', async () => {
    // Prepare
    const body = report({ narrative: 'retry me' });
    const a = await post(body, { 'idempotency-key': 'retry-key-0001' });
    const countAfterFirst = (await allCases()).length;

    // Act
    const b = await post(body, { 'idempotency-key': 'retry-key-0001' });

    // Assess
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.reference).toBe(a.body.reference);
    expect((await allCases()).length).toBe(countAfterFirst);
  });

  it('one case per report: without a header the key is derived from the body, so a plain retry also creates nothing', async () => {
    // Prepare
    const body = report({ narrative: 'no header retry' });
    const a = await post(body);
    const n = (await allCases()).length;

    // Act
    const b = await post(body);

    // Assess
    expect(b.body.reference).toBe(a.body.reference);
    expect((await allCases()).length).toBe(n);
  });

  it('one case per report: twenty concurrent submissions with one key make exactly one case', async () => {
    // Prepare
    const body = report({ narrative: 'twenty at once' });
    const n = (await allCases()).length;

    // Act
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(body, { 'idempotency-key': 'concurrent-key-20' })),
    );

    // Assess
    expect(results.every((r) => r.status === 202)).toBe(true);
    expect(new Set(results.map((r) => r.body.reference)).size).toBe(1);
    expect((await allCases()).length).toBe(n + 1);
  });

  it('one service per association: a report for another association is refused 400 naming associationId, and nothing is stored', async () => {
    // Prepare
    const n = (await allCases()).length;

    // Act
    const res = await post(report({ associationId: 'wrekin' }));

    // Assess
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'associationId', problem: 'is not the association this service is for' },
    ]);
    expect((await allCases()).length).toBe(n);
  });
});

describe('intake when the workflow fails to start', () => {
  it('a stored report is never lost: a failed lifecycle start still answers 202 with the reference; a retry with the same key starts it', async () => {
    // Prepare
    const failing = {
      ...h.deps.workflow,
      startCase: async () => Promise.reject(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })),
    };
    const body = report({ narrative: 'start fails once' });

    // Act
    const { result: first, output } = await captureOutput(() =>
      call(
        createHandler({ ...h.deps, workflow: failing }),
        apiEvent('POST', '/api/reports', { body, headers: { 'idempotency-key': 'start-fails-0001' } }),
      ),
    );
    const before = h.workflow.started.length;
    const retry = await post(body, { 'idempotency-key': 'start-fails-0001' });

    // Assess
    expect(first.status).toBe(202);
    expect(first.body.reference).toMatch(/^OM-/);
    const line = defined(
      output.split('\n').find((l) => l.includes('workflow start failed')),
      'a workflow start failed log line',
    );
    expect(JSON.parse(line)).toMatchObject({ errorClass: 'ThrottlingException', reference: first.body.reference });
    expect(line).not.toContain('start fails once');
    const stored = defined(
      (await allCases()).find((c) => c.reference === first.body.reference),
      `the stored case ${first.body.reference}`,
    );
    expect(stored.status).toBe('open');
    expect(retry.status).toBe(202);
    expect(retry.body.reference).toBe(first.body.reference);
    expect(h.workflow.started.slice(before)).toEqual([{ caseId: stored.caseId, associationId: 'one-manchester' }]);
  });
});
