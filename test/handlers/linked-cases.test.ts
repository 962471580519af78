/**
 * Linked cases in a case view (000, 004 §10: officers see the cases of their areas): a linked case
 * the reader may not open shows only that it exists and who manages it, by the association's config,
 * and every sight of a linked case, whole or restricted, is recorded on the linked case's timeline.
 * No view names a case its reader may not see, nor counts that case's MARAC referrals: not the sight
 * recorded from it, not the home marker it set, not the repeat-MARAC flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { homeKeys } from '../../functions/adapters/link-keys.js';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, type Claims, call, dashAnswers, type Harness, MANAGER, startHandlerHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler, 'connect-housing')));
afterAll(() => h.stop());

const CONFIG = getAssociation('connect-housing');
const LEEDS_OFFICER: Claims = {
  sub: 'officer-l',
  email: 'officer-l@example.org',
  'cognito:groups': '[officer]',
  'custom:areas': 'leeds',
};
const HOME = { name: 'Sam Example', address: '7 Canal Wharf, Leeds LS11 5PS' };

/** A connect-housing case in `area` at HOME; answers its id. */
const caseIn = (area: string) => h.newCase({ associationId: 'connect-housing', area, person: HOME as never });
/** A minute on, so each read's timeline entries come after the one before. */
const later = () => {
  h.clock.now = new Date(h.clock.now.getTime() + 60_000);
};
const read = (id: string, claims: Claims) => {
  later();
  return call(handler, apiEvent('GET', `/api/cases/${id}`, { claims }));
};
const reveal = (id: string, claims: Claims) => {
  later();
  return call(handler, apiEvent('POST', `/api/cases/${id}/reveal`, { claims }));
};
const linkedViews = async (id: string) => (await h.cases.listEvents(id)).filter((e) => e.type === 'linked-case-viewed');

describe('000, 004 §10: a linked case outside the reader’s areas shows only that it exists and who manages it', () => {
  let kirklees: string;
  let leeds: string;
  beforeAll(async () => {
    kirklees = await caseIn('kirklees');
    h.clock.now = new Date(h.clock.now.getTime() + 86_400_000);
    leeds = await caseIn('leeds');
  });

  it('000: a Leeds officer sees the Kirklees case at the same home only as "a linked case exists, managed by" the casework team', async () => {
    // Prepare: two cases at one home, one in Kirklees, one in Leeds (beforeAll).
    // Act
    const res = await read(leeds, LEEDS_OFFICER);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.linkedCases).toEqual([
      {
        restricted: true,
        managedBy: {
          title: CONFIG.escalation.roleTitles['case-officer'],
          mailbox: CONFIG.escalation.mailboxes['case-officer'],
        },
      },
    ]);
    const kirkleesSummary = await h.cases.getSummary(kirklees);
    expect(res.raw).not.toContain(kirklees);
    expect(res.raw).not.toContain(kirkleesSummary?.reference);
  });

  it('000: the restricted sight is on the Kirklees case’s timeline: who, when and from which case, that only its existence was shown', async () => {
    // Prepare
    const before = (await linkedViews(kirklees)).length;

    // Act
    await read(leeds, LEEDS_OFFICER);

    // Assess
    const after = await linkedViews(kirklees);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      actor: { sub: 'officer-l', role: 'officer' },
      at: h.clock.now.toISOString(),
      details: { fromCaseId: leeds, restricted: true },
    });
  });

  it('000: a manager, who may see both, sees the whole linked summary, and that sight is recorded too', async () => {
    // Prepare
    const before = (await linkedViews(kirklees)).length;
    const kirkleesSummary = await h.cases.getSummary(kirklees);

    // Act
    const res = await read(leeds, MANAGER);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.linkedCases).toHaveLength(1);
    expect(res.body.linkedCases[0]).toMatchObject({
      restricted: false,
      caseId: kirklees,
      reference: kirkleesSummary?.reference,
      status: 'open',
      risk: kirkleesSummary?.risk,
      abuseTypes: kirkleesSummary?.abuseTypes,
      area: 'kirklees',
    });
    const after = await linkedViews(kirklees);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      actor: { sub: 'manager-1', role: 'manager' },
      details: { fromCaseId: leeds, restricted: false },
    });
  });

  it('000: showing the names and contact details of the Leeds case keeps the Kirklees case restricted, and records that sight', async () => {
    // Prepare
    const before = (await linkedViews(kirklees)).length;

    // Act
    const res = await reveal(leeds, LEEDS_OFFICER);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.linkedCases).toEqual([expect.objectContaining({ restricted: true })]);
    expect(Object.keys(res.body.linkedCases[0]).sort()).toEqual(['managedBy', 'restricted']);
    expect(await linkedViews(kirklees)).toHaveLength(before + 1);
  });

  it('000: once the Kirklees case is assigned, the restricted sight names its officer beside the team', async () => {
    // Prepare
    const version = (await h.cases.getSummary(kirklees))?.version;
    const assigned = await call(
      handler,
      apiEvent('POST', `/api/cases/${kirklees}/assign`, {
        body: { officer: 'officer-df' },
        claims: MANAGER,
        headers: { 'if-match': `"${version}"` },
      }),
    );
    expect(assigned.status).toBe(200);

    // Act
    const res = await read(leeds, LEEDS_OFFICER);

    // Assess
    expect(res.body.linkedCases).toEqual([
      {
        restricted: true,
        managedBy: {
          title: CONFIG.escalation.roleTitles['case-officer'],
          mailbox: CONFIG.escalation.mailboxes['case-officer'],
          officerEmail: 'officer-df@example.org',
        },
      },
    ]);
  });

  it('000: an officer of both areas sees the Leeds case from the Kirklees one in full; the Leeds case records it', async () => {
    // Prepare
    const both: Claims = { ...LEEDS_OFFICER, sub: 'officer-df', 'custom:areas': 'kirklees,leeds' };
    const before = (await linkedViews(leeds)).length;

    // Act
    const res = await read(kirklees, both);

    // Assess
    expect(res.body.linkedCases).toEqual([expect.objectContaining({ restricted: false, caseId: leeds })]);
    const after = await linkedViews(leeds);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      actor: { sub: 'officer-df', role: 'officer' },
      details: { fromCaseId: kirklees, restricted: false },
    });
  });
});

