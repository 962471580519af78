/**
 * setNextDueAt: the lifecycle moves a case in the open-by-due indexes by updating its clear meta only
 * (no decrypt, no seal), versioned so no write racing with it is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, RepositoryUsageError } from '../../functions/adapters/errors.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import { INDEX, tableDefinition } from '../../functions/contract/table-layout.js';
import type { NextDeadline } from '../../functions/core/clock-plan.js';
import { defined } from '../support/defined.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository } from './case-fixtures.js';

let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;

beforeAll(async () => ({ table, crypto, repo } = await startTestRepository()));
afterAll(async () => table.stop());

const open = async (area: string, due?: string) => {
  const input = newCase(crypto, report({ area }), due ? { nextDueAt: due } : {});
  input.linkKeys = [];
  return (await repo.createCase(input)).caseId;
};
/** A next deadline kept by the regular-contact clock (001 §7). */
const due = (deadline: string, clock: NextDeadline['clock'] = 'regularContact'): NextDeadline => ({
  clock,
  duty: clock === 'regularContact' ? 'regular-contact' : 'initial-contact',
  deadline,
});
const areaOrder = async (area: string, overdueAt?: Date) =>
  (await repo.listOpenCases({ area, ...(overdueAt ? { overdueAt } : {}) })).items.map((c) => [c.caseId, c.nextDueAt]);

