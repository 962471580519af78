/**
 * London calendar arithmetic for reporting windows (DOMAIN "How clocks count": everything runs in
 * Europe/London time). Deadlines themselves are clocks.ts's job; this file only answers "which
 * London date is this instant on" and "the same London time N months earlier".
 */

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function wallTime(d: Date): WallTime {
  const parts: Record<string, string> = {};
  for (const p of LONDON.formatToParts(d)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: d.getUTCMilliseconds(),
  };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

/** The instant at a London wall-clock time (in the autumn repeated hour, the first of the two). */
function fromWallTime(w: WallTime): Date {
  const guess = asUtc(w);
  const offsetAt = (t: number) => asUtc(wallTime(new Date(t))) - t;
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The London calendar date of an instant, as YYYY-MM-DD. */
export function londonDate(d: Date): string {
  const w = wallTime(d);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The same London wall-clock time `months` calendar months earlier; a missing day (29 Feb) becomes the month's last day. */
export function londonMonthsBefore(d: Date, months: number): Date {
  const w = wallTime(d);
  const index = w.year * 12 + (w.month - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return fromWallTime({ ...w, year, month, day: Math.min(w.day, lastDay) });
}
