import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, call, dashAnswers, type Harness, MANAGER, OFFICER, startHandlerHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const read = (id: string, claims = OFFICER) => call(handler, apiEvent('GET', `/api/cases/${id}`, { claims }));
const command = (id: string, path: string, body: unknown, version: number | undefined, claims = OFFICER) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, {
      body,
      claims,
      ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
    }),
  );

describe('GET /api/cases/{id}', () => {
  it('004 §7.5.4: the case is read for the reader (names hidden), the read recorded on the timeline, with required actions, consent and clocks', async () => {
    // Prepare
    // A safe way to reach the victim is known, so initial contact keeps its own clock (rules/no-safe-contact.ts).
    const id = await h.newCase({
      person: { name: 'Alex Example' },
      household: { children: true } as never,
      safeContact: { method: 'phone', phone: '07700 900123' } as never,
    });

    // Act
    const res = await read(id);

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.raw).not.toContain('Alex Example');
    expect(res.body.hidden).toContain('name');
    const duties = res.body.requiredActions.map((a: { duty: string }) => a.duty);
    expect(duties).toEqual(
      expect.arrayContaining(['initial-contact', 'dash-assessment', 'childrens-social-care-referral']),
    );
    const csc = res.body.requiredActions.find((a: { duty: string }) => a.duty === 'childrens-social-care-referral');
    expect(csc.consent.mayProceed).toBe(false);
    expect(res.body.clocks.map((c: { clock: string }) => c.clock)).toContain('initialContact');
    expect(res.body.flags).toEqual({
      repeatMarac: false,
      maracWouldRepeat: false,
      potentialEscalation: false,
      dashDue: true,
    });
    const events = await h.cases.listEvents(id);
    expect(events.filter((e) => e.type === 'case-viewed').map((e) => e.actor)).toEqual([
      { sub: 'officer-1', role: 'officer' },
    ]);
    expect(res.body.timeline.map((e: { type: string }) => e.type)).toContain('reported');
  });

  it('an unknown case is 404 and records nothing', async () => {
    // Act
    const res = await read('00000000-0000-4000-8000-000000000000');

    // Assess
    expect(res.status).toBe(404);
  });
});

