import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { isRepeatReport } from '../../functions/core/rules/repeat-report.js';

const FIRST = '2026-11-25T10:00:00.000Z';
const laterBy = (ms: number) => new Date(Date.parse(FIRST) + ms);
const HOUR = 3_600_000;
const DAY = { hours: 24 };

describe('a keyless report sent again is the same report only within the duplicate window, never onto a closed case', () => {
  it.each([
    { words: 'a minute later', ms: 60_000, status: 'open', repeat: true },
    { words: 'exactly 24 hours later', ms: 24 * HOUR, status: 'open', repeat: true },
    { words: '24 hours and a millisecond later', ms: 24 * HOUR + 1, status: 'open', repeat: false },
    { words: 'ten days later', ms: 240 * HOUR, status: 'open', repeat: false },
    { words: 'a minute later onto a signposted record', ms: 60_000, status: 'signposted', repeat: true },
    { words: 'a minute later while the first is still being written', ms: 60_000, status: undefined, repeat: true },
  ] as const)('$words: a repeat is $repeat', ({ ms, status, repeat }) => {
    // Act
    const answer = isRepeatReport({ receivedAt: FIRST, ...(status ? { status } : {}) }, laterBy(ms), DAY);

    // Assess
    expect(answer).toBe(repeat);
  });

  it('onto a closed case it is a new report, a minute or ten days after closure', () => {
    // Act
    const answers = [60_000, 240 * HOUR].map((ms) =>
      isRepeatReport({ receivedAt: FIRST, status: 'closed' }, laterBy(ms), DAY),
    );

    // Assess
    expect(answers).toEqual([false, false]);
  });

  it('an unreadable first time counts as outside the window: a new case is never the unsafe answer', () => {
    // Act + Assess
    expect(isRepeatReport({ receivedAt: 'not a time', status: 'open' }, laterBy(0), DAY)).toBe(false);
  });

  it('every association sets a short window: 24 hours, from config (intake.duplicateWindow)', () => {
    // Act
    const windows = ASSOCIATION_IDS.map((id) => getAssociation(id).intake.duplicateWindow);

    // Assess
    expect(windows).toEqual(ASSOCIATION_IDS.map(() => ({ hours: 24 })));
  });
});
