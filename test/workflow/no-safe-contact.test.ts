/**
 * No safe way to reach the victim, end to end (rules/no-safe-contact.ts): a do-not-contact report at
 * One Manchester (004: decide first) escalates deciding how to make contact safely and never breaches
 * initial contact; a way found in time or late; Wrekin (003: initial contact keeps running). Real ASL,
 * real handlers, dynalite, aws-ses-v2-local, virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { mailboxesFor } from '../../functions/core/escalation.js';
import { route } from '../../functions/core/routing.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, HOUR, leaks, type SentEmail, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const om = getAssociation('one-manchester');
const DO_NOT_CONTACT = { safeContact: { noContact: true, voicemailSafe: false, letterSafe: false } };
const NO_WAY_GIVEN = { safeContact: { voicemailSafe: false, letterSafe: false } };
const about = (mails: SentEmail[], duty: string) => mails.filter((m) => m.subject.includes(`: ${duty} on case`));
const clockRuns = (caseId: string, clock: string) =>
  bench.engine
    .executions()
    .filter(
      (e) =>
        e.machine === 'clock' &&
        e.input.caseId === caseId &&
        String((e.input as { key?: string }).key).startsWith(`${clock}@`),
    );
const clockEvents = async (caseId: string, clock: string) =>
  (await bench.events(caseId)).filter((e) => String(e.details?.clock) === clock).map((e) => e.type);

describe('004 §7.3, §7.5.1: One Manchester decides how to make contact safely first', () => {
  it('a do-not-contact report: deciding how escalates tier by tier; initial contact never starts a clock nor breaches', async () => {
    // Prepare
    const c = await bench.openCase('one-manchester', { report: DO_NOT_CONTACT });
    const state = await bench.state(c.caseId);
    const planned = planClocks(state, om).map((p) => p.clock);

    // Act
    await bench.engine.advanceBy(5 * DAY);

    // Assess
    expect(state.facts.safeContact).toBe('no-direct-contact');
    expect(planned).toEqual(['decideSafeContact']);
    const decide = about(await bench.emails(c.reference), 'decide safe contact');
    expect(decide.map((m) => m.destination.to)).toEqual(om.escalation.tiers.map((t) => mailboxesFor(om, t.notify)));
    expect(defined(decide[0], 'the first escalation').subject).toBe(
      `Overdue: decide safe contact on case ${c.reference}`,
    );
    expect(defined(decide[0], 'the first escalation').body.text).toContain(
      `due by ${new Date(Date.parse(state.reportedAt) + 24 * HOUR).toISOString()}`,
    );
    expect(about(await bench.emails(c.reference), 'initial contact')).toEqual([]);
    expect(clockRuns(c.caseId, 'initialContact')).toEqual([]);
    expect(await clockEvents(c.caseId, 'initialContact')).toEqual([]);
    expect(await clockEvents(c.caseId, 'decideSafeContact')).toEqual([
      'clock-breached',
      ...om.escalation.tiers.map(() => 'escalation-sent'),
    ]);
    const waiting = route(state.facts, om).find((a) => a.duty === 'initial-contact');
    expect(waiting?.clocksWaitFor).toBe('decide-safe-contact');
    for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);
  }, 60_000);

  it('a safe way found in time (through an agency): the decide clock ends quietly; initial contact made in time sends nothing', async () => {
    // Prepare
    const c = await bench.openCase('one-manchester', { report: NO_WAY_GIVEN });
    const reportedAt = Date.parse((await bench.state(c.caseId)).reportedAt);

    // Act: 5 hours on, staff record a plan through the IDVA; 10 hours on, initial contact through it
    await bench.engine.advanceBy(5 * HOUR);
    await bench.change(c.caseId, (s) => {
      s.facts.safeContact = 'known';
    });
    const running = clockRuns(c.caseId, 'initialContact').map((e) => [e.status, (e.input as { at?: string }).at]);
    await bench.engine.advanceBy(5 * HOUR);
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'o1' };
    });
    await bench.engine.advanceBy(5 * DAY);

    // Assess
    expect(running).toEqual([['RUNNING', new Date(reportedAt + 24 * HOUR).toISOString()]]); // from the report
    expect(clockRuns(c.caseId, 'decideSafeContact').map((e) => e.status)).toEqual(['ABORTED']); // stopped by the re-plan
    expect(await bench.emails(c.reference)).toEqual([]);
    expect((await bench.events(c.caseId)).filter((e) => e.type === 'clock-breached')).toEqual([]);
  }, 60_000);

  it('a safe way found after 30 hours: initial contact counts from the report, so it is overdue at once and escalates', async () => {
    // Prepare
    const c = await bench.openCase('one-manchester', { report: NO_WAY_GIVEN });
    const reportedAt = Date.parse((await bench.state(c.caseId)).reportedAt);
    await bench.engine.advanceBy(30 * HOUR); // deciding how breached at 24 hours: tier 1 sent
    const beforeWay = about(await bench.emails(c.reference), 'initial contact');

    // Act
    await bench.change(c.caseId, (s) => {
      s.facts.safeContact = 'known';
      s.duties['decide-safe-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'o1' };
    });

    // Assess
    expect(beforeWay).toEqual([]);
    expect(about(await bench.emails(c.reference), 'decide safe contact')).toHaveLength(1);
    const initial = about(await bench.emails(c.reference), 'initial contact');
    expect(initial).toHaveLength(1);
    expect(defined(initial[0], 'the initial-contact escalation').body.text).toContain(
      `due by ${new Date(reportedAt + 24 * HOUR).toISOString()}`,
    );
    expect(clockRuns(c.caseId, 'decideSafeContact').map((e) => e.status)).toEqual(['ABORTED']); // stopped by the re-plan
  }, 60_000);
});

describe('003: Wrekin keeps initial contact running when no safe way is known', () => {
  it('a do-not-contact report: initial contact escalates at 1 working day; deciding how is listed, with no clock to escalate', async () => {
    // Prepare
    const wrekin = getAssociation('wrekin');
    const c = await bench.openCase('wrekin', { report: DO_NOT_CONTACT });
    const state = await bench.state(c.caseId);

    // Act
    await bench.engine.advanceBy(2 * DAY);

    // Assess
    expect(planClocks(state, wrekin).map((p) => p.clock)).toEqual(['initialContact']);
    expect(route(state.facts, wrekin).find((a) => a.duty === 'decide-safe-contact')?.clocks).toEqual([]);
    expect(about(await bench.emails(c.reference), 'initial contact').length).toBeGreaterThan(0);
    expect(about(await bench.emails(c.reference), 'decide safe contact')).toEqual([]);
    for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);
  }, 60_000);
});
