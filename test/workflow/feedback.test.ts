/**
 * Haven never sends outside the plan (003, 004 §7.3): the feedback request after closure is decided
 * by `contactAllowed` on the plan in force when it would go. Real ASL (Close, the wait for a safe
 * window, the re-check), real handlers, dynalite, aws-ses-v2-local, virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createCloseCaseHandler } from '../../functions/close-case/handler.js';
import { applyCommand } from '../../functions/core/commands/index.js';
import { contactPlanInputSchema } from '../../functions/core/contact-plan.js';
import { type Bench, CANARIES, DAY, HOUR, leaks, lifecycleRunsOf, startBench } from './harness.js';

const ASSOCIATION = 'sada-herts'; // asks for feedback after closure
let bench: Bench;
beforeAll(async () => {
  // Monday 1 June 2026, 09:00 UTC = 10:00 in London (BST).
  bench = await startBench(new Date('2026-06-01T09:00:00Z'));
}, 30_000);
afterAll(async () => bench?.stop());

const toVictim = async () => (await bench.emails()).filter((m) => m.destination.to.includes(CANARIES.email));
const eventsOf = async (caseId: string, type: string) =>
  (await bench.events(caseId)).filter((e) => e.type === type).map((e) => e.details);
const close = (caseId: string) =>
  bench.change(caseId, (s) => {
    s.status = 'closed';
    s.closedAt = bench.engine.now().toISOString();
    s.closureDiscussedWithVictim = true;
  });
/** Records a newly agreed plan through the real contactPlan command, then tells the lifecycle. */
async function agreePlan(caseId: string, input: Record<string, unknown>): Promise<void> {
  const repo = bench.repos.get(ASSOCIATION);
  if (!repo) throw new Error('no repository for the association');
  const current = await repo.getCase(caseId, 'system');
  await repo.updateCase(caseId, current.version, (c) => {
    const r = applyCommand(
      c.state,
      { kind: 'contactPlan', input: contactPlanInputSchema.parse(input) },
      {
        config: getAssociation(ASSOCIATION),
        now: bench.engine.now(),
        actor: 'officer-1',
        contactPlans: c.contactPlans,
      },
    );
    return { ...c, state: r.state, contactPlans: r.changes.contactPlans ?? c.contactPlans };
  });
  await bench.engine.workflowClient.signalChange(caseId);
  await bench.engine.idle();
}
const EVENINGS = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', to: '21:00' }];
const eveningsOnly = {
  safeContact: { method: 'email', email: CANARIES.email, windows: EVENINGS, mayIdentifyUs: true },
} as never;
/** Moves the bench to 10:00 London (BST) on a Monday, so each test starts at a known time. */
const mondayMorning = (date: string) => bench.engine.advanceTo(new Date(`${date}T09:00:00Z`));
/** 18:00 London (BST) on Monday 15 June 2026. */
const SIX_PM = '2026-06-15T17:00:00.000Z';

