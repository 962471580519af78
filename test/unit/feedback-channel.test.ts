import { describe, expect, it } from 'vitest';
import { type SafeContact, safeContactSchema } from '../../functions/core/report.js';
import { feedbackEmail, feedbackRequest } from '../../functions/core/rules/feedback-channel.js';

const asks = { feedbackAfterClosure: true };
const safe = (over: Partial<SafeContact>) => safeContactSchema.parse(over);

describe('003, 001: feedback after closure only through the safe channel', () => {
  it('003: a safe email address gets the request by email', () => {
    // Act
    const request = feedbackRequest(asks, safe({ method: 'email', email: 'safe@example.org' }));
    // Assess
    expect(request).toEqual({ channel: 'email', to: 'safe@example.org' });
  });
  it('003: by phone, text, in person or a letter known to be safe, the officer asks', () => {
    // Act
    const channels = [
      safe({ method: 'phone', phone: '07700 900000' }),
      safe({ method: 'text', phone: '07700 900000' }),
      safe({ method: 'in-person' }),
      safe({ method: 'letter', letterSafe: true }),
    ].map((s) => feedbackRequest(asks, s));
    // Assess
    expect(channels).toEqual([
      { channel: 'officer' },
      { channel: 'officer' },
      { channel: 'officer' },
      { channel: 'officer' },
    ]);
  });
  it('003: no request where the victim asked for no contact, a letter is not safe, contact goes through the reporter, or no channel was agreed', () => {
    // Act
    const requests = [
      safe({ noContact: true, method: 'email', email: 'safe@example.org' }),
      safe({ method: 'letter', letterSafe: false }),
      safe({ method: 'through-reporter' }),
      safe({}),
      undefined,
    ].map((s) => feedbackRequest(asks, s));
    // Assess
    expect(requests).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  it('001: no request where the association does not ask for feedback', () => {
    // Act
    const request = feedbackRequest(
      { feedbackAfterClosure: false },
      safe({ method: 'email', email: 'safe@example.org' }),
    );
    // Assess
    expect(request).toBeUndefined();
  });
  it('003: the request names the association only: no names, no case details', () => {
    // Act
    const email = feedbackEmail({ associationName: 'Wrekin Housing Group' });
    // Assess
    expect(email.subject).toBe('Wrekin Housing Group: how did we do?');
    expect(email.text).toContain('whenever it is safe for you');
    expect(email.text).not.toMatch(/case|reference/i);
  });
});
