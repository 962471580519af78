import { BANK_HOLIDAYS_RANGE_TEXT, isBankHoliday, isCoveredDate } from './bank-holidays.js';
import type { Clock, Nation } from './clock-schema.js';
import { plural } from './words.js';

/**
 * Clock arithmetic in Europe/London (DOMAIN.md "How clocks count"). Instants are `Date`s (UTC);
 * London dates are `YYYY-MM-DD` strings. Time is always passed in: nothing here reads the clock.
 *
 * Wall-clock times that do not exist (the spring-forward gap, e.g. 01:30 on 29 March 2026) are
 * moved one hour later in wall time (02:30 BST). Ambiguous times (the autumn hour that happens
 * twice, e.g. 01:30 on 25 October 2026) take the first occurrence (01:30 BST, 00:30 UTC).
 */

const HOUR_MS = 3_600_000;
/** A day of 24 hours in milliseconds (for instants; working days and clock changes are deadline()'s). */
export const DAY_MS = 86_400_000;

/** Thrown when counting a deadline needs a date outside the bank-holiday data. */
export class BankHolidayRangeError extends Error {
  override readonly name = 'BankHolidayRangeError';
  /** The London date (YYYY-MM-DD) the counting needed. */
  readonly londonDate: string;
  constructor(londonDate: string) {
    super(`Bank-holiday data covers ${BANK_HOLIDAYS_RANGE_TEXT} only; cannot count working days on ${londonDate}`);
    this.londonDate = londonDate;
  }
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** London's offset from UTC at an instant, in milliseconds, as Intl (the runtime's time-zone data) gives it. */
function intlOffset(instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of londonFormat.formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  // londonFormat asks for every one of these fields, so Intl gives each of them.
  const part = (type: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second') => {
    const value = parts[type];
    if (value === undefined) throw new Error(`Intl gave no ${type} for a London wall time`);
    return value;
  };
  const ms = ((instantMs % 1000) + 1000) % 1000; // offsets are whole seconds, so milliseconds carry over
  const naive = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
    ms,
  );
  return naive - instantMs;
}

/**
 * London's offsets as a table of spans of 2^31 ms (about 25 days), each filled from Intl on first use:
 * the offset at its start and, when the offset at its end differs, the instant of the change (found
 * by halving) and the offset after it. London's offset changes at most once in 25 days (twice a
 * year since 1972), so a span holds at most one change and every later lookup is one Map read and
 * one comparison: no Intl call per instant (which was most of the figures' time).
 */
interface OffsetSpan {
  before: number;
  /** The first instant at the offset `after` (Infinity: no change in this span). */
  changeAt: number;
  after: number;
}

const SPAN_MS = 2 ** 31;
/** The range of a JavaScript Date (±100,000,000 days), which Intl accepts. */
const DATE_LIMIT_MS = 8.64e15;
const spans = new Map<number, OffsetSpan>();

function spanOf(index: number): OffsetSpan {
  const start = Math.max(index * SPAN_MS, -DATE_LIMIT_MS);
  const end = Math.min(index * SPAN_MS + SPAN_MS - 1, DATE_LIMIT_MS);
  const before = intlOffset(start);
  const after = intlOffset(end);
  if (before === after) return { before, changeAt: Infinity, after };
  // intlOffset(lo) is `before`, intlOffset(hi) is `after`: halve until hi is the first instant of `after`.
  let lo = start;
  let hi = end;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (intlOffset(mid) === before) lo = mid;
    else hi = mid;
  }
  return { before, changeAt: hi, after };
}

/** London's offset from UTC at an instant, in milliseconds (0 in GMT, 3,600,000 in BST). */
function londonOffset(instantMs: number): number {
  const index = Math.floor(instantMs / SPAN_MS);
  let span = spans.get(index);
  if (span === undefined) {
    if (!(Math.abs(instantMs) <= DATE_LIMIT_MS)) throw new RangeError('Invalid time value');
    span = spanOf(index);
    spans.set(index, span);
  }
  return instantMs < span.changeAt ? span.before : span.after;
}

