import type { Nation } from './clock-schema.js';

/**
 * UK bank holidays as GOV.UK publishes them (https://www.gov.uk/bank-holidays), 2025–2028.
 *
 * Data, not computed: each date is the day offices close, so weekend dates are left out and
 * substitute days are in (e.g. Scotland 1 December 2025 for St Andrew's Day on a Sunday,
 * Northern Ireland 14 July 2025 and 13 July 2026 for the Battle of the Boyne on a weekend).
 * No one-off holidays fall in this range. Checked against date-holidays 3.37.0 in
 * test/unit/bank-holidays.test.ts. Extending the range: add a year to every nation and move
 * BANK_HOLIDAYS_LAST_DATE; clocks.ts refuses to count past it rather than guess.
 */
export const BANK_HOLIDAYS: Readonly<Record<Nation, readonly string[]>> = {
  'england-and-wales': [
    // 2025
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    // 2026: Boxing Day is a Saturday, substitute Monday 28 December
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    // 2027: Christmas and Boxing Day fall on the weekend, substitutes 27 and 28 December
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
    // 2028: New Year's Day is a Saturday, substitute Monday 3 January
    '2028-01-03',
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
  scotland: [
    // Scotland: 2 January and St Andrew's Day (30 November), no Easter Monday, summer holiday the first Monday of August.
    // 2025: St Andrew's Day is a Sunday, substitute Monday 1 December
    '2025-01-01',
    '2025-01-02',
    '2025-04-18',
    '2025-05-05',
    '2025-05-26',
    '2025-08-04',
    '2025-12-01',
    '2025-12-25',
    '2025-12-26',
    // 2026
    '2026-01-01',
    '2026-01-02',
    '2026-04-03',
    '2026-05-04',
    '2026-05-25',
    '2026-08-03',
    '2026-11-30',
    '2026-12-25',
    '2026-12-28',
    // 2027: 2 January is a Saturday, substitute Monday 4 January
    '2027-01-01',
    '2027-01-04',
    '2027-03-26',
    '2027-05-03',
    '2027-05-31',
    '2027-08-02',
    '2027-11-30',
    '2027-12-27',
    '2027-12-28',
    // 2028: 1 and 2 January fall on the weekend, substitutes 3 and 4 January
    '2028-01-03',
    '2028-01-04',
    '2028-04-14',
    '2028-05-01',
    '2028-05-29',
    '2028-08-07',
    '2028-11-30',
    '2028-12-25',
    '2028-12-26',
  ],
  'northern-ireland': [
    // Northern Ireland: England and Wales' list plus St Patrick's Day (17 March) and the Battle of the Boyne (12 July).
    // 2025: 12 July is a Saturday, substitute Monday 14 July
    '2025-01-01',
    '2025-03-17',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-07-14',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    // 2026: 12 July is a Sunday, substitute Monday 13 July
    '2026-01-01',
    '2026-03-17',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-07-13',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    // 2027
    '2027-01-01',
    '2027-03-17',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-07-12',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
    // 2028
    '2028-01-03',
    '2028-03-17',
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-07-12',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
};

/** First London date the bank-holiday data covers (inclusive). */
export const BANK_HOLIDAYS_FIRST_DATE = '2025-01-01';

/** Last London date the bank-holiday data covers (inclusive). */
export const BANK_HOLIDAYS_LAST_DATE = '2028-12-31';

/** The covered range in words, for error messages. */
export const BANK_HOLIDAYS_RANGE_TEXT = '2025–2028';

const sets: Record<Nation, ReadonlySet<string>> = {
  'england-and-wales': new Set(BANK_HOLIDAYS['england-and-wales']),
  scotland: new Set(BANK_HOLIDAYS.scotland),
  'northern-ireland': new Set(BANK_HOLIDAYS['northern-ireland']),
};

/** Whether a London date (YYYY-MM-DD) is in the data's covered range. */
export function isCoveredDate(londonDate: string): boolean {
  // ISO dates compare correctly as strings.
  return londonDate >= BANK_HOLIDAYS_FIRST_DATE && londonDate <= BANK_HOLIDAYS_LAST_DATE;
}

/** Whether a London date (YYYY-MM-DD) is a bank holiday of the nation; callers check the range first. */
export function isBankHoliday(londonDate: string, nation: Nation): boolean {
  return sets[nation].has(londonDate);
}
