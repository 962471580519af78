/**
 * The lifecycle's fault counters start again only when a wait (or a closure step) went through, never on a
 * Triage alone: a wait that keeps failing backs off and parks as a failing Triage does (and a clock's only
 * when a tier goes out, never on a check alone). Alerts that cannot
 * go (mail down) do not fail Triage: the case still waits for changes, briefly, and the alerts are tried
 * again within 15 minutes or at the next change. Real ASL, real handlers, dynalite, aws-ses-v2-local,
 * virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '../../functions/adapters/mailer.js';
import { type Bench, DAY, HOUR, lifecycleRunsOf, startBench } from './harness.js';

let bench: Bench;
let sesMailer: Mailer;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
  sesMailer = bench.deps.mailer;
}, 30_000);
afterAll(async () => bench?.stop());

/** Mail down for every case while set: every send fails, as SES unreachable does. */
const mailDown = (down: boolean) => {
  const failing: Mailer = {
    send: async () => {
      throw Object.assign(new Error('simulated mail outage'), { name: 'ServiceUnavailable' });
    },
  };
  Object.assign(bench.deps, { mailer: down ? failing : sesMailer });
};
const gapsInHours = (ats: string[]) =>
  ats.slice(1).map((a, i) => Math.round((Date.parse(a) - Date.parse(ats[i] ?? a)) / HOUR));

describe('the lifecycle counts faults in a row until a wait goes through', () => {
  it('a wait that keeps failing after a good Triage backs off 1, 2, 4, 8, 16, 24, 24 hours and parks after the 8th fault', async () => {
    // Prepare
    const c = await bench.openCase('wrekin');
    bench.broken.add(`AwaitChangeFunctionArn ${c.caseId}`);

    // Act
    await bench.change(c.caseId, (s) => {
      s.closureDiscussedWithVictim = true;
    });
    await bench.engine.advanceBy(4 * DAY);

    // Assess
    const events = await bench.events(c.caseId);
    const faults = events.filter((e) => e.type === 'workflow-fault' && e.details?.stage === 'triage');
    expect(faults).toHaveLength(8);
    expect(gapsInHours(faults.map((e) => e.at))).toEqual([1, 2, 4, 8, 16, 24, 24]);
    expect(events.filter((e) => e.type === 'workflow-parked').map((e) => e.details)).toEqual([
      { stage: 'triage', execution: c.caseId },
    ]);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'FAILED' }]);
    bench.broken.delete(`AwaitChangeFunctionArn ${c.caseId}`);
  }, 120_000);

  it('a wait that went through starts the count again: faults on either side of it never add up to a park', async () => {
    // Prepare
    const c = await bench.openCase('wrekin');
    bench.broken.add(`AwaitChangeFunctionArn ${c.caseId}`);
    await bench.change(c.caseId, (s) => {
      s.closureDiscussedWithVictim = true;
    });
    await bench.engine.advanceBy(2 * DAY); // 1+2+4+8+16 hours: faults after 0, 1, 3, 7, 15, 31 hours: 6 in a row

    // Act
    bench.broken.delete(`AwaitChangeFunctionArn ${c.caseId}`);
    await bench.engine.advanceBy(DAY); // the next try goes through and parks its token
    bench.broken.add(`AwaitChangeFunctionArn ${c.caseId}`);
    await bench.change(c.caseId, (s) => {
      s.closureDiscussedWithVictim = false;
    });
    await bench.engine.advanceBy(10 * HOUR); // faults after 0, 1+2+4 hours: 4 more, a new count

    // Assess
    const events = await bench.events(c.caseId);
    const faults = events.filter((e) => e.type === 'workflow-fault' && e.details?.stage === 'triage');
    const gaps = gapsInHours(faults.map((e) => e.at));
    expect(faults).toHaveLength(10);
    expect(gaps.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
    expect(gaps.slice(-3)).toEqual([1, 2, 4]); // the pause starts again from an hour
    expect(events.filter((e) => e.type === 'workflow-parked')).toEqual([]);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'RUNNING' }]);
    bench.broken.delete(`AwaitChangeFunctionArn ${c.caseId}`);
  }, 120_000);
});

