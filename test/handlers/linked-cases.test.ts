/**
 * Linked cases in a case view (000, 004 §10: officers see the cases of their areas): a linked case
 * the reader may not open shows only that it exists and who manages it, by the association's config,
 * and every sight of a linked case, whole or restricted, is recorded on the linked case's timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, type Claims, call, type Harness, MANAGER, startHandlerHarness } from './harness.js';

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
