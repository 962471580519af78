import { describe, expect, it } from 'vitest';
import type { Clock, Nation } from '../../functions/core/clock-schema.js';
import {
  BankHolidayRangeError,
  deadline,
  isWorkingDay,
  londonDateOf,
  londonWallClock,
  type MonthlyForum,
  nextMonthlyForum,
  overdueBy,
} from '../../functions/core/clocks.js';

type DeadlineCase = [name: string, start: string, clock: Clock, nation: Nation, expected: string];

function runDeadlines(cases: DeadlineCase[]) {
  for (const [name, start, clock, nation, expected] of cases) {
    it(`${name}: ${start} + ${JSON.stringify(clock)} (${nation}) → ${expected}`, () => {
      // Act
      const due = deadline(new Date(start), clock, nation);

      // Assess
      expect(due.toISOString()).toBe(expected);
    });
  }
}

const EW: Nation = 'england-and-wales';
const SC: Nation = 'scotland';
const NI: Nation = 'northern-ireland';

describe('DOMAIN "How clocks count": the worked examples', () => {
  runDeadlines([
    [
      '003/001 §7 one working day: Saturday 14:00 London → Monday 14:00 (BST)',
      '2026-06-13T13:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-06-15T13:00:00.000Z',
    ],
    [
      '003/001 §7 one working day: Saturday 14:00 London → Monday 14:00 (GMT)',
      '2026-01-10T14:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-01-12T14:00:00.000Z',
    ],
    [
      '000 CQC 5 working days: Fri 18 Dec 2026 16:00 → Tue 29 Dec 16:00 (25, 28 Dec bank holidays)',
      '2026-12-18T16:00:00.000Z',
      { workingDays: 5 },
      EW,
      '2026-12-29T16:00:00.000Z',
    ],
    ['004 §7.5.1 initial contact 24 hours', '2026-06-13T13:00:00.000Z', { hours: 24 }, EW, '2026-06-14T13:00:00.000Z'],
    ['000 holding area 21 days', '2026-05-01T14:00:00.000Z', { days: 21 }, EW, '2026-05-22T14:00:00.000Z'],
    [
      '000 holding area 21 days across the October change: 10:00 BST → 10:00 GMT',
      '2026-10-10T09:00:00.000Z',
      { days: 21 },
      EW,
      '2026-10-31T10:00:00.000Z',
    ],
    ['001 §7 contact every 14 days', '2026-02-02T09:30:00.000Z', { days: 14 }, EW, '2026-02-16T09:30:00.000Z'],
    [
      '001 §7 contact every 14 days across the October change: 09:00 BST → 09:00 GMT',
      '2026-10-20T08:00:00.000Z',
      { days: 14 },
      EW,
      '2026-11-03T09:00:00.000Z',
    ],
    [
      '001 §7 contact every 14 days across the March change: 09:00 GMT → 09:00 BST',
      '2026-03-20T09:00:00.000Z',
      { days: 14 },
      EW,
      '2026-04-03T08:00:00.000Z',
    ],
  ]);
});

describe('DOMAIN working days: weekends and the London date of the start', () => {
  runDeadlines([
    [
      '003 one working day: Friday → Monday',
      '2026-06-12T08:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-06-15T08:00:00.000Z',
    ],
    [
      '003 one working day: Sunday → Monday',
      '2026-06-14T10:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-06-15T10:00:00.000Z',
    ],
    [
      '003 one working day: Wednesday → Thursday',
      '2026-06-10T10:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-06-11T10:00:00.000Z',
    ],
    [
      '003 one working day: Sunday 23:30 UTC is Monday 00:30 London, so Tuesday 00:30 London',
      '2026-06-14T23:30:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-06-15T23:30:00.000Z',
    ],
    [
      '000 5 working days: Friday → next Friday',
      '2026-01-09T16:00:00.000Z',
      { workingDays: 5 },
      EW,
      '2026-01-16T16:00:00.000Z',
    ],
    [
      '000 5 working days: Saturday → next Friday',
      '2026-01-10T16:00:00.000Z',
      { workingDays: 5 },
      EW,
      '2026-01-16T16:00:00.000Z',
    ],
    [
      '003 milliseconds of the start are kept',
      '2026-01-10T14:00:00.250Z',
      { workingDays: 1 },
      EW,
      '2026-01-12T14:00:00.250Z',
    ],
  ]);
});

