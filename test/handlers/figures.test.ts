import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../functions/adapters/report-intake.js';
import { createHandler as createCasesHandler } from '../../functions/cases/handler.js';
import { type ReportInput, reportSchema } from '../../functions/core/report.js';
import { createHandler } from '../../functions/figures/handler.js';
import { defined } from '../support/defined.js';
import { MEASURES_NEEDING_FACTS } from '../support/figures-measures.js';
import {
  apiEvent,
  BOARD,
  type Claims,
  call,
  dashAnswers as dash,
  type Harness,
  report,
  startHarness,
} from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  h = await startHarness();
  handler = createHandler(h.deps);
  await submitReport(
    h.deps,
    reportSchema.parse(report({ abuseTypes: ['physical', 'financial'] })),
    'fig-1',
    h.clock.now,
  );
  await submitReport(h.deps, reportSchema.parse(report({ abuseTypes: ['psychological'] })), 'fig-2', h.clock.now);
  await submitReport(h.deps, reportSchema.parse(report({ livesInAssociationHome: 'no' })), 'fig-3', h.clock.now);
});
afterAll(() => h.stop());

const get = (query: Record<string, string>) => call(handler, apiEvent('GET', '/api/figures', { claims: BOARD, query }));

describe('GET /api/figures (001 §7, 000)', () => {
  it('001 §7: counts reports, cases (signposted left out), areas, abuse types and quarters for the period', async () => {
    // Act
    const res = await get({ from: '2026-04-01', to: '2027-03-31' });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.reportsReceived).toBe(3);
    expect(res.body.cases).toBe(2);
    expect(res.body.byArea).toEqual({ manchester: 3 });
    expect(res.body.byAbuseType.physical).toBe(1);
    expect(res.body.byQuarter['2026-27 Q3']).toBe(3);
    // Every measure is computed from the clear figures facts: nothing unavailable, nothing done yet.
    expect(res.body.unavailable).toBeUndefined();
    expect(res.body.dashAttempted).toEqual({ numerator: 0, denominator: 2, percentage: 0 });
    expect(res.body.maracReferrals).toBe(0);
    expect(JSON.stringify(res.body)).not.toMatch(/OM-[0-9A-Z]{4}|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('001 §7: a period with nothing in it counts nothing', async () => {
    // Act
    const res = await get({ from: '2025-04-01', to: '2025-06-30' });

    // Assess
    expect(res.body.reportsReceived).toBe(0);
  });

  it('000 quarterly data: answers CSV with format=csv', async () => {
    // Act
    const res = await get({ from: '2026-04-01', to: '2027-03-31', format: 'csv' });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.raw.split('\r\n')[0]).toBe('figure,group,value,numerator,denominator');
    expect(res.raw).toContain('reports received,,3,,');
  });

  it.each([
    [{ to: '2027-03-31' }, 'from'],
    [{ from: '2026-13-01', to: '2027-03-31' }, 'from'],
    [{ from: '1899-01-01', to: '2027-03-31' }, 'from'],
    [{ from: '2027-01-01', to: '2026-01-01' }, 'to'],
    [{ from: '2010-01-01', to: '2026-01-01' }, 'to'],
    [{ from: '2026-04-01', to: '2027-03-31', format: 'xlsx' }, 'format'],
    [{ from: '2026-04-01', to: '2027-03-31', area: 'atlantis' }, 'area'],
  ])('a figures query of %j is refused naming %s, without echoing it', async (query, field) => {
    // Act
    const res = await get(query as Record<string, string>);

    // Assess
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.raw).not.toContain('atlantis');
    expect(res.raw).not.toContain('xlsx');
  });

  it('a case item last written before the figures facts were kept makes those measures unavailable, never 0%', async () => {
    // Prepare
    const [first] = await h.cases.listCasesForFigures({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-03T00:00:00Z'),
    });
    await h.table.client.send(
      new UpdateCommand({
        TableName: h.table.tableName,
        Key: { pk: `CASE#${defined(first, 'a case for the figures').caseId}`, sk: 'CASE' },
        UpdateExpression: 'REMOVE figures',
      }),
    );

    // Act
    const res = await get({ from: '2026-04-01', to: '2027-03-31' });
    const csv = await get({ from: '2026-04-01', to: '2027-03-31', format: 'csv' });

    // Assess
    expect(res.status).toBe(200);
    // Every measure is built on the figures facts, so all of them are unavailable; only what the case
    // item itself gives (the period, the counts of reports and cases, the breakdowns) is still answered.
    const fromTheCaseItem = [
      'period',
      'asAt',
      'reportsReceived',
      'cases',
      'byArea',
      'byAbuseType',
      'byQuarter',
      'byRisk',
    ];
    const measures = Object.keys(res.body).filter((k) => k !== 'unavailable' && !fromTheCaseItem.includes(k));
    expect(measures).toEqual(MEASURES_NEEDING_FACTS);
    expect(res.body.unavailable).toEqual(MEASURES_NEEDING_FACTS);
    for (const k of measures) expect(res.body[k], k).toBeNull();
    expect(res.body.dashAttempted).toBeNull();
    expect(res.body.reportsReceived).toBe(3);
    expect(csv.raw).toContain('DASH attempted and recorded (%),,not available,,');
  });
});

