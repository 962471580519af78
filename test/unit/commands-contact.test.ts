/**
 * The contact and contact-plan commands (004 §7.3, 003, 001 §7): every contact or attempt is checked
 * against the plan in force; outside it, the officer's reason is required and recorded with why the
 * plan refused; a newly agreed plan is a new version that sets the case's standing.
 */
import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { applyCommand, COMMANDS, type Command } from '../../functions/core/commands/index.js';
import type { CommandContext } from '../../functions/core/commands/types.js';
import {
  type ContactPlanVersion,
  contactPlanInputSchema,
  currentPlan,
  nextPlanVersion,
} from '../../functions/core/contact-plan.js';
import { defined } from '../support/defined.js';
import { refusalOf } from '../support/refusal.js';
import { state } from './routing-fixtures.js';

// Thursday 5 March 2026, 10:00 in London (GMT).
const NOW = '2026-03-05T10:00:00.000Z';
const PHONE = '07700 900555';
const planOf = (over: Record<string, unknown>, versions: ContactPlanVersion[] = []): ContactPlanVersion =>
  nextPlanVersion(versions, contactPlanInputSchema.parse({ agreedWith: 'victim', ...over }), {
    at: '2026-03-04T12:00:00.000Z',
    by: 'officer-0',
  });
/** Texts only, weekday mornings; letters are not safe; voicemail is not safe. */
const TEXT_MORNINGS = planOf({
  ways: [
    { way: 'text', phone: PHONE, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }] },
  ],
});
const ctx = (plans: ContactPlanVersion[] = [TEXT_MORNINGS], now = NOW): CommandContext => {
  const plan = currentPlan(plans);
  return {
    config: getAssociation('sada-herts'),
    now: new Date(now),
    actor: 'officer-1',
    contactPlans: plans,
    ...(plan ? { contactPlan: plan } : {}),
  };
};
const contact = (input: Record<string, unknown>): Command =>
  ({ kind: 'contact', input: COMMANDS.contact.schema.parse(input) }) as Command;
const agree = (input: Record<string, unknown>): Command =>
  ({ kind: 'contactPlan', input: COMMANDS.contactPlan.schema.parse(input) }) as Command;

describe('004 §7.3: every contact is checked against the plan in force (contactAllowed)', () => {
  it('004 §7.3: a contact recorded afterwards is checked against the plan in force when it happened', () => {
    // Prepare: letters became safe on 5 March at 09:00; the letter went on 4 March at 15:00
    const lettersSafe = nextPlanVersion(
      [TEXT_MORNINGS],
      contactPlanInputSchema.parse({ agreedWith: 'victim', ways: [{ way: 'letter', address: '1 Safe Street' }] }),
      { at: '2026-03-05T09:00:00.000Z', by: 'officer-1' },
    );
    const letter = (at: string) => contact({ way: 'letter', at });
    // Act
    const before = refusalOf(state(), letter('2026-03-04T15:00:00.000Z'), ctx([TEXT_MORNINGS, lettersSafe]));
    const after = applyCommand(state(), letter('2026-03-05T09:30:00.000Z'), ctx([TEXT_MORNINGS, lettersSafe]));
    // Assess
    expect(before.problems).toEqual([
      { field: 'outsidePlanReason', problem: expect.stringContaining('A letter is not a safe way') },
    ]);
    expect(after.events[0]?.type).toBe('contact-made');
  });

  it('a text in a safe window is a contact: initial contact done, the cautions on the timeline', () => {
    // Act
    const r = applyCommand(state(), contact({ way: 'text' }), ctx());
    // Assess
    expect(r.state.contacts).toEqual([NOW]);
    expect(r.state.duties['initial-contact']).toMatchObject({ status: 'done', at: NOW, by: 'officer-1' });
    expect(r.events).toEqual([
      {
        type: 'contact-made',
        at: NOW,
        details: {
          at: NOW,
          way: 'text',
          cautions: ['Do not say who you are or why you are in touch to anyone but them.'],
        },
      },
    ]);
  });

  it('a letter where letters are not safe is refused without a reason: the problem names outsidePlanReason and why, never a number', () => {
    // Act
    const r = refusalOf(state(), contact({ way: 'letter' }), ctx());
    // Assess
    expect(r.kind).toBe('unprocessable');
    expect(r.problems).toEqual([
      {
        field: 'outsidePlanReason',
        problem: 'is required: A letter is not a safe way to contact them. The plan allows a text message.',
      },
    ]);
    expect(JSON.stringify(r)).not.toContain('900555');
  });

  it('a text at 7pm (outside the mornings) with the reason "she rang us" is accepted and the timeline says why the plan refused', () => {
    // Act
    const r = applyCommand(
      state(),
      contact({ way: 'text', at: '2026-03-04T19:00:00.000Z', outsidePlanReason: 'She rang us' }),
      ctx(),
    );
    // Assess
    const details = defined(r.events[0], 'the event').details;
    expect(details).toMatchObject({
      way: 'text',
      outsidePlan: {
        refusedBecause: 'This is not a safe time for a text message: safe times are weekdays, 8am to midday (UK time).',
      },
      outsidePlanReason: 'She rang us',
    });
    expect(details).not.toHaveProperty('cautions');
    expect(r.state.contacts).toEqual(['2026-03-04T19:00:00.000Z']);
  });

  it('the time checked is when the contact happened, not when it is recorded', () => {
    // Act: recorded at 10am (a safe time) for a text sent at 7pm the evening before
    const r = refusalOf(state(), contact({ way: 'text', at: '2026-03-04T19:00:00.000Z' }), ctx());
    // Assess
    expect(defined(r.problems[0], 'a problem').problem).toContain('is required: This is not a safe time');
  });

  it('no direct contact: a phone call is refused without a reason, whatever the time', () => {
    // Prepare
    const none = planOf({ noDirectContact: true, ways: [{ way: 'agency', agency: 'Refuge' }] });
    // Act
    const r = refusalOf(state(), contact({ way: 'phone' }), ctx([none]));
    // Assess
    expect(r.problems).toEqual([
      {
        field: 'outsidePlanReason',
        problem: 'is required: They must not be contacted directly: the plan says no direct contact.',
      },
    ]);
  });

  it('001 §7: an attempt that did not reach them is recorded as contact-attempted and is neither a contact nor the initial contact', () => {
    // Act
    const r = applyCommand(state(), contact({ way: 'text', attempt: true, note: 'no reply' }), ctx());
    // Assess
    expect(r.events.map((e) => e.type)).toEqual(['contact-attempted']);
    expect(r.state.contacts).toEqual([]);
    expect(r.state.duties['initial-contact']).toBeUndefined();
  });

  it('an attempt outside the plan needs the reason too, and cannot record an agreement with someone not reached', () => {
    // Act
    const outside = refusalOf(state(), contact({ way: 'phone', attempt: true }), ctx());
    const agreed = refusalOf(state(), contact({ way: 'text', attempt: true, safeContactAgreed: true }), ctx());
    // Assess
    expect(outside.problems.map((p) => p.field)).toEqual(['outsidePlanReason']);
    expect(agreed.kind).toBe('invalid');
    expect(agreed.problems).toEqual([
      { field: 'safeContactAgreed', problem: 'cannot be agreed on an attempt that did not reach them' },
    ]);
  });

  it('the way is required and is one of the plan ways; the old `method` is refused', () => {
    // Act
    const missing = COMMANDS.contact.schema.safeParse({});
    const old = COMMANDS.contact.schema.safeParse({ way: 'phone', method: 'phone' });
    const unknown = COMMANDS.contact.schema.safeParse({ way: 'pigeon' });
    // Assess
    expect([missing.success, old.success, unknown.success]).toEqual([false, false, false]);
  });
});

