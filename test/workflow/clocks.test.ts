/**
 * Every policy clock, run by the real ASL over the real handlers, dynalite and aws-ses-v2-local on a
 * virtual clock: one case meets the duty in time (no email), one breaches it (the chain is told,
 * tier by tier, and the breach is on the timeline). No email carries a canary string.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { ClockName } from '../../functions/core/association.js';
import type { CaseFacts, CaseState } from '../../functions/core/case.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { CLOCK_DUTY } from '../../functions/core/duties.js';
import { dutyWords, mailboxesFor } from '../../functions/core/escalation.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, HOUR, leaks, startBench } from './harness.js';

const MINUTE = 60_000;

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-03-02T09:00:00Z')); // a Monday
}, 30_000);
afterAll(async () => bench?.stop());

interface ClockCase {
  name: string;
  association: string;
  clock: ClockName;
  facts?: Partial<CaseFacts>;
  /** What meeting the duty in time looks like, done this long after the report. */
  meet: (s: CaseState, at: string) => void;
  meetAfter: number;
  /** How long to run: past the deadline and every escalation tier. */
  runFor: number;
}

const done = (duty: keyof CaseState['duties']) => (s: CaseState, at: string) => {
  s.duties[duty] = { status: 'done', at, by: 'officer-1' };
};

const CASES: ClockCase[] = [
  {
    name: '004 §7.5.1: initial contact within 24 hours (one-manchester)',
    association: 'one-manchester',
    clock: 'initialContact',
    meet: done('initial-contact'),
    meetAfter: 3 * HOUR,
    runFor: 5 * DAY,
  },
  {
    name: '003/001 §7: initial contact within 1 working day (wrekin)',
    association: 'wrekin',
    clock: 'initialContact',
    meet: done('initial-contact'),
    meetAfter: 20 * HOUR,
    runFor: 7 * DAY,
  },
  {
    name: '002 §6: safeguarding log within 24 hours (connect-housing)',
    association: 'connect-housing',
    clock: 'safeguardingLog',
    meet: done('safeguarding-log'),
    meetAfter: 5 * HOUR,
    runFor: 5 * DAY,
  },
  {
    name: '000: Local Authority report within 24 hours (housing-21)',
    association: 'housing-21',
    clock: 'localAuthorityReport',
    meet: done('local-authority-report'),
    meetAfter: 5 * HOUR,
    runFor: 7 * DAY,
  },
  {
    name: '000: CQC report within 24 hours (housing-21, registered care)',
    association: 'housing-21',
    clock: 'cqcReport',
    facts: { receivesRegisteredCare: true },
    meet: done('cqc-notification'),
    meetAfter: 5 * HOUR,
    runFor: 7 * DAY,
  },
  {
    name: '000: CQC notifiable incident within 5 working days (housing-21)',
    association: 'housing-21',
    clock: 'cqcNotifiableLimit',
    facts: { perpetratorHasCareNeeds: true },
    meet: done('cqc-notification'),
    meetAfter: 3 * DAY,
    runFor: 14 * DAY,
  },
  {
    name: '004 §7.4.9: emergency security works within 24 hours (one-manchester)',
    association: 'one-manchester',
    clock: 'emergencySecurityWorks',
    facts: { violentIncident: true, victimStayingInHome: true },
    meet: done('emergency-security-works'),
    meetAfter: 6 * HOUR,
    runFor: 5 * DAY,
  },
  {
    name: '001 §7: contact at least every 14 days (sada-herts)',
    association: 'sada-herts',
    clock: 'regularContact',
    meet: (s, at) => void s.contacts.push(at),
    meetAfter: 10 * DAY,
    runFor: 20 * DAY,
  },
  {
    name: '000: out of the holding area within 21 days (housing-21)',
    association: 'housing-21',
    clock: 'holdingArea',
    meet: done('case-resolved'),
    meetAfter: 15 * DAY,
    runFor: 28 * DAY,
  },
  {
    name: '004 §7.3, §7.5.1: no direct contact, how to make contact safely decided within 24 hours (one-manchester)',
    association: 'one-manchester',
    clock: 'decideSafeContact',
    facts: { safeContact: 'no-direct-contact' },
    meet: done('decide-safe-contact'),
    meetAfter: 8 * HOUR,
    runFor: 5 * DAY,
  },
  // Last: each case starts where the one before ended, and the calendar (Easter) shapes the working-day tiers above.
  {
    name: '002 §6, 003, 004 §7.4.3: immediate danger, what was done recorded within 30 minutes (one-manchester, example length)',
    association: 'one-manchester',
    clock: 'emergencyAdvice',
    facts: { immediateDanger: true },
    meet: done('advise-emergency-services'),
    meetAfter: 10 * MINUTE,
    runFor: 5 * DAY,
  },
];

