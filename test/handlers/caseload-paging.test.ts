/**
 * Issue 13: an officer in many areas pages through the whole caseload. The cursor carries plain
 * positions (each tier's dueSk and case id, per listing) encoded once, never cursors inside cursors,
 * so it stays small however many areas an officer works in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { defined } from '../support/defined.js';
import { apiEvent, type Claims, call, type Harness, startHarness } from './harness.js';

// Seven areas and the reports whose area nobody knows yet: eight listings merged.
const AREAS = ['kirklees', 'leeds', 'wakefield', 'calderdale', 'area-five', 'area-six', 'area-seven'];
const officer: Claims = { sub: 'officer-many', 'cognito:groups': 'officer', 'custom:areas': AREAS.join(',') };

let h: Harness;
let cases: ReturnType<typeof createHandler>;
const ids: string[] = [];

beforeAll(async () => {
  h = await startHarness('connect-housing', new Date('2026-11-02T10:00:00Z'));
  // Intake takes only configured areas: Connect's four, and three more like Calderdale for this test.
  const connect = h.deps.config;
  const more = AREAS.slice(4).map((id) => ({ ...defined(connect.areas[3], 'a fourth area'), id, name: id }));
  h.deps.config = { ...connect, areas: [...connect.areas, ...more] };
  cases = createHandler(h.deps);
  for (const [i, area] of [...AREAS, ...AREAS, undefined, undefined].entries()) {
    h.clock.now = new Date(h.clock.now.getTime() + ((i * 7) % 5) * 3_600_000);
    ids.push(await h.newCase({ associationId: 'connect-housing', area, immediateDanger: i % 3 === 0 }));
  }
});
afterAll(async () => {
  await h?.stop();
});

describe('issue 13: the caseload of an officer in eight listings, one case a page', () => {
  it('pages through every case exactly once in the work queue order, the cursor well under its limit', async () => {
    // Prepare: sixteen connect-housing cases over eight listings, some in immediate danger (beforeAll).
    const seen: string[] = [];
    const lengths: number[] = [];
    const positions: Record<string, Record<string, unknown> | null>[] = [];
    let cursor: string | undefined;
    let pages = 0;

    // Act
    do {
      const res = await call(
        cases,
        apiEvent('GET', '/api/cases', { claims: officer, query: { limit: '1', ...(cursor ? { cursor } : {}) } }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((s: { caseId: string }) => s.caseId));
      cursor = res.body.cursor;
      if (cursor) {
        lengths.push(cursor.length);
        positions.push(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      }
      pages++;
    } while (cursor && pages < 40);

    // Assess
    expect(seen).toHaveLength(ids.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    const all = await call(cases, apiEvent('GET', '/api/cases', { claims: officer, query: { limit: '100' } }));
    expect(seen).toEqual(all.body.items.map((s: { caseId: string }) => s.caseId));
    expect(Math.max(...lengths)).toBeLessThan(4000);
    // Plain positions encoded once: per listing, per tier, only its dueSk and case id (no cursor inside).
    for (const tiers of positions.flatMap((p) => Object.values(p)))
      for (const at of Object.values(tiers ?? {}))
        if (at !== null) expect(Object.keys(at as object).sort()).toEqual(['caseId', 'dueSk']);
  });
});
