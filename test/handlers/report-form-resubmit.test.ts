/**
 * The public form keys a submission on its hidden token AND the report (as JSON intake does with
 * intakeKey): a double submit gives the same reference; Back, edit and resubmit files the edited report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../functions/intake/submit.js';
import { reportFormDeps } from '../../functions/report-form/from-deps.js';
import { report, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('report form idempotency', () => {
  it('same token and report: one case; same token, edited report: a new reference, both stored', async () => {
    const form = reportFormDeps(h.deps);
    const token = 'form-token-0001';
    const first = reportSchema.parse(report({ narrative: 'First account.' }));
    const edited = reportSchema.parse(report({ narrative: 'First account, with what I forgot.' }));
    const a = await form.submit(first, token, h.clock.now);
    const again = await form.submit(structuredClone(first), token, h.clock.now);
    expect(again.reference).toBe(a.reference);
    const b = await form.submit(edited, token, h.clock.now);
    expect(b.reference).not.toBe(a.reference);
    const stored = (await h.cases.listOpenCases()).items.map((c) => c.reference);
    expect(stored).toEqual(expect.arrayContaining([a.reference, b.reference]));
    expect(stored.filter((r) => r === a.reference)).toHaveLength(1);
  });
});
