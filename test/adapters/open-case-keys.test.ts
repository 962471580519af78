/**
 * The sweep's reads (store/open-case-keys.ts, as case-reads.ts `openCaseReads` gives them): paged
 * through, they list exactly the open cases listOpenCases lists, every tier, each once, closed cases
 * left out; a case's status is the one its summary has; a cursor not made by the store is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { openCaseReads } from '../../functions/adapters/case-reads.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import type { TestTable } from '../support/dynalite.js';
import { ASSOCIATION, newCase, report, startTestRepository } from './case-fixtures.js';

let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;
let reads: ReturnType<typeof openCaseReads>;
const closed: string[] = [];

/** Opens a case in the tier `kind` names (danger, high risk, or neither), due at `due`. */
const open = async (i: number, kind: 'danger' | 'high' | 'due', due: string) => {
  const input = newCase(crypto, report({ area: `area-${i % 3}`, immediateDanger: kind === 'danger', person: {} }), {
    reportedAt: `2026-11-2${i % 5}T0${i % 10}:00:00.000Z`,
    nextDueAt: due,
  });
  input.state.facts.immediateDanger = kind === 'danger';
  if (kind === 'high') input.state.facts.risk = 'high';
  input.linkKeys = [];
  return (await repo.createCase(input)).caseId;
};

/** Every page of `list` from the start, each page's items in order. */
async function pagesOf<T>(list: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  ({ table, crypto, repo } = await startTestRepository());
  reads = openCaseReads({
    client: table.client,
    tableName: table.tableName,
    associationId: ASSOCIATION,
    config: getAssociation(ASSOCIATION),
    crypto,
  });
  const kinds = ['danger', 'high', 'due'] as const;
  for (let i = 0; i < 14; i++) {
    const id = await open(i, kinds[i % 3] ?? 'due', `2026-11-2${3 + (i % 5)}T1${i % 10}:00:00.000Z`);
    if (i % 4 === 1) {
      await repo.updateCase(id, 1, (c) => ({
        ...c,
        state: { ...c.state, status: 'closed', closedAt: '2026-11-26T09:00:00.000Z' },
      }));
      closed.push(id);
    }
  }
});
afterAll(async () => table.stop());

describe('the sweep lists the open cases from the open index, ids and last writes only', () => {
  it('paged through, it lists exactly the open cases listOpenCases lists, every tier, each once, no closed one', async () => {
    // Prepare
    const listed = (await pagesOf((cursor) => repo.listOpenCases({ limit: 500, ...(cursor ? { cursor } : {}) })))
      .flat()
      .map((c) => ({ caseId: c.caseId, updatedAt: c.updatedAt }));

    // Act
    const pages = await pagesOf((cursor) => reads.listOpenCases({ limit: 3, ...(cursor ? { cursor } : {}) }));

    // Assess
    const swept = pages.flat();
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.every((p) => p.length <= 3)).toBe(true);
    expect(new Set(swept.map((c) => c.caseId)).size).toBe(swept.length);
    expect(listed).toHaveLength(14 - closed.length);
    const byId = (a: { caseId: string }, b: { caseId: string }) => (a.caseId < b.caseId ? -1 : 1);
    expect([...swept].sort(byId)).toEqual([...listed].sort(byId));
    expect(swept.some((c) => closed.includes(c.caseId))).toBe(false);
  });

  it('reads only the id and last write of each case from the index', async () => {
    // Act
    const page = await reads.listOpenCases({ limit: 2 });

    // Assess
    expect(page.items).toHaveLength(2);
    for (const item of page.items) expect(Object.keys(item).sort()).toEqual(['caseId', 'updatedAt']);
  });

  it('a case status is the one its summary has, and a case that does not exist has none', async () => {
    // Prepare
    const openId = (await repo.listOpenCases({ limit: 1 })).items[0]?.caseId ?? '';
    const closedId = closed[0] ?? '';

    // Act
    const statuses = [await reads.getSummary(openId), await reads.getSummary(closedId)];
    const missing = await reads.getSummary('00000000-0000-4000-8000-000000000000');

    // Assess
    expect(statuses).toEqual([
      { status: (await repo.getSummary(openId))?.status },
      { status: (await repo.getSummary(closedId))?.status },
    ]);
    expect(statuses.map((s) => s?.status)).toEqual(['open', 'closed']);
    expect(missing).toBeUndefined();
  });

  it('a cursor the store did not make is refused as bad input, naming the cursor', async () => {
    // Prepare
    const closedKey = Buffer.from(JSON.stringify({ pk: 'CASE#x', sk: 'CASE', openPk: 'OPEN#telford', dueSk: 'x' }));

    // Act
    const refused = [
      reads.listOpenCases({ cursor: 'not-a-cursor' }),
      reads.listOpenCases({ cursor: closedKey.toString('base64url') }),
    ];

    // Assess
    for (const r of refused) await expect(r).rejects.toMatchObject({ name: 'InvalidInputError' });
    await expect(refused[0]).rejects.toThrow('cursor is not valid');
  });
});