// ——— Every 001 §7 measure met and missed, seeded through the real intake and staff commands ———

/** Free text staff or reporters type; none of it may reach the clear figures facts or the figures. */
const CANARY = {
  contactNote: 'CanaryContactNoteMarmot',
  judgement: 'CanaryJudgementReasonsVole',
  refusal: 'CanaryRefusalReasonStoat',
  override: 'CanaryOverrideReasonBadger',
  referralNote: 'CanaryReferralNoteHeron',
  pause: 'CanaryPauseReasonOtter',
  resume: 'CanaryResumeReasonShrew',
  closure: 'CanaryClosureReasonLynx',
  narrative: 'CanaryNarrativeWeasel',
  name: 'CanaryNamePuffin',
};
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HERTS_OFFICER: Claims = { sub: 'officer-h', 'cognito:groups': '[officer]', 'custom:areas': 'hertfordshire' };

/**
 * What each case reported in the period should count as, worked out by hand from its timeline
 * against SADA's clocks (initial contact 1 working day, regular contact 14 days, england-and-wales),
 * as at 2026-12-10 12:00 UTC. `consent`: the newest specialist-referral decision (absent: never asked).
 */
interface Expected {
  initial: boolean;
  dash: boolean;
  fortnightly: boolean;
  consent?: boolean;
  offered: boolean;
}

