/**
 * Names and details stay hidden until the officer chooses to show them, and that choice is
 * audited; Haven's own now on every read; the clock due next on the caseload; assigning an officer;
 * paging a caseload merged from several areas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import {
  apiEvent,
  BOARD,
  CANARY_PATTERNS,
  type Claims,
  call,
  CANARIES as canaries,
  canaryPeople,
  canarySafeContact,
  type Harness,
  LEAD,
  MANAGER,
  OFFICER,
  startHandlerHarness,
  startHarness,
} from './harness.js';

const patterns = [...CANARY_PATTERNS, '1990-01-01'];

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const read = (id: string, claims: Claims | null = OFFICER) =>
  call(handler, apiEvent('GET', `/api/cases/${id}`, claims ? { claims } : {}));
const reveal = (id: string, claims: Claims | null = OFFICER) =>
  call(handler, apiEvent('POST', `/api/cases/${id}/reveal`, claims ? { claims } : {}));
const command = (id: string, path: string, body: unknown, version: number, claims: Claims = OFFICER) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims, headers: { 'if-match': `"${version}"` } }),
  );

async function canaryCase() {
  const id = await h.newCase({
    ...canaryPeople,
    safeContact: { ...canarySafeContact, voicemailSafe: true } as never,
    needs: {
      language: 'Polish',
      interpreter: true,
      sameGenderOfficer: true,
      accessibility: canaries.accessibility,
    } as never,
  });
  let v = 1;
  const step = async (path: string, body: unknown) => {
    const res = await command(id, path, body, v);
    expect(res.status, path).toBe(200);
    v = res.body.version;
  };
  await step('contacts', { way: 'phone', note: canaries.note });
  await step('consent', { duty: 'specialist-support-referral', decision: 'refused', reason: canaries.reason });
  await step('safety-plan', {
    steps: [{ text: canaries.planStep }],
    keyContacts: [
      {
        name: canaries.planContact,
        phone: canaries.phone,
        relationship: canaries.planContact,
        mayShare: ['code word'],
      },
    ],
  });
  return { id, version: v };
}

describe('CONTRIBUTING personal data: the case is read redacted; details only on an audited reveal', () => {
  it('GET /api/cases/{id} carries no name, address, phone, email, narrative, code word, safe times, notes or plan contacts, yet keeps how to contact safely', async () => {
    // Prepare
    const { id } = await canaryCase();

    // Act
    const res = await read(id);

    // Assess
    expect(res.status).toBe(200);
    for (const p of patterns) expect(res.raw.includes(p), `GET body contains ${p}`).toBe(false);
    expect(res.body.detailsShown).toBe(false);
    expect(res.body.report.safeContact).toEqual({
      noContact: false,
      method: 'phone',
      voicemailSafe: true,
      letterSafe: false,
    });
    expect(res.body.report.needs).toEqual({ language: 'Polish', interpreter: true, sameGenderOfficer: true });
    expect(res.body.hidden).toEqual(
      expect.arrayContaining([
        'name',
        'address',
        'propertyReference',
        'dateOfBirth',
        'reporter',
        'narrative',
        'safePhone',
        'safeTimes',
        'codeWord',
        'accessibility',
      ]),
    );
    expect(res.body.hidden).not.toContain('safeEmail');
    expect(res.body.safetyPlan.keyContacts).toEqual([{ mayShare: ['code word'] }]);
    const contact = res.body.timeline.find((e: { type: string }) => e.type === 'contact-made');
    expect(contact.details.way).toBe('phone');
    expect(contact.withheld).toEqual(['note']);
    // 004 §7.3: the plan in force shows its ways and safety, never the number, code word or typed safe times.
    expect(res.body.contactPlan.ways).toEqual([
      {
        way: 'phone',
        windows: [],
        windowsText: 'any time',
        voicemailSafe: true,
        mayIdentifyUs: false,
        mayBeWatched: false,
      },
    ]);
    expect(res.body.hidden).toEqual(
      expect.arrayContaining(['contactPlan.phone', 'contactPlan.codeWord', 'contactPlan.safeTimesText']),
    );
    const events = await h.cases.listEvents(id);
    expect(events.filter((e) => e.type === 'case-viewed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'details-revealed')).toHaveLength(0);
  });

  it('POST /api/cases/{id}/reveal returns every detail and records details-revealed with who and when (not case-viewed)', async () => {
    // Prepare
    const { id, version } = await canaryCase();
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);

    // Act
    const res = await reveal(id, MANAGER);

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${version}"`);
    expect(res.body.detailsShown).toBe(true);
    expect(res.body.hidden).toEqual([]);
    expect(res.body.report.person.name).toBe(canaries.name);
    expect(res.body.report.safeContact.phone).toBe(canaries.phone);
    expect(res.body.contactPlan).toMatchObject({ codeWord: canaries.codeWord, safeTimesText: canaries.safeTimes });
    expect(res.body.contactPlan.ways[0].phone).toBe(canaries.phone);
    expect(res.body.report.safeContact.safeTimes).toBe(canaries.safeTimes);
    expect(res.body.report.narrative).toBe(canaries.narrative);
    expect(res.body.safetyPlan.keyContacts[0].name).toBe(canaries.planContact);
    expect(res.body.timeline.find((e: { type: string }) => e.type === 'contact-made').details.note).toBe(canaries.note);
    const events = await h.cases.listEvents(id);
    const revealed = events.filter((e) => e.type === 'details-revealed');
    expect(revealed.map((e) => ({ actor: e.actor, at: e.at }))).toEqual([
      { actor: { sub: 'manager-1', role: 'manager' }, at: h.clock.now.toISOString() },
    ]);
    expect(events.filter((e) => e.type === 'case-viewed')).toHaveLength(0);
    expect(res.body.timeline.map((e: { type: string }) => e.type)).toContain('details-revealed');
  });

  describe('000, 004 §10: the board, no identity, another area’s officer and an unknown case are refused a reveal, and nothing is recorded', () => {
    let id: string;
    beforeAll(async () => {
      ({ id } = await canaryCase());
    });
    const nothingRecorded = async () =>
      (await h.cases.listEvents(id)).filter((e) => e.type === 'details-revealed' || e.type === 'case-viewed');

    it('000, 004 §10: no identity is refused a reveal (401), and nothing is recorded', async () => {
      // Prepare: one canary case (beforeAll).

      // Act
      const anonymous = await reveal(id, null);

      // Assess
      expect(anonymous.status).toBe(401);
      expect(await nothingRecorded()).toHaveLength(0);
    });

    it('000: the board is refused a reveal (403), with no detail in the refusal, and nothing is recorded', async () => {
      // Prepare: one canary case (beforeAll).

      // Act
      const board = await reveal(id, BOARD);

      // Assess
      expect(board.status).toBe(403);
      for (const p of patterns) expect(board.raw.includes(p)).toBe(false);
      expect(await nothingRecorded()).toHaveLength(0);
    });

    it('004 §10: another area’s officer is refused a reveal (404), with no detail in the refusal, and nothing is recorded', async () => {
      // Prepare: one canary case (beforeAll).

      // Act
      const elsewhere = await reveal(id, { ...OFFICER, sub: 'officer-2', 'custom:areas': 'salford' });

      // Assess
      expect(elsewhere.status).toBe(404);
      for (const p of patterns) expect(elsewhere.raw.includes(p)).toBe(false);
      expect(await nothingRecorded()).toHaveLength(0);
    });

    it('an unknown case is refused a reveal (404), and nothing is recorded', async () => {
      // Prepare: one canary case (beforeAll).

      // Act
      const unknown = await reveal('00000000-0000-4000-8000-000000000000');

      // Assess
      expect(unknown.status).toBe(404);
      expect(await nothingRecorded()).toHaveLength(0);
    });

    it('a reveal is a POST: GET …/reveal is refused (405), and nothing is recorded', async () => {
      // Prepare: one canary case (beforeAll).

      // Act
      const get = await call(handler, apiEvent('GET', `/api/cases/${id}/reveal`, { claims: OFFICER }));

      // Assess
      expect(get.status).toBe(405);
      expect(await nothingRecorded()).toHaveLength(0);
    });
  });
});

describe('Haven’s own now and the clock due next', () => {
  it('004 §7.5.1: case and caseload carry asAt; each caseload item names the clock due next, its duty and deadline', async () => {
    // A journey: the caseload item is checked against the case view read first.

    // Prepare
    const id = await h.newCase();

    // Act
    const view = await read(id);

    // Assess
    expect(view.body.asAt).toBe(h.clock.now.toISOString());
    const soonest = [...view.body.clocks].sort(
      (a: { deadline: string }, b: { deadline: string }) => Date.parse(a.deadline) - Date.parse(b.deadline),
    )[0];
    expect(view.body.nextClock).toEqual({ clock: soonest.clock, duty: soonest.duty, deadline: soonest.deadline });
    expect(view.body.nextClock.deadline).toBe(view.body.nextDueAt);

    // Act
    const list = await call(handler, apiEvent('GET', '/api/cases', { claims: OFFICER, query: { limit: '200' } }));

    // Assess
    expect(list.status).toBe(200);
    expect(list.body.asAt).toBe(h.clock.now.toISOString());
    const item = list.body.items.find((i: { caseId: string }) => i.caseId === id);
    expect(item.nextClock).toEqual(view.body.nextClock);
    for (const i of list.body.items) if (i.nextDueAt) expect(i.nextClock.deadline).toBe(i.nextDueAt);
  });
});

describe('case access: assigning an officer', () => {
  it('a manager or the safeguarding lead assigns (officer-assigned recorded); an officer may not; the officer filter finds it', async () => {
    // A journey: each assignment acts on the version the last left, and the audit trail, the view and the
    // officer filter are read after both.

    // Prepare
    const id = await h.newCase();

    // Act
    const refused = await command(id, 'assign', { officer: 'officer-9' }, 1, OFFICER);

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.raw).not.toContain('nine@example.org');

    // Act
    const bad = await command(id, 'assign', { officer: 'officer 9!' }, 1, MANAGER);

    // Assess
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['officer']);
    expect(bad.raw).not.toContain('officer 9!');

    // Act
    const ok = await command(id, 'assign', { officer: 'officer-9' }, 1, MANAGER);

    // Assess
    expect(ok.status).toBe(200);

    // Act
    const again = await command(id, 'assign', { officer: 'officer-1' }, 2, LEAD);

    // Assess
    expect(again.status).toBe(200);
    const events = (await h.cases.listEvents(id)).filter((e) => e.type === 'officer-assigned');
    expect(events.map((e) => [e.actor, e.details])).toEqual([
      [
        { sub: 'manager-1', role: 'manager' },
        { officer: 'officer-9', email: 'nine@example.org' },
      ],
      [
        { sub: 'lead-1', role: 'safeguarding-lead' },
        { officer: 'officer-1', email: 'officer@example.org', from: 'officer-9' },
      ],
    ]);

    // Act
    const view = await read(id, MANAGER);

    // Assess
    expect(view.body.assignedOfficer).toBe('officer-1');
    expect(view.body.assignedOfficerEmail).toBe('officer@example.org');

    // Act
    const mine = await call(
      handler,
      apiEvent('GET', '/api/cases', { claims: MANAGER, query: { officer: 'officer-1', limit: '200' } }),
    );

    // Assess
    expect(
      mine.body.items.map((i: { caseId: string; assignedOfficerEmail: string }) => [i.caseId, i.assignedOfficerEmail]),
    ).toEqual([[id, 'officer@example.org']]);
  });

  describe('an officer sees every case assigned to them with officer=<themselves>, even outside their areas', () => {
    const outsider: Claims = { ...OFFICER, sub: 'officer-far', 'custom:areas': 'salford' };
    let elsewhere: string;
    beforeAll(async () => {
      elsewhere = await h.newCase({ area: undefined });
      await command(elsewhere, 'facts', { area: 'manchester' }, 1, MANAGER);
      await command(elsewhere, 'assign', { officer: 'officer-far' }, 2, MANAGER);
    });

    it('an officer sees every case assigned to them with officer=<themselves>, even outside their areas', async () => {
      // Prepare: a manchester case assigned to a salford officer (beforeAll).

      // Act
      const list = await call(
        handler,
        apiEvent('GET', '/api/cases', { claims: outsider, query: { officer: 'officer-far' } }),
      );

      // Assess
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([elsewhere]);
    });

    it('without officer=<themselves> the case outside their areas is not in their caseload', async () => {
      // Prepare: a manchester case assigned to a salford officer (beforeAll).

      // Act
      const all = await call(handler, apiEvent('GET', '/api/cases', { claims: outsider }));

      // Assess
      expect(all.body.items).toHaveLength(0);
    });
  });
});

describe('caseload paging', () => {
  let ch: Harness;
  let cases: ReturnType<typeof createHandler>;
  const ids: string[] = [];
  const officer: Claims = { sub: 'officer-ch', 'cognito:groups': 'officer', 'custom:areas': 'kirklees,leeds' };
  beforeAll(async () => {
    ch = await startHarness('connect-housing', new Date('2026-11-02T10:00:00Z'));
    cases = createHandler(ch.deps);
    for (const [i, area] of ['kirklees', 'leeds', 'kirklees', 'wakefield', 'leeds', 'kirklees', 'leeds'].entries()) {
      ch.clock.now = new Date(ch.clock.now.getTime() + (i % 3) * 3_600_000);
      ids.push(await ch.newCase({ associationId: 'connect-housing', area }));
    }
  });
  afterAll(async () => {
    await ch?.stop();
  });

  it('an officer in several areas pages through every case exactly once, soonest due first', async () => {
    // Prepare: seven connect-housing cases in three areas, the officer in two of them (beforeAll).
    const seen: { caseId: string; nextDueAt?: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;

    // Act
    do {
      const res = await call(
        cases,
        apiEvent('GET', '/api/cases', { claims: officer, query: { limit: '2', ...(cursor ? { cursor } : {}) } }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.cursor;
      pages++;
    } while (cursor && pages < 10);

    // Assess
    const expected = ids.filter((_, i) => i !== 3); // wakefield is not theirs
    expect(seen.map((s) => s.caseId).sort()).toEqual([...expected].sort());
    const due = seen.map((s) => s.nextDueAt ?? '9999');
    expect(due).toEqual([...due].sort());
  });

  it('a forged cursor (an area not theirs) is refused, naming the cursor', async () => {
    // Prepare
    const forged = Buffer.from(JSON.stringify({ wakefield: null })).toString('base64url');

    // Act
    const refused = await call(cases, apiEvent('GET', '/api/cases', { claims: officer, query: { cursor: forged } }));

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([{ field: 'cursor', problem: 'must be the cursor of a previous page' }]);
  });

  it('a cursor we did not make is refused, naming the cursor, on the one-area listing too', async () => {
    // Prepare
    const manager: Claims = { sub: 'manager-ch', 'cognito:groups': 'manager' };

    // Act
    const refused = await call(
      cases,
      apiEvent('GET', '/api/cases', { claims: manager, query: { area: 'leeds', cursor: 'bm90LWEtY3Vyc29y' } }),
    );

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: 'invalid request',
      fields: [{ field: 'cursor', problem: 'must be the cursor of a previous page' }],
    });
  });
});
