/**
 * 001 §7: a report, and a MARAC referral, count in a period by its London date. The figures compare
 * instants with the period's London midnights; this checks that against the London date of each
 * instant, around midnight in GMT and in BST and across the clocks changes, 2000–2030.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadline, londonDateOf, londonDatePlus } from '../../functions/core/clocks.js';
import { computeFigures, financialQuarter } from '../../functions/core/figures.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2000, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2030, 11, 31) / DAY;
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** An instant within two hours of midnight UTC on any day (London midnight is 00:00 or 23:00 UTC). */
const nearMidnight = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))
  .map(([day, ms]) => day * DAY + ms);
/** A period of 1 to 400 days starting within a few days of the instant. */
const periodNear = (ms: number) =>
  fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 400 })).map(([start, length]) => {
    const from = londonDatePlus(dateOfDay(Math.floor(ms / DAY)), start);
    return { from, to: londonDatePlus(from, length) };
  });

describe('001 §7: a period counts by London date', () => {
  it('a report and a MARAC referral near midnight count exactly when their London date is in the period', () => {
    // Act and Assess
    fc.assert(
      fc.property(
        nearMidnight.chain((ms) => fc.tuple(fc.constant(ms), periodNear(ms), fc.constant(ms + 5 * 60_000))),
        ([reported, period, referred]) => {
          const at = new Date(reported).toISOString();
          const figures = computeFigures(
            [
              {
                reportedAt: at,
                status: 'open',
                abuseTypes: [],
                contacts: [],
                maracReferrals: [new Date(referred).toISOString()],
                holdingPauses: [],
                risk: 'standard',
              },
            ],
            period,
            { nation: 'england-and-wales' },
            new Date(reported + DAY),
            deadline,
          );
          const within = (ms: number) => {
            const day = londonDateOf(new Date(ms));
            return day >= period.from && day <= period.to;
          };
          expect(figures.reportsReceived).toBe(within(reported) ? 1 : 0);
          expect(figures.maracReferrals).toBe(within(referred) ? 1 : 0);
          if (within(reported)) expect(figures.byQuarter[financialQuarter(londonDateOf(new Date(reported)))]).toBe(1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
