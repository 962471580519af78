import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/figures/handler.js';
import { submitReport } from '../../functions/intake/submit.js';
import { reportSchema } from '../../functions/core/report.js';
import { apiEvent, BOARD, call, report, startHarness, type Harness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  h = await startHarness();
  handler = createHandler(h.deps);
  await submitReport(h.deps, reportSchema.parse(report({ abuseTypes: ['physical', 'financial'] })), 'fig-1', h.clock.now);
  await submitReport(h.deps, reportSchema.parse(report({ abuseTypes: ['psychological'] })), 'fig-2', h.clock.now);
  await submitReport(h.deps, reportSchema.parse(report({ livesInAssociationHome: 'no' })), 'fig-3', h.clock.now);
});
afterAll(() => h.stop());

const get = (query: Record<string, string>) => call(handler, apiEvent('GET', '/api/figures', { claims: BOARD, query }));

describe('GET /api/figures (001 §7, 000)', () => {
  it('counts reports, cases (signposted left out), areas, abuse types and quarters for the period', async () => {
    const res = await get({ from: '2026-04-01', to: '2027-03-31' });
    expect(res.status).toBe(200);
    expect(res.body.reportsReceived).toBe(3);
    expect(res.body.cases).toBe(2);
    expect(res.body.byArea).toEqual({ manchester: 3 });
    expect(res.body.byAbuseType.physical).toBe(1);
    expect(res.body.byQuarter['2026-27 Q3']).toBe(3);
    expect(JSON.stringify(res.body)).not.toMatch(/HV-|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('a period with nothing in it counts nothing', async () => {
    const res = await get({ from: '2025-04-01', to: '2025-06-30' });
    expect(res.body.reportsReceived).toBe(0);
  });

  it('answers CSV with format=csv', async () => {
    const res = await get({ from: '2026-04-01', to: '2027-03-31', format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.raw.split('\r\n')[0]).toBe('figure,group,value,numerator,denominator');
    expect(res.raw).toContain('reports received,,3,,');
  });

  it.each([
    [{ to: '2027-03-31' }, 'from'],
    [{ from: '2026-13-01', to: '2027-03-31' }, 'from'],
    [{ from: '1899-01-01', to: '2027-03-31' }, 'from'],
    [{ from: '2027-01-01', to: '2026-01-01' }, 'to'],
    [{ from: '2010-01-01', to: '2026-01-01' }, 'to'],
    [{ from: '2026-04-01', to: '2027-03-31', format: 'xlsx' }, 'format'],
    [{ from: '2026-04-01', to: '2027-03-31', area: 'atlantis' }, 'area'],
  ])('item 6: %j is refused naming %s', async (query, field) => {
    const res = await get(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.raw).not.toContain('atlantis');
    expect(res.raw).not.toContain('xlsx');
  });
});
