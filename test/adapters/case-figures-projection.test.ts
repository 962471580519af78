import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { type CaseState, RISK_LEVELS } from '../../functions/core/case.js';
import { ABUSE_TYPES } from '../../functions/core/report.js';
import { readFigures } from '../../functions/figures/read.js';
import { ASSOCIATION, newCase, report, startTestRepository, type TestRepository } from './case-fixtures.js';

// Every clock the figures measure set, so every measure is computed from the facts read.
const BASE = getAssociation(ASSOCIATION);
const CONFIG = {
  ...BASE,
  clocks: { ...BASE.clocks, regularContact: { days: 14 }, holdingArea: { days: 21 } },
};
const AREAS = CONFIG.areas.map((a) => a.id);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
// What the figures may read of an item (store/figures-queries.ts `FIGURES_READ`), written out here so a change there must be deliberate.
const FIGURES_ATTRIBUTES = [
  'caseId',
  'reference',
  'status',
  'reportedAt',
  'closedAt',
  'area',
  'risk',
  'abuseTypes',
  'figures',
];

describe('the figures queries project only what the figures count (issue 15)', () => {
  const clock = { now: new Date('2027-03-01T00:00:00Z') };
  let t: TestRepository;
  beforeAll(async () => {
    t = await startTestRepository(clock);
    // A mixed set: reported before and in the period, open, closed (before and since) and signposted,
    // every area and none, each risk, contacts, DASH, consent, MARAC referrals, holding pauses.
    const start = Date.parse('2026-06-01T09:00:00Z');
    for (let i = 0; i < 48; i++) {
      const area = i % 5 === 4 ? undefined : AREAS[i % AREAS.length];
      const r = report({
        ...(area ? { area } : {}),
        abuseTypes: [ABUSE_TYPES[i % ABUSE_TYPES.length] ?? 'psychological'],
        reporterKind: i % 3 === 0 ? 'third-party' : 'victim',
        person: {},
      });
      const reported = start + i * 6 * DAY;
      const input = newCase(t.crypto, r, { reportedAt: iso(reported) });
      input.linkKeys = [];
      const status: CaseState['status'] = i % 7 === 0 ? 'signposted' : i % 3 === 0 ? 'open' : 'closed';
      const risk = RISK_LEVELS[i % RISK_LEVELS.length] ?? 'standard';
      const contacts = status === 'signposted' ? [] : [iso(reported + (i % 4) * DAY), iso(reported + 12 * DAY)];
      Object.assign(input.state, {
        status,
        facts: { ...input.state.facts, risk },
        contacts,
        ...(i % 2 === 0 ? { dash: { score: 5, risk, maracRequired: risk === 'high', at: iso(reported + DAY) } } : {}),
        ...(i % 4 === 1
          ? { consents: [{ duty: 'specialist-support-referral', decision: 'given', at: iso(reported), by: 'o-1' }] }
          : {}),
        maracReferrals: risk === 'high' ? [iso(reported + 3 * DAY)] : [],
        holdingPauses: i % 6 === 0 ? [{ from: iso(reported + DAY), to: iso(reported + 4 * DAY) }] : [],
        ...(status === 'closed' ? { closedAt: iso(reported + (i % 2 ? 20 : 200) * DAY) } : {}),
      });
      clock.now = new Date(reported);
      await t.repo.createCase(input);
    }
    clock.now = new Date('2027-03-01T00:00:00Z');
  });
  afterAll(async () => t.table.stop());

  it('the figures are identical with and without the projection, for every area and one, on a mixed set', async () => {
    // Prepare: a read with the projection stripped from every Query (the whole index projection comes back).
    const seen: { projected: boolean; attributes: Set<string> }[] = [];
    let strip = false;
    t.table.client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { ProjectionExpression?: string; ExpressionAttributeNames?: unknown };
        if (strip) {
          delete input.ProjectionExpression;
          delete input.ExpressionAttributeNames;
        }
        const out = await next(args);
        const attributes = new Set(((out.output as { Items?: object[] }).Items ?? []).flatMap((i) => Object.keys(i)));
        seen.push({ projected: input.ProjectionExpression !== undefined, attributes });
        return out;
      },
      { step: 'initialize', name: 'stripFiguresProjection' },
    );
    const periods = [
      { from: '2026-10-01', to: '2027-02-28' },
      { from: '2026-10-01', to: '2027-02-28', area: AREAS[0] as string },
    ];

    // Act
    const projected = [];
    const whole = [];
    for (const q of periods) projected.push(await readFigures(t.repo, CONFIG, q, clock.now));
    strip = true;
    for (const q of periods) whole.push(await readFigures(t.repo, CONFIG, q, clock.now));
    t.table.client.middlewareStack.remove('stripFiguresProjection');

    // Assess: the same figures; the projected reads returned the figures attributes alone, the others more.
    expect(projected).toEqual(whole);
    expect(projected[0]?.factsKept).toBe(true);
    expect(projected[0]?.figures.cases).toBeGreaterThan(10);
    const projectedReads = seen.filter((s) => s.projected);
    const wholeReads = seen.filter((s) => !s.projected);
    expect(projectedReads.length).toBe(wholeReads.length);
    const projectedAttributes = new Set(projectedReads.flatMap((s) => [...s.attributes]));
    expect([...projectedAttributes].sort()).toEqual([...FIGURES_ATTRIBUTES].sort());
    const wholeAttributes = new Set(wholeReads.flatMap((s) => [...s.attributes]));
    expect(wholeAttributes).toContain('version');
    expect(wholeAttributes).toContain('quarterPk');
  });
});