describe('POST /api/cases/{id}/… commands', () => {
  it('001 §7: a contact needs the read version, bumps it, records the timeline and signals the workflow; a stale version is 409', async () => {
    // A journey: the stale version is the one the accepted contact replaced, and the view shows what it recorded.

    // Prepare
    const id = await h.newCase({ safeContact: { method: 'in-person' } as never });

    // Act
    const missing = await command(id, 'contacts', { way: 'in-person' }, undefined);

    // Assess
    expect(missing.status).toBe(400);
    expect(missing.body.fields[0].field).toBe('expectedVersion');

    // Act
    const ok = await command(
      id,
      'contacts',
      { way: 'in-person', agreedRhythm: { days: 7 }, safeContactAgreed: true },
      1,
    );

    // Assess
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    expect(h.workflow.signalled).toContain(id);

    // Prepare
    const signals = h.workflow.signalled.length;

    // Act
    const stale = await command(id, 'contacts', { way: 'in-person' }, 1);

    // Assess
    expect(stale.status).toBe(409);
    expect(h.workflow.signalled.length).toBe(signals);

    // Act
    const view = await read(id);

    // Assess
    expect(view.body.requiredActions.find((a: { duty: string }) => a.duty === 'initial-contact').status).toBe('done');
    expect(view.body.agreedContactRhythm).toEqual({ days: 7 });
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toContain('contact-made');
  });

  it('a contact dated in the future or before 1900 is refused naming `at`', async () => {
    // Prepare
    const id = await h.newCase();
    for (const at of ['2099-01-01T00:00:00Z', '1850-01-01T00:00:00Z']) {
      // Act
      const res = await command(id, 'contacts', { at, way: 'in-person' }, 1);

      // Assess
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe('at');
      expect(res.raw).not.toContain(at.slice(0, 4));
    }
  });

  it('002 §6: a high DASH makes a MARAC referral required; it needs consent or an override on the MARAC threshold, then is acknowledged', async () => {
    // A journey: each command acts on the version the last accepted one left (refusals leave it alone).

    // Prepare
    const id = await h.newCase();

    // Act
    const dash = await command(id, 'dash', dashAnswers(3, 'strangulation'), 1);

    // Assess
    expect(dash.status).toBe(200);
    expect(dash.body.dash.risk).toBe('high');
    expect(dash.body.dash.maracRequired).toBe(true);

    // Act
    let view = await read(id);

    // Assess
    expect(view.body.facts.risk).toBe('high');
    expect(view.body.requiredActions.map((a: { duty: string }) => a.duty)).toContain('marac-referral');

    // Act
    const refused = await command(id, 'referrals', { duty: 'marac-referral' }, 2);

    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.fields[0].field).toBe('consent');

    // Act
    const badOverride = await command(
      id,
      'consent',
      { duty: 'marac-referral', decision: 'overridden', basis: 'legal-request', reason: 'x' },
      2,
    );

    // Assess
    expect(badOverride.status).toBe(422);
    expect(badOverride.body.fields.map((f: { field: string }) => f.field)).toContain('basis');

    // Act
    const override = await command(
      id,
      'consent',
      { duty: 'marac-referral', decision: 'overridden', basis: 'marac-threshold', reason: 'High risk threshold met' },
      2,
    );

    // Assess
    expect(override.status).toBe(200);

    // Act
    const made = await command(id, 'referrals', { duty: 'marac-referral' }, 3);

    // Assess
    expect(made.status).toBe(200);

    // Act
    const ack = await command(id, 'referrals/marac-referral/acknowledge', {}, 4);

    // Assess
    expect(ack.status).toBe(200);

    // Act
    view = await read(id);

    // Assess
    const marac = view.body.requiredActions.find((a: { duty: string }) => a.duty === 'marac-referral');
    expect(marac.status).toBe('done');
    expect(marac.record.referral.acknowledgedAt).toBeDefined();
    // SafeLives: the case's own first referral is not a repeat; a second one now would be.
    expect(view.body.flags.repeatMarac).toBe(false);
    expect(view.body.flags.maracWouldRepeat).toBe(true);
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['dash-scored', 'consent-overridden', 'referral-made', 'referral-acknowledged']),
    );
  });

  it('002 §6: a new incident asks for the DASH again; three in a year flag potential escalation', async () => {
    // Prepare
    const id = await h.newCase();
    await command(id, 'dash', dashAnswers(2), 1);
    let version = 2;

    // Act
    for (let i = 0; i < 2; i++) {
      const res = await command(id, 'incidents', { violent: true }, version);
      expect(res.status).toBe(200);
      version = res.body.version;
    }

    // Assess
    const view = await read(id);
    expect(view.body.flags.dashDue).toBe(true);
    expect(view.body.flags.potentialEscalation).toBe(true);
    expect(view.body.requiredActions.find((a: { duty: string }) => a.duty === 'dash-assessment').status).toBe('open');
  });

  describe('003: an action closed as no further action needs a reason; an unknown duty is 400', () => {
    let id: string;
    beforeAll(async () => {
      id = await h.newCase();
    });

    it('003: an action closed as no further action needs a reason', async () => {
      // Prepare: one new case (beforeAll).

      // Act
      const noReason = await command(id, 'actions/initial-contact', { outcome: 'no-further-action' }, 1);

      // Assess
      expect(noReason.status).toBe(400);
      expect(noReason.body.fields).toEqual([{ field: 'reason', problem: 'is required for no further action' }]);
    });

    it('an action on an unknown duty is 400, naming the duty', async () => {
      // Prepare: one new case (beforeAll).

      // Act
      const unknown = await command(id, 'actions/not-a-duty', { outcome: 'done' }, 1);

      // Assess
      expect(unknown.status).toBe(400);
      expect(unknown.body.fields[0].field).toBe('duty');
    });
  });

  it('003, 000: closing is refused 422 listing what is missing, nothing changes, and it is never closed without discussion with the victim', async () => {
    // Prepare
    const id = await h.newCase();

    // Act
    const refused = await command(id, 'close', { discussedWithVictim: false, outcome: 'action-plan-complete' }, 1);

    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.missing).toEqual(
      expect.arrayContaining(['initial-contact is still open', 'closure has not been discussed with the victim (003)']),
    );
    const view = await read(id);
    expect(view.body.version).toBe(1);
    expect(view.body.status).toBe('open');
  });

  it('DOMAIN.md "Closing a case": a close says why, one of the three outcomes (400 without one, nothing changes)', async () => {
    // Prepare
    const id = await h.newCase();

    // Act
    const none = await command(id, 'close', { discussedWithVictim: true }, 1);
    const other = await command(id, 'close', { discussedWithVictim: true, outcome: 'victim-moved' }, 1);

    // Assess
    for (const res of [none, other]) {
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['outcome']);
    }
    expect((await read(id)).body.version).toBe(1);
  });

  it('000: a closable case closes once every action is done and closure was discussed', async () => {
    // Prepare
    const id = await h.newCase({ area: 'manchester', safeContact: { method: 'in-person' } as never });
    let v = 1;
    const step = async (path: string, body: unknown) => {
      const res = await command(id, path, body, v, MANAGER);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      v = res.body.version;
    };
    await step('contacts', { way: 'in-person', safeContactAgreed: true });
    await step('dash', dashAnswers(1));
    const view = await read(id, MANAGER);
    for (const a of view.body.requiredActions as { duty: string; status: string; consent: { rule: string } }[]) {
      if (a.status !== 'open' || ['regular-contact', 'case-resolved'].includes(a.duty)) continue;
      await step(`actions/${a.duty}`, { outcome: 'no-further-action', reason: 'Victim declined further support' });
    }

    // Act
    await step('close', { discussedWithVictim: true, outcome: 'no-further-action-appropriate' });
    const closed = (await read(id, MANAGER)).body;
    const listed = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER, query: { status: 'closed' } }));
    await step('incidents', { violent: false });
    const reopened = (await read(id, MANAGER)).body;

    // Assess: the outcome is kept on the case, listed with it, on the timeline; a reopened case has none
    expect([closed.status, closed.closureOutcome]).toEqual(['closed', 'no-further-action-appropriate']);
    expect(listed.body.items.find((i: { caseId: string }) => i.caseId === id)?.closureOutcome).toBe(
      'no-further-action-appropriate',
    );
    const event = (await h.cases.listEvents(id)).find((e) => e.type === 'case-closed');
    expect(event?.details).toEqual({ outcome: 'no-further-action-appropriate' });
    expect(reopened.status).toBe('open');
    expect(reopened.closureOutcome).toBeUndefined();
    const raw = await h.cases.getSummary(id);
    expect(raw?.worklist?.closureOutcome).toBeUndefined();
  });

  it('000: the holding clock pauses and resumes with a reason; pausing twice is 409', async () => {
    // A journey: pausing twice is a conflict only because the first pause holds, and resume ends that pause.

    // Prepare
    const id = await h.newCase();

    // Act
    const p = await command(id, 'holding-pause', { action: 'pause', reason: 'Injunction proceedings ongoing' }, 1);

    // Assess
    expect(p.status).toBe(200);

    // Act
    const again = await command(id, 'holding-pause', { action: 'pause', reason: 'again' }, 2);

    // Assess
    expect(again.status).toBe(409);

    // Act
    const r = await command(id, 'holding-pause', { action: 'resume', reason: 'Proceedings finished' }, 2);

    // Assess
    expect(r.status).toBe(200);
    const view = await read(id);
    expect(view.body.holdingPauses).toHaveLength(1);
    expect(view.body.holdingPauses[0].to).toBeDefined();
  });

  it('000, 003: the safety plan is kept; sharing needs the victim’s consent and never goes to the perpetrator’s side', async () => {
    // A journey: the plan is kept, then shared (refused, consented, shared, refused to the perpetrator's side).

    // Prepare
    const id = await h.newCase();

    // Act
    const plan = await command(
      id,
      'safety-plan',
      {
        steps: [{ text: 'Keep a bag packed at a friend’s' }],
        keyContacts: [
          { name: 'Sister', mayShare: ['code word'] },
          { name: 'His solicitor', mayShare: [], perpetratorSide: true },
        ],
      },
      1,
    );

    // Assess
    expect(plan.status).toBe(200);

    // Act
    const noConsent = await command(id, 'safety-plan/share', { contact: 0, items: ['code word'] }, 2);

    // Assess
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.fields[0].field).toBe('items[0]');

    // Prepare
    await command(id, 'consent', { duty: 'safety-plan', decision: 'given' }, 2);

    // Act
    const shared = await command(id, 'safety-plan/share', { contact: 0, items: ['code word'] }, 3);

    // Assess
    expect(shared.status).toBe(200);

    // Act
    const perp = await command(id, 'safety-plan/share', { contact: 1, items: ['code word'] }, 4);

    // Assess
    expect(perp.status).toBe(422);
    const view = await call(handler, apiEvent('POST', `/api/cases/${id}/reveal`, { claims: OFFICER }));
    expect(view.body.safetyPlan.keyContacts[0].name).toBe('Sister');
  });

  it('004 §7.6: facts disclosed later re-route the case (children → children’s social care referral)', async () => {
    // A journey: the bad facts are sent at the version the re-route left.

    // Prepare
    const id = await h.newCase();

    // Act
    const res = await command(id, 'facts', { children: true }, 1);

    // Assess
    expect(res.status).toBe(200);
    const view = await read(id);
    expect(view.body.requiredActions.map((a: { duty: string }) => a.duty)).toContain('childrens-social-care-referral');

    // Act
    const bad = await command(id, 'facts', { children: 'yes' }, 2);

    // Assess
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toEqual({ field: 'children', problem: 'must be true or false' });
  });

  it('002 §6: a pathway is refused 422 where the association does not use pathways', async () => {
    // Prepare
    const id = await h.newCase();

    // Act
    const res = await command(id, 'pathway', { pathway: 'stay-in-relationship' }, 1);

    // Assess
    expect(res.status).toBe(422);
    expect(res.body.fields[0].field).toBe('pathway');
  });
});

