/**
 * Clocks across a bank holiday and across the clocks change, run by the real ASL on virtual time:
 * the Wait fires at the instant core computed, no earlier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bench, expectOneReminderDueBy, leaks, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-03-27T10:00:00Z')); // Friday before the clocks go forward
}, 30_000);
afterAll(async () => bench?.stop());

const breachEmails = async (reference: string, duty: string) =>
  (await bench.emails(reference)).filter((m) => m.subject === `Overdue: ${duty} on case ${reference}`);

/** One clock journey: the case opened (at `at`, else where the clock stands), the reminder it must get and when. */
interface ClockJourney {
  name: string;
  open: { at?: string; association: string; initialContactDone?: boolean };
  duty: string;
  reminder: { before: string; after: string; due: string };
  /** The next tier of escalation, and every escalation sent by then as [tier, at]. */
  secondTier?: { at: string; escalations: [number, string][] };
}

/** The clocks, one row a test. The rows run in order on one virtual clock: each opens its case later than the last. */
const CLOCKS: ClockJourney[] = [
  {
    name: '001 §7: 14 days across the spring clocks change keep the London wall-clock time (sada-herts)',
    open: { association: 'sada-herts', initialContactDone: true }, // the bench's start, Friday 27 March 10:00 GMT
    duty: 'regular contact',
    reminder: { before: '2026-04-10T08:59:00Z', after: '2026-04-10T09:01:00Z', due: '2026-04-10T09:00:00.000Z' }, // 10:00 BST
  },
  {
    name: '004 §7.5.1: 24 hours across the autumn clocks change are 24 real hours (one-manchester)',
    open: { at: '2026-10-24T09:00:00Z', association: 'one-manchester' }, // Saturday 10:00 BST
    duty: 'initial contact',
    reminder: { before: '2026-10-25T08:59:00Z', after: '2026-10-25T09:01:00Z', due: '2026-10-25T09:00:00.000Z' }, // 09:00 GMT
  },
  {
    name: '003: 1 working day across Christmas (25 and 28 December 2026 bank holidays, wrekin)',
    open: { at: '2026-12-24T16:00:00Z', association: 'wrekin' }, // Thursday 16:00 GMT
    duty: 'initial contact',
    reminder: { before: '2026-12-29T15:59:00Z', after: '2026-12-29T16:00:30Z', due: '2026-12-29T16:00:00.000Z' },
    // The second tier (1 working day later) skips nothing: Wednesday 30 December 16:00.
    secondTier: {
      at: '2026-12-30T16:00:30Z',
      escalations: [
        [0, '2026-12-29T16:00:00.000Z'],
        [1, '2026-12-30T16:00:00.000Z'],
      ],
    },
  },
];

describe('DOMAIN "How clocks count" in the workflow', () => {
  it.each(CLOCKS.map((row) => [row.name, row] as const))(
    '%s',
    async (_name, { open, duty, reminder, secondTier }) => {
      // A journey on virtual time: each step advances the same clock past the last one.

      // Prepare
      if (open.at) await bench.engine.advanceTo(new Date(open.at));
      const c = await bench.openCase(open.association);
      if (open.initialContactDone)
        await bench.change(c.caseId, (s) => {
          s.duties['initial-contact'] = { status: 'done', at: s.reportedAt, by: 'o1' };
        });

      // Act
      await bench.engine.advanceTo(new Date(reminder.before));

      // Assess
      expect(await breachEmails(c.reference, duty)).toEqual([]);

      // Act
      await bench.engine.advanceTo(new Date(reminder.after));

      // Assess
      expectOneReminderDueBy(await breachEmails(c.reference, duty), reminder.due);
      if (!secondTier) return;

      // Act
      await bench.engine.advanceTo(new Date(secondTier.at));

      // Assess
      const events = (await bench.events(c.caseId)).filter(
        (e) => e.type === 'escalation-sent' && e.details?.clock === 'initialContact',
      );
      expect(events.map((e) => [e.details?.tier, e.at])).toEqual(secondTier.escalations);
      for (const m of await bench.emails()) expect(leaks(m)).toEqual([]);
    },
    60_000, // the Christmas journey's (two tiers), and vitest.config.ts's testTimeout
  );
});