describe("DOMAIN working days: each nation's bank holidays", () => {
  runDeadlines([
    [
      'E&W Good Friday and Easter Monday 2026',
      '2026-04-02T09:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-04-07T09:00:00.000Z',
    ],
    ['Scotland has no Easter Monday', '2026-04-02T09:00:00.000Z', { workingDays: 1 }, SC, '2026-04-06T09:00:00.000Z'],
    [
      'NI Good Friday and Easter Monday 2026',
      '2026-04-02T09:00:00.000Z',
      { workingDays: 1 },
      NI,
      '2026-04-07T09:00:00.000Z',
    ],
    ['E&W 1 January only', '2025-12-31T12:00:00.000Z', { workingDays: 1 }, EW, '2026-01-02T12:00:00.000Z'],
    ['Scotland 1 and 2 January', '2025-12-31T12:00:00.000Z', { workingDays: 1 }, SC, '2026-01-05T12:00:00.000Z'],
    ['NI 1 January only', '2025-12-31T12:00:00.000Z', { workingDays: 1 }, NI, '2026-01-02T12:00:00.000Z'],
    [
      "Scotland St Andrew's Day 2026 (Monday 30 Nov)",
      '2026-11-27T15:00:00.000Z',
      { workingDays: 1 },
      SC,
      '2026-12-01T15:00:00.000Z',
    ],
    ["E&W has no St Andrew's Day", '2026-11-27T15:00:00.000Z', { workingDays: 1 }, EW, '2026-11-30T15:00:00.000Z'],
    [
      "Scotland St Andrew's Day 2025 substitute, Monday 1 Dec",
      '2025-11-28T15:00:00.000Z',
      { workingDays: 1 },
      SC,
      '2025-12-02T15:00:00.000Z',
    ],
    [
      'Scotland summer holiday, first Monday of August 2026',
      '2026-07-31T09:00:00.000Z',
      { workingDays: 1 },
      SC,
      '2026-08-04T09:00:00.000Z',
    ],
    [
      'E&W works the first Monday of August',
      '2026-07-31T09:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-08-03T09:00:00.000Z',
    ],
    [
      'E&W summer holiday, last Monday of August 2026',
      '2026-08-28T09:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-09-01T09:00:00.000Z',
    ],
    [
      'Scotland works the last Monday of August',
      '2026-08-28T09:00:00.000Z',
      { workingDays: 1 },
      SC,
      '2026-08-31T09:00:00.000Z',
    ],
    [
      "NI St Patrick's Day 2026 (Tuesday)",
      '2026-03-16T11:00:00.000Z',
      { workingDays: 1 },
      NI,
      '2026-03-18T11:00:00.000Z',
    ],
    ["E&W works St Patrick's Day", '2026-03-16T11:00:00.000Z', { workingDays: 1 }, EW, '2026-03-17T11:00:00.000Z'],
    ['NI 12 July 2027 (Monday)', '2027-07-09T09:00:00.000Z', { workingDays: 1 }, NI, '2027-07-13T09:00:00.000Z'],
    ['E&W works 12 July', '2027-07-09T09:00:00.000Z', { workingDays: 1 }, EW, '2027-07-12T09:00:00.000Z'],
    [
      'NI Battle of the Boyne 2026 substitute, Monday 13 July',
      '2026-07-10T09:00:00.000Z',
      { workingDays: 1 },
      NI,
      '2026-07-14T09:00:00.000Z',
    ],
    [
      'E&W New Year 2028 substitute, Monday 3 Jan',
      '2027-12-31T12:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2028-01-04T12:00:00.000Z',
    ],
    [
      'Scotland New Year 2028 substitutes, 3 and 4 Jan',
      '2027-12-31T12:00:00.000Z',
      { workingDays: 1 },
      SC,
      '2028-01-05T12:00:00.000Z',
    ],
    [
      '000 5 working days, Scotland over Christmas 2026',
      '2026-12-18T16:00:00.000Z',
      { workingDays: 5 },
      SC,
      '2026-12-29T16:00:00.000Z',
    ],
    [
      '000 5 working days, Scotland into New Year 2027 (1 Jan, 4 Jan substitute)',
      '2026-12-24T10:00:00.000Z',
      { workingDays: 5 },
      SC,
      '2027-01-06T10:00:00.000Z',
    ],
    [
      '000 5 working days, E&W into New Year 2027 (1 Jan only)',
      '2026-12-24T10:00:00.000Z',
      { workingDays: 5 },
      EW,
      '2027-01-05T10:00:00.000Z',
    ],
  ]);
});

