/**
 * First contact with no safe way to reach the victim (rules/no-safe-contact.ts): per association, the
 * choice its policy text supports (config/README.md), what routing and the clock plan make of it, and
 * what happens once a safe way is known.
 */
import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { type AssociationConfig, associationConfigSchema } from '../../functions/core/association.js';
import type { CaseFacts } from '../../functions/core/case.js';
import { isClockStillDue, planClocks } from '../../functions/core/clock-plan.js';
import type { SafeContactStanding } from '../../functions/core/contact-plan.js';
import { route } from '../../functions/core/routing.js';
import { defined } from '../support/defined.js';
import { state } from './routing-fixtures.js';

const REPORTED = '2026-03-04T10:00:00.000Z'; // a Wednesday
const NO_WAY: SafeContactStanding[] = ['none-known', 'no-direct-contact'];
const keys = (s: ReturnType<typeof state>, c: AssociationConfig) => planClocks(s, c).map((p) => p.key);
const action = (f: Partial<CaseFacts>, c: AssociationConfig, duty: string) =>
  route(state({}, f).facts, c).find((a) => a.duty === duty);

describe('no safe way to reach the victim: the choice of each association (config/README.md)', () => {
  it.each([
    ['000 (silent on first contact): Housing 21 decides first', 'housing-21', 'decide-safe-contact'],
    [
      '001 §7 "100% of cases … within 1 working day": SADA/Herts keeps initial contact',
      'sada-herts',
      'keep-initial-contact',
    ],
    ['002 §3 (no first-contact time): Connect decides first', 'connect-housing', 'decide-safe-contact'],
    [
      '003 "in all reported cases … within one working day": Wrekin keeps initial contact',
      'wrekin',
      'keep-initial-contact',
    ],
    [
      '004 §7.3 "agree … how future contact can be made safely": One Manchester decides first',
      'one-manchester',
      'decide-safe-contact',
    ],
  ])('%s', (_name, id, choice) => {
    // Act
    const config = getAssociation(id);
    // Assess
    expect(config.firstContactWithoutSafeWay).toBe(choice);
    expect(config.duties['decide-safe-contact']).toEqual({ owner: 'case-officer' });
  });

  for (const standing of NO_WAY) {
    describe(`facts.safeContact '${standing}'`, () => {
      const s = state({ reportedAt: REPORTED }, { safeContact: standing });

      it('004 §7.3, §7.5.1: One Manchester decides how within 24 hours of the report; initial contact waits, no clock', () => {
        // Prepare
        const om = getAssociation('one-manchester');
        // Act
        const plan = keys(s, om);
        const initial = action({ safeContact: standing }, om, 'initial-contact');
        // Assess
        expect(plan).toEqual(['decideSafeContact@2026-03-05T10:00:00.000Z']);
        expect(initial?.clocks).toEqual([]);
        expect(initial?.clocksWaitFor).toBe('decide-safe-contact');
        expect(initial?.why).toMatch(/its clock waits while how to make contact safely is decided/);
        expect(action({ safeContact: standing }, om, 'decide-safe-contact')?.clocks).toEqual(['decideSafeContact']);
      });
      it('003: Wrekin keeps initial contact within 1 working day of the report, and lists deciding how beside it', () => {
        // Prepare
        const wrekin = getAssociation('wrekin');
        // Act
        const plan = keys(s, wrekin);
        const decide = action({ safeContact: standing }, wrekin, 'decide-safe-contact');
        // Assess
        expect(plan).toEqual(['initialContact@2026-03-05T10:00:00.000Z']);
        expect(decide?.clocks).toEqual([]);
        expect(decide?.why).toMatch(/through the reporter, an agency \(an IDVA, a refuge\) or MARAC/);
        expect(action({ safeContact: standing }, wrekin, 'initial-contact')?.clocksWaitFor).toBeUndefined();
      });
      it('001 §7: SADA/Herts keeps initial contact (1 working day) and fortnightly contact running', () => {
        // Act
        const plan = keys(s, getAssociation('sada-herts'));
        // Assess
        expect(plan).toEqual(['initialContact@2026-03-05T10:00:00.000Z', 'regularContact@2026-03-18T10:00:00.000Z']);
        expect(action({ safeContact: standing }, getAssociation('sada-herts'), 'decide-safe-contact')).toBeDefined();
      });
      it('002 §6: Connect lists deciding how, without a clock (the policy sets no first-contact time); the log keeps its 24 hours', () => {
        // Prepare
        const connect = getAssociation('connect-housing');
        // Act
        const plan = keys(s, connect);
        // Assess
        expect(plan).toEqual(['safeguardingLog@2026-03-05T10:00:00.000Z']);
        expect(action({ safeContact: standing }, connect, 'decide-safe-contact')?.clocks).toEqual([]);
      });
      it('000: Housing 21 lists deciding how, without a clock; its report and holding clocks are unchanged', () => {
        // Prepare
        const h21 = getAssociation('housing-21');
        // Act
        const plan = keys(s, h21);
        // Assess
        expect(plan).toEqual(['localAuthorityReport@2026-03-05T10:00:00.000Z', 'holdingArea@2026-03-25T10:00:00.000Z']);
        expect(action({ safeContact: standing }, h21, 'decide-safe-contact')?.clocks).toEqual([]);
      });
    });
  }

  it('a known safe way (or none recorded, as on older cases) needs no deciding, in any association', () => {
    for (const id of ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester']) {
      // Act
      const routed = [{ safeContact: 'known' as const }, {}].map((f) =>
        route(state({}, f).facts, getAssociation(id)).map((a) => a.duty),
      );
      // Assess
      for (const duties of routed) expect(duties).not.toContain('decide-safe-contact');
    }
  });
});

