/**
 * The case lifecycle end to end: closure, contacts and the agreed rhythm, the 21-day pause, a DASH
 * of 15, re-planning without doubles, a retried task and a task that keeps failing. Real ASL, real
 * handlers, dynalite, aws-ses-v2-local, virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { deadline, nextMonthlyForum } from '../../functions/core/clocks.js';
import { mailboxesFor } from '../../functions/core/escalation.js';
import { route } from '../../functions/core/routing.js';
import { chainRoles } from '../../functions/core/rules/alerts.js';
import { defined } from '../support/defined.js';
import {
  type Bench,
  CANARIES,
  DAY,
  expectOneReminderDueBy,
  HOUR,
  leaks,
  type SentEmail,
  startBench,
} from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const at = (offset: number) => new Date(bench.engine.now().getTime() + offset);
const about = (mails: SentEmail[], duty: string) => mails.filter((m) => m.subject.includes(`: ${duty} on case`));
const noLeaks = async () => {
  for (const m of await bench.emails()) {
    if (m.destination.to.includes(CANARIES.email)) expect(leaks({ ...m, destination: { to: [] } })).toEqual([]);
    else expect(leaks(m)).toEqual([]);
  }
};
const clockRuns = (caseId: string) =>
  bench.engine.executions().filter((e) => e.machine === 'clock' && e.input.caseId === caseId);

describe('closure (003, 000)', () => {
  it('003: closing mid-way stops every clock at once; no escalation ever fires after; feedback only through the safe channel', async () => {
    // Prepare: two cases; one meets initial contact, the other breaches it
    const quiet = await bench.openCase('sada-herts');
    const escalating = await bench.openCase('sada-herts');
    await bench.change(quiet.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: at(0).toISOString(), by: 'o1' };
    });
    await bench.engine.advanceBy(26 * HOUR); // escalating case breached initial contact: tier 1 sent
    // Assess
    expect(about(await bench.emails(escalating.reference), 'initial contact')).toHaveLength(1);

    // Act: both closed
    for (const c of [quiet, escalating])
      await bench.change(c.caseId, (s) => {
        s.status = 'closed';
        s.closedAt = bench.engine.now().toISOString();
        s.closureDiscussedWithVictim = true;
      });
    // Assess
    expect(clockRuns(escalating.caseId).every((e) => e.status !== 'RUNNING')).toBe(true);
    expect(bench.engine.executions().find((e) => e.name === escalating.caseId)?.status).toBe('SUCCEEDED');

    // Act: 40 days pass
    await bench.engine.advanceBy(40 * DAY);
    // Assess
    expect(about(await bench.emails(escalating.reference), 'initial contact')).toHaveLength(1); // no tier 2, 3
    expect(about(await bench.emails(quiet.reference), 'regular contact')).toEqual([]);
    expect(about(await bench.emails(escalating.reference), 'regular contact')).toEqual([]);

    // sada-herts asks for feedback; the victim's safe channel is email: one generic email to it.
    const feedback = (await bench.emails()).filter((m) => m.destination.to.includes(CANARIES.email));
    expect(feedback).toHaveLength(2);
    expect(
      (await bench.events(quiet.caseId)).filter((e) => e.type === 'feedback-requested').map((e) => e.details),
    ).toEqual([{ channel: 'email' }]);
    await noLeaks();
  }, 60_000);

  it('003: no feedback request where the victim asked for no contact', async () => {
    // Prepare
    const c = await bench.openCase('sada-herts', {
      report: { safeContact: { noContact: true, voicemailSafe: false, letterSafe: false } },
    });
    const before = (await bench.emails()).length;
    // Act
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    // Assess
    expect((await bench.emails()).length).toBe(before);
    expect((await bench.events(c.caseId)).some((e) => e.type === 'feedback-requested')).toBe(false);
  }, 30_000);

  it('000: lessons learned due by the next monthly forum, within 1 working day for high risk', async () => {
    // Prepare
    const config = getAssociation('housing-21');
    const normal = await bench.openCase('housing-21');
    const high = await bench.openCase('housing-21', { facts: { risk: 'high' } });
    const closedAt = bench.engine.now();
    // Act
    for (const c of [normal, high])
      await bench.change(c.caseId, (s) => {
        s.status = 'closed';
        s.closedAt = closedAt.toISOString();
      });
    // Assess
    const due = async (caseId: string) =>
      (await bench.events(caseId)).find((e) => e.type === 'lessons-learned-due')?.details?.dueAt;
    expect(await due(normal.caseId)).toBe(
      nextMonthlyForum(
        closedAt,
        defined(config.lessonsLearned, 'the lessons-learned rule').forum,
        config.nation,
      ).toISOString(),
    );
    expect(await due(high.caseId)).toBe(deadline(closedAt, { workingDays: 1 }, config.nation).toISOString());
  }, 30_000);
});

describe('fortnightly contact (001 §7)', () => {
  it("001 §7: each recorded contact restarts the 14 days; the victim's agreed rhythm changes them", async () => {
    // Prepare: two cases past initial contact, one with an agreed rhythm of 28 days
    const start = bench.engine.now().getTime();
    const c = await bench.openCase('sada-herts');
    const agreed = await bench.openCase('sada-herts');
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: at(0).toISOString(), by: 'o1' };
    });
    await bench.change(agreed.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: at(0).toISOString(), by: 'o1' };
      s.agreedContactRhythm = { days: 28 };
    });
    // Act: a contact on day 10; time runs to day 23
    await bench.engine.advanceTo(new Date(start + 10 * DAY));
    await bench.change(c.caseId, (s) => void s.contacts.push(bench.engine.now().toISOString()));
    await bench.engine.advanceTo(new Date(start + 23 * DAY)); // past the first fortnight, before the restarted one
    // Assess
    expect(about(await bench.emails(c.reference), 'regular contact')).toEqual([]);
    expect(about(await bench.emails(agreed.reference), 'regular contact')).toEqual([]);
    // Act
    await bench.engine.advanceTo(new Date(start + 24 * DAY + HOUR));
    // Assess
    expectOneReminderDueBy(
      about(await bench.emails(c.reference), 'regular contact'),
      new Date(start + 24 * DAY).toISOString(),
    );
    // Act
    await bench.engine.advanceTo(new Date(start + 28 * DAY + HOUR));
    // Assess
    expect(about(await bench.emails(agreed.reference), 'regular contact')).toHaveLength(1);
    // The superseded fortnight was stopped, never escalated, never run twice.
    const keys = clockRuns(c.caseId).map((e) => (e.input as { key: string }).key);
    expect(new Set(keys).size).toBe(keys.length);
    await noLeaks();
  }, 60_000);
});

describe('holding area (000)', () => {
  it('000: the 21 days pause while statutory or legal action is ongoing', async () => {
    // Prepare
    const start = bench.engine.now().getTime();
    const paused = await bench.openCase('housing-21');
    // Act: paused from day 5 to day 12
    await bench.engine.advanceTo(new Date(start + 5 * DAY));
    await bench.change(paused.caseId, (s) => void s.holdingPauses.push({ from: bench.engine.now().toISOString() }));
    await bench.engine.advanceTo(new Date(start + 12 * DAY));
    await bench.change(paused.caseId, (s) => {
      defined(s.holdingPauses.at(0), 'the holding pause').to = bench.engine.now().toISOString();
    });
    // Act
    await bench.engine.advanceTo(new Date(start + 27 * DAY));
    // Assess
    expect(about(await bench.emails(paused.reference), 'case resolved')).toEqual([]);
    // Act
    await bench.engine.advanceTo(new Date(start + 28 * DAY + HOUR));
    // Assess
    expectOneReminderDueBy(
      about(await bench.emails(paused.reference), 'case resolved'),
      new Date(start + 28 * DAY).toISOString(),
    );
  }, 60_000);
});

describe('DASH and re-planning (002 §6)', () => {
  it('002 §6: a DASH of 15 on day 2 requires MARAC, tells the chain at once, re-plans the clocks with none doubled', async () => {
    // Prepare
    const config = getAssociation('connect-housing');
    const c = await bench.openCase('connect-housing');
    await bench.engine.advanceBy(2 * DAY);
    const before = clockRuns(c.caseId).length;
    const dashAt = bench.engine.now().toISOString();
    // Act
    await bench.change(c.caseId, (s) => {
      s.dash = { score: 15, risk: 'high', maracRequired: true, at: dashAt };
      s.facts.risk = 'high';
    });
    // Assess
    const state = await bench.state(c.caseId);
    expect(route(state.facts, config).map((a) => a.duty)).toContain('marac-referral');
    const alerts = (await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Action now'));
    expect(alerts).toHaveLength(1);
    expect(defined(alerts.at(0), 'the alert').destination.to).toEqual(mailboxesFor(config, chainRoles(config)));
    expect(defined(alerts.at(0), 'the alert').body.text).toContain('MARAC');
    expect(
      (await bench.events(c.caseId)).filter((e) => e.type === 'escalation-sent' && e.details?.reason === 'high-risk'),
    ).toHaveLength(1);
    // Re-planned: every planned key runs exactly once; nothing already running was restarted.
    const runs = clockRuns(c.caseId);
    const keys = runs.map((e) => (e.input as { key: string }).key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(runs.length).toBe(before);
    for (const p of planClocks(state, config)) expect(keys).toContain(p.key);

    // A new incident asks for the DASH again (the officer), once; the same signal twice sends nothing more.
    // Act: a new incident, and the same signal twice
    await bench.engine.advanceBy(HOUR);
    await bench.change(c.caseId, (s) => void s.incidents.push(bench.engine.now().toISOString()));
    await bench.engine.workflowClient.signalChange(c.caseId);
    await bench.engine.idle();
    // Assess
    const review = (await bench.emails(c.reference)).filter((m) =>
      (m.body.text ?? '').includes('complete the DASH again'),
    );
    expect(review.map((m) => m.destination.to)).toEqual([mailboxesFor(config, ['case-officer'])]);
    expect(
      (await bench.emails(c.reference)).filter(
        (m) => m.subject.startsWith('Action now') && (m.body.text ?? '').includes('MARAC'),
      ),
    ).toHaveLength(1);
    await noLeaks();
  }, 60_000);
});

describe('faults and retries (lifecycle handlers are idempotent)', () => {
  it('a retried escalation sends one email and records one event', async () => {
    // Prepare: the first escalation fails once after sending
    const c = await bench.openCase('one-manchester');
    bench.failNext.caseId = c.caseId;
    bench.failNext.escalateAfterSend = 1;
    // Act
    await bench.engine.advanceBy(25 * HOUR);
    // Assess
    expect(bench.failNext.escalateAfterSend).toBe(0);
    expect(about(await bench.emails(c.reference), 'initial contact')).toHaveLength(1);
    const events = (await bench.events(c.caseId)).filter(
      (e) => e.type === 'escalation-sent' && e.details?.clock === 'initialContact',
    );
    expect(events.map((e) => e.details?.tier)).toEqual([0]);
  }, 60_000);

  it('a task that keeps failing is recorded on the case and operations are told; the clock carries on', async () => {
    // Prepare: every attempt of the first escalation fails
    const config = getAssociation('one-manchester');
    const c = await bench.openCase('one-manchester');
    bench.failNext.caseId = c.caseId;
    bench.failNext.escalateAfterSend = 5; // every attempt of the first run (1 + 4 retries)
    // Act
    await bench.engine.advanceBy(24 * HOUR + 5 * 60_000);
    // Assess
    const faults = (await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Haven workflow fault'));
    expect(faults.map((m) => m.destination.to)).toEqual([mailboxesFor(config, ['operations'])]);
    const events = await bench.events(c.caseId);
    expect(events.filter((e) => e.type === 'workflow-fault').map((e) => e.details)).toEqual([
      expect.objectContaining({ stage: 'clock', tier: 0, errorName: 'ServiceUnavailable' }),
    ]);
    expect(events.some((e) => e.type === 'note-added')).toBe(false);
    // Act
    await bench.engine.advanceBy(2 * HOUR); // tried again after the pause: now it goes through, once
    // Assess
    expect(about(await bench.emails(c.reference), 'initial contact')).toHaveLength(1);
    expect(clockRuns(c.caseId).some((e) => e.status === 'FAILED')).toBe(false);
    await noLeaks();
  }, 60_000);
});

describe('restart of the local runtime', () => {
  it('the start-up resume re-arms every open case after a restart: clocks still fire, once', async () => {
    // Prepare: an open case and a closed one
    const c = await bench.openCase('one-manchester');
    const closed = await bench.openCase('one-manchester');
    await bench.change(closed.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    await bench.engine.advanceBy(2 * HOUR);
    // Act
    const resumed = await bench.restart();
    // Assess
    expect(resumed.rearmed + resumed.triaged).toBeGreaterThan(0);
    expect(bench.engine.executions().some((e) => e.name === closed.caseId)).toBe(false);
    // Act
    await bench.engine.advanceBy(23 * HOUR);
    // Assess
    expect(about(await bench.emails(c.reference), 'initial contact')).toHaveLength(1);
    const keys = clockRuns(c.caseId).map((e) => (e.input as { key: string }).key);
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);
});