describe('a closure step that went through starts the count again', () => {
  it("feedback that keeps failing after Close went through gets its own 8 faults, not what is left of Close's", async () => {
    // Prepare: email safe only on weekday evenings, so a closure at 09:00 (London) waits for 18:00.
    await bench.engine.advanceTo(new Date('2026-07-06T08:00:00Z')); // Monday 09:00 BST
    const windows = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', to: '21:00' }];
    const report = { safeContact: { method: 'email', email: 'v@example.org', windows, mayIdentifyUs: true } };
    const c = await bench.openCase('wrekin', { report: report as never });
    bench.broken.add(`CloseCaseFunctionArn ${c.caseId}`);
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
    });
    await bench.engine.advanceTo(new Date('2026-07-06T12:00:00Z')); // Close failed 3 times (09:00, 10:00, 12:00 BST)
    bench.broken.delete(`CloseCaseFunctionArn ${c.caseId}`);
    await bench.engine.advanceTo(new Date('2026-07-06T16:00:00Z')); // Close went through at 16:00 BST: feedback waits

    // Act
    bench.broken.add(`CloseCaseFunctionArn ${c.caseId}`);
    await bench.engine.advanceBy(5 * DAY);

    // Assess
    const events = await bench.events(c.caseId);
    const faults = events.filter((e) => e.type === 'workflow-fault' && e.details?.stage === 'closure');
    expect(events.filter((e) => e.type === 'feedback-deferred')).toHaveLength(1);
    expect(faults).toHaveLength(3 + 8);
    expect(gapsInHours(faults.slice(3).map((e) => e.at))).toEqual([1, 2, 4, 8, 16, 24, 24]);
    expect(events.filter((e) => e.type === 'workflow-parked').map((e) => e.details)).toEqual([
      { stage: 'closure', execution: c.caseId },
    ]);
    bench.broken.delete(`CloseCaseFunctionArn ${c.caseId}`);
  }, 120_000);
});

describe('a clock counts its faults until a tier goes out', () => {
  it('an escalation that keeps failing after good checks backs off 1, 2, 4, 8, 16, 24, 24 hours: a check alone starts nothing again', async () => {
    // Prepare
    const c = await bench.openCase('one-manchester');
    bench.broken.add(`EscalateFunctionArn ${c.caseId}`);

    // Act
    await bench.engine.advanceBy(25 * HOUR + 4 * DAY); // initial contact (24 hours) breached, then 79 hours of pauses

    // Assess
    const events = await bench.events(c.caseId);
    const ofClock = (type: string) =>
      events.filter((e) => e.type === type && String(e.details?.key).startsWith('initialContact@'));
    expect(gapsInHours(ofClock('workflow-fault').map((e) => e.at))).toEqual([1, 2, 4, 8, 16, 24, 24]);
    expect(ofClock('workflow-parked')).toHaveLength(1);
    bench.broken.delete(`EscalateFunctionArn ${c.caseId}`);
  }, 120_000);
});

describe('alerts that cannot go leave the case waiting for changes', () => {
  it('with mail down an immediate-danger case still waits for changes: the next change reaches it and the alert goes', async () => {
    // Prepare
    mailDown(true);
    const c = await bench.openCase('one-manchester', { facts: { immediateDanger: true } });
    const alerts = async () => (await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Action now'));
    expect(await alerts()).toEqual([]);

    // Act
    mailDown(false);
    await bench.change(c.caseId, (s) => void s.incidents.push(bench.engine.now().toISOString()));

    // Assess
    expect(await alerts()).toHaveLength(1);
    const events = await bench.events(c.caseId);
    // the outage is on the timeline once for the alert held up (not a fault per retry, not the fault loop)
    const triageFaults = events.filter((e) => e.type === 'workflow-fault' && e.details?.stage === 'triage');
    expect(triageFaults.map((e) => e.id)).toEqual([expect.stringMatching(/^fault:alert:/)]);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'RUNNING' }]);
  }, 120_000);

  it('with mail down, the alerts are tried again every 15 minutes (not after a fault pause) and go once mail is back', async () => {
    // Prepare
    mailDown(true);
    const c = await bench.openCase('one-manchester', { facts: { immediateDanger: true } });
    const alerts = async () => (await bench.emails(c.reference)).filter((m) => m.subject.startsWith('Action now'));
    await bench.engine.advanceBy(40 * 60_000); // two more tries, both failing

    // Act
    mailDown(false);
    await bench.engine.advanceBy(16 * 60_000);

    // Assess
    expect(await alerts()).toHaveLength(1);
    const faults = (await bench.events(c.caseId)).filter((e) => e.type === 'workflow-fault');
    expect(faults.filter((e) => e.details?.stage === 'triage').map((e) => e.id)).toEqual([
      expect.stringMatching(/^fault:alert:/),
    ]);
    expect(lifecycleRunsOf(bench, c.caseId)).toEqual([{ name: c.caseId, status: 'RUNNING' }]);
  }, 120_000);
});
