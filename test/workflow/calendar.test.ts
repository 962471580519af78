/**
 * Clocks across a bank holiday and across the clocks change, run by the real ASL on virtual time:
 * the Wait fires at the instant core computed, no earlier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../support/defined.js';
import { type Bench, leaks, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-03-27T10:00:00Z')); // Friday before the clocks go forward
}, 30_000);
afterAll(async () => bench?.stop());

const breachEmails = async (reference: string, duty: string) =>
  (await bench.emails(reference)).filter((m) => m.subject === `Overdue: ${duty} on case ${reference}`);

describe('DOMAIN "How clocks count" in the workflow', () => {
  it('001 §7: 14 days across the spring clocks change keep the London wall-clock time (sada-herts)', async () => {
    // A journey on virtual time: each step advances the same clock past the last one.

    // Prepare
    const c = await bench.openCase('sada-herts'); // Friday 27 March 10:00 GMT
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: s.reportedAt, by: 'o1' };
    });

    // Act
    await bench.engine.advanceTo(new Date('2026-04-10T08:59:00Z'));

    // Assess
    expect(await breachEmails(c.reference, 'regular contact')).toEqual([]);

    // Act
    await bench.engine.advanceTo(new Date('2026-04-10T09:01:00Z'));

    // Assess
    const mails = await breachEmails(c.reference, 'regular contact');
    expect(mails).toHaveLength(1);
    expect(defined(mails.at(0), 'a reminder mail').body.text).toContain('due by 2026-04-10T09:00:00.000Z'); // 10:00 BST
  }, 30_000);

  it('004 §7.5.1: 24 hours across the autumn clocks change are 24 real hours (one-manchester)', async () => {
    // A journey on virtual time: each step advances the same clock past the last one.

    // Prepare
    await bench.engine.advanceTo(new Date('2026-10-24T09:00:00Z')); // Saturday 10:00 BST
    const c = await bench.openCase('one-manchester');

    // Act
    await bench.engine.advanceTo(new Date('2026-10-25T08:59:00Z'));

    // Assess
    expect(await breachEmails(c.reference, 'initial contact')).toEqual([]);

    // Act
    await bench.engine.advanceTo(new Date('2026-10-25T09:01:00Z'));

    // Assess
    const mails = await breachEmails(c.reference, 'initial contact');
    expect(mails).toHaveLength(1);
    expect(defined(mails.at(0), 'a reminder mail').body.text).toContain('due by 2026-10-25T09:00:00.000Z'); // 09:00 GMT
  }, 30_000);

  it('003: 1 working day across Christmas (25 and 28 December 2026 bank holidays, wrekin)', async () => {
    // A journey on virtual time: each step advances the same clock past the last one.

    // Prepare
    await bench.engine.advanceTo(new Date('2026-12-24T16:00:00Z')); // Thursday 16:00 GMT
    const c = await bench.openCase('wrekin');

    // Act
    await bench.engine.advanceTo(new Date('2026-12-29T15:59:00Z'));

    // Assess
    expect(await breachEmails(c.reference, 'initial contact')).toEqual([]);

    // Act
    await bench.engine.advanceTo(new Date('2026-12-29T16:00:30Z'));

    // Assess
    const mails = await breachEmails(c.reference, 'initial contact');
    expect(mails).toHaveLength(1);
    expect(defined(mails.at(0), 'a reminder mail').body.text).toContain('due by 2026-12-29T16:00:00.000Z');

    // Act
    // The second tier (1 working day later) skips nothing: Wednesday 30 December 16:00.
    await bench.engine.advanceTo(new Date('2026-12-30T16:00:30Z'));

    // Assess
    const events = (await bench.events(c.caseId)).filter(
      (e) => e.type === 'escalation-sent' && e.details?.clock === 'initialContact',
    );
    expect(events.map((e) => [e.details?.tier, e.at])).toEqual([
      [0, '2026-12-29T16:00:00.000Z'],
      [1, '2026-12-30T16:00:00.000Z'],
    ]);
    for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);
  }, 60_000);
});