describe('004 §7.3: a newly agreed plan is a new version', () => {
  it('agreed with the victim: version 2 recorded by the officer, the standing from it, agree-safe-contact done; the timeline has way names only', () => {
    // Prepare
    const s = state({}, { safeContact: 'none-known' });
    // Act
    const r = applyCommand(
      s,
      agree({ agreedWith: 'victim', ways: [{ way: 'phone', phone: PHONE, voicemailSafe: true }], codeWord: 'tulip' }),
      ctx(),
    );
    // Assess
    const plans = defined(r.changes.contactPlans, 'the plans');
    expect(plans.map((p) => [p.version, p.agreedWith, p.recordedBy, p.source])).toEqual([
      [1, 'victim', 'officer-0', 'staff'],
      [2, 'victim', 'officer-1', 'staff'],
    ]);
    expect(defined(plans[1], 'version 2').agreedAt).toBe(NOW);
    expect(r.state.facts.safeContact).toBe('known');
    expect(r.state.duties['agree-safe-contact']).toMatchObject({ status: 'done', by: 'officer-1' });
    expect(r.events).toEqual([
      {
        type: 'contact-plan-agreed',
        duty: 'agree-safe-contact',
        details: { version: 2, agreedWith: 'victim', noDirectContact: false, ways: ['phone'] },
      },
    ]);
    expect(JSON.stringify(r.events)).not.toMatch(/900555|tulip/);
  });

  it("agreed with the reporter after the victim's own plan: recorded, but the victim's word stays in force and the duty is not done", () => {
    // Act
    const r = applyCommand(state(), agree({ agreedWith: 'reporter', noDirectContact: true }), ctx());
    // Assess
    const plans = defined(r.changes.contactPlans, 'the plans');
    expect(plans).toHaveLength(2);
    expect(currentPlan(plans)?.version).toBe(1);
    expect(r.state.facts.safeContact).toBe('known');
    expect(r.state.duties['agree-safe-contact']).toBeUndefined();
    expect(r.events[0]).not.toHaveProperty('duty');
  });

  it('no direct contact agreed with the victim: through an agency it is a known way; with no way at all the standing is no-direct-contact', () => {
    // Act
    const r = applyCommand(
      state(),
      agree({ agreedWith: 'victim', noDirectContact: true, ways: [{ way: 'agency', agency: 'Refuge' }] }),
      ctx(),
    );
    // Assess
    expect(r.state.facts.safeContact).toBe('known');
    const none = applyCommand(state(), agree({ agreedWith: 'victim', noDirectContact: true }), ctx());
    expect(none.state.facts.safeContact).toBe('no-direct-contact');
  });

  it('an agreement dated in the future is refused naming agreedAt (it would outrank every later one)', () => {
    // Act
    const r = refusalOf(state(), agree({ agreedWith: 'victim', agreedAt: '2026-03-06T10:00:00Z' }), ctx());
    // Assess
    expect(r.kind).toBe('invalid');
    expect(r.problems).toEqual([{ field: 'agreedAt', problem: 'must not be in the future' }]);
  });

  it('003: a plan may be recorded on a closed case ("do not email me"): kept, no duty done', () => {
    // Act
    const r = applyCommand(state({ status: 'closed' }), agree({ agreedWith: 'victim', noDirectContact: true }), ctx());
    // Assess
    expect(r.changes.contactPlans).toHaveLength(2);
    expect(r.state.duties['agree-safe-contact']).toBeUndefined();
  });
});
