/**
 * The open cases are read danger tier first (issue 15): immediate danger sorts before every other open
 * case, so a page it fills reads no other tier, and a page it leaves room on reads the others for that
 * room only; paged through, the queue is the same, nothing skipped or repeated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository } from './case-fixtures.js';

let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;
const clock = { now: new Date('2026-11-25T12:00:00Z') };
const AREA = 'danger-page';
const danger: string[] = [];
const others: string[] = [];

const open = async (i: number, o: { danger?: boolean; high?: boolean; due: string }) => {
  const input = newCase(crypto, report({ area: AREA, immediateDanger: o.danger ?? false, person: {} }), {
    reportedAt: `2026-11-2${i % 5}T0${i % 10}:00:00.000Z`,
    nextDueAt: o.due,
  });
  input.state.facts.immediateDanger = o.danger ?? false;
  if (o.high) input.state.facts.risk = 'high';
  input.linkKeys = [];
  return (await repo.createCase(input)).caseId;
};

beforeAll(async () => {
  ({ table, crypto, repo } = await startTestRepository(clock));
  for (let i = 0; i < 5; i++) danger.push(await open(i, { danger: true, due: '2026-11-26T10:00:00.000Z' }));
  // High risk and the rest, some overdue at the clock's now, so the two tiers interleave.
  for (let i = 0; i < 7; i++)
    others.push(await open(i, { high: i % 2 === 0, due: `2026-11-2${3 + (i % 4)}T1${i}:00:00.000Z` }));
});
afterAll(async () => table.stop());

/** The dueSk ranges the Queries of `act` asked for, in order. */
async function rangesOf(act: () => Promise<unknown>): Promise<string[]> {
  const ranges: string[] = [];
  table.client.middlewareStack.add(
    (next) => async (args) => {
      const values = (args.input as { ExpressionAttributeValues?: Record<string, unknown> }).ExpressionAttributeValues;
      if (values?.[':from'] !== undefined) ranges.push(String(values[':from']));
      return next(args);
    },
    { step: 'initialize', name: 'tierRanges' },
  );
  try {
    await act();
  } finally {
    table.client.middlewareStack.remove('tierRanges');
  }
  return ranges;
}

describe('the open cases are read danger tier first', () => {
  it('a page the danger tier fills reads that tier alone; the next page goes on to the others', async () => {
    // Act
    let first: Awaited<ReturnType<CaseRepository['listOpenCases']>> = { items: [] };
    const firstRanges = await rangesOf(async () => {
      first = await repo.listOpenCases({ area: AREA, limit: 4 });
    });
    const second = await repo.listOpenCases({
      area: AREA,
      limit: 4,
      ...(first.cursor ? { cursor: first.cursor } : {}),
    });

    // Assess
    expect(firstRanges).toEqual(['!DANGER#']);
    expect(first.items.map((c) => c.caseId).every((id) => danger.includes(id))).toBe(true);
    expect(first.items).toHaveLength(4);
    expect(second.items.map((c) => c.immediateDanger ?? false)).toEqual([true, false, false, false]);
  });

  it('paged through at every page size, the queue is the one a single page gives: nothing skipped or repeated', async () => {
    // Prepare
    const whole = (await repo.listOpenCases({ area: AREA, limit: 500 })).items.map((c) => c.caseId);

    // Act
    const paged: string[][] = [];
    for (const limit of [1, 2, 3, 5, 6, 11, 12]) {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let n = 0; n < 20; n++) {
        const page = await repo.listOpenCases({ area: AREA, limit, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.items.map((c) => c.caseId));
        cursor = page.cursor;
        if (!cursor) break;
      }
      paged.push(ids);
    }

    // Assess
    expect(whole.slice(0, 5).sort()).toEqual([...danger].sort());
    expect([...whole].sort()).toEqual([...danger, ...others].sort());
    for (const ids of paged) expect(ids).toEqual(whole);
  });
});