describe('DOMAIN clocks across the 2026 clock changes (29 March, 25 October)', () => {
  runDeadlines([
    [
      'N hours are real hours: 24 hours over 29 March is 13:00 BST',
      '2026-03-28T12:00:00.000Z',
      { hours: 24 },
      EW,
      '2026-03-29T12:00:00.000Z',
    ],
    [
      'N hours are real hours: 24 hours over 25 October is 12:00 GMT',
      '2026-10-24T12:00:00.000Z',
      { hours: 24 },
      EW,
      '2026-10-25T12:00:00.000Z',
    ],
    [
      'N days keep wall time: 1 day over 29 March, 12:00 GMT → 12:00 BST (23 hours)',
      '2026-03-28T12:00:00.000Z',
      { days: 1 },
      EW,
      '2026-03-29T11:00:00.000Z',
    ],
    [
      'N days keep wall time: 1 day over 25 October, 12:00 BST → 12:00 GMT (25 hours)',
      '2026-10-24T11:00:00.000Z',
      { days: 1 },
      EW,
      '2026-10-25T12:00:00.000Z',
    ],
    [
      'N working days keep wall time: Fri 16:00 GMT → Mon 16:00 BST',
      '2026-03-27T16:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-03-30T15:00:00.000Z',
    ],
    [
      'N working days keep wall time: Fri 16:00 BST → Mon 16:00 GMT',
      '2026-10-23T15:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2026-10-26T16:00:00.000Z',
    ],
    [
      'N days into the spring gap: 01:30 does not exist on 29 March, so 02:30 BST',
      '2026-03-28T01:30:00.000Z',
      { days: 1 },
      EW,
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'N days into the autumn overlap: 01:30 on 25 October is the first (BST) one',
      '2026-10-24T00:30:00.000Z',
      { days: 1 },
      EW,
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'N days from the second 01:30 (GMT) on 25 October',
      '2026-10-25T01:30:00.000Z',
      { days: 1 },
      EW,
      '2026-10-26T01:30:00.000Z',
    ],
    [
      'N days from the first 01:30 (BST) on 25 October',
      '2026-10-25T00:30:00.000Z',
      { days: 1 },
      EW,
      '2026-10-26T01:30:00.000Z',
    ],
    [
      'N minutes are real minutes: 30 minutes from 00:45 GMT on 29 March is 02:15 BST (01:15 UTC)',
      '2026-03-29T00:45:00.000Z',
      { minutes: 30 },
      EW,
      '2026-03-29T01:15:00.000Z',
    ],
    [
      'N minutes are real minutes: 30 minutes from the first 01:45 (BST) on 25 October is 01:15 GMT',
      '2026-10-25T00:45:00.000Z',
      { minutes: 30 },
      EW,
      '2026-10-25T01:15:00.000Z',
    ],
    [
      'N minutes ignore working days: 30 minutes from Saturday 23:50 on 26 December is Sunday 00:20',
      '2026-12-26T23:50:00.000Z',
      { minutes: 30 },
      EW,
      '2026-12-27T00:20:00.000Z',
    ],
    [
      'N days keep milliseconds across 29 March',
      '2026-03-28T12:00:00.123Z',
      { days: 1 },
      EW,
      '2026-03-29T11:00:00.123Z',
    ],
  ]);
});