/**
 * London wall time of an instant as "naive" milliseconds: the UTC epoch value that has the same
 * calendar fields. Naive values have no clocks changes, so adding whole days to them keeps the
 * wall time.
 */
function naiveLondon(instantMs: number): number {
  return instantMs + londonOffset(instantMs);
}

/** The instant for a naive London wall time, resolving gaps and overlaps as the module doc says. */
function instantOfNaive(naiveMs: number): number {
  // The offsets either side of this wall time; a London clocks change is months from the next.
  const a = naiveMs - londonOffset(naiveMs - 2 * DAY_MS);
  const b = naiveMs - londonOffset(naiveMs + 2 * DAY_MS);
  const aFits = naiveLondon(a) === naiveMs;
  const bFits = naiveLondon(b) === naiveMs;
  // The first occurrence when ambiguous.
  if (aFits && bFits) return Math.min(a, b);
  if (aFits) return a;
  if (bFits) return b;
  return instantOfNaive(naiveMs + HOUR_MS); // in the spring-forward gap
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Naive milliseconds of midnight on a London date; rejects anything but a real YYYY-MM-DD date. */
function naiveMidnight(londonDate: string): number {
  const m = ISO_DATE.exec(londonDate);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== londonDate) {
    throw new RangeError('londonDate must be a calendar date as YYYY-MM-DD');
  }
  return ms;
}

/**
 * The YYYY-MM-DD of a naive time: the civil date of its day number (Hinnant's days-to-civil), as
 * `toISOString().slice(0, 10)` gives it without building a Date and a string of 24 characters.
 */
