import * as z from 'zod/mini';
import './zod-en.js';
import { plural } from './words.js';

/** The three UK bank-holiday calendars an association can follow. */
export const nationSchema = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
export type Nation = z.infer<typeof nationSchema>;

/**
 * A policy clock length. Exactly one unit; counting rules are in `clocks.ts`
 * (DOMAIN.md "How clocks count").
 */
export const clockSchema = z.union([
  /** A short clock (immediate danger): minutes of real time, at most a day. */
  z.strictObject({ minutes: z.number().check(z.int(), z.positive(), z.lte(24 * 60)) }),
  z.strictObject({ hours: z.number().check(z.int(), z.positive(), z.lte(24 * 366)) }),
  z.strictObject({ days: z.number().check(z.int(), z.positive(), z.lte(366)) }),
  z.strictObject({ workingDays: z.number().check(z.int(), z.positive(), z.lte(260)) }),
]);
export type Clock = z.infer<typeof clockSchema>;

/** Human wording of a clock length, e.g. "1 working day". */
export function describeClock(clock: Clock): string {
  if ('minutes' in clock) return plural(clock.minutes, 'minute');
  if ('hours' in clock) return plural(clock.hours, 'hour');
  if ('days' in clock) return plural(clock.days, 'day');
  return plural(clock.workingDays, 'working day');
}