describe('004: once a safe way is known, initial contact counts from the report (§7.5.1)', () => {
  const om = getAssociation('one-manchester');
  const waiting = state({ reportedAt: REPORTED }, { safeContact: 'no-direct-contact' });

  it('a way found in time: the decide clock ends quietly; initial contact is due 24 hours after the report', () => {
    // Prepare
    const [decideKey] = keys(waiting, om);
    const known = { ...waiting, facts: { ...waiting.facts, safeContact: 'known' as const } };
    // Act
    const plan = planClocks(known, om);
    // Assess
    expect(plan.map((p) => p.key)).toEqual(['initialContact@2026-03-05T10:00:00.000Z']);
    expect(plan[0]?.startsAt).toBe(REPORTED);
    expect(isClockStillDue(defined(decideKey, 'a decide clock'), known, om)).toBe(false);
  });
  it('a way found after the deadline: initial contact is overdue at once (the time deciding took is not given back)', () => {
    // Prepare: the decision and the plan recorded 30 hours after the report
    const known = {
      ...waiting,
      facts: { ...waiting.facts, safeContact: 'known' as const },
      duties: { 'decide-safe-contact': { status: 'done' as const, at: '2026-03-05T16:00:00.000Z', by: 'o1' } },
    };
    // Act
    const initial = defined(planClocks(known, om)[0], 'the initial-contact clock');
    // Assess
    expect(initial.clock).toBe('initialContact');
    expect(initial.deadline).toBe('2026-03-05T10:00:00.000Z'); // before the way was known
    expect(initial.startsAt).toBe(REPORTED);
  });
  it('deciding recorded while still no safe way: no clock runs, and initial contact still waits', () => {
    // Prepare: decided "only through MARAC"; the plan still has no way
    const decided = {
      ...waiting,
      duties: { 'decide-safe-contact': { status: 'done' as const, at: '2026-03-04T15:00:00.000Z', by: 'o1' } },
    };
    // Act
    const plan = planClocks(decided, om);
    // Assess
    expect(plan).toEqual([]);
  });
  it('a plan changed to no direct contact after initial contact was made: nothing left to decide in time', () => {
    // Prepare
    const later = { ...waiting, duties: { 'initial-contact': { status: 'done' as const, at: REPORTED, by: 'o1' } } };
    // Act
    const plan = planClocks(later, om);
    const decide = route(later.facts, om).find((a) => a.duty === 'decide-safe-contact');
    // Assess
    expect(plan).toEqual([]);
    expect(decide).toBeDefined(); // still listed: how to keep in touch safely is still to be decided
  });
});

describe("'decide-safe-contact': every clock that needs a safe way waits", () => {
  it('001 §7 fortnightly contact waits too, where an association deciding first sets one', () => {
    // Prepare: One Manchester with a 14-day rhythm (004 sets none; a config choice)
    const raw = structuredClone(getAssociation('one-manchester'));
    raw.clocks.regularContact = { days: 14 };
    const config = associationConfigSchema.parse(raw);
    const waiting = state({ reportedAt: REPORTED }, { safeContact: 'none-known' });
    const known = state({ reportedAt: REPORTED }, { safeContact: 'known' });
    // Act
    const [without, withWay] = [keys(waiting, config), keys(known, config)];
    // Assess
    expect(without).toEqual(['decideSafeContact@2026-03-05T10:00:00.000Z']);
    expect(withWay).toEqual(['initialContact@2026-03-05T10:00:00.000Z', 'regularContact@2026-03-18T10:00:00.000Z']);
  });
});
