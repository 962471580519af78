/**
 * Immediate danger first (002 §6, 003, 004 §7.4.3): an open case reported in immediate danger sorts
 * before every other open case in the open indexes (earliest reported first among them) through its
 * sort key, written on every write, until what was done is recorded; its flag is read from that key.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository } from './case-fixtures.js';

let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;

beforeAll(async () => ({ table, crypto, repo } = await startTestRepository()));
afterAll(async () => table.stop());

const open = async (area: string, o: { danger?: boolean; reportedAt: string; due?: string }) => {
  const input = newCase(crypto, report({ area, immediateDanger: o.danger ?? false }), {
    reportedAt: o.reportedAt,
    ...(o.due ? { nextDueAt: o.due } : {}),
  });
  input.state.facts.immediateDanger = o.danger ?? false;
  input.linkKeys = [];
  return (await repo.createCase(input)).caseId;
};
const order = async (q: { area?: string; overdueAt?: Date }) =>
  (await repo.listOpenCases(q)).items.map((c) => [c.caseId, c.immediateDanger ?? false]);

describe('immediate danger sorts first in the open indexes until what was done is recorded', () => {
  it('danger cases come before a case due sooner, earliest reported first; both indexes; flag from the key', async () => {
    // Prepare
    const area = 'danger-1';
    const routine = await open(area, { reportedAt: '2026-11-25T08:00:00.000Z', due: '2026-11-25T09:00:00.000Z' });
    const later = await open(area, {
      danger: true,
      reportedAt: '2026-11-25T10:00:00.000Z',
      due: '2026-11-25T10:30:00.000Z',
    });
    const earlier = await open(area, {
      danger: true,
      reportedAt: '2026-11-25T09:30:00.000Z',
      due: '2026-11-25T10:00:00.000Z',
    });

    // Act
    const byArea = await order({ area });
    const all = (await order({})).filter(([id]) => [routine, later, earlier].includes(id as string));

    // Assess
    const expected = [
      [earlier, true],
      [later, true],
      [routine, false],
    ];
    expect(byArea).toEqual(expected);
    expect(all).toEqual(expected);
  });

  it('a new deadline (setNextDueAt, no decrypt) keeps a danger case first; recording what was done moves it back', async () => {
    // Prepare
    const area = 'danger-2';
    const routine = await open(area, { reportedAt: '2026-11-25T08:00:00.000Z', due: '2026-11-26T09:00:00.000Z' });
    const danger = await open(area, {
      danger: true,
      reportedAt: '2026-11-25T09:00:00.000Z',
      due: '2026-11-25T09:30:00.000Z',
    });

    // Act
    await repo.setNextDueAt(danger, 1, {
      clock: 'initialContact',
      duty: 'initial-contact',
      deadline: '2026-11-27T09:00:00.000Z',
    });
    const whileOpen = await order({ area });
    await repo.updateCase(danger, 2, (c) => ({
      ...c,
      state: {
        ...c.state,
        duties: {
          ...c.state.duties,
          'advise-emergency-services': {
            status: 'done',
            at: '2026-11-25T09:10:00.000Z',
            by: 'officer-1',
            reason: 'Advised 999',
          },
        },
      },
    }));
    const afterDone = await order({ area });

    // Assess
    expect(whileOpen).toEqual([
      [danger, true],
      [routine, false],
    ]);
    expect(afterDone).toEqual([
      [routine, false],
      [danger, false],
    ]);
  });

  it('a closed danger case leaves the open indexes and carries no flag', async () => {
    // Prepare
    const area = 'danger-3';
    const danger = await open(area, { danger: true, reportedAt: '2026-11-25T09:00:00.000Z' });

    // Act
    await repo.updateCase(danger, 1, (c) => ({
      ...c,
      state: { ...c.state, status: 'closed', closedAt: '2026-11-26T09:00:00.000Z' },
    }));

    // Assess
    expect(await order({ area })).toEqual([]);
    expect(
      (await repo.findCaseByReference((await repo.getCase(danger, 'system')).reference))?.immediateDanger,
    ).toBeUndefined();
  });

  it('in clear the danger is only the sort key prefix: the stored case has no immediateDanger attribute', async () => {
    // Prepare
    const caseId = await open('danger-clear', { danger: true, reportedAt: '2026-11-25T11:00:00.000Z' });

    // Act
    const raw = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }),
    );
    const summary = await repo.getSummary(caseId);

    // Assess
    expect(raw.Item?.dueSk).toMatch(/^!DANGER#2026-11-25T11:00:00.000Z#/);
    expect(Object.keys(raw.Item ?? {})).not.toContain('immediateDanger');
    expect(summary?.immediateDanger).toBe(true);
  });
});