describe('GET /api/cases (caseload)', () => {
  // These run in order over the cases the tests above made: the first reads the caseload before the clock moves on.
  it('lists open cases soonest due first, none overdue yet', async () => {
    // Act
    const all = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER }));

    // Assess
    expect(all.status).toBe(200);
    const due = all.body.items.map((c: { nextDueAt?: string }) => c.nextDueAt ?? '9999');
    expect(due).toEqual([...due].sort());
    expect(all.body.items.every((c: { overdue: boolean }) => c.overdue === false)).toBe(true);
  });

  it('the overdue filter lists only overdue cases (three days on)', async () => {
    // Prepare
    h.clock.now = new Date(h.clock.now.getTime() + 3 * 86_400_000);

    // Act
    const overdue = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER, query: { overdue: 'true' } }));

    // Assess
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
  });

  it('the risk filter lists only cases of that risk', async () => {
    // Act
    const high = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER, query: { risk: 'high' } }));

    // Assess
    expect(high.body.items.length).toBeGreaterThan(0);
    expect(high.body.items.every((c: { risk: string }) => c.risk === 'high')).toBe(true);
  });

  it('bad filters are refused naming the fields, without echoing them', async () => {
    // Act
    const bad = await call(
      handler,
      apiEvent('GET', '/api/cases', { claims: MANAGER, query: { risk: 'CANARY-risk', sort: 'x' } }),
    );

    // Assess
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['(body)', 'risk']);
    expect(bad.raw).not.toContain('CANARY');
  });
});

