import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAYS,
  BANK_HOLIDAYS_FIRST_DATE,
  BANK_HOLIDAYS_LAST_DATE,
  isBankHoliday,
  isCoveredDate,
} from '../../functions/core/bank-holidays.js';
import type { Nation } from '../../functions/core/clock-schema.js';
import { defined } from '../support/defined.js';

const YEARS = [2025, 2026, 2027, 2028] as const;
const NATIONS: readonly Nation[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const STATE: Record<Nation, string> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };

const isWeekend = (isoDate: string) => [0, 6].includes(new Date(`${isoDate}T12:00:00Z`).getUTCDay());

/**
 * date-holidays' days off for a GB state and year, as GOV.UK lists them: public holidays only
 * (it also returns observances such as Mother's Day and Easter Sunday) with weekend dates dropped
 * (the substitute weekday is listed alongside).
 */
function dateHolidaysList(state: string, year: number): string[] {
  const holidays = new Holidays('GB', state).getHolidays(year);
  const days = holidays.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
  return [...new Set(days)].filter((d) => !isWeekend(d)).sort();
}

const shipped = (nation: Nation, year: number) => BANK_HOLIDAYS[nation].filter((d) => d.startsWith(`${year}-`));

// No exceptions: for 2025–2028 date-holidays 3.37.0 and GOV.UK agree on every date for all three
// nations (checked by hand against GOV.UK; the E&W 2026 and 2027 lists are also pinned below).
// If a future year differs, keep GOV.UK's date in BANK_HOLIDAYS and list the difference here, with why.
describe('DOMAIN working days: shipped bank holidays equal date-holidays GB lists, weekends dropped', () => {
  for (const nation of NATIONS) {
    for (const year of YEARS) {
      it(`${nation} ${year} equals date-holidays GB-${STATE[nation]}`, () => {
        // Prepare
        const expected = dateHolidaysList(STATE[nation], year);

        // Act
        const dates = shipped(nation, year);

        // Assess
        expect(dates).toEqual(expected);
      });
    }
  }
  for (const year of YEARS) {
    it(`england-and-wales ${year}: date-holidays GB-WLS agrees with GB-ENG`, () => {
      // Prepare
      const expected = shipped('england-and-wales', year);

      // Act
      const wales = dateHolidaysList('WLS', year);

      // Assess
      expect(wales).toEqual(expected);
    });
  }
});

describe('DOMAIN working days: shape of the shipped data', () => {
  for (const nation of NATIONS) {
    it(`${nation}: sorted, unique, weekdays only, inside the covered range`, () => {
      // Act
      const dates = BANK_HOLIDAYS[nation];

      // Assess
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.filter(isWeekend)).toEqual([]);
      expect(dates.filter((d) => !isCoveredDate(d))).toEqual([]);
      expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    });
  }

  it('covered range is 2025-01-01 to 2028-12-31', () => {
    // Act
    const range = [BANK_HOLIDAYS_FIRST_DATE, BANK_HOLIDAYS_LAST_DATE];

    // Assess
    expect(range).toEqual(['2025-01-01', '2028-12-31']);
  });
  it.each([
    ['2024-12-31 is not covered', '2024-12-31', false],
    ['2025-01-01 is covered', '2025-01-01', true],
    ['2028-12-31 is covered', '2028-12-31', true],
    ['2029-01-01 is not covered', '2029-01-01', false],
  ])('covered range: %s', (_name, date, expected) => {
    // Act
    const covered = isCoveredDate(date);

    // Assess
    expect(covered).toBe(expected);
  });
});

describe('DOMAIN working days: GOV.UK lists and nation quirks (STACK.md)', () => {
  const cases: Array<[string, Nation, readonly string[]]> = [
    [
      'E&W 2026 as GOV.UK',
      'england-and-wales',
      ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ],
    [
      'E&W 2027 as GOV.UK',
      'england-and-wales',
      ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    ],
  ];
  for (const [name, nation, expected] of cases) {
    it(name, () => {
      // Act
      const dates = shipped(nation, Number(defined(expected.at(0), 'an expected date').slice(0, 4)));

      // Assess
      expect(dates).toEqual(expected);
    });
  }

  const membership: Array<[string, string, Nation, boolean]> = [
    ['Scotland 2 January', '2026-01-02', 'scotland', true],
    ['E&W has no 2 January', '2026-01-02', 'england-and-wales', false],
    ["Scotland St Andrew's Day", '2026-11-30', 'scotland', true],
    ["Scotland St Andrew's Day 2025 substitute (30 Nov is a Sunday)", '2025-12-01', 'scotland', true],
    ['Scotland has no Easter Monday', '2026-04-06', 'scotland', false],
    ['Scotland summer holiday, first Monday of August', '2026-08-03', 'scotland', true],
    ['Scotland has no last-Monday-of-August holiday', '2026-08-31', 'scotland', false],
    ['Scotland 2027 2 January substitute', '2027-01-04', 'scotland', true],
    ['Scotland 2028 New Year substitutes, 4 January', '2028-01-04', 'scotland', true],
    ["NI St Patrick's Day", '2026-03-17', 'northern-ireland', true],
    ["E&W has no St Patrick's Day", '2026-03-17', 'england-and-wales', false],
    ['NI 12 July', '2027-07-12', 'northern-ireland', true],
    ['NI Battle of the Boyne 2025 substitute (12 July is a Saturday)', '2025-07-14', 'northern-ireland', true],
    ['NI Battle of the Boyne 2026 substitute (12 July is a Sunday)', '2026-07-13', 'northern-ireland', true],
    ['E&W 2028 New Year substitute', '2028-01-03', 'england-and-wales', true],
    ['weekend holiday itself is not listed (Boxing Day 2026, Saturday)', '2026-12-26', 'england-and-wales', false],
  ];
  for (const [name, date, nation, expected] of membership) {
    it(`${name}: ${date} ${nation} → ${expected}`, () => {
      // Act
      const holiday = isBankHoliday(date, nation);

      // Assess
      expect(holiday).toBe(expected);
    });
  }
});
