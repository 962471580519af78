/**
 * DOMAIN "How clocks count": London time from the offset table (clocks.ts) is exactly what Intl's
 * Europe/London gives, 1990 to 2100, the clocks-change hours included. The oracle here is the
 * conversion clocks.ts made before the table: Intl's wall-clock fields for every instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deadline,
  londonDateOf,
  londonDatePlus,
  londonMonthsBefore,
  londonWallClock,
  londonWallTime,
} from '../../functions/core/clocks.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const intl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Intl's London wall time of an instant as naive milliseconds (the UTC value with the same fields). */
function intlNaive(ms: number): number {
  const p = Object.fromEntries(
    intl
      .formatToParts(new Date(ms))
      .filter((x) => x.type !== 'literal')
      .map((x) => [x.type, Number(x.value)]),
  ) as Record<string, number>;
  const f = (k: string) => p[k] ?? Number.NaN;
  return Date.UTC(
    f('year'),
    f('month') - 1,
    f('day'),
    f('hour'),
    f('minute'),
    f('second'),
    ((ms % 1000) + 1000) % 1000,
  );
}

/** The first instant whose Intl wall time is `naive`; a wall time in the spring gap moves an hour later. */
function intlInstant(naive: number): number {
  const offsets = [naive - 2 * DAY, naive + 2 * DAY].map((t) => intlNaive(t) - t);
  const fits = offsets.map((o) => naive - o).filter((t) => intlNaive(t) === naive);
  return fits.length ? Math.min(...fits) : intlInstant(naive + HOUR);
}

const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2101, 0, 1) - 1;
const iso = (naive: number) => new Date(naive).toISOString();

/** Every Sunday in March and October, 1990–2100, at 01:00 UTC: every UK clocks change since 1981 is one of them. */
function changeHours(): number[] {
  const hours: number[] = [];
  for (let year = 1990; year <= 2100; year++) {
    for (const month of [2, 9]) {
      for (let day = 1; day <= 31; day++) {
        const t = Date.UTC(year, month, day, 1);
        if (new Date(t).getUTCMonth() === month && new Date(t).getUTCDay() === 0) hours.push(t);
      }
    }
  }
  return hours;
}
const CHANGE_HOURS = changeHours();

/** An instant near one of the change hours (two hours either side, to the millisecond). */
const nearChange = fc
  .tuple(fc.constantFrom(...CHANGE_HOURS), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))
  .map(([t, d]) => t + d);
const anyInstant = fc.oneof(
  fc.date({ min: new Date(FROM), max: new Date(TO), noInvalidDate: true }).map((d) => d.getTime()),
  nearChange,
);

function expectWallTime(ms: number) {
  const naive = intlNaive(ms);
  const d = new Date(naive);
  expect(londonDateOf(new Date(ms))).toBe(iso(naive).slice(0, 10));
  expect(londonWallTime(new Date(ms))).toEqual({
    date: iso(naive).slice(0, 10),
    weekday: d.getUTCDay(),
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
  });
}

describe('DOMAIN "How clocks count": London time is exactly Intl Europe/London, 1990–2100', () => {
  it('every instant either side of each possible clocks-change hour has the date and wall time Intl gives', () => {
    // Prepare: 1 ms, 1 minute and 1 hour either side of 01:00 UTC on every March and October Sunday.
    const instants = CHANGE_HOURS.flatMap((t) => [-HOUR, -60_000, -1, 0, 1, 60_000, HOUR].map((d) => t + d));

    // Act and Assess
    for (const ms of instants) expectWallTime(ms);
  });

  it('any instant, and any near a clocks change, has the date and wall time Intl gives', () => {
    // Act and Assess
    fc.assert(
      fc.property(anyInstant, (ms) => expectWallTime(ms)),
      { numRuns: 3000 },
    );
  });

  it('a London wall time (gaps and repeats included) is the instant Intl gives, and so is a month earlier', () => {
    // Prepare: the wall times of instants near the changes, shifted by up to 90 minutes into gaps and repeats.
    const wall = fc.tuple(anyInstant, fc.integer({ min: -90, max: 90 })).map(([ms, m]) => intlNaive(ms) + m * 60_000);

    // Act and Assess
    fc.assert(
      fc.property(wall, fc.integer({ min: 0, max: 30 }), (naive, months) => {
        const d = new Date(naive);
        const at = londonWallClock(iso(naive).slice(0, 10), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
        expect(at.toISOString()).toBe(iso(intlInstant(naive - (naive % 1000))));
        // A month earlier from the instant's own wall time (a time in the gap has moved an hour on).
        const instant = intlInstant(naive);
        const earlier = new Date(intlNaive(instant));
        const index = earlier.getUTCFullYear() * 12 + earlier.getUTCMonth() - months;
        const last = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
        earlier.setUTCFullYear(Math.floor(index / 12), index % 12, Math.min(earlier.getUTCDate(), last));
        expect(londonMonthsBefore(new Date(instant), months).toISOString()).toBe(iso(intlInstant(earlier.getTime())));
      }),
      { numRuns: 3000 },
    );
  });

  it('a clock of whole days keeps the London wall time across clocks changes, as Intl counts it', () => {
    // Act and Assess
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 60 }), (ms, days) => {
        const due = deadline(new Date(ms), { days }, 'england-and-wales');
        expect(due.toISOString()).toBe(iso(intlInstant(intlNaive(ms) + days * DAY)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a date some days on is the calendar date Date gives, years 1 to 9999 and beyond', () => {
    // Act and Assess
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 3_000_000 }), (days) => {
        expect(londonDatePlus('1970-01-01', days)).toBe(new Date(days * DAY).toISOString().slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });
});
