import { describe, expect, it } from 'vitest';
import {
  type ContactPlanInput,
  type ContactPlanVersion,
  contactPlanInputSchema,
  nextPlanVersion,
} from '../../functions/core/contact-plan.js';
import { feedbackEmail, feedbackRequest } from '../../functions/core/rules/feedback-channel.js';

const asks = { feedbackAfterClosure: true };
// Tuesday 3 March 2026, 10:00 in London (GMT).
const NOW = new Date('2026-03-03T10:00:00Z');
const plan = (over: Partial<Record<keyof ContactPlanInput, unknown>>): ContactPlanVersion =>
  nextPlanVersion([], contactPlanInputSchema.parse({ agreedWith: 'victim', ...over }), {
    at: '2026-03-01T09:00:00.000Z',
    by: 'officer-1',
  });
const email = (extra: Record<string, unknown> = {}) => ({
  way: 'email',
  email: 'safe@example.org',
  mayIdentifyUs: true,
  ...extra,
});

describe('003, 001: feedback after closure only within the safe-contact plan (contactAllowed)', () => {
  it('003: email a safe way now: the generic request goes to its address', () => {
    // Act
    const request = feedbackRequest(asks, plan({ ways: [email()] }), NOW);
    // Assess
    expect(request).toEqual({ channel: 'email', to: 'safe@example.org' });
  });

  it('003: email safe only on weekday evenings: at 10am it waits for 6pm that day (London), saying why', () => {
    // Prepare
    const evenings = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', to: '21:00' }];
    // Act
    const request = feedbackRequest(asks, plan({ ways: [email({ windows: evenings })] }), NOW);
    // Assess
    expect(request).toEqual({
      channel: 'wait',
      until: '2026-03-03T18:00:00.000Z',
      reason: expect.stringContaining('safe times are weekdays, 6pm to 9pm'),
    });
  });

  it('003: an inbox someone else may see gets nothing (the request says who it is from); the officer asks by phone instead', () => {
    // Act
    const watched = [email({ mayBeWatched: true })];
    const alone = feedbackRequest(asks, plan({ ways: watched }), NOW);
    const withPhone = feedbackRequest(asks, plan({ ways: [...watched, { way: 'phone', phone: '07700 900000' }] }), NOW);
    // Assess
    expect(alone).toEqual({ channel: 'none', reason: expect.stringContaining('Someone else may see their email') });
    expect(withPhone).toEqual({ channel: 'officer', way: 'phone' });
  });

  it('004 §7.3: an email where the plan does not let us say who we are gets nothing (the request names us), nor waits for a window', () => {
    // Act
    const evenings = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', to: '21:00' }];
    const now = feedbackRequest(asks, plan({ ways: [email({ mayIdentifyUs: false })] }), NOW);
    const later = feedbackRequest(asks, plan({ ways: [email({ mayIdentifyUs: false, windows: evenings })] }), NOW);
    // Assess
    const reason = expect.stringContaining('does not let us say who we are');
    expect(now).toEqual({ channel: 'none', reason });
    expect(later).toEqual({ channel: 'none', reason });
  });

  it('003: no safe email but a phone, text, visit or letter in the plan: the officer asks, by that way', () => {
    // Act
    const ways = [
      { way: 'phone', phone: '07700 900000' },
      { way: 'text', phone: '07700 900000' },
      { way: 'in-person' },
      { way: 'letter', address: '1 Safe Street' },
    ].map((w) => feedbackRequest(asks, plan({ ways: [w] }), NOW));
    // Assess
    expect(ways).toEqual([
      { channel: 'officer', way: 'phone' },
      { channel: 'officer', way: 'text' },
      { channel: 'officer', way: 'in-person' },
      { channel: 'officer', way: 'letter' },
    ]);
  });

  it('003: no direct contact, only through the reporter or an agency, no way at all, or no plan: not sent, with the reason in words', () => {
    // Act
    const requests = [
      plan({ noDirectContact: true, ways: [{ way: 'agency', agency: 'Refuge' }] }),
      plan({ ways: [{ way: 'reporter' }] }),
      plan({}),
      undefined,
    ].map((p) => feedbackRequest(asks, p, NOW));
    // Assess
    expect(requests).toEqual([
      { channel: 'none', reason: 'They must not be contacted directly: the plan says no direct contact.' },
      {
        channel: 'none',
        reason: 'An email is not a safe way to contact them. The plan allows contact through the person who reported.',
      },
      { channel: 'none', reason: 'An email is not a safe way to contact them. The plan has no safe way yet.' },
      { channel: 'none', reason: 'No safe way to contact them is known yet.' },
    ]);
    expect(JSON.stringify(requests)).not.toContain('Refuge');
  });

  it('001: no request where the association does not ask for feedback', () => {
    // Act
    const request = feedbackRequest({ feedbackAfterClosure: false }, plan({ ways: [email()] }), NOW);
    // Assess
    expect(request).toBeUndefined();
  });

  it('003: the request names the association only: no names, no case details', () => {
    // Act
    const mail = feedbackEmail({ associationName: 'Wrekin Housing Group' });
    // Assess
    expect(mail.subject).toBe('Wrekin Housing Group: how did we do?');
    expect(mail.text).toContain('whenever it is safe for you');
    expect(mail.text).not.toMatch(/case|reference/i);
  });
});