describe('the next deadline moves a case in the open-by-due indexes', () => {
  it('sets, moves and clears nextDueAt; the version goes up with each change, never with a no-op', async () => {
    // Prepare
    const a = await open('next-due-1', '2026-12-01T09:00:00.000Z');
    const b = await open('next-due-1');
    expect(await areaOrder('next-due-1')).toEqual([
      [a, '2026-12-01T09:00:00.000Z'],
      [b, undefined],
    ]);

    // Act + Assess: set, then no-op, then clear
    expect(await repo.setNextDueAt(b, 1, due('2026-11-28T09:00:00.000Z'))).toEqual({ version: 2, changed: true });
    expect(await areaOrder('next-due-1')).toEqual([
      [b, '2026-11-28T09:00:00.000Z'],
      [a, '2026-12-01T09:00:00.000Z'],
    ]);
    expect((await repo.listOpenCases({})).items.find((c) => c.caseId === b)?.nextDueAt).toBe(
      '2026-11-28T09:00:00.000Z',
    );
    expect(await areaOrder('next-due-1', new Date('2026-11-30T00:00:00Z'))).toEqual([[b, '2026-11-28T09:00:00.000Z']]);

    expect(await repo.setNextDueAt(b, 2, due('2026-11-28T09:00:00.000Z'))).toEqual({ version: 2, changed: false });
    expect(await repo.setNextDueAt(b, 2, undefined)).toEqual({ version: 3, changed: true });
    expect(await areaOrder('next-due-1')).toEqual([
      [a, '2026-12-01T09:00:00.000Z'],
      [b, undefined],
    ]);

    // Act
    await repo.setNextDueAt(b, 3, due('2026-12-24T12:00:00.000Z'));

    // Assess: the sealed part is untouched and still opens; the read sees the new version and deadline.
    const read = await repo.getCase(b, 'system');
    expect(read).toMatchObject({ version: 4, nextDueAt: '2026-12-24T12:00:00.000Z' });
    expect(read.report.area).toBe('next-due-1');
  });

  it('the clock and duty keeping the deadline are written with it, listed from the open indexes and removed with it', async () => {
    // Prepare
    const c = await open('next-due-5');
    const listed = async () => {
      const [byArea, all] = await Promise.all([repo.listOpenCases({ area: 'next-due-5' }), repo.listOpenCases({})]);
      return [byArea.items.find((i) => i.caseId === c), all.items.find((i) => i.caseId === c)].map(
        (i) => i && [i.nextDueAt, i.nextDueClock, i.nextDueDuty],
      );
    };

    // Act + Assess: written with it, then another clock, then removed with it
    expect(await repo.setNextDueAt(c, 1, due('2026-12-01T09:00:00.000Z', 'initialContact'))).toEqual({
      version: 2,
      changed: true,
    });
    expect(await listed()).toEqual([
      ['2026-12-01T09:00:00.000Z', 'initialContact', 'initial-contact'],
      ['2026-12-01T09:00:00.000Z', 'initialContact', 'initial-contact'],
    ]);
    // Same instant, another clock: still a change.
    expect(await repo.setNextDueAt(c, 2, due('2026-12-01T09:00:00.000Z'))).toEqual({ version: 3, changed: true });
    expect((await listed())[0]).toEqual(['2026-12-01T09:00:00.000Z', 'regularContact', 'regular-contact']);
    await repo.setNextDueAt(c, 3, undefined);
    expect((await listed())[0]).toEqual([undefined, undefined, undefined]);
    expect(await repo.getCase(c, 'system')).not.toHaveProperty('nextDueClock');
  });

  it('the open-by-due indexes project the clock name and duty (lib/case-store.ts builds the deployed table from this definition)', () => {
    // Act
    const gsis = defined(tableDefinition('t').GlobalSecondaryIndexes, 'the table indexes');

    // Assess
    for (const name of [INDEX.openByDue, INDEX.openByAreaDue]) {
      const projection = defined(
        defined(
          gsis.find((g) => g.IndexName === name),
          `index ${name}`,
        ).Projection,
        `the projection of ${name}`,
      );
      expect(projection.ProjectionType).toBe('INCLUDE');
      expect(projection.NonKeyAttributes).toEqual(
        expect.arrayContaining(['nextDueAt', 'nextDueClock', 'nextDueDuty', 'assignedOfficerEmail']),
      );
      expect(projection.NonKeyAttributes).not.toContain('sealed');
    }
  });

  it('a stale version is a ConflictError, and an updateCase that read the old version cannot put the old deadline back', async () => {
    // Prepare
    const c = await open('next-due-2', '2026-12-01T09:00:00.000Z');

    // Act + Assess: a stale version
    await expect(repo.setNextDueAt(c, 7, due('2026-12-02T09:00:00.000Z'))).rejects.toBeInstanceOf(ConflictError);

    // Act + Assess: the deadline write first makes the staff write the one that must re-read
    const staffRead = await repo.getCase(c, 'system');
    await repo.setNextDueAt(c, staffRead.version, due('2026-11-27T09:00:00.000Z'));
    await expect(repo.updateCase(c, staffRead.version, (s) => s)).rejects.toBeInstanceOf(ConflictError);
    // Act + Assess, the other way round: a staff write first makes the deadline write the one that must re-read.
    const now = await repo.getCase(c, 'system');
    await repo.updateCase(c, now.version, (s) => ({ ...s, state: { ...s.state, assignedOfficer: 'o9' } }));
    await expect(repo.setNextDueAt(c, now.version, due('2026-11-26T09:00:00.000Z'))).rejects.toBeInstanceOf(
      ConflictError,
    );
    const after = await repo.getCase(c, 'system');
    expect(after.state.assignedOfficer).toBe('o9');
    expect(after.nextDueAt).toBe('2026-11-27T09:00:00.000Z');
  });

  it('a closed case stays out of the open indexes when its deadline is cleared', async () => {
    // Prepare
    const c = await open('next-due-3', '2026-12-01T09:00:00.000Z');
    const closed = await repo.updateCase(c, 1, (s) => ({
      ...s,
      state: { ...s.state, status: 'closed', closedAt: '2026-11-26T09:00:00.000Z' },
    }));
    expect(await areaOrder('next-due-3')).toEqual([]);

    // Act
    await repo.setNextDueAt(c, closed.version, undefined);

    // Assess
    expect(await areaOrder('next-due-3')).toEqual([]);
    expect((await repo.getSummary(c))?.nextDueAt).toBeUndefined();
  });

  it('refuses a deadline that is not an instant, and a case that does not exist', async () => {
    // Prepare
    const c = await open('next-due-4');

    // Act + Assess: each refused write leaves the case as it was
    await expect(repo.setNextDueAt(c, 1, due('next tuesday'))).rejects.toBeInstanceOf(RepositoryUsageError);
    // Only a clock name with the duty it keeps reaches clear.
    await expect(
      repo.setNextDueAt(c, 1, {
        clock: 'regularContact',
        duty: 'initial-contact',
        deadline: '2026-12-01T09:00:00.000Z',
      }),
    ).rejects.toBeInstanceOf(RepositoryUsageError);
    await expect(
      repo.setNextDueAt(c, 1, {
        clock: 'Jane Doe' as never,
        duty: 'initial-contact',
        deadline: '2026-12-01T09:00:00.000Z',
      }),
    ).rejects.toBeInstanceOf(RepositoryUsageError);
    expect((await repo.getSummary(c))?.version).toBe(1);
    await expect(repo.setNextDueAt('no-such-case', 1, undefined)).rejects.toBeInstanceOf(NotFoundError);
  });
});
