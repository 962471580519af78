import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresMetaOf } from '../../functions/adapters/store/figures-meta.js';
import type { FiguresMeta } from '../../functions/adapters/store/index.js';
import { INDEX, tableDefinition } from '../../functions/contract/table-layout.js';
import type { CaseState } from '../../functions/core/case.js';
import { defined } from '../support/defined.js';
import { initialState, newCase, report, startTestRepository, type TestRepository } from './case-fixtures.js';

const CANARY = 'CanaryFreeTextMongoose';
const REPORTED = '2026-11-02T10:00:00.000Z';

/** A state with the report's defaults; override any part. */
const state = (overrides: Partial<CaseState> = {}): CaseState => ({
  ...initialState(report(), REPORTED),
  duties: {},
  ...overrides,
});

describe('figuresMetaOf: the clear figures facts derived from a case state (001 §7, 000)', () => {
  it('a fresh report has no facts yet beyond who made it and its safe way: no contact, no DASH, no referral, empty lists', () => {
    // Act + Assess
    expect(figuresMetaOf(state())).toEqual({
      contacts: [],
      maracReferrals: [],
      holdingPauses: [],
      reportedBy: 'victim',
      safeContact: 'known',
    });
  });

  it('001 §7: first contact is the earliest contact or when the initial-contact duty was done; contacts sorted', () => {
    // Prepare
    const s = state({
      contacts: ['2026-11-05T10:00:00.000Z', '2026-11-03T09:00:00.000Z'],
      duties: { 'initial-contact': { status: 'done', at: '2026-11-02T16:00:00.000Z', by: 'officer-1' } },
    });

    // Act
    const f = figuresMetaOf(s);

    // Assess
    expect(f.firstContactAt).toBe('2026-11-02T16:00:00.000Z');
    expect(f.contacts).toEqual(['2026-11-03T09:00:00.000Z', '2026-11-05T10:00:00.000Z']);
    // Closed off with no further action is not a contact.
    expect(
      figuresMetaOf(
        state({ duties: { 'initial-contact': { status: 'no-further-action', at: REPORTED, reason: 'x' } } }),
      ).firstContactAt,
    ).toBeUndefined();
  });

  it('001 §7: DASH attempted when scored, or when the duty was marked done; not on no further action', () => {
    // Act + Assess: one state each
    expect(
      figuresMetaOf(
        state({ dash: { score: 3, risk: 'standard', maracRequired: false, at: '2026-11-03T10:00:00.000Z' } }),
      ).dashAttemptedAt,
    ).toBe('2026-11-03T10:00:00.000Z');
    expect(
      figuresMetaOf(state({ duties: { 'dash-assessment': { status: 'done', at: '2026-11-04T10:00:00.000Z' } } }))
        .dashAttemptedAt,
    ).toBe('2026-11-04T10:00:00.000Z');
    expect(
      figuresMetaOf(
        state({
          duties: {
            'dash-assessment': { status: 'no-further-action', at: '2026-11-04T10:00:00.000Z', reason: CANARY },
          },
        }),
      ).dashAttemptedAt,
    ).toBeUndefined();
    // A later incident reopens the duty; the DASH already scored still counts as attempted.
    expect(
      figuresMetaOf(
        state({
          dash: { score: 3, risk: 'standard', maracRequired: false, at: '2026-11-03T10:00:00.000Z' },
          duties: { 'dash-assessment': { status: 'open' } },
        }),
      ).dashAttemptedAt,
    ).toBe('2026-11-03T10:00:00.000Z');
  });

  it('001 §7: consent to a specialist referral is the newest decision on it; offered once the referral is made', () => {
    // Prepare
    const given = {
      duty: 'specialist-support-referral' as const,
      decision: 'given' as const,
      at: '2026-11-03T10:00:00.000Z',
      by: 'o',
    };
    const refused = {
      duty: 'specialist-support-referral' as const,
      decision: 'refused' as const,
      reason: CANARY,
      at: '2026-11-04T10:00:00.000Z',
      by: 'o',
    };
    const other = {
      duty: 'marac-referral' as const,
      decision: 'given' as const,
      at: '2026-11-05T10:00:00.000Z',
      by: 'o',
    };

    // Act + Assess: one state each
    expect(figuresMetaOf(state({ consents: [given, refused, other] })).consentToSpecialistReferral).toBe(false);
    expect(
      figuresMetaOf(state({ consents: [refused, { ...given, at: '2026-11-06T10:00:00.000Z' }] }))
        .consentToSpecialistReferral,
    ).toBe(true);
    expect(figuresMetaOf(state({ consents: [other] }))).not.toHaveProperty('consentToSpecialistReferral');
    const made = state({
      duties: {
        'specialist-support-referral': {
          status: 'done',
          at: '2026-11-07T10:00:00.000Z',
          referral: { madeAt: '2026-11-06T09:00:00.000Z' },
        },
      },
    });
    expect(figuresMetaOf(made).specialistReferralOfferedAt).toBe('2026-11-06T09:00:00.000Z');
    expect(figuresMetaOf(state({ duties: { 'specialist-support-referral': { status: 'open' } } }))).not.toHaveProperty(
      'specialistReferralOfferedAt',
    );
  });

  it('000 / 001 §7: MARAC referrals, holding pauses and an agreed rhythm are kept as instants and a clock length', () => {
    // Act
    const f = figuresMetaOf(
      state({
        maracReferrals: ['2026-11-20T10:00:00.000Z'],
        holdingPauses: [
          { from: '2026-11-06T10:00:00.000Z', to: '2026-11-09T10:00:00.000Z' },
          { from: '2026-11-12T10:00:00.000Z' },
        ],
        agreedContactRhythm: { days: 28 },
      }),
    );

    // Assess
    expect(f.maracReferrals).toEqual(['2026-11-20T10:00:00.000Z']);
    expect(f.holdingPauses).toEqual([
      { from: '2026-11-06T10:00:00.000Z', to: '2026-11-09T10:00:00.000Z' },
      { from: '2026-11-12T10:00:00.000Z' },
    ]);
    expect(f.agreedContactRhythm).toEqual({ days: 28 });
  });

  it('CONTRIBUTING canary: text anywhere in the state (reasons, or smuggled into a list) never reaches the facts', () => {
    // Prepare
    const s = state({
      contacts: [CANARY, '2026-11-03T09:00:00+01:00'],
      maracReferrals: [`${CANARY} 2026`],
      holdingPauses: [{ from: '2026-11-06T10:00:00.000Z', reason: CANARY } as never],
      agreedContactRhythm: { days: 7, note: CANARY } as never,
      consents: [
        {
          duty: 'specialist-support-referral',
          decision: 'given',
          reason: CANARY,
          at: '2026-11-03T10:00:00.000Z',
          by: CANARY,
        },
      ],
      duties: {
        'case-resolved': { status: 'open', reason: CANARY },
        'dash-assessment': { status: 'done', at: '2026-11-04T10:00:00.000Z', by: CANARY, reason: CANARY },
        'initial-contact': { status: 'done', at: CANARY },
      },
    });

    // Act
    const f: FiguresMeta = figuresMetaOf(s);

    // Assess
    expect(JSON.stringify(f)).not.toContain('Canary');
    expect(f.contacts).toEqual(['2026-11-03T08:00:00.000Z']);
    expect(f.maracReferrals).toEqual([]);
    expect(f.firstContactAt).toBe('2026-11-03T08:00:00.000Z');
    expect(f.holdingPauses).toEqual([{ from: '2026-11-06T10:00:00.000Z' }]);
    expect(f.agreedContactRhythm).toEqual({ days: 7 });
    for (const t of [...f.contacts, ...f.maracReferrals])
      expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('the figures indexes carry the facts, never `sealed` (the figures Lambda has no field key)', () => {
  it('by-quarter, open-by-due, open-by-area-due and by-closed-quarter project `figures`; by-reference does not', () => {
    // Act
    const gsis = defined(tableDefinition('t').GlobalSecondaryIndexes, 'the table indexes');

    // Assess
    const projected = (name: string) =>
      defined(
        defined(
          gsis.find((g) => g.IndexName === name),
          `index ${name}`,
        ).Projection,
        `the projection of ${name}`,
      );
    for (const name of [INDEX.byQuarter, INDEX.openByDue, INDEX.openByAreaDue, INDEX.byClosedQuarter]) {
      expect(projected(name).ProjectionType).toBe('INCLUDE');
      expect(projected(name).NonKeyAttributes).toContain('figures');
    }
    expect(projected(INDEX.byReference).NonKeyAttributes).not.toContain('figures');
    for (const g of gsis)
      expect(defined(g.Projection, `the projection of ${g.IndexName}`).NonKeyAttributes).not.toContain('sealed');
  });
});

describe('every write keeps the clear figures facts in step with the sealed state', () => {
  const clock = { now: new Date('2026-11-25T10:00:00Z') };
  let t: TestRepository;
  beforeAll(async () => {
    t = await startTestRepository(clock);
  });
  afterAll(async () => t.table.stop());

  const rawItem = async (caseId: string) =>
    defined(
      (
        await t.table.client.send(
          new GetCommand({ TableName: t.table.tableName, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }),
        )
      ).Item,
      `the item of case ${caseId}`,
    );

  it('createCase and each updateCase rewrite `figures` from the state; closing files the case by its closing quarter, reopening removes it', async () => {
    // Prepare
    const input = newCase(t.crypto, report(), { reportedAt: '2026-09-15T09:00:00.000Z' });
    input.state.contacts = ['2026-09-15T12:00:00.000Z'];

    // Act + Assess: create
    const { caseId } = await t.repo.createCase(input);
    expect((await rawItem(caseId)).figures).toEqual({
      firstContactAt: '2026-09-15T12:00:00.000Z',
      contacts: ['2026-09-15T12:00:00.000Z'],
      maracReferrals: [],
      holdingPauses: [],
      reportedBy: 'victim',
      safeContact: 'known',
    });

    // Act + Assess: close, by a caller that changes the state only (the repository derives the facts, nobody passes them)
    await t.repo.updateCase(caseId, 1, (c) => ({
      ...c,
      state: {
        ...c.state,
        maracReferrals: ['2026-11-10T10:00:00.000Z'],
        status: 'closed',
        closedAt: '2026-11-20T10:00:00.000Z',
      },
    }));
    let item = await rawItem(caseId);
    expect((item.figures as FiguresMeta).maracReferrals).toEqual(['2026-11-10T10:00:00.000Z']);
    expect(item.closedQuarterPk).toBe('Q#2026-Q4');
    expect(item.closedSk).toBe(`telford#2026-11-20T10:00:00.000Z#${caseId}`);

    // Act + Assess: reopen
    await t.repo.updateCase(caseId, 2, (c) => {
      const { closedAt: _c, ...rest } = c.state;
      return { ...c, state: { ...rest, status: 'open' } };
    });
    item = await rawItem(caseId);
    expect(item).not.toHaveProperty('closedQuarterPk');
    expect(item).not.toHaveProperty('closedSk');
    expect(item.openPk).toBe('OPEN');
  });

  it('listCasesForFigures with activeSince adds cases open now or closed since, whenever reported; one area by its indexes', async () => {
    // Prepare
    const make = async (area: string, reportedAt: string, closedAt?: string) => {
      const input = newCase(t.crypto, report({ area, person: {} }), { reportedAt });
      input.linkKeys = [];
      input.state.maracReferrals = [reportedAt];
      if (closedAt) Object.assign(input.state, { status: 'closed', closedAt });
      return (await t.repo.createCase(input)).caseId;
    };
    const reportedIn = await make('fig-x', '2027-02-10T09:00:00.000Z');
    const openOld = await make('fig-x', '2026-06-01T09:00:00.000Z');
    const closedSince = await make('fig-x', '2026-06-02T09:00:00.000Z', '2027-01-15T09:00:00.000Z');
    const closedBefore = await make('fig-x', '2026-06-03T09:00:00.000Z', '2026-12-15T09:00:00.000Z');
    const otherArea = await make('fig-y', '2026-06-04T09:00:00.000Z', '2027-01-20T09:00:00.000Z');
    clock.now = new Date('2027-03-01T00:00:00Z');
    const q = { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2027-04-01T00:00:00Z') };

    // Act
    const reportedOnly = (await t.repo.listCasesForFigures({ ...q, area: 'fig-x' })).map((c) => c.caseId);
    const active = await t.repo.listCasesForFigures({ ...q, area: 'fig-x', activeSince: q.from });
    const everyArea = (await t.repo.listCasesForFigures({ ...q, activeSince: q.from })).map((c) => c.caseId);

    // Assess
    expect(reportedOnly).toEqual([reportedIn]);
    expect(active.map((c) => c.caseId)).toEqual([openOld, closedSince, reportedIn]);
    expect(active.every((c) => c.figures?.maracReferrals.length === 1)).toBe(true);
    expect(active.map((c) => c.caseId)).not.toContain(closedBefore);
    expect(active[0]).not.toHaveProperty('sealed');
    expect(everyArea).toEqual(expect.arrayContaining([openOld, closedSince, reportedIn, otherArea]));
    expect(everyArea).not.toContain(closedBefore);
  });
});

describe('the figures read each case once, by Query only (issue 15)', () => {
  const clock = { now: new Date('2027-03-01T00:00:00Z') };
  let t: TestRepository;
  beforeAll(async () => {
    t = await startTestRepository(clock);
  });
  afterAll(async () => t.table.stop());

  it('open and closed cases reported in the period come back once; the only commands are Queries, no Scan or item read', async () => {
    // Prepare: reported in the period (open, closed, signposted) and before it (open, closed since).
    const make = async (reportedAt: string, status: CaseState['status'], closedAt?: string) => {
      const input = newCase(t.crypto, report({ area: 'fig-once', person: {} }), { reportedAt });
      input.linkKeys = [];
      Object.assign(input.state, { status, ...(closedAt ? { closedAt } : {}) });
      return (await t.repo.createCase(input)).caseId;
    };
    const ids = [
      await make('2027-01-05T09:00:00.000Z', 'open'),
      await make('2027-01-06T09:00:00.000Z', 'closed', '2027-02-01T09:00:00.000Z'),
      await make('2027-01-07T09:00:00.000Z', 'signposted'),
      await make('2026-06-01T09:00:00.000Z', 'open'),
      await make('2026-06-02T09:00:00.000Z', 'closed', '2027-01-15T09:00:00.000Z'),
    ];
    const commands: string[] = [];
    let returned = 0;
    t.table.client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        const out = await next(args);
        returned += ((out.output as { Items?: unknown[] }).Items ?? []).length;
        return out;
      },
      { step: 'initialize', name: 'countFiguresCommands' },
    );
    const from = new Date('2027-01-01T00:00:00Z');

    // Act
    const found = await t.repo.listCasesForFigures({ from, to: new Date('2027-04-01T00:00:00Z'), activeSince: from });
    t.table.client.middlewareStack.remove('countFiguresCommands');

    // Assess
    expect(found.map((c) => c.caseId).sort()).toEqual([...ids].sort());
    expect(returned).toBe(ids.length);
    expect(commands.length).toBeGreaterThan(0);
    expect(new Set(commands)).toEqual(new Set(['QueryCommand']));
  });
});
