import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/intake/handler.js';
import { apiEvent, call, report, startHarness, type Harness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  h = await startHarness();
  handler = createHandler(h.deps);
});
afterAll(() => h.stop());

const post = (body: unknown, headers: Record<string, string> = {}) => call(handler, apiEvent('POST', '/api/reports', { body, headers }));

describe('POST /api/reports', () => {
  it('004 §7.5.1: a resident report opens a case, starts its lifecycle and answers 202 with reference and advice', async () => {
    const res = await post(report(), { 'idempotency-key': 'key-aaaaaaaa-1' });
    expect(res.status).toBe(202);
    expect(res.body.reference).toMatch(/^HV-/);
    expect(res.body.advice.outcome).toBe('case');
    expect(res.body.advice.whatHappensNext.join(' ')).toContain('24 hours');
    expect(h.workflow.started).toHaveLength(1);
  });
});
