/**
 * Issue 13: the caseload's search, filters and closed cases. A search by reference finds the case
 * only for staff who may see it (the same area rule as every read) and records the finding on its
 * timeline; the unassigned and mine filters; closed cases listed with when they closed, nothing typed;
 * a case item written before the work-queue facts were kept still lists (without them) and gets them
 * on its next write; the staff-safety marker on the home is flagged on a later case there.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeKeys } from '../../functions/adapters/link-keys.js';
import { createHandler } from '../../functions/cases/handler.js';
import { keys } from '../../functions/contract/table-layout.js';
import { defined } from '../support/defined.js';
import { apiEvent, type Claims, call, type Harness, MANAGER, startHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
const kirklees: Claims = { sub: 'officer-k', 'cognito:groups': 'officer', 'custom:areas': 'kirklees' };
const leeds: Claims = { sub: 'officer-l', 'cognito:groups': 'officer', 'custom:areas': 'leeds' };
const REASON = 'CNRYREASON she moved away';

beforeAll(async () => {
  h = await startHarness('connect-housing', new Date('2026-11-02T10:00:00Z'));
  handler = createHandler(h.deps);
}, 30_000);
afterAll(() => h.stop());

const file = (area: string, extra: Record<string, unknown> = {}) =>
  h.newCase({ associationId: 'connect-housing', area, ...extra });
const list = async (claims: Claims, query: Record<string, string> = {}) => {
  const res = await call(handler, apiEvent('GET', '/api/cases', { claims, query }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { caseId: string; [k: string]: unknown }[];
};

describe('search by reference (staff only, audited, area access respected)', () => {
  it('finds a case the caller may see and records who found it; another area finds nothing and nothing is recorded', async () => {
    // Prepare
    const id = await file('kirklees');
    const { reference } = defined(await h.cases.getSummary(id), 'the case');

    // Act
    const found = await list(kirklees, { reference: reference.toLowerCase() });
    const hidden = await list(leeds, { reference });
    const unknown = await list(MANAGER, { reference: 'HV-0000-0000' });

    // Assess
    expect(found.map((i) => i.caseId)).toEqual([id]);
    expect(hidden).toEqual([]);
    expect(unknown).toEqual([]);
    const events = (await h.cases.listEvents(id)).filter((e) => e.type === 'case-found-by-reference');
    expect(events.map((e) => e.actor)).toEqual([{ sub: kirklees.sub, role: 'officer' }]);
  });

  it('a reference that is not one is refused naming the field, without echoing it', async () => {
    // Act
    const res = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER, query: { reference: '<x y>' } }));

    // Assess
    expect(res.status).toBe(400);
    expect(res.raw).toContain('reference');
    expect(res.raw).not.toContain('<x y>');
  });
});

describe('filters: unassigned and mine', () => {
  it('unassigned lists only cases nobody holds; mine only the caller’s', async () => {
    // Prepare
    const held = await file('leeds');
    const free = await file('leeds');
    const assign = await call(
      handler,
      apiEvent('POST', `/api/cases/${held}/assign`, {
        body: { officer: leeds.sub },
        claims: MANAGER,
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(assign.status, JSON.stringify(assign.body)).toBe(200);

    // Act
    const unassigned = (await list(leeds, { unassigned: 'true' })).map((i) => i.caseId);
    const mine = (await list(leeds, { officer: leeds.sub })).map((i) => i.caseId);

    // Assess
    expect(unassigned).toContain(free);
    expect(unassigned).not.toContain(held);
    expect(mine).toEqual([held]);
  });
});

describe('closed cases', () => {
  it('are listed newest closure first with when they closed, never the reason typed; only in the caller’s areas', async () => {
    // Prepare: closed through the store (the close command's own rules are tested in cases.test.ts)
    const close = async (id: string, at: string) => {
      h.clock.now = new Date(at);
      const { version } = await h.cases.getCase(id, 'system');
      await h.cases.updateCase(
        id,
        version,
        (c) => ({
          ...c,
          state: { ...c.state, status: 'closed', closedAt: at },
        }),
        [{ type: 'case-closed', at, actor: 'system', details: { reason: REASON } }],
      );
    };
    const first = await file('kirklees');
    const second = await file('kirklees');
    const elsewhere = await file('wakefield');
    await close(first, '2026-11-10T10:00:00.000Z');
    await close(second, '2026-11-12T10:00:00.000Z');
    await close(elsewhere, '2026-11-11T10:00:00.000Z');

    // Act
    const all = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER, query: { status: 'closed' } }));
    const officer = await list(kirklees, { status: 'closed' });

    // Assess
    expect(all.status).toBe(200);
    const items = all.body.items as { caseId: string; status: string; closedAt: string }[];
    expect(items.map((i) => [i.caseId, i.status, i.closedAt])).toEqual([
      [second, 'closed', '2026-11-12T10:00:00.000Z'],
      [elsewhere, 'closed', '2026-11-11T10:00:00.000Z'],
      [first, 'closed', '2026-11-10T10:00:00.000Z'],
    ]);
    expect(all.raw).not.toContain('CNRY');
    expect(officer.map((i) => i.caseId)).toEqual([second, first]);
  });
});

describe('older items and the home marker', () => {
  it('a case item without the work-queue facts still lists (read as absent) and gets them on its next write', async () => {
    // Prepare
    const id = await file('wakefield', { household: { children: true } });
    await h.table.client.send(
      new UpdateCommand({ TableName: h.table.tableName, Key: keys.case(id), UpdateExpression: 'REMOVE worklist' }),
    );
    const item = async () =>
      defined(
        (await list(MANAGER, { area: 'wakefield' })).find((i) => i.caseId === id),
        id,
      );

    // Act
    const before = await item();
    const { version } = await h.cases.getCase(id, 'system');
    await h.cases.updateCase(id, version, (c) => c);
    const after = await item();

    // Assess
    expect(before).toMatchObject({ actions: [], nextAction: null, flags: { highRisk: false } });
    expect(before.flags).not.toHaveProperty('children');
    expect(after.flags).toMatchObject({ children: true, staffSafety: false });
    expect((after.actions as unknown[]).length).toBeGreaterThan(0);
  });

  it('a staff-safety marker on the home is flagged on a later case there', async () => {
    // Prepare
    const person = { name: 'Test Person', address: '1 Marker Row, Leeds', propertyReference: 'MRK-1' };
    const first = await file('leeds', { person });
    const stored = await h.cases.getCase(first, 'system');
    await h.cases.setHomeMarker(homeKeys(stored.linkKeys), { setBy: MANAGER.sub, sourceCaseId: first });

    // Act
    const later = await file('leeds', { person });
    const items = await list(MANAGER, { area: 'leeds' });

    // Assess
    const flags = (id: string) =>
      defined(
        items.find((i) => i.caseId === id),
        id,
      ).flags;
    expect(flags(later)).toMatchObject({ staffSafety: true });
  });
});