describe('each clock: in time ends quietly, a breach escalates up the chain', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      // Prepare
      const config = getAssociation(c.association);
      const duty = dutyWords(CLOCK_DUTY[c.clock]);
      const start = bench.engine.now().getTime();
      const kept = await bench.openCase(c.association, { facts: c.facts ?? {} });
      const breached = await bench.openCase(c.association, { facts: c.facts ?? {} });

      // Two clocks may keep one duty (CQC: 24 hours and 5 working days): emails name the deadline.
      const deadlineOf = async (caseId: string) =>
        defined(
          planClocks(await bench.state(caseId), config).find((p) => p.clock === c.clock),
          `a planned ${c.clock} clock`,
        ).deadline;
      const keptDue = await deadlineOf(kept.caseId);
      const breachedDue = await deadlineOf(breached.caseId);

      // Act
      // One act on virtual time: run both cases past every tier, meeting the duty on one of them on the way.
      await bench.engine.advanceTo(new Date(start + c.meetAfter));
      await bench.change(kept.caseId, (s) => c.meet(s, bench.engine.now().toISOString()));
      await bench.engine.advanceTo(new Date(start + c.runFor));

      // Assess
      const about = (mails: Awaited<ReturnType<Bench['emails']>>, due: string) =>
        mails.filter((m) => m.subject.includes(`: ${duty} on case`) && (m.body.text ?? '').includes(`due by ${due}`));
      // In time: nothing about this clock, ever.
      expect(about(await bench.emails(kept.reference), keptDue)).toEqual([]);

      // Breached: tier 1 to officer + line manager, then each later tier to its role, in order.
      const mails = about(await bench.emails(breached.reference), breachedDue);
      expect(mails.map((m) => m.destination.to)).toEqual(
        config.escalation.tiers.map((t) => mailboxesFor(config, t.notify)),
      );
      const mail = (i: number) => defined(mails[i], `escalation mail ${i}`);
      expect(mail(0).subject).toBe(`Overdue: ${duty} on case ${breached.reference}`);
      expect(mail(1).body.text).toMatch(/is \d+ (day|hour)s?( \d+ hours?)? overdue/);
      expect(mail(0).body.text).toContain(
        `https://haven.example.org/console/case.html?id=${encodeURIComponent(breached.caseId)}`,
      );
      expect(mail(0).body.text).not.toContain('/cases/');
      for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);

      const events = await bench.events(breached.caseId);
      const breaches = events.filter(
        (e) => e.type === 'clock-breached' && e.duty === CLOCK_DUTY[c.clock] && String(e.details?.clock) === c.clock,
      );
      expect(breaches).toHaveLength(1);
      const escalations = events.filter((e) => e.type === 'escalation-sent' && String(e.details?.clock) === c.clock);
      expect(escalations.map((e) => e.details?.tier)).toEqual(config.escalation.tiers.map((_, i) => i));
      expect(
        (await bench.events(kept.caseId)).filter(
          (e) => e.type === 'clock-breached' && String(e.details?.clock) === c.clock,
        ),
      ).toEqual([]);
    }, 60_000);
  }
});
