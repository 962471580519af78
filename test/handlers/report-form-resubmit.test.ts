/**
 * The public form keys a submission on its hidden token AND the report (as JSON intake keys on the
 * Idempotency-Key and the report): a double submit gives the same reference; Back, edit and
 * resubmit files the edited report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../functions/core/report.js';
import { submitFormReport } from '../../functions/report-form/submit.js';
import { type Harness, report, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('report form idempotency', () => {
  it('same token and report: one case; same token, edited report: a new reference, both stored', async () => {
    // Prepare
    const token = 'form-token-0001';
    const first = reportSchema.parse(report({ narrative: 'First account.' }));
    const edited = reportSchema.parse(report({ narrative: 'First account, with what I forgot.' }));

    // Act
    const a = await submitFormReport(h.deps, first, token, h.clock.now);
    const later = new Date(h.clock.now.getTime() + 3600_000);
    const again = await submitFormReport(h.deps, structuredClone(first), token, later);
    const b = await submitFormReport(h.deps, edited, token, h.clock.now);

    // Assess
    expect(again.reference).toBe(a.reference);
    expect(again.created).toBe(false);
    expect(again.reportedAt, "a repeat answers the stored case's report time").toBe(a.reportedAt);
    expect(a.reportedAt).toBe(h.clock.now.toISOString());
    expect(b.reference).not.toBe(a.reference);
    const stored = (await h.cases.listOpenCases()).items.map((c) => c.reference);
    expect(stored).toEqual(expect.arrayContaining([a.reference, b.reference]));
    expect(stored.filter((r) => r === a.reference)).toHaveLength(1);
  });
});
