/**
 * docs/delivery.md end to end: the real ASL on the local engine and virtual clock, the real handlers,
 * and SES behind a fault proxy (test/support/ses-faults.ts). With every SES answer lost, each email of
 * every escalation tier reaches SES at most twice (here once: nothing is resent blindly), the timeline
 * says it may not have arrived, and operations are alarmed once per email. With SES down for a day,
 * the immediate-danger alert raises the alarm at once, the outage is on every affected timeline, and
 * once SES is back every escalation is delivered, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockName } from '../../functions/core/association.js';
import { CLOCK_DUTY } from '../../functions/core/duties.js';
import { dutyWords } from '../../functions/core/escalation.js';
import { type CaseDelivery, lostRepliesScenario, sesOutageScenario } from '../support/delivery-scenarios.js';
import { type Bench, CANARIES, HOUR, leaks, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z'), { sesFaults: true }); // a Monday
}, 30_000);
afterAll(async () => bench?.stop());

/** one-manchester's chain: three tiers, the last 24 h + 48 h after the breach. */
const TIERS = 3;
const CHAIN_MS = 72 * HOUR;

/** Each clock this case breached early enough for its whole chain to run: the copies of each tier's email. */
async function chains(c: CaseDelivery, endAt: number): Promise<number[][]> {
  const breaches = (await bench.events(c.caseId)).filter(
    (e) => e.type === 'clock-breached' && Date.parse(e.at) + CHAIN_MS + HOUR <= endAt,
  );
  return breaches.map((b) => {
    const duty = dutyWords(CLOCK_DUTY[b.details?.clock as ClockName]);
    return [...c.copies].filter(([subject]) => subject.includes(`: ${duty} on case`)).map(([, n]) => n);
  });
}

const noCanary = (value: unknown) => {
  const text = JSON.stringify(value).toLowerCase();
  return Object.values(CANARIES).filter((c) => text.includes(c.toLowerCase()));
};

describe('email delivery under SES faults (docs/delivery.md)', () => {
  it('every SES answer lost: each escalation tier reaches SES at most twice (once), maybe-sent on the timeline, one alarm per email', async () => {
    // Act
    const f = await lostRepliesScenario(bench, { cases: 2 });
    const endAt = bench.engine.now().getTime();

    // Assess
    expect(f.maxCopies).toBeLessThanOrEqual(2);
    expect(f.maxCopies).toBe(1);
    expect(bench.faults?.counts.lost).toBeGreaterThanOrEqual(f.emails);
    for (const c of f.cases) {
      const full = await chains(c, endAt);
      expect(full.length).toBeGreaterThan(0);
      for (const tiers of full) expect(tiers).toEqual(Array(TIERS).fill(1));
      // every email is on the timeline as maybe sent, once, and alarmed once
      expect(c.maybeSent).toHaveLength(c.copies.size);
      for (const e of c.maybeSent) expect(e.details?.sendKey).toMatch(/^escalation:/);
      expect(c.alarms.filter((a) => a.kind === 'email-maybe-sent')).toHaveLength(c.copies.size);
      expect(new Set(c.alarms.map((a) => a.id)).size).toBe(c.alarms.length);
      expect(noCanary([c.maybeSent, c.alarms])).toEqual([]);
    }
    for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);
  }, 240_000);

  it('SES down for a day: the danger alert alarms at once, the outage is on every timeline, and after SES returns every escalation goes, once', async () => {
    // Act
    const f = await sesOutageScenario(bench, { routine: 1, danger: 1, outageHours: 25 });
    const endAt = bench.engine.now().getTime();

    // Assess: at once, before any virtual time passed
    const danger = f.cases.filter((c) => c.danger);
    expect(danger).toHaveLength(1);
    for (const c of danger)
      expect(f.alarmedAtOnce).toContainEqual(
        expect.objectContaining({ caseId: c.caseId, kind: 'email-refused', urgent: true }),
      );
    const alarmMails = (await bench.emails()).filter((m) => m.subject.startsWith('URGENT: Haven alert not sent yet'));
    expect(alarmMails.length).toBeGreaterThan(0); // the alarm's email did not need the SES path that was down

    // Assess: the outage on every affected timeline, alarmed once per stage, clock and tier
    for (const c of f.cases) {
      expect(c.faults.length).toBeGreaterThan(0);
      const faultAlarms = c.alarms.filter((a) => a.kind === 'workflow-fault');
      expect(faultAlarms.length).toBeGreaterThan(0);
      expect(new Set(faultAlarms.map((a) => a.id)).size).toBe(faultAlarms.length);
    }

    // Assess: after SES returned, every escalation delivered, none twice, nothing maybe-sent
    expect(f.maybeSent).toBe(0);
    expect(f.maxCopies).toBe(1);
    for (const c of f.cases) {
      const full = await chains(c, endAt);
      expect(full.length).toBeGreaterThan(0);
      for (const tiers of full) expect(tiers).toEqual(Array(TIERS).fill(1));
    }
    for (const c of danger)
      expect([...c.copies].filter(([s]) => s.startsWith('Action now'))).toEqual([
        [`Action now: case ${c.reference}`, 1],
      ]);
    expect(noCanary(f.cases.map((c) => [c.faults, c.alarms]))).toEqual([]);
    for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);
  }, 240_000);
});