describe('DOMAIN bank-holiday range: a deadline beyond the data is an error, never a guess', () => {
  it('1 working day from Friday 29 Dec 2028 needs 1 Jan 2029: throws naming the date and 2025–2028', () => {
    // Act
    const run = () => deadline(new Date('2028-12-29T10:00:00Z'), { workingDays: 1 }, EW);

    // Assess
    expect(run).toThrow(BankHolidayRangeError);
    expect(run).toThrow('Bank-holiday data covers 2025–2028 only; cannot count working days on 2029-01-01');
  });

  it('1 working day from 30 Dec 2024 needs 31 Dec 2024: throws naming it', () => {
    // Act
    const run = () => deadline(new Date('2024-12-30T10:00:00Z'), { workingDays: 1 }, SC);

    // Assess
    expect(run).toThrow(BankHolidayRangeError);
    expect(run).toThrow(/covers 2025–2028.*2024-12-31/);
  });

  it('the error carries the London date and its class name', () => {
    // Act
    let e: unknown;
    try {
      deadline(new Date('2028-12-29T10:00:00Z'), { workingDays: 1 }, NI);
      expect.unreachable();
    } catch (thrown) {
      e = thrown;
    }

    // Assess
    expect(e).toBeInstanceOf(BankHolidayRangeError);
    expect((e as BankHolidayRangeError).londonDate).toBe('2029-01-01');
    expect((e as Error).name).toBe('BankHolidayRangeError');
  });

  runDeadlines([
    [
      'the last covered working day is still counted',
      '2028-12-28T10:00:00.000Z',
      { workingDays: 1 },
      EW,
      '2028-12-29T10:00:00.000Z',
    ],
    [
      'hours clocks need no bank holidays, so work beyond the data',
      '2029-06-01T10:00:00.000Z',
      { hours: 24 },
      EW,
      '2029-06-02T10:00:00.000Z',
    ],
    [
      'days clocks need no bank holidays, so work beyond the data',
      '2029-06-01T10:00:00.000Z',
      { days: 14 },
      EW,
      '2029-06-15T10:00:00.000Z',
    ],
  ]);
});

describe('isWorkingDay (DOMAIN working days)', () => {
  const cases: Array<[string, Nation, boolean]> = [
    ['2026-12-24', EW, true],
    ['2026-12-25', EW, false],
    ['2026-12-26', EW, false], // Saturday
    ['2026-12-27', EW, false], // Sunday
    ['2026-12-28', EW, false], // Boxing Day substitute
    ['2026-04-06', SC, true],
    ['2026-04-06', EW, false],
    ['2026-03-17', NI, false],
    ['2026-03-17', EW, true],
  ];
  for (const [date, nation, expected] of cases) {
    it(`${date} ${nation} → ${expected}`, () => {
      // Act
      const working = isWorkingDay(date, nation);

      // Assess
      expect(working).toBe(expected);
    });
  }
  it.each<[name: string, date: string, error: typeof BankHolidayRangeError | typeof RangeError]>([
    ['after the data (2029-01-02) throws BankHolidayRangeError', '2029-01-02', BankHolidayRangeError],
    ['before the data (2024-12-31) throws BankHolidayRangeError', '2024-12-31', BankHolidayRangeError],
    ['an impossible date (2026-02-30) throws RangeError', '2026-02-30', RangeError],
    ['a malformed date (26-01-01) throws RangeError', '26-01-01', RangeError],
  ])('%s', (_name, date, error) => {
    // Act
    const act = () => isWorkingDay(date, EW);

    // Assess
    expect(act).toThrow(error);
  });
});