describe('a case that opens again', () => {
  it('000, 002 §6: a new incident on a closed case reopens it and starts a new lifecycle (no signal to the ended one)', async () => {
    // A journey: the further change is made to the case the first incident reopened.

    // Prepare
    const id = await h.newCase();
    const closed = await h.cases.updateCase(id, 1, (c) => ({
      ...c,
      state: { ...c.state, status: 'closed', closedAt: h.clock.now.toISOString() },
    }));
    const signalled = h.workflow.signalled.length;

    // Act
    const res = await command(id, 'incidents', { violent: false }, closed.version, MANAGER);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', signalled: true });
    expect(h.workflow.reopened).toContainEqual({ caseId: id, associationId: 'one-manchester' });
    expect(h.workflow.signalled.length).toBe(signalled);

    // Prepare
    // A further change to the now-open case signals its running lifecycle, and starts nothing new.
    const reopened = h.workflow.reopened.length;

    // Act
    const further = await command(id, 'incidents', { violent: true }, res.body.version, MANAGER);

    // Assess
    expect(further.status).toBe(200);
    expect(h.workflow.reopened.length).toBe(reopened);
    expect(h.workflow.signalled.slice(signalled)).toEqual([id]);
  });

  it('004 §7.5.2: a signposted record made resident becomes a case with a new lifecycle', async () => {
    // Prepare
    const id = await h.newCase({ livesInAssociationHome: 'no' });

    // Act
    const res = await command(id, 'facts', { resident: true }, 1, MANAGER);

    // Assess
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('open');
    expect(h.workflow.reopened).toContainEqual({ caseId: id, associationId: 'one-manchester' });
  });
});
