/**
 * Escalations reach people and people take them on: the case-officer tier goes to the assigned
 * officer's own address; someone saying "I've got this" is named in the next tier's email and holds
 * that tier for the association's set time (One Manchester: 4 hours) while the duty is open; the
 * duty done still ends the chain; every escalation is listed for its recipients. Real ASL, real
 * handlers, dynalite, aws-ses-v2-local, virtual time; canaries in every case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { applyCommand } from '../../functions/core/commands/index.js';
import { Refusal } from '../../functions/core/problems.js';
import { tiersSent } from '../../functions/core/rules/escalation-acknowledgement.js';
import { defined } from '../support/defined.js';
import { type Bench, HOUR, leaks, type SentEmail, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const om = getAssociation('one-manchester');
const OFFICER = { assignedOfficer: 'sub-officer-7', assignedOfficerEmail: 'officer-7@one-manchester.example.org' };
const about = (mails: SentEmail[]) => mails.filter((m) => m.subject.includes(': initial contact on case'));

describe('escalations reach people, and people can take them on (004 §7.5.1, One Manchester)', () => {
  it('the assigned officer gets tier 1 at their own address; taken on, tier 2 waits 4 hours from then and names who has it; done, the chain ends', async () => {
    // Prepare: an assigned case; initial contact due 24 hours after the report.
    const c = await bench.openCase('one-manchester', { state: OFFICER });
    const key = defined(
      planClocks(await bench.state(c.caseId), om).find((p) => p.clock === 'initialContact'),
      'the initial contact clock',
    ).key;
    const due = Date.parse(key.slice(key.indexOf('@') + 1));

    // Act: the breach, then the line manager takes it on 23 hours later (tier 2 is due at 24 hours).
    await bench.engine.advanceTo(new Date(due + 60_000));
    const tier1 = about(await bench.emails(c.reference));
    await bench.engine.advanceTo(new Date(due + 23 * HOUR));
    const tookOnAt = bench.engine.now().toISOString();
    await bench.change(c.caseId, (s) => {
      s.escalationAcks = {
        [key]: { tier: 0, by: 'sub-manager', email: 'manager@one-manchester.haven.local', at: tookOnAt },
      };
    });
    await bench.engine.advanceTo(new Date(due + 26 * HOUR));
    const whileHeld = about(await bench.emails(c.reference));
    await bench.engine.advanceTo(new Date(due + 27 * HOUR + 60_000));
    const afterHold = about(await bench.emails(c.reference));
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'sub-officer-7' };
    });
    await bench.engine.advanceTo(new Date(due + 6 * 24 * HOUR));
    const atEnd = about(await bench.emails(c.reference));

    // Assess
    expect(tier1.map((m) => m.destination.to)).toEqual([
      [OFFICER.assignedOfficerEmail, om.escalation.mailboxes['line-manager']],
    ]);
    expect(defined(tier1[0], 'tier 1').body.text).toContain(`Who holds the case: ${OFFICER.assignedOfficerEmail}.`);
    expect(whileHeld).toHaveLength(1);
    expect(afterHold).toHaveLength(2);
    const tier2 = defined(afterHold[1], 'tier 2');
    expect(tier2.destination.to).toEqual([om.escalation.mailboxes['operations-manager']]);
    expect(tier2.body.text).toContain('Taken on: manager@one-manchester.haven.local said "I\'ve got this"');
    expect(atEnd).toHaveLength(2); // done: no tier 3
    for (const m of await bench.emails(c.reference)) expect(leaks(m)).toEqual([]);
    const events = await bench.events(c.caseId);
    const sent = events.filter((e) => e.type === 'escalation-sent' && e.details?.clock === 'initialContact');
    expect(sent.map((e) => e.details?.tier)).toEqual([0, 1]);
    expect(Date.parse(defined(sent[1], 'tier 2 sent').at)).toBeGreaterThanOrEqual(Date.parse(tookOnAt) + 4 * HOUR);
  }, 60_000);

  it('"I\'ve got this" again and again, by the same and another person, never holds tier 2 past 4 hours after the first; a tier not sent cannot be taken on; done, the chain ends', async () => {
    // Prepare
    const c = await bench.openCase('one-manchester', { state: OFFICER });
    const key = defined(
      planClocks(await bench.state(c.caseId), om).find((p) => p.clock === 'initialContact'),
      'the initial contact clock',
    ).key;
    const deadline = key.slice(key.indexOf('@') + 1);
    const due = Date.parse(deadline);
    /** The command as the API runs it: the tiers sent read from the timeline; what it refuses, by field and problem. */
    const takeOn = async (tier: number, actor: string) => {
      const sent = tiersSent(await bench.events(c.caseId));
      let refused: string | undefined;
      await bench.change(c.caseId, (s) => {
        try {
          const command = { clock: 'initialContact' as const, deadline, tier };
          const r = applyCommand(
            s,
            { kind: 'acknowledgeEscalation', duty: 'initial-contact', input: command },
            {
              config: om,
              now: bench.engine.now(),
              actor,
              escalationsSent: sent,
            },
          );
          s.escalationAcks = r.state.escalationAcks;
        } catch (e) {
          if (!(e instanceof Refusal)) throw e;
          refused = `${e.problems?.[0]?.field}: ${e.problems?.[0]?.problem}`;
        }
      });
      return refused;
    };

    // Act: taken on 23 hours after the breach, then again every 3 hours until 60 hours after it.
    await bench.engine.advanceTo(new Date(due + 60_000));
    const tooEarly = await takeOn(1, 'sub-manager');
    await bench.engine.advanceTo(new Date(due + 23 * HOUR));
    const first = await takeOn(0, 'sub-manager');
    const repeats: (string | undefined)[] = [];
    for (let h = 24; h <= 60; h += 3) {
      await bench.engine.advanceTo(new Date(due + h * HOUR));
      repeats.push(await takeOn(0, h % 2 ? 'sub-manager' : 'sub-other-manager'));
    }
    const sentBy60 = (await bench.events(c.caseId)).filter(
      (e) => e.type === 'escalation-sent' && e.details?.clock === 'initialContact',
    );
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'sub-officer-7' };
    });
    await bench.engine.advanceTo(new Date(due + 8 * 24 * HOUR));
    const atEnd = about(await bench.emails(c.reference));

    // Assess
    expect(tooEarly).toBe('tier: has not been sent yet');
    expect(first).toBeUndefined();
    expect(new Set(repeats)).toEqual(new Set(['tier: has already been taken on']));
    expect(sentBy60.map((e) => e.details?.tier)).toEqual([0, 1]);
    const tier2At = Date.parse(defined(sentBy60[1], 'tier 2 sent').at);
    expect(tier2At).toBeGreaterThanOrEqual(due + 27 * HOUR);
    expect(tier2At).toBeLessThan(due + 28 * HOUR); // 4 hours after the first, not after the latest repeat
    expect(atEnd).toHaveLength(2); // done before tier 3 (72 hours): the chain ended
  }, 60_000);

  it('each escalation is listed for its recipients (the officer by their id, the roles by role), with who took it on, with no decrypt', async () => {
    // Prepare
    const c = await bench.openCase('one-manchester', { state: OFFICER });
    const repo = defined(bench.repos.get('one-manchester'), 'the repository');
    await bench.engine.advanceBy(25 * HOUR);
    const key = defined(
      planClocks(await bench.state(c.caseId), om).find((p) => p.clock === 'initialContact'),
      'the clock',
    ).key;
    await bench.change(c.caseId, (s) => {
      s.escalationAcks = { [key]: { tier: 0, by: 'sub-manager', at: bench.engine.now().toISOString() } };
    });

    // Act
    const officer = (await repo.listAlerts([`staff#${OFFICER.assignedOfficer}`])).filter((a) => a.caseId === c.caseId);
    const manager = (await repo.listAlerts(['role#line-manager', 'role#operations-manager'])).filter(
      (a) => a.caseId === c.caseId,
    );
    const shared = (await repo.listAlerts(['role#case-officer'])).filter((a) => a.caseId === c.caseId);

    // Assess
    expect(officer.map((a) => [a.tier, a.role, a.to, a.duty, a.reference])).toEqual([
      [0, 'case-officer', OFFICER.assignedOfficerEmail, 'initial-contact', c.reference],
    ]);
    expect(manager.map((a) => [a.tier, a.role, a.acknowledged?.by])).toEqual([[0, 'line-manager', 'sub-manager']]);
    expect(shared).toEqual([]);
  }, 60_000);
});