describe('londonDateOf and londonWallClock (DOMAIN: clocks run in Europe/London)', () => {
  const dates: Array<[string, string]> = [
    ['2026-06-14T23:30:00Z', '2026-06-15'], // 00:30 BST
    ['2026-01-14T23:30:00Z', '2026-01-14'], // 23:30 GMT
    ['2026-03-29T00:59:59Z', '2026-03-29'],
    ['2026-10-24T23:00:00Z', '2026-10-25'], // 00:00 BST
  ];
  for (const [instant, expected] of dates) {
    it(`londonDateOf ${instant} → ${expected}`, () => {
      // Act
      const date = londonDateOf(new Date(instant));

      // Assess
      expect(date).toBe(expected);
    });
  }

  const walls: Array<[string, [string, number, number, number], string]> = [
    ['summer 10:00 is 09:00 UTC', ['2026-07-01', 10, 0, 0], '2026-07-01T09:00:00.000Z'],
    ['winter 10:00 is 10:00 UTC', ['2026-01-15', 10, 0, 0], '2026-01-15T10:00:00.000Z'],
    ['last second before the spring gap', ['2026-03-29', 0, 59, 59], '2026-03-29T00:59:59.000Z'],
    ['spring gap 01:00 moves to 02:00 BST', ['2026-03-29', 1, 0, 0], '2026-03-29T01:00:00.000Z'],
    ['spring gap 01:30 moves to 02:30 BST', ['2026-03-29', 1, 30, 0], '2026-03-29T01:30:00.000Z'],
    ['02:00 BST on 29 March', ['2026-03-29', 2, 0, 0], '2026-03-29T01:00:00.000Z'],
    ['autumn overlap 01:30 takes the first (BST)', ['2026-10-25', 1, 30, 0], '2026-10-25T00:30:00.000Z'],
    ['autumn 02:00 is GMT', ['2026-10-25', 2, 0, 0], '2026-10-25T02:00:00.000Z'],
    ['autumn 00:59 is BST', ['2026-10-25', 0, 59, 0], '2026-10-24T23:59:00.000Z'],
  ];
  for (const [name, args, expected] of walls) {
    it(`londonWallClock ${name}`, () => {
      // Act
      const instant = londonWallClock(...args);

      // Assess
      expect(instant.toISOString()).toBe(expected);
    });
  }
  it.each<[name: string, date: string, hour: number]>([
    ['londonWallClock rejects impossible times (24:00)', '2026-01-01', 24],
    ['londonWallClock rejects impossible dates (month 13)', '2026-13-01', 10],
  ])('%s', (_name, date, hour) => {
    // Act
    const act = () => londonWallClock(date, hour, 0, 0);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('overdueBy (000 21 days: line manager told how late)', () => {
  const due = new Date('2026-06-01T10:00:00Z');
  const after = (ms: number) => new Date(due.getTime() + ms);
  const H = 3_600_000;
  const M = 60_000;
  const cases: Array<[number, string]> = [
    [2 * 24 * H + 3 * H, '2 days 3 hours'],
    [24 * H, '1 day'],
    [24 * H + 59 * M, '1 day'],
    [24 * H + H, '1 day 1 hour'],
    [5 * H + 10 * M, '5 hours 10 minutes'],
    [H, '1 hour'],
    [M, '1 minute'],
    [30_000, '0 minutes'],
    [-H, '0 minutes'],
  ];
  for (const [ms, expected] of cases) {
    it(`${ms} ms past the deadline → "${expected}"`, () => {
      // Act
      const late = overdueBy(due, after(ms));

      // Assess
      expect(late).toBe(expected);
    });
  }
});

describe('nextMonthlyForum (000 lessons learned at the monthly forum)', () => {
  type ForumCase = [name: string, after: string, forum: MonthlyForum, nation: Nation, expected: string];
  const cases: ForumCase[] = [
    [
      'last Thursday of June 2026, 10:00 BST',
      '2026-06-01T00:00:00Z',
      { week: 'last', weekday: 'thursday' },
      EW,
      '2026-06-25T09:00:00.000Z',
    ],
    [
      'one second before the forum still gets it',
      '2026-06-25T08:59:59Z',
      { week: 'last', weekday: 'thursday' },
      EW,
      '2026-06-25T09:00:00.000Z',
    ],
    [
      'strictly after: at the forum instant → next month',
      '2026-06-25T09:00:00Z',
      { week: 'last', weekday: 'thursday' },
      EW,
      '2026-07-30T09:00:00.000Z',
    ],
    [
      'second Wednesday of December 2026, 10:00 GMT',
      '2026-12-01T00:00:00Z',
      { week: 2, weekday: 'wednesday' },
      EW,
      '2026-12-09T10:00:00.000Z',
    ],
    [
      'fourth Thursday of October 2026',
      '2026-10-01T00:00:00Z',
      { week: 4, weekday: 'thursday' },
      EW,
      '2026-10-22T09:00:00.000Z',
    ],
    [
      'first Monday of May 2026 is a bank holiday → Tuesday',
      '2026-04-15T00:00:00Z',
      { week: 1, weekday: 'monday' },
      EW,
      '2026-05-05T09:00:00.000Z',
    ],
    [
      'first Monday of August 2026, Scotland holiday → Tuesday',
      '2026-07-15T00:00:00Z',
      { week: 1, weekday: 'monday' },
      SC,
      '2026-08-04T09:00:00.000Z',
    ],
    [
      'first Monday of August 2026, E&W works',
      '2026-07-15T00:00:00Z',
      { week: 1, weekday: 'monday' },
      EW,
      '2026-08-03T09:00:00.000Z',
    ],
    [
      'third Tuesday of March 2026, NI St Patrick → Wednesday',
      '2026-03-01T00:00:00Z',
      { week: 3, weekday: 'tuesday' },
      NI,
      '2026-03-18T10:00:00.000Z',
    ],
    [
      'third Tuesday of March 2026, E&W works',
      '2026-03-01T00:00:00Z',
      { week: 3, weekday: 'tuesday' },
      EW,
      '2026-03-17T10:00:00.000Z',
    ],
    [
      'last Friday of December 2026 is Christmas → Tuesday 29th',
      '2026-12-10T00:00:00Z',
      { week: 'last', weekday: 'friday' },
      EW,
      '2026-12-29T10:00:00.000Z',
    ],
    [
      'last Monday of August 2026 → Tuesday 1 September',
      '2026-08-01T00:00:00Z',
      { week: 'last', weekday: 'monday' },
      EW,
      '2026-09-01T09:00:00.000Z',
    ],
    [
      "August's forum moved into September is found from 1 September",
      '2026-09-01T08:00:00Z',
      { week: 'last', weekday: 'monday' },
      EW,
      '2026-09-01T09:00:00.000Z',
    ],
    [
      'first Thursday of January 2025, at the start of the data',
      '2025-01-02T00:00:00Z',
      { week: 1, weekday: 'thursday' },
      EW,
      '2025-01-02T10:00:00.000Z',
    ],
  ];
  for (const [name, after, forum, nation, expected] of cases) {
    it(`${name}: after ${after} → ${expected}`, () => {
      // Act
      const next = nextMonthlyForum(new Date(after), forum, nation);

      // Assess
      expect(next.toISOString()).toBe(expected);
    });
  }
  it('a forum beyond the data throws BankHolidayRangeError', () => {
    // Act
    const act = () => nextMonthlyForum(new Date('2028-12-29T12:00:00Z'), { week: 'last', weekday: 'friday' }, EW);

    // Assess
    expect(act).toThrow(/covers 2025–2028.*2029-01-26/);
  });
});
