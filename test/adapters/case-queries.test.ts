import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../functions/adapters/errors.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { homeKeys, linkKeysFor } from '../../functions/adapters/link-keys.js';
import type { CaseRepository } from '../../functions/adapters/store/index.js';
import type { RiskLevel } from '../../functions/core/case.js';
import { defined } from '../support/defined.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository } from './case-fixtures.js';

let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;

beforeAll(async () => ({ table, crypto, repo } = await startTestRepository()));
afterAll(async () => table.stop());

/** Creates an open case in `area` due at `due`, with risk and officer set. */
async function openCase(
  area: string,
  due: string | undefined,
  risk: RiskLevel = 'standard',
  officer?: string,
  reportedAt = '2026-11-20T09:00:00.000Z',
) {
  const input = newCase(crypto, report({ area, person: {} }), { reportedAt, ...(due ? { nextDueAt: due } : {}) });
  input.state.facts.risk = risk;
  if (officer) input.state.assignedOfficer = officer;
  input.linkKeys = [];
  return (await repo.createCase(input)).caseId;
}

describe('open cases by next due time (a GSI query)', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    ids = {
      late: await openCase('oakengates', '2026-11-30T09:00:00.000Z', 'high', 'o1'),
      soon: await openCase('oakengates', '2026-11-26T09:00:00.000Z', 'standard', 'o2'),
      none: await openCase('oakengates', undefined, 'medium', 'o1'),
      mid: await openCase('wellington', '2026-11-28T09:00:00.000Z', 'high', 'o1'),
    };
  });

  it("issue 13: lists open cases in the work queue's order, high risk (soonest first) before the rest (soonest first), cases without a deadline last", async () => {
    // Act
    const { items } = await repo.listOpenCases({});

    // Assess
    const order = items.map((c) => c.caseId).filter((id) => Object.values(ids).includes(id));
    expect(order).toEqual([ids.mid, ids.late, ids.soon, ids.none]);
    expect(items[0]).not.toHaveProperty('sealed');
  });

  it('filters by area (its own index), risk, officer and overdue instant', async () => {
    // Act + Assess: one query per filter
    expect((await repo.listOpenCases({ area: 'oakengates' })).items.map((c) => c.caseId)).toEqual([
      ids.late,
      ids.soon,
      ids.none,
    ]);
    expect((await repo.listOpenCases({ area: 'oakengates', risk: 'high' })).items.map((c) => c.caseId)).toEqual([
      ids.late,
    ]);
    expect((await repo.listOpenCases({ officer: 'o1' })).items.map((c) => c.caseId)).toEqual([
      ids.mid,
      ids.late,
      ids.none,
    ]);
    expect(
      (await repo.listOpenCases({ overdueAt: new Date('2026-11-29T00:00:00Z') })).items.map((c) => c.caseId),
    ).toEqual([ids.mid, ids.soon]);
    expect(
      (await repo.listOpenCases({ risk: 'high', overdueAt: new Date('2026-12-01T00:00:00Z') })).items.map(
        (c) => c.caseId,
      ),
    ).toEqual([ids.mid, ids.late]);
  });

  it.each([
    ['pages with a cursor, exactly, even with a filter', 1],
    ['a page cut short by its limit continues after its last case: no case skipped or repeated', 2],
  ] as const)('%s', async (_name, limit) => {
    // Prepare
    const seen: string[] = [];
    let cursor: string | undefined;

    // Act
    do {
      const page = await repo.listOpenCases({ officer: 'o1', limit, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((c) => c.caseId));
      cursor = page.cursor;
    } while (cursor);

    // Assess
    expect(seen).toEqual([ids.mid, ids.late, ids.none]);
  });

  it('a malformed cursor is an InvalidInputError (400)', async () => {
    // Act + Assess
    await expect(repo.listOpenCases({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('cases by area and quarter, for figures (001 §7: themes by area, quarterly)', () => {
  it('returns every case reported in [from, to) across quarters, optionally one area, with abuse types', async () => {
    // Prepare
    const a = await openCase('figures-a', undefined, 'standard', undefined, '2027-03-31T22:59:59.000Z');
    const b = await openCase('figures-b', undefined, 'high', undefined, '2027-04-01T08:00:00.000Z');
    const c = await openCase('figures-a', undefined, 'standard', undefined, '2027-05-10T08:00:00.000Z');
    await openCase('figures-a', undefined, 'standard', undefined, '2027-07-01T00:00:00.000Z'); // outside
    await openCase('figures-a', undefined, 'standard', undefined, '2027-03-01T00:00:00.000Z'); // outside

    // Act
    const all = await repo.listCasesForFigures({
      from: new Date('2027-03-31T00:00:00Z'),
      to: new Date('2027-07-01T00:00:00Z'),
    });
    const areaA = await repo.listCasesForFigures({
      from: new Date('2027-03-31T00:00:00Z'),
      to: new Date('2027-07-01T00:00:00Z'),
      area: 'figures-a',
    });

    // Assess
    expect(all.map((x) => x.caseId)).toEqual([a, b, c]);
    expect(all[1]).toMatchObject({ area: 'figures-b', risk: 'high', abuseTypes: ['psychological'], status: 'open' });
    expect(areaA.map((x) => x.caseId)).toEqual([a, c]);
  });

  it('refuses an empty range', async () => {
    // Act + Assess
    await expect(
      repo.listCasesForFigures({ from: new Date('2027-01-01'), to: new Date('2027-01-01') }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('earlier cases are linked by keyed hashes, and a reference finds its case', () => {
  it('links a new report to earlier cases of the same person or home, saying what matched', async () => {
    // Prepare
    const earlier = await repo.createCase(newCase(crypto, report(), { reportedAt: '2025-06-01T09:00:00.000Z' }));
    // Same person at another address, written differently.
    const samePerson = await repo.createCase(
      newCase(
        crypto,
        report({
          person: {
            name: '  alex  EXAMPLE ',
            dateOfBirth: '1990-01-02',
            address: '3 Other Street, Wellington TF1 9ZZ',
          },
          safeContact: { noContact: true, voicemailSafe: false, letterSafe: false },
        }),
        {
          reportedAt: '2025-09-01T09:00:00.000Z',
        },
      ),
    );
    // Same home by property reference only.
    const sameHome = await repo.createCase(
      newCase(
        crypto,
        report({
          person: { propertyReference: 'wr 00123' },
          safeContact: { noContact: true, voicemailSafe: false, letterSafe: false },
        }),
        { reportedAt: '2026-01-01T09:00:00.000Z' },
      ),
    );
    const stranger = await repo.createCase(
      newCase(
        crypto,
        report({
          person: { name: 'Sam Else', dateOfBirth: '1980-05-05', address: '9 Far Lane, Ludlow SY8 1AA' },
          safeContact: { noContact: true, voicemailSafe: false, letterSafe: false },
        }),
      ),
    );
    const now = newCase(
      crypto,
      report({
        person: {
          name: 'Alex Example',
          dateOfBirth: '1990-01-02',
          address: 'Telford TF12AB, 14 Elm Rd',
          propertyReference: 'WR-00123',
        },
      }),
    );

    // Act
    const linked = await repo.findLinkedCases(defined(now.linkKeys, 'the link keys of the new case'));

    // Assess
    const byId = new Map(linked.map((l) => [l.caseId, l.matchedOn]));
    expect(byId.get(earlier.caseId)).toEqual(['address', 'person', 'phone', 'property']);
    expect(byId.get(samePerson.caseId)).toEqual(['person']);
    expect(byId.get(sameHome.caseId)).toEqual(['property']);
    expect(byId.has(stranger.caseId)).toBe(false);
    expect(
      defined(linked.at(0), 'a linked case').reportedAt >= defined(linked.at(-1), 'a linked case').reportedAt,
    ).toBe(true);

    // Act + Assess: a staff read of the new case shows them as its history; a system read does not
    const created = await repo.createCase(now);
    const seen = await repo.getCase(created.caseId, { sub: 'officer-1', role: 'case-officer' });
    expect(seen.history.map((h) => h.caseId)).toEqual(
      expect.arrayContaining([earlier.caseId, samePerson.caseId, sameHome.caseId]),
    );
    expect(seen.history.map((h) => h.caseId)).not.toContain(created.caseId);
    expect((await repo.getCase(created.caseId, 'system')).history).toEqual([]);
  });

  it('finds a case by its reference', async () => {
    // Prepare
    const made = await repo.createCase(newCase(crypto, report()));

    // Act + Assess: a known reference, and one never given
    expect(await repo.findCaseByReference(made.reference)).toMatchObject({
      caseId: made.caseId,
      reference: made.reference,
    });
    expect(await repo.findCaseByReference('HV-0000-0000')).toBeUndefined();
  });

  it('finds the case, never the intake claim that carries the same reference', async () => {
    // Prepare: eight cases, so a look-up that took either item would show a claim at least once
    const made = await Promise.all(Array.from({ length: 8 }, () => repo.createCase(newCase(crypto, report()))));

    // Act
    const found = await Promise.all(made.map((m) => repo.findCaseByReference(m.reference)));

    // Assess
    expect(found.map((f) => f?.status)).toEqual(made.map(() => 'open'));
    expect(found.map((f) => f?.reportedAt)).toEqual(made.map(() => expect.any(String)));
  });
});

describe('002 §6: a staff-safety marker on a home shows on every case there', () => {
  it('shows on earlier and later cases at that home, and not elsewhere; lifting it hides it', async () => {
    // Prepare
    const home = report({
      person: { name: 'Jo Marker', address: '7 Ash Close, Madeley TF7 5AA', propertyReference: 'WR-77777' },
    });
    const before = await repo.createCase(newCase(crypto, home));
    const elsewhere = await repo.createCase(
      newCase(crypto, report({ person: { address: '8 Birch Close, Madeley TF7 5AB', propertyReference: 'WR-88888' } })),
    );
    const keys = homeKeys(linkKeysFor(home, crypto.hmac));

    // Act
    await repo.setHomeMarker(keys, {
      setBy: 'officer-1',
      setAt: '2026-11-25T12:00:00.000Z',
      sourceCaseId: before.caseId,
    });
    // A later report about the same home, known by its address only.
    const after = await repo.createCase(
      newCase(crypto, report({ person: { address: '7, Ash Close Madeley  tf7 5aa' } })),
    );

    // Assess
    const onBefore = (await repo.getCase(before.caseId, 'system')).markers;
    const onAfter = (await repo.getCase(after.caseId, { sub: 'officer-2', role: 'case-officer' })).markers;
    expect(onBefore.map((m) => m.kind)).toContain('staff-safety');
    expect(onAfter).toEqual([
      expect.objectContaining({ kind: 'staff-safety', sourceCaseId: before.caseId, setAt: '2026-11-25T12:00:00.000Z' }),
    ]);
    expect((await repo.getCase(elsewhere.caseId, 'system')).markers).toEqual([]);

    // Act + Assess: lifting it
    await repo.setHomeMarker(keys, { setBy: 'manager-1', active: false });
    expect((await repo.getCase(after.caseId, 'system')).markers).toEqual([]);
  });
});