describe('GET /api/figures: every 001 §7 measure from the clear figures facts (seed 001, SADA)', () => {
  let hs: Harness;
  let cases: ReturnType<typeof createCasesHandler>;
  let figures: ReturnType<typeof createHandler>;
  const expected = new Map<string, Expected>();
  let keyN = 0;

  const submit = async (when: string, overrides: Partial<ReportInput> = {}) => {
    hs.clock.now = new Date(when);
    const input = report({
      associationId: 'sada-herts',
      area: 'hertfordshire',
      narrative: CANARY.narrative,
      person: { name: CANARY.name },
      // A safe way to reach the victim is known: the measures, not deciding how, are under test here.
      safeContact: { method: 'phone', phone: '07700 900123' } as never,
      ...overrides,
    });
    const { caseId } = await submitReport(hs.deps, reportSchema.parse(input), `sada-figures-${++keyN}`, hs.clock.now);
    return { id: caseId, version: 1 };
  };
  /** Runs a staff command at `when` (the clock is set there), with the version last read. */
  const act = async (c: { id: string; version: number }, when: string, path: string, body: unknown) => {
    hs.clock.now = new Date(when);
    const res = await call(
      cases,
      apiEvent('POST', `/api/cases/${c.id}/${path}`, {
        body,
        claims: HERTS_OFFICER,
        headers: { 'if-match': `"${c.version}"` },
      }),
    );
    expect(res.status, `${path} on ${when}: ${JSON.stringify(res.body.fields ?? res.body.error)}`).toBe(200);
    c.version = res.body.version;
  };
  const contact = (c: { id: string; version: number }, when: string, extra: Record<string, unknown> = {}) =>
    act(c, when, 'contacts', { way: 'phone', ...extra });
  /** A MARAC referral on the MARAC-threshold override: consent overridden at `overriddenAt`, the referral made at `referredAt`. */
  const referToMarac = async (
    c: { id: string; version: number },
    overriddenAt: string,
    referredAt: string,
    note?: string,
  ) => {
    await act(c, overriddenAt, 'consent', {
      duty: 'marac-referral',
      decision: 'overridden',
      basis: 'marac-threshold',
      reason: CANARY.override,
    });
    await act(c, referredAt, 'referrals', { duty: 'marac-referral', ...(note ? { note } : {}) });
  };

  beforeAll(async () => {
    hs = await startHarness('sada-herts');
    cases = createCasesHandler(hs.deps);
    figures = createHandler(hs.deps);

    // A — standard risk, everything on time: contact 5 hours after the report, then every 10–12 days;
    // DASH at first contact; consent to a specialist referral given and the referral made.
    const a = await submit('2026-11-02T10:00:00Z');
    await contact(a, '2026-11-02T15:00:00Z');
    await act(a, '2026-11-02T15:05:00Z', 'dash', dash(2));
    await act(a, '2026-11-02T15:10:00Z', 'consent', { duty: 'specialist-support-referral', decision: 'given' });
    await act(a, '2026-11-03T10:00:00Z', 'referrals', {
      duty: 'specialist-support-referral',
      note: CANARY.referralNote,
    });
    for (const when of ['2026-11-12T10:00:00Z', '2026-11-24T10:00:00Z', '2026-12-05T10:00:00Z']) await contact(a, when);
    expected.set(a.id, { initial: true, dash: true, fortnightly: true, consent: true, offered: true });

    // B — first contact on Wednesday for a Monday 11:00 report (due Tuesday 11:00), then none for 36
    // days; DASH medium on professional judgement; consent to the specialist referral refused.
    const b = await submit('2026-11-02T11:00:00Z');
    await contact(b, '2026-11-04T09:00:00Z', { note: CANARY.contactNote });
    await act(b, '2026-11-04T09:10:00Z', 'dash', dash(2, undefined, { level: 'medium', reasons: CANARY.judgement }));
    await act(b, '2026-11-04T09:20:00Z', 'consent', {
      duty: 'specialist-support-referral',
      decision: 'refused',
      reason: CANARY.refusal,
    });
    expected.set(b.id, { initial: false, dash: true, fortnightly: false, consent: false, offered: false });

    // C — high risk; the victim agreed contact every 28 days, so a 24-day gap keeps the rhythm; MARAC
    // referral on 20 November on the MARAC-threshold override.
    const c = await submit('2026-11-03T09:00:00Z');
    await contact(c, '2026-11-03T12:00:00Z', { agreedRhythm: { days: 28 } });
    await act(c, '2026-11-03T12:10:00Z', 'dash', dash(3, 'strangulation'));
    await referToMarac(c, '2026-11-20T09:00:00Z', '2026-11-20T10:00:00Z', CANARY.referralNote);
    await contact(c, '2026-11-27T10:00:00Z');
    expected.set(c.id, { initial: true, dash: true, fortnightly: true, offered: false });

    // D — not a resident: signposted, a report received but not a case.
    await submit('2026-11-06T10:00:00Z', { livesInAssociationHome: 'no' });

    // E — Thursday report, never contacted, no DASH; its holding clock paused and resumed (with reasons).
    const e = await submit('2026-11-05T10:00:00Z');
    await act(e, '2026-11-06T10:00:00Z', 'holding-pause', { action: 'pause', reason: CANARY.pause });
    await act(e, '2026-11-09T10:00:00Z', 'holding-pause', { action: 'resume', reason: CANARY.resume });
    expected.set(e.id, { initial: false, dash: false, fortnightly: false, offered: false });

    // G — high risk, contacted on time and within 14 days; its MARAC referral (5 December) is after the period.
    const g = await submit('2026-11-25T10:00:00Z');
    await contact(g, '2026-11-25T14:00:00Z');
    await act(g, '2026-12-04T10:00:00Z', 'dash', dash(3, 'strangulation'));
    await referToMarac(g, '2026-12-05T09:00:00Z', '2026-12-05T10:00:00Z');
    await contact(g, '2026-12-06T10:00:00Z');
    expected.set(g.id, { initial: true, dash: true, fortnightly: true, offered: false });

    // J — standard risk, on time throughout; consent to a specialist referral given but no referral made.
    const j = await submit('2026-11-10T10:00:00Z');
    await contact(j, '2026-11-10T11:00:00Z');
    await act(j, '2026-11-10T11:10:00Z', 'dash', dash(1));
    await act(j, '2026-11-10T11:20:00Z', 'consent', { duty: 'specialist-support-referral', decision: 'given' });
    for (const when of ['2026-11-20T10:00:00Z', '2026-12-01T10:00:00Z']) await contact(j, when);
    expected.set(j.id, { initial: true, dash: true, fortnightly: true, consent: true, offered: false });

    // F — reported before the period, MARAC referral in it (10 November), closed in it: found only
    // through the closed-cases index, since the by-quarter index files it under its report's quarter.
    const f = await submit('2026-09-15T09:00:00Z');
    await contact(f, '2026-09-15T12:00:00Z');
    await act(f, '2026-09-15T12:10:00Z', 'dash', dash(3, 'strangulation'));
    await referToMarac(f, '2026-11-10T09:00:00Z', '2026-11-10T10:00:00Z', CANARY.referralNote);
    await act(f, '2026-11-20T10:00:00Z', 'close', {
      discussedWithVictim: true,
      outcome: 'action-plan-complete',
      reason: CANARY.closure,
    });

    // H — reported before the period and still open, MARAC referral in it (16 November).
    const hCase = await submit('2026-09-20T09:00:00Z');
    await contact(hCase, '2026-09-20T12:00:00Z');
    await act(hCase, '2026-11-15T10:00:00Z', 'dash', dash(3, 'strangulation'));
    await referToMarac(hCase, '2026-11-15T10:10:00Z', '2026-11-16T10:00:00Z');

    // K — reported, referred to MARAC and closed before the period: its referral is not the period's.
    const k = await submit('2026-08-03T09:00:00Z');
    await contact(k, '2026-08-03T12:00:00Z');
    await act(k, '2026-08-03T12:10:00Z', 'dash', dash(3, 'strangulation'));
    await referToMarac(k, '2026-08-05T09:00:00Z', '2026-08-05T10:00:00Z');
    await act(k, '2026-08-10T10:00:00Z', 'close', { discussedWithVictim: true, outcome: 'no-further-action-possible' });

    hs.clock.now = new Date('2026-12-10T12:00:00Z');
  }, 60_000);
  afterAll(() => hs.stop());

  const getFigures = (query: Record<string, string>) =>
    call(figures, apiEvent('GET', '/api/figures', { claims: BOARD, query }));
  /** A share as the API gives it, from counts made here (one decimal place). */
  const share = (numerator: number, denominator: number) => ({
    numerator,
    denominator,
    percentage: denominator ? Math.round((numerator / denominator) * 1000) / 10 : null,
  });

  it('001 §7: initial contact, DASH, fortnightly contact, specialist referral where consent given and MARAC referrals match the hand count', async () => {
    // Prepare
    const all = [...expected.values()];
    const count = (pick: (x: Expected) => boolean, of = all) => of.filter(pick).length;
    const consenting = all.filter((x) => x.consent === true);

    // Act
    const res = await getFigures({ from: '2026-10-01', to: '2026-11-30' });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.unavailable).toBeUndefined();
    expect(res.body.reportsReceived).toBe(7); // A B C D E G J
    expect(res.body.cases).toBe(6); // D signposted
    expect(res.body.initialContactWithinClock).toEqual(
      share(
        count((x) => x.initial),
        6,
      ),
    );
    expect(res.body.dashAttempted).toEqual(
      share(
        count((x) => x.dash),
        6,
      ),
    );
    expect(res.body.contactAtLeastFortnightly).toEqual(
      share(
        count((x) => x.fortnightly),
        6,
      ),
    );
    expect(res.body.specialistReferralOfferedWhereConsent).toEqual(
      share(
        count((x) => x.offered, consenting),
        consenting.length,
      ),
    );
    // The same, as literal hand counts.
    expect(res.body.initialContactWithinClock).toEqual({ numerator: 4, denominator: 6, percentage: 66.7 });
    expect(res.body.dashAttempted).toEqual({ numerator: 5, denominator: 6, percentage: 83.3 });
    expect(res.body.contactAtLeastFortnightly).toEqual({ numerator: 4, denominator: 6, percentage: 66.7 });
    expect(res.body.specialistReferralOfferedWhereConsent).toEqual({ numerator: 1, denominator: 2, percentage: 50 });
    // C (20 Nov), F (10 Nov, reported earlier and closed since), H (16 Nov, reported earlier, open); not G (5 Dec) nor K (August).
    expect(res.body.maracReferrals).toBe(3);
    // SADA sets no holding-area clock.
    expect(res.body.openOverHoldingLimit).toBeNull();
    expect(res.body.byRisk).toEqual({ 'not-assessed': 2, standard: 2, medium: 1, high: 2 });
  });

  it('001 §7: one area gives the same counts, through the area indexes', async () => {
    // Act
    const all = await getFigures({ from: '2026-10-01', to: '2026-11-30' });
    const area = await getFigures({ from: '2026-10-01', to: '2026-11-30', area: 'hertfordshire' });

    // Assess
    expect(area.status).toBe(200);
    const { asAt: _a, area: _x, ...fromArea } = area.body;
    const { asAt: _b, ...fromAll } = all.body;
    expect(fromArea).toEqual(fromAll);
  });

  it('001 §7: MARAC referrals count by referral date: the December one counts in a December period, the earlier ones do not', async () => {
    // Act
    const res = await getFigures({ from: '2026-12-01', to: '2026-12-31' });
    const august = await getFigures({ from: '2026-08-01', to: '2026-08-31' });

    // Assess
    expect(res.body.cases).toBe(0);
    expect(res.body.maracReferrals).toBe(1);
    expect(august.body.maracReferrals).toBe(1);
  });

  it('CONTRIBUTING canary: the clear figures facts carry instants, a flag, a clock length and two known words only, never reasons or notes', async () => {
    // Act
    const raw = await hs.table.client.send(new ScanCommand({ TableName: hs.table.tableName }));
    const answers = await Promise.all(
      ['json', 'csv'].map((format) => getFigures({ from: '2026-08-01', to: '2026-12-31', format })),
    );

    // Assess
    const caseItems = (raw.Items ?? []).filter((i) => i.itemType === 'case');
    expect(caseItems).toHaveLength(10); // A B C D E F G H J K
    const facts = caseItems.map((i) => i.figures as Record<string, unknown>);
    const dump = JSON.stringify(facts);
    for (const canary of Object.values(CANARY))
      expect(dump, `canary in figures facts: ${canary.slice(0, 10)}…`).not.toContain(canary);
    for (const f of facts) {
      expect(
        Object.keys(f).every((k) =>
          [
            'firstContactAt',
            'contacts',
            'agreedContactRhythm',
            'dashAttemptedAt',
            'consentToSpecialistReferral',
            'specialistReferralOfferedAt',
            'maracReferrals',
            'holdingPauses',
            'reportedBy',
            'safeContact',
          ].includes(k),
        ),
      ).toBe(true);
      expect(['victim', 'someone-else']).toContain(f.reportedBy);
      if (f.safeContact !== undefined) expect(['known', 'none-known', 'no-direct-contact']).toContain(f.safeContact);
      const instants = [
        f.firstContactAt,
        f.dashAttemptedAt,
        f.specialistReferralOfferedAt,
        ...(f.contacts as string[]),
        ...(f.maracReferrals as string[]),
        ...(f.holdingPauses as { from: string; to?: string }[]).flatMap((p) => [p.from, p.to]),
      ].filter((x) => x !== undefined);
      for (const t of instants) expect(t).toMatch(ISO_INSTANT);
      if (f.consentToSpecialistReferral !== undefined) expect(typeof f.consentToSpecialistReferral).toBe('boolean');
      if (f.agreedContactRhythm) expect(f.agreedContactRhythm).toEqual({ days: 28 });
    }
    // The paused case kept its pause, without the reasons given for it.
    expect(
      facts.some(
        (f) =>
          JSON.stringify(f.holdingPauses) ===
          JSON.stringify([{ from: '2026-11-06T10:00:00.000Z', to: '2026-11-09T10:00:00.000Z' }]),
      ),
    ).toBe(true);
    for (const res of answers) for (const canary of Object.values(CANARY)) expect(res.raw).not.toContain(canary);
  });
});