const KIRKLEES_OFFICER: Claims = { ...LEEDS_OFFICER, sub: 'officer-k', 'custom:areas': 'kirklees' };
const OTHER_HOME = { name: 'Alex Example', address: '12 Mill Lane, Huddersfield HD1 2AB' };
/** A connect-housing case in `area` at OTHER_HOME, a day after the one before; answers its id. */
const caseAtOtherHome = async (area: string) => {
  h.clock.now = new Date(h.clock.now.getTime() + 86_400_000);
  return h.newCase({ associationId: 'connect-housing', area, person: OTHER_HOME as never });
};
const command = (id: string, path: string, body: unknown, version: number) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims: MANAGER, headers: { 'if-match': `"${version}"` } }),
  );

describe('000, 004 §10: a case view names no case its reader may not see, by id or by its risk facts', () => {
  let kirklees: string;
  let leeds: string;
  beforeAll(async () => {
    kirklees = await caseAtOtherHome('kirklees');
    leeds = await caseAtOtherHome('leeds');
    // The Leeds case has been read by a Leeds officer: its sight is on the Kirklees case's timeline.
    await read(leeds, LEEDS_OFFICER);
  });

  it.each([
    ['redacted', read],
    ['shown', reveal],
  ])(
    '000: the sight recorded from the Leeds case reads, to a Kirklees officer (%s), without the Leeds case’s id',
    async (_how, open) => {
      // Act
      const res = await open(kirklees, KIRKLEES_OFFICER);

      // Assess
      expect(res.status).toBe(200);
      const sights = (res.body.timeline as { type: string; details: Record<string, unknown> }[]).filter(
        (e) => e.type === 'linked-case-viewed',
      );
      expect(sights.length).toBeGreaterThan(0);
      for (const e of sights) expect(e.details).toEqual({ restricted: true, fromCaseHidden: true });
      expect(res.raw).not.toContain(leeds);
      // The audit itself keeps which case the sight came from.
      expect((await linkedViews(kirklees)).at(-1)?.details).toMatchObject({ fromCaseId: leeds });
    },
  );

  it('000: a manager, who may see the Leeds case, reads the sight with the Leeds case’s id', async () => {
    // Act
    const res = await read(kirklees, MANAGER);

    // Assess
    const sight = (res.body.timeline as { type: string; actor: unknown; details: Record<string, unknown> }[]).find(
      (e) => e.type === 'linked-case-viewed' && (e.actor as { sub?: string }).sub === 'officer-l',
    );
    expect(sight?.details).toEqual({ fromCaseId: leeds, restricted: true });
  });

  it.each([
    ['redacted', read],
    ['shown', reveal],
  ])(
    '002 §6: a staff-safety marker the Leeds case set reads, to a Kirklees officer (%s), without the Leeds case’s id',
    async (_how, open) => {
      // Prepare
      const stored = await h.cases.getCase(leeds, 'system');
      await h.cases.setHomeMarker(homeKeys(stored.linkKeys), { setBy: 'officer-l', sourceCaseId: leeds });

      // Act
      const [officer, manager] = [await open(kirklees, KIRKLEES_OFFICER), await open(kirklees, MANAGER)];

      // Assess
      expect(officer.body.markers.length).toBeGreaterThan(0);
      for (const m of officer.body.markers) {
        expect(m).not.toHaveProperty('sourceCaseId');
        expect(m).toMatchObject({ kind: 'staff-safety', active: true, sourceCaseHidden: true });
      }
      expect(officer.raw).not.toContain(leeds);
      expect(manager.body.markers).toEqual(expect.arrayContaining([expect.objectContaining({ sourceCaseId: leeds })]));
      expect(manager.raw).not.toContain('sourceCaseHidden');
    },
  );

  it('SafeLives: the Leeds case’s MARAC referral makes no repeat flag for a Kirklees officer, who may not see it; a manager’s view flags it', async () => {
    // Prepare: the Leeds case is high risk and referred to MARAC.
    expect((await command(leeds, 'dash', dashAnswers(3, 'strangulation'), 1)).status).toBe(200);
    const override = { duty: 'marac-referral', decision: 'overridden', basis: 'marac-threshold', reason: 'High risk' };
    expect((await command(leeds, 'consent', override, 2)).status).toBe(200);
    expect((await command(leeds, 'referrals', { duty: 'marac-referral' }, 3)).status).toBe(200);

    // Act
    const [officer, manager] = [await read(kirklees, KIRKLEES_OFFICER), await read(kirklees, MANAGER)];

    // Assess
    expect(officer.body.flags).toMatchObject({ repeatMarac: false, maracWouldRepeat: false });
    expect(manager.body.flags).toMatchObject({ maracWouldRepeat: true });
  });
});
