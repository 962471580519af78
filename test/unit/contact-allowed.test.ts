import { describe, expect, it } from 'vitest';
import { contactAllowed } from '../../functions/core/contact-allowed.js';
import {
  type ContactPlanVersion,
  type ContactWayPlan,
  contactPlanInputSchema,
  contactWaySchema,
} from '../../functions/core/contact-plan.js';
import type { ContactWindow } from '../../functions/core/contact-window.js';

const WEEKDAYS: ContactWindow['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const way = (over: Partial<ContactWayPlan> & Pick<ContactWayPlan, 'way'>): ContactWayPlan =>
  contactWaySchema.parse(over);
const plan = (ways: ContactWayPlan[], over: Partial<ContactPlanVersion> = {}): ContactPlanVersion => ({
  version: 1,
  noDirectContact: false,
  ways,
  agreedWith: 'victim',
  agreedAt: '2026-01-01T00:00:00Z',
  recordedAt: '2026-01-01T00:00:00Z',
  recordedBy: 'officer-1',
  source: 'staff',
  ...over,
});
const at = (iso: string) => new Date(iso);
const textOn = (windows: ContactWindow[]) => plan([way({ way: 'text', phone: '07700 900123', windows })]);

describe('004 §7.3: contact only by a way and at a time the safe-contact plan allows', () => {
  it('004 §7.3: a text on a weekday morning is allowed; at midday it waits for the next morning', () => {
    // Prepare: Tuesday 3 March 2026 (GMT, so London is UTC)
    const p = textOn([{ days: WEEKDAYS, from: '09:00', to: '12:00' }]);
    // Act
    const inside = contactAllowed(p, 'text', at('2026-03-03T10:00:00Z'));
    const atEnd = contactAllowed(p, 'text', at('2026-03-03T12:00:00Z'));
    // Assess
    expect(inside.allowed).toBe(true);
    expect(atEnd).toEqual({
      allowed: false,
      reason: 'This is not a safe time for a text message: safe times are weekdays, 9am to midday (UK time).',
      nextWindowAt: '2026-03-04T09:00:00.000Z',
    });
  });

  it('004 §7.3: at the weekend a weekday window is closed until Monday morning', () => {
    // Prepare: Saturday 7 March 2026
    const p = textOn([{ days: WEEKDAYS, from: '09:00', to: '12:00' }]);
    // Act
    const check = contactAllowed(p, 'text', at('2026-03-07T10:00:00Z'));
    // Assess
    expect(check).toMatchObject({ allowed: false, nextWindowAt: '2026-03-09T09:00:00.000Z' });
  });

  it('004 §7.3: a window past midnight belongs to the night it starts on', () => {
    // Prepare: Friday nights 22:00 to 06:00 (Friday 6 March 2026)
    const p = textOn([{ days: ['fri'], from: '22:00', to: '06:00' }]);
    // Act
    const fridayLate = contactAllowed(p, 'text', at('2026-03-06T23:30:00Z'));
    const saturdayEarly = contactAllowed(p, 'text', at('2026-03-07T05:59:00Z'));
    const saturdaySix = contactAllowed(p, 'text', at('2026-03-07T06:00:00Z'));
    const saturdayLate = contactAllowed(p, 'text', at('2026-03-07T23:00:00Z'));
    // Assess
    expect([fridayLate.allowed, saturdayEarly.allowed, saturdaySix.allowed, saturdayLate.allowed]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(saturdayLate).toMatchObject({ nextWindowAt: '2026-03-13T22:00:00.000Z' });
  });

  it('DOMAIN "How clocks count": safe times are London wall time in summer (BST)', () => {
    // Prepare: every day 09:00 to 10:00, on 1 July 2026 (BST, UTC+1)
    const p = textOn([{ days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '09:00', to: '10:00' }]);
    // Act
    const nineThirtyBst = contactAllowed(p, 'text', at('2026-07-01T08:30:00Z'));
    const tenThirtyBst = contactAllowed(p, 'text', at('2026-07-01T09:30:00Z'));
    // Assess
    expect(nineThirtyBst.allowed).toBe(true);
    expect(tenThirtyBst.allowed).toBe(false);
  });

  it('DOMAIN "How clocks count": across the spring clock change the next window opens at 9am BST', () => {
    // Prepare: Sundays 09:00 to 10:00; the clocks go forward at 01:00 GMT on Sunday 29 March 2026
    const p = textOn([{ days: ['sun'], from: '09:00', to: '10:00' }]);
    // Act
    const saturday = contactAllowed(p, 'text', at('2026-03-28T12:00:00Z'));
    const sundayNineThirty = contactAllowed(p, 'text', at('2026-03-29T08:30:00Z'));
    // Assess
    expect(saturday).toMatchObject({ allowed: false, nextWindowAt: '2026-03-29T08:00:00.000Z' });
    expect(sundayNineThirty.allowed).toBe(true);
  });

  it('DOMAIN "How clocks count": a window starting inside the spring gap opens when the gap ends', () => {
    // Prepare: Sundays 01:30 to 02:30; on 29 March 2026 01:00 to 02:00 does not happen
    const p = textOn([{ days: ['sun'], from: '01:30', to: '02:30' }]);
    // Act
    const before = contactAllowed(p, 'text', at('2026-03-29T00:50:00Z'));
    const inside = contactAllowed(p, 'text', at('2026-03-29T01:10:00Z'));
    // Assess: 02:00 BST is 01:00 UTC
    expect(before).toMatchObject({ allowed: false, nextWindowAt: '2026-03-29T01:00:00.000Z' });
    expect(inside.allowed).toBe(true);
  });

  it('DOMAIN "How clocks count": the autumn hour that happens twice is inside a window both times', () => {
    // Prepare: Sundays 01:00 to 02:00; on 25 October 2026 01:00 to 02:00 happens in BST, then again in GMT
    const p = textOn([{ days: ['sun'], from: '01:00', to: '02:00' }]);
    // Act
    const firstOneThirty = contactAllowed(p, 'text', at('2026-10-25T00:30:00Z'));
    const secondOneThirty = contactAllowed(p, 'text', at('2026-10-25T01:30:00Z'));
    const twoGmt = contactAllowed(p, 'text', at('2026-10-25T02:00:00Z'));
    // Assess
    expect([firstOneThirty.allowed, secondOneThirty.allowed, twoGmt.allowed]).toEqual([true, true, false]);
  });

  it('004 §7.3: a letter where letters are not safe is refused, naming what the plan allows and no number', () => {
    // Prepare
    const p = textOn([]);
    // Act
    const check = contactAllowed(p, 'letter', at('2026-03-03T10:00:00Z'));
    // Assess
    expect(check).toEqual({
      allowed: false,
      reason: 'A letter is not a safe way to contact them. The plan allows a text message.',
    });
  });

  it('004 §7.3: no direct contact refuses a call but allows contact through the named agency', () => {
    // Prepare
    const p = plan([way({ way: 'agency', agency: 'Refuge outreach' })], { noDirectContact: true });
    // Act
    const call = contactAllowed(p, 'phone', at('2026-03-03T10:00:00Z'));
    const agency = contactAllowed(p, 'agency', at('2026-03-03T10:00:00Z'));
    // Assess
    expect(call).toEqual({
      allowed: false,
      reason: 'They must not be contacted directly: the plan says no direct contact.',
    });
    expect(agency).toEqual({ allowed: true, cautions: [] });
  });

  it('004 §7.3: with no plan there is no safe way yet', () => {
    // Act
    const check = contactAllowed(undefined, 'phone', at('2026-03-03T10:00:00Z'));
    // Assess
    expect(check).toEqual({ allowed: false, reason: 'No safe way to contact them is known yet.' });
  });

  it('004 §7.3: an allowed call carries the cautions the plan sets', () => {
    // Prepare
    const p = plan([way({ way: 'phone', phone: '07700 900123', mayBeWatched: true })], { codeWord: 'bluebell' });
    // Act
    const check = contactAllowed(p, 'phone', at('2026-03-03T10:00:00Z'));
    // Assess
    expect(check).toEqual({
      allowed: true,
      cautions: [
        'Do not leave a voicemail.',
        'Someone else may see it: say nothing about the abuse until you know it is them.',
        'Do not say who you are or why you are in touch to anyone but them.',
        'Use the agreed code word.',
      ],
    });
    expect(JSON.stringify(check)).not.toContain('bluebell');
  });
});

describe('004 §7.3: a newly agreed plan is checked before it is recorded', () => {
  it('004 §7.3: no direct contact cannot also list a phone, and a phone way needs its number', () => {
    // Act
    const both = contactPlanInputSchema.safeParse({
      noDirectContact: true,
      ways: [{ way: 'phone', phone: '07700 900123' }],
      agreedWith: 'victim',
    });
    const noNumber = contactPlanInputSchema.safeParse({ ways: [{ way: 'phone' }], agreedWith: 'victim' });
    // Assess
    expect(both.success).toBe(false);
    expect(both.error?.issues.map((i) => i.path.join('.'))).toEqual(['ways.0.way']);
    expect(noNumber.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['ways.0.phone', 'is needed to phone'],
    ]);
  });
});