function dateOfNaive(naiveMs: number): string {
  const z = Math.floor(naiveMs / DAY_MS) + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // months since March
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // Four-digit years only (and never NaN): Date's own form for the rest, and its RangeError.
  if (!(year >= 1000 && year <= 9999)) return new Date(naiveMs).toISOString().slice(0, 10);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDateOf(instant: Date): string {
  return dateOfNaive(naiveLondon(instant.getTime()));
}

/** An instant's London wall time: its date, weekday (0 Sunday to 6 Saturday) and minutes past midnight. */
export function londonWallTime(instant: Date): { date: string; weekday: number; minutes: number } {
  const naive = naiveLondon(instant.getTime());
  const d = new Date(naive);
  return { date: dateOfNaive(naive), weekday: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** The London date `days` calendar days after `londonDate` (YYYY-MM-DD). */
export function londonDatePlus(londonDate: string, days: number): string {
  return dateOfNaive(naiveMidnight(londonDate) + days * DAY_MS);
}

/** The instant of a London wall time; a time in the spring gap moves an hour later, an autumn repeat takes the first. */
export function londonWallClock(londonDate: string, hh: number, mm: number, ss: number): Date {
  for (const [value, max] of [
    [hh, 23],
    [mm, 59],
    [ss, 59],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError('wall-clock time out of range');
  }
  return new Date(instantOfNaive(naiveMidnight(londonDate) + hh * HOUR_MS + mm * 60_000 + ss * 1000));
}

/** The same London wall-clock time `months` calendar months earlier; a missing day (29 Feb) becomes the month's last day. */
export function londonMonthsBefore(instant: Date, months: number): Date {
  const naive = new Date(naiveLondon(instant.getTime()));
  const index = naive.getUTCFullYear() * 12 + naive.getUTCMonth() - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  naive.setUTCFullYear(year, month, Math.min(naive.getUTCDate(), lastDay));
  return new Date(instantOfNaive(naive.getTime()));
}

/** Whether a London date is Monday to Friday and not a bank holiday of the nation; throws BankHolidayRangeError outside the data. */
export function isWorkingDay(londonDate: string, nation: Nation): boolean {
  return isWorkingNaiveDay(naiveMidnight(londonDate), nation);
}

/** isWorkingDay for the London day of a naive time (counting deadlines: no date string parsed back). */
function isWorkingNaiveDay(naiveMs: number, nation: Nation): boolean {
  const londonDate = dateOfNaive(naiveMs);
  const weekday = (((Math.floor(naiveMs / DAY_MS) + 4) % 7) + 7) % 7; // 1 January 1970 was a Thursday
  if (!isCoveredDate(londonDate)) throw new BankHolidayRangeError(londonDate);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(londonDate, nation);
}

/** The deadline of a clock started at `start`, counted as DOMAIN.md "How clocks count" says. */
export function deadline(start: Date, clock: Clock, nation: Nation): Date {
  const startMs = start.getTime();
  if (Number.isNaN(startMs)) throw new RangeError('start must be a valid date');
  // Minutes and hours are real time: a clocks change in between does not move the instant.
  if ('minutes' in clock) return new Date(startMs + clock.minutes * 60_000);
  if ('hours' in clock) return new Date(startMs + clock.hours * HOUR_MS);

  const naiveStart = naiveLondon(startMs);
  if ('days' in clock) return new Date(instantOfNaive(naiveStart + clock.days * DAY_MS));

  let naiveDay = naiveStart;
  let counted = 0;
  while (counted < clock.workingDays) {
    naiveDay += DAY_MS;
    if (isWorkingNaiveDay(naiveDay, nation)) counted += 1;
  }
  // naiveDay keeps the start's wall time; a working day is never a clocks-change Sunday.
  return new Date(instantOfNaive(naiveDay));
}

/** How long `now` is past `deadline`, in words: "2 days 3 hours", "5 hours 10 minutes", "0 minutes" if not past. */
export function overdueBy(deadline: Date, now: Date): string {
  const totalMinutes = Math.max(0, Math.floor((now.getTime() - deadline.getTime()) / 60_000));
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  // Two units at most: minutes do not matter once a duty is days late.
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return minutes > 0 ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` : plural(hours, 'hour');
  return plural(minutes, 'minute');
}

/** A monthly forum's place in the month, e.g. the last Thursday (association config lessonsLearned.forum). */
export interface MonthlyForum {
  week: 1 | 2 | 3 | 4 | 'last';
  weekday: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';
}

const WEEKDAY_NUMBER: Record<MonthlyForum['weekday'], number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
};

/** The forum's nominal date in a month (month 0–11), as naive midnight milliseconds. */
function forumDay(year: number, month: number, forum: MonthlyForum): number {
  const target = WEEKDAY_NUMBER[forum.weekday];
  if (forum.week === 'last') {
    const lastDay = Date.UTC(year, month + 1, 0);
    const back = (new Date(lastDay).getUTCDay() - target + 7) % 7;
    return lastDay - back * DAY_MS;
  }
  const firstDay = Date.UTC(year, month, 1);
  const forward = (target - new Date(firstDay).getUTCDay() + 7) % 7;
  return firstDay + (forward + (forum.week - 1) * 7) * DAY_MS;
}

/** The next monthly forum at 10:00 London strictly after `after`; a forum on a bank holiday moves to the next working day. */
export function nextMonthlyForum(after: Date, forum: MonthlyForum, nation: Nation): Date {
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new RangeError('after must be a valid date');
  const [year, month] = londonDateOf(after).split('-').map(Number) as [number, number];
  // Start a month early: a forum moved past a bank holiday can spill into the month of `after`.
  for (let i = -1; i < 24; i += 1) {
    let day = forumDay(year, month - 1 + i, forum);
    // Before the data (December 2024) no forum moves into January 2025, so that month can be skipped.
    if (i === -1 && !isCoveredDate(dateOfNaive(day))) continue;
    while (!isWorkingDay(dateOfNaive(day), nation)) day += DAY_MS;
    const at = londonWallClock(dateOfNaive(day), 10, 0, 0);
    if (at.getTime() > afterMs) return at;
  }
  throw new Error('no monthly forum found within two years'); // unreachable: every month has one
}
