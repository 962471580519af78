import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, type Claims, call, type Harness, OFFICER, startHandlerHarness } from './harness.js';

// One Manchester (004 §7.3, §7.5.1): a report with no safe way known — deciding how to make contact within 24 hours.
const REPORTED = new Date('2026-11-02T10:00:00Z');
const DEADLINE = '2026-11-03T10:00:00.000Z';
const OFFICER_WITH_EMAIL: Claims = { ...OFFICER, email: 'officer@one-manchester.example.org' };
const MANAGER: Claims = { sub: 'manager-1', email: 'manager@one-manchester.example.org', 'cognito:groups': 'manager' };

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  ({ h, handler } = await startHandlerHarness(createHandler, 'one-manchester', REPORTED));
});
afterAll(() => h.stop());

const takeOn = (id: string, version: number, body: unknown, duty = 'decide-safe-contact', claims = MANAGER) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/escalations/${duty}/acknowledge`, {
      body,
      claims,
      headers: { 'if-match': `"${version}"` },
    }),
  );
const versionOf = async (id: string) => (await h.cases.getCase(id, 'system')).version;
/** What the clock's Escalate step records when tier `tier` goes (escalation.ts `tierRecord`). */
const sendTier = (id: string, tier: number, at: string) =>
  h.cases.appendEvent(id, {
    id: `escalation:test:${tier}`,
    type: 'escalation-sent',
    at,
    duty: 'decide-safe-contact',
    actor: 'system',
    details: { clock: 'decideSafeContact', tier, roles: ['line-manager'], deadline: DEADLINE },
  });

describe('POST /api/cases/{id}/escalations/{duty}/acknowledge ("I\'ve got this")', () => {
  it('004 §7.3: a tier not sent (before the breach, or before its escalation-sent entry) is refused (409 naming the tier); once sent the manager takes it on and the timeline says who, when, which duty and tier; a repeat by another person is refused', async () => {
    // Prepare
    h.clock.now = new Date(REPORTED);
    const id = await h.newCase();
    const body = { clock: 'decideSafeContact', deadline: DEADLINE, tier: 0 };

    // Act
    const early = await takeOn(id, await versionOf(id), body);
    h.clock.now = new Date('2026-11-03T11:00:00Z');
    const notSent = await takeOn(id, await versionOf(id), body);
    await sendTier(id, 0, '2026-11-03T10:00:05.000Z');
    const taken = await takeOn(id, await versionOf(id), body);
    h.clock.now = new Date('2026-11-03T14:00:00Z');
    const repeat = await takeOn(id, await versionOf(id), body, 'decide-safe-contact', OFFICER_WITH_EMAIL);
    const unknownDuty = await takeOn(id, await versionOf(id), body, 'not-a-duty');

    // Assess
    expect([early.status, early.body.fields]).toEqual([409, [{ field: 'tier', problem: 'has not been sent yet' }]]);
    expect([notSent.status, notSent.body.fields]).toEqual([409, [{ field: 'tier', problem: 'has not been sent yet' }]]);
    expect(taken.status).toBe(200);
    expect([repeat.status, repeat.body.fields]).toEqual([
      409,
      [{ field: 'tier', problem: 'has already been taken on' }],
    ]);
    expect([unknownDuty.status, unknownDuty.body.fields]).toEqual([
      400,
      [{ field: 'duty', problem: 'is not a known duty' }],
    ]);
    const event = (await h.cases.listEvents(id)).find((e) => e.type === 'escalation-acknowledged');
    expect(event).toMatchObject({
      at: '2026-11-03T11:00:00.000Z',
      duty: 'decide-safe-contact',
      actor: { sub: 'manager-1', role: 'manager' },
      details: {
        clock: 'decideSafeContact',
        deadline: DEADLINE,
        tier: 0,
        by: 'manager@one-manchester.example.org',
        holdsNextTierUntil: '2026-11-03T15:00:00.000Z',
      },
    });
    expect((await h.cases.getCase(id, 'system')).state.escalationAcks).toEqual({
      [`decideSafeContact@${DEADLINE}`]: {
        tier: 0,
        by: 'manager-1',
        email: 'manager@one-manchester.example.org',
        at: '2026-11-03T11:00:00.000Z',
      },
    });
  });
});

describe('GET /api/alerts', () => {
  it('each person sees the escalations sent to their role or to them, with who took them on; an officer does not see the line manager’s', async () => {
    // Prepare
    h.clock.now = new Date(REPORTED);
    const id = await h.newCase();
    const { reference } = await h.cases.getCase(id, 'system');
    const sent = {
      caseId: id,
      reference,
      key: `decideSafeContact@${DEADLINE}`,
      clock: 'decideSafeContact' as const,
      duty: 'decide-safe-contact' as const,
      tier: 0,
      deadline: DEADLINE,
      tierAt: DEADLINE,
      sentAt: '2026-11-03T10:00:05.000Z',
    };
    await h.cases.recordAlerts([
      { ...sent, alertKey: 'role#line-manager', role: 'line-manager', to: 'lm@one-manchester.example.org' },
      { ...sent, alertKey: `staff#${OFFICER.sub}`, role: 'case-officer', to: 'officer@example.org' },
    ]);
    await sendTier(id, 0, sent.sentAt);
    h.clock.now = new Date('2026-11-03T12:00:00Z');
    await takeOn(id, await versionOf(id), { clock: 'decideSafeContact', deadline: DEADLINE, tier: 0 });

    // Act
    const manager = await call(handler, apiEvent('GET', '/api/alerts', { claims: MANAGER }));
    const officer = await call(handler, apiEvent('GET', '/api/alerts', { claims: OFFICER }));

    // Assess
    const mine = manager.body.items.filter((a: { caseId: string }) => a.caseId === id);
    expect(mine).toEqual([
      {
        caseId: id,
        reference,
        clock: 'decideSafeContact',
        duty: 'decide-safe-contact',
        deadline: DEADLINE,
        tier: 0,
        role: 'line-manager',
        to: 'lm@one-manchester.example.org',
        toYou: false,
        sentAt: '2026-11-03T10:00:05.000Z',
        status: 'open',
        acknowledged: {
          at: '2026-11-03T12:00:00.000Z',
          tier: 0,
          byYou: true,
          email: 'manager@one-manchester.example.org',
        },
      },
    ]);
    const theirs = officer.body.items.filter((a: { caseId: string }) => a.caseId === id);
    expect(theirs.map((a: { role: string; toYou: boolean }) => [a.role, a.toYou])).toEqual([['case-officer', true]]);
  });

  it('an alert whose case cannot be found is listed to nobody: no area to check it against, so no reference shown', async () => {
    // Prepare
    const missing = '00000000-0000-4000-8000-00000000dead';
    const sent = {
      caseId: missing,
      reference: 'HAV-GONE-0001',
      key: `decideSafeContact@${DEADLINE}`,
      clock: 'decideSafeContact' as const,
      duty: 'decide-safe-contact' as const,
      tier: 0,
      deadline: DEADLINE,
      tierAt: DEADLINE,
      sentAt: '2026-11-03T10:00:05.000Z',
    };
    await h.cases.recordAlerts([
      { ...sent, alertKey: 'role#line-manager', role: 'line-manager', to: 'lm@one-manchester.example.org' },
      { ...sent, alertKey: `staff#${OFFICER.sub}`, role: 'case-officer', to: 'officer@example.org' },
    ]);

    // Act
    const manager = await call(handler, apiEvent('GET', '/api/alerts', { claims: MANAGER }));
    const officer = await call(handler, apiEvent('GET', '/api/alerts', { claims: OFFICER }));

    // Assess
    expect([manager.status, officer.status]).toEqual([200, 200]);
    for (const res of [manager, officer]) {
      expect(res.body.items.length, 'the other alerts are still listed').toBeGreaterThan(0);
      expect(res.body.items.filter((a: { caseId: string }) => a.caseId === missing)).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain('HAV-GONE-0001');
    }
  });
});
