/**
 * Issue 13 in the store: the open indexes' high-risk tier and the clear work-queue facts. The facts
 * are rebuilt from known words and instants on every write (no reason or note reaches clear) and are
 * read from the projections with no envelope opened; setNextDueAt keeps an item's tier; the overdue
 * listing leaves out a high-risk case not yet due; closed cases page exactly across quarters.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import { keys } from '../../functions/contract/table-layout.js';
import type { RiskLevel } from '../../functions/core/case.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository } from './case-fixtures.js';

let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;
const clock = { now: new Date('2026-11-25T10:00:00.000Z') };
const CANARY = 'CNRYWORK';

beforeAll(async () => ({ table, crypto, repo } = await startTestRepository(clock)));
afterAll(async () => table.stop());

async function openCase(area: string, risk: RiskLevel, due?: string) {
  const input = newCase(crypto, report({ area, person: {} }), { ...(due ? { nextDueAt: due } : {}) });
  input.state.facts.risk = risk;
  input.linkKeys = [];
  return (await repo.createCase(input)).caseId;
}
const rawItem = async (caseId: string) =>
  (await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.case(caseId) }))).Item ?? {};

describe('the work-queue facts in clear', () => {
  it('hold only words, flags and instants: a reason typed when closing off a duty stays sealed', async () => {
    // Prepare
    const id = await openCase('work-clear', 'high', '2026-11-26T09:00:00.000Z');

    // Act
    await repo.updateCase(id, 1, (c) => {
      c.state.duties['safety-plan'] = {
        status: 'no-further-action',
        at: clock.now.toISOString(),
        by: 'o1',
        reason: CANARY,
      };
      c.state.facts.children = true;
      c.notes = [{ id: 'n1', at: clock.now.toISOString(), by: 'o1', text: CANARY }];
      return c;
    });
    const raw = await rawItem(id);
    const open = vi.spyOn(crypto, 'open');
    const listed = (await repo.listOpenCases({ area: 'work-clear' })).items;
    open.mockRestore();

    // Assess
    expect(JSON.stringify(raw.worklist)).not.toContain(CANARY);
    expect(raw.worklist).toMatchObject({ children: true, staffSafety: false, maracReferrals: [] });
    expect((raw.worklist as { actions: { duty: string }[] }).actions.map((a) => a.duty)).not.toContain('safety-plan');
    expect(String(raw.dueSk)).toMatch(/^#HIGH#/);
    expect(open).not.toHaveBeenCalled();
    expect(listed[0]?.worklist?.children).toBe(true);
    expect(listed[0]?.highRiskFirst).toBe(true);
  });

  it('setNextDueAt keeps the high-risk tier of the key', async () => {
    // Prepare
    const id = await openCase('work-tier', 'high', '2026-11-27T09:00:00.000Z');

    // Act
    await repo.setNextDueAt(id, 1, {
      clock: 'initialContact',
      duty: 'initial-contact',
      deadline: '2026-11-28T09:00:00.000Z',
    });

    // Assess
    expect((await rawItem(id)).dueSk).toBe(`#HIGH#2026-11-28T09:00:00.000Z#${id}`);
  });

  it('the overdue listing keeps a high-risk case that is overdue and leaves out one not yet due', async () => {
    // Prepare
    const due = await openCase('work-overdue', 'high', '2026-11-24T09:00:00.000Z');
    await openCase('work-overdue', 'high', '2026-11-30T09:00:00.000Z');
    const routine = await openCase('work-overdue', 'standard', '2026-11-23T09:00:00.000Z');

    // Act
    const listed = (await repo.listOpenCases({ area: 'work-overdue', overdueAt: clock.now })).items.map(
      (c) => c.caseId,
    );

    // Assess: most overdue first, whatever the tier
    expect(listed).toEqual([routine, due]);
  });
});

describe('closed cases (by-closed-quarter, newest closure first)', () => {
  it('page exactly across quarters, one at a time, and a closure over 12 months ago is not listed', async () => {
    // Prepare
    const close = async (at: string) => {
      const id = await openCase('work-closed', 'standard');
      await repo.updateCase(id, 1, (c) => ({ ...c, state: { ...c.state, status: 'closed', closedAt: at } }));
      return id;
    };
    const old = await close('2025-10-01T09:00:00.000Z');
    const q3 = await close('2026-08-01T09:00:00.000Z');
    const q4a = await close('2026-10-05T09:00:00.000Z');
    const q4b = await close('2026-11-20T09:00:00.000Z');

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listClosedCases({ area: 'work-closed', limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((c) => c.caseId));
      cursor = page.cursor;
    } while (cursor);

    // Assess
    expect(seen).toEqual([q4b, q4a, q3]);
    expect(seen).not.toContain(old);
  });
});
