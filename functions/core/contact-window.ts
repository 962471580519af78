/**
 * Safe times to make contact (004 §7.3): days of the week and a span of London wall-clock time. A span
 * whose end is at or before its start runs past midnight into the next day ("22:00 to 06:00").
 */
import * as z from 'zod/mini';
import { londonDatePlus, londonWallClock, londonWallTime } from './clocks.js';
import './zod-en.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)'));

/** One safe window: on these days, from this time to that one (London). */
export const contactWindowSchema = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1, 'must name at least one day'), z.maxLength(7)),
    from: hhmm,
    to: hhmm,
  })
  .check(z.refine((w) => w.from !== w.to, { path: ['to'], message: 'must differ from the start time' }));
export type ContactWindow = z.infer<typeof contactWindowSchema>;

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Whether `at` falls inside the window (a window past midnight belongs to the day it starts on). */
function inWindow(w: ContactWindow, at: Date): boolean {
  const { weekday, minutes } = londonWallTime(at);
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  const day = (d: number): Weekday => WEEKDAYS[(d + 7) % 7] as Weekday;
  if (from < to) return w.days.includes(day(weekday)) && minutes >= from && minutes < to;
  return (w.days.includes(day(weekday)) && minutes >= from) || (w.days.includes(day(weekday - 1)) && minutes < to);
}

/** Whether `at` is a safe time: inside any window, or any time at all when none are given. */
export function withinWindows(windows: readonly ContactWindow[], at: Date): boolean {
  return windows.length === 0 || windows.some((w) => inWindow(w, at));
}

/** When the next safe window opens after `at` (within a week), or undefined when there is none. */
export function nextWindowStart(windows: readonly ContactWindow[], at: Date): Date | undefined {
  const today = londonWallTime(at).date;
  const starts: Date[] = [];
  for (let offset = 0; offset <= 7; offset++) {
    const date = londonDatePlus(today, offset);
    const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] as Weekday;
    for (const w of windows) {
      if (!w.days.includes(weekday)) continue;
      const hour = Number(w.from.slice(0, 2));
      const start = londonWallClock(date, hour, Number(w.from.slice(3, 5)), 0);
      // A start in the spring-forward gap (01:00 to 02:00) moves an hour on and may leave its own
      // window; the window then opens when the gap ends, at the top of the next hour.
      const opens = inWindow(w, start) || hour === 23 ? start : londonWallClock(date, hour + 1, 0, 0);
      if (opens.getTime() > at.getTime() && inWindow(w, opens)) starts.push(opens);
    }
  }
  return starts.sort((a, b) => a.getTime() - b.getTime())[0];
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

function daysInWords(days: readonly Weekday[]): string {
  const set = new Set(days);
  const has = (list: Weekday[]) => list.every((d) => set.has(d));
  const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const weekend: Weekday[] = ['sat', 'sun'];
  if (set.size === 7) return 'every day';
  if (set.size === 5 && has(weekdays)) return 'weekdays';
  if (set.size === 2 && has(weekend)) return 'weekends';
  const names = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)
    .filter((d) => set.has(d))
    .map((d) => DAY_NAMES[d]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** A wall time as GOV.UK style writes it: 9am, 5:30pm, midday, midnight. */
export function timeInWords(t: string): string {
  const m = minutesOf(t);
  if (m === 0) return 'midnight';
  if (m === 720) return 'midday';
  const h = Math.floor(m / 60) % 12 || 12;
  const mins = m % 60 ? `:${String(m % 60).padStart(2, '0')}` : '';
  return `${h}${mins}${m < 720 ? 'am' : 'pm'}`;
}

/** Safe windows in words ("weekdays, 9am to midday"); "any time" when none are given. */
export function describeWindows(windows: readonly ContactWindow[]): string {
  if (windows.length === 0) return 'any time';
  return windows.map((w) => `${daysInWords(w.days)}, ${timeInWords(w.from)} to ${timeInWords(w.to)}`).join('; ');
}