describe('003: feedback after closure only within the safe-contact plan', () => {
  it('003: a victim whose plan has no safe email (only through the reporter): nothing is sent, and the timeline says why', async () => {
    // Prepare
    // A neighbour's report: a victim making their own report has no "through the reporter" (report-checks.ts).
    const throughNeighbour = {
      reporterKind: 'third-party',
      reporter: { contact: { method: 'phone', phone: '07700 900 982' } },
      safeContact: { method: 'through-reporter' },
    };
    const c = await bench.openCase(ASSOCIATION, { report: throughNeighbour as never });
    const before = (await bench.emails()).length;
    // Act
    await close(c.caseId);
    await bench.engine.advanceBy(8 * DAY);
    // Assess
    expect((await bench.emails()).length).toBe(before);
    expect(await eventsOf(c.caseId, 'feedback-requested')).toEqual([]);
    expect(await eventsOf(c.caseId, 'feedback-not-sent')).toEqual([
      {
        reason: 'An email is not a safe way to contact them. The plan allows contact through the person who reported.',
      },
    ]);
    expect(lifecycleRunsOf(bench, c.caseId).map((r) => r.status)).toEqual(['SUCCEEDED']);
  }, 60_000);

  it('003: the report gave an email, but the victim later agreed phone only: no email; the officer is to ask, by phone', async () => {
    // Prepare
    const c = await bench.openCase(ASSOCIATION);
    await agreePlan(c.caseId, { agreedWith: 'victim', ways: [{ way: 'phone', phone: CANARIES.phone }] });
    const before = (await toVictim()).length;
    // Act
    await close(c.caseId);
    // Assess
    expect((await toVictim()).length).toBe(before);
    expect(await eventsOf(c.caseId, 'feedback-requested')).toEqual([{ channel: 'officer', way: 'phone' }]);
  }, 60_000);

  it('003: email safe only on weekday evenings: closed at 10am, the request waits for 6pm (London), is checked again and goes then, once', async () => {
    // Prepare
    await mondayMorning('2026-06-15');
    const c = await bench.openCase(ASSOCIATION, { report: eveningsOnly });
    const before = (await toVictim()).length;
    // Act
    await close(c.caseId);
    // Assess: recorded as waiting, nothing sent yet, the lifecycle still running (in its Wait)
    expect(await eventsOf(c.caseId, 'feedback-deferred')).toEqual([
      {
        until: SIX_PM,
        reason: 'This is not a safe time for an email: safe times are weekdays, 6pm to 9pm (UK time).',
      },
    ]);
    expect((await toVictim()).length).toBe(before);
    expect(lifecycleRunsOf(bench, c.caseId).map((r) => r.status)).toEqual(['RUNNING']);

    // Act
    await bench.engine.advanceTo(new Date(Date.parse(SIX_PM) - HOUR));
    // Assess
    expect((await toVictim()).length).toBe(before);

    // Act
    await bench.engine.advanceTo(new Date(Date.parse(SIX_PM) + 2 * DAY));
    // Assess
    const sent = (await toVictim()).slice(before);
    expect(sent).toHaveLength(1);
    expect(leaks({ ...sent[0], destination: { to: [] } } as never)).toEqual([]);
    expect(await eventsOf(c.caseId, 'feedback-requested')).toEqual([{ channel: 'email' }]);
    expect(lifecycleRunsOf(bench, c.caseId).map((r) => r.status)).toEqual(['SUCCEEDED']);
  }, 60_000);

  it('003: while it waits the victim says "no direct contact": at the window nothing is sent, and the timeline says why', async () => {
    // Prepare
    await mondayMorning('2026-06-22');
    const c = await bench.openCase(ASSOCIATION, { report: eveningsOnly });
    await close(c.caseId);
    expect(await eventsOf(c.caseId, 'feedback-deferred')).toHaveLength(1);
    const before = (await toVictim()).length;
    // Act: recorded on the closed case, then the window comes
    await agreePlan(c.caseId, { agreedWith: 'victim', noDirectContact: true });
    await bench.engine.advanceTo(new Date('2026-06-23T09:00:00Z'));
    // Assess
    expect((await toVictim()).length).toBe(before);
    expect(await eventsOf(c.caseId, 'feedback-requested')).toEqual([]);
    expect(await eventsOf(c.caseId, 'feedback-not-sent')).toEqual([
      { reason: 'They must not be contacted directly: the plan says no direct contact.' },
    ]);
  }, 60_000);

  it('003: reopened while it waits: the old closure asks for nothing', async () => {
    // Prepare
    await mondayMorning('2026-06-29');
    const c = await bench.openCase(ASSOCIATION, { report: eveningsOnly });
    await close(c.caseId);
    expect(await eventsOf(c.caseId, 'feedback-deferred')).toHaveLength(1);
    const before = (await toVictim()).length;
    // Act
    await bench.change(c.caseId, (s) => {
      s.status = 'open';
      delete s.closedAt;
    });
    await bench.engine.advanceBy(8 * DAY);
    // Assess
    expect((await toVictim()).length).toBe(before);
    expect(await eventsOf(c.caseId, 'feedback-requested')).toEqual([]);
  }, 60_000);

  it('canaries: no execution input and no Close output (the state the lifecycle carries) holds a name, address, phone, email or code word', async () => {
    // Prepare
    await mondayMorning('2026-07-13');
    const c = await bench.openCase(ASSOCIATION, { report: eveningsOnly });
    await close(c.caseId);
    const closure = (await bench.state(c.caseId)).closedAt ?? '';
    // Act: the Close step's output as the lifecycle keeps it, for the closure and for the re-check
    const closeOut = await createCloseCaseHandler(bench.deps)({ caseId: c.caseId, associationId: ASSOCIATION });
    const recheckOut = await createCloseCaseHandler(bench.deps)({
      caseId: c.caseId,
      associationId: ASSOCIATION,
      feedbackFor: closure,
    });
    // Assess
    const carried = JSON.stringify([closeOut, recheckOut, bench.engine.executions().map((e) => e.input)]).toLowerCase();
    for (const canary of Object.values(CANARIES)) expect(carried).not.toContain(canary.toLowerCase());
    const sixPm = '2026-07-13T17:00:00.000Z';
    expect(closeOut).toEqual({ stopped: 0, feedback: { waits: true, at: sixPm, closure } });
    expect(recheckOut).toEqual({ stopped: 0, feedback: { waits: true, at: sixPm, closure } });
    for (const m of await bench.emails())
      expect(leaks(m.destination.to.includes(CANARIES.email) ? { ...m, destination: { to: [] } } : m)).toEqual([]);
  }, 60_000);
});
