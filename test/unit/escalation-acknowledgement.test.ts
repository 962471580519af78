import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { AssociationConfig } from '../../functions/core/association.js';
import { applyCommand, type Command } from '../../functions/core/commands/index.js';
import type { CommandContext } from '../../functions/core/commands/types.js';
import {
  earliestTierAt,
  escalationRolesOf,
  heldUntil,
  tiersSent,
} from '../../functions/core/rules/escalation-acknowledgement.js';
import { refusalOf } from '../support/refusal.js';
import { state } from './routing-fixtures.js';

const om = getAssociation('one-manchester');
// One Manchester: initial contact within 24 hours (004 §7.5.1); reported 4 March 10:00, due 5 March 10:00.
const DEADLINE = '2026-03-05T10:00:00.000Z';
const KEY = `initialContact@${DEADLINE}`;
// Tiers the chain sent, as the timeline's escalation-sent entries say (rules `tiersSent`); tier 0 by default.
const ctx = (
  now: string,
  config: AssociationConfig = om,
  sent: readonly number[] = [0],
  actor = 'manager-1',
): CommandContext => ({
  config,
  now: new Date(now),
  actor,
  actorEmail: `${actor}@one-manchester.example.org`,
  escalationsSent: { [KEY]: sent },
});
const take = (tier: number, over: Partial<Command & { kind: 'acknowledgeEscalation' }> = {}): Command => ({
  kind: 'acknowledgeEscalation',
  duty: 'initial-contact',
  input: { clock: 'initialContact', deadline: DEADLINE, tier },
  ...over,
});

describe('taking an escalation on ("I\'ve got this")', () => {
  it('004 §7.5.1 One Manchester: the line manager takes on tier 1; the timeline says who, when, which duty and tier, and until when the next tier waits', () => {
    // Act
    const r = applyCommand(state(), take(0), ctx('2026-03-05T11:00:00.000Z'));
    // Assess
    expect(r.state.escalationAcks).toEqual({
      [KEY]: {
        tier: 0,
        by: 'manager-1',
        email: 'manager-1@one-manchester.example.org',
        at: '2026-03-05T11:00:00.000Z',
      },
    });
    expect(r.events).toEqual([
      {
        type: 'escalation-acknowledged',
        duty: 'initial-contact',
        details: {
          clock: 'initialContact',
          deadline: DEADLINE,
          tier: 0,
          by: 'manager-1@one-manchester.example.org',
          holdsNextTierUntil: '2026-03-05T15:00:00.000Z',
        },
      },
    ]);
  });
  it('a tier that cannot have been sent yet, a clock not breached, a done duty or the wrong duty is refused, naming the field', () => {
    // Prepare
    const done = state({ duties: { 'initial-contact': { status: 'done', at: '2026-03-05T09:00:00.000Z' } } });
    // Act
    const refusals = [
      refusalOf(state(), take(1), ctx('2026-03-05T11:00:00.000Z')),
      refusalOf(state(), take(0), ctx('2026-03-05T09:00:00.000Z', om, [])),
      refusalOf(done, take(0), ctx('2026-03-05T11:00:00.000Z')),
      refusalOf(state(), take(0, { duty: 'safeguarding-log' }), ctx('2026-03-05T11:00:00.000Z')),
      refusalOf(state(), take(7), ctx('2026-03-20T11:00:00.000Z')),
    ];
    // Assess
    expect(refusals.map((r) => [r.kind, r.problems?.[0]?.field])).toEqual([
      ['conflict', 'tier'],
      ['conflict', 'tier'],
      ['conflict', 'duty'],
      ['invalid', 'clock'],
      ['invalid', 'tier'],
    ]);
  });
});

describe('each tier is held once, from its first acknowledgement, and only a tier sent can be taken on', () => {
  const HOUR = 3_600_000;
  const at = (hours: number) => new Date(Date.parse(DEADLINE) + hours * HOUR).toISOString();
  it('One Manchester (4 hours): taken on 23 hours after the breach, then again every hour for 60 hours by the same and another person: each repeat is refused (409 naming the tier) and tier 2 waits only until 4 hours after the first', () => {
    // Prepare
    const first = applyCommand(state(), take(0), ctx(at(23)));
    // Act
    const repeats = Array.from({ length: 60 }, (_, i) =>
      refusalOf(first.state, take(0), ctx(at(24 + i), om, [0], i % 2 ? 'manager-1' : 'manager-2')),
    );
    const held = [at(26.9), at(27), at(40), at(83)].map((t) => heldUntil(om, first.state, KEY, 1, new Date(t)));
    // Assess
    expect(new Set(repeats.map((r) => `${r.kind} ${r.problems?.[0]?.field} ${r.problems?.[0]?.problem}`))).toEqual(
      new Set(['conflict tier has already been taken on']),
    );
    expect(first.state.escalationAcks?.[KEY]?.at).toBe(at(23));
    expect(held).toEqual([at(27), undefined, undefined, undefined]);
  });
  it('a tier not yet sent is refused even when it could have gone (held, or its Wait not yet run); once sent it is taken on and holds the tier after it', () => {
    // Prepare: tier 1 taken on; tier 2 (index 1) is held, so 30 hours after the breach only tier 0 was sent.
    const first = applyCommand(state(), take(0), ctx(at(23)));
    // Act
    const held = refusalOf(first.state, take(1), ctx(at(26), om, [0]));
    const sent = applyCommand(first.state, take(1), ctx(at(28), om, [0, 1], 'manager-2'));
    const again = refusalOf(sent.state, take(1), ctx(at(29), om, [0, 1]));
    const older = refusalOf(sent.state, take(0), ctx(at(29), om, [0, 1]));
    // Assess
    expect([held.kind, held.problems]).toEqual(['conflict', [{ field: 'tier', problem: 'has not been sent yet' }]]);
    expect(sent.events[0]?.details?.holdsNextTierUntil).toBe(at(32));
    expect(heldUntil(om, sent.state, KEY, 2, new Date(at(31)))).toBe(at(32));
    expect(heldUntil(om, sent.state, KEY, 1, new Date(at(26)))).toBeUndefined();
    expect([again, older].map((r) => r.problems?.[0]?.problem)).toEqual([
      'has already been taken on',
      'has already been taken on',
    ]);
  });
  it('the tiers sent are read from the timeline: escalation-sent entries only, by clock key, each tier once', () => {
    // Prepare
    const events = [
      { type: 'escalation-sent', details: { clock: 'initialContact', deadline: DEADLINE, tier: 1 } },
      { type: 'escalation-sent', details: { clock: 'initialContact', deadline: DEADLINE, tier: 0 } },
      { type: 'escalation-sent', details: { clock: 'initialContact', deadline: DEADLINE, tier: 0 } },
      { type: 'escalation-acknowledged', details: { clock: 'initialContact', deadline: DEADLINE, tier: 2 } },
      { type: 'escalation-sent', details: { clock: 'initialContact', deadline: DEADLINE, tier: '2' } },
      { type: 'clock-breached', details: { clock: 'initialContact', deadline: DEADLINE } },
    ];
    // Act
    const sent = tiersSent(events);
    // Assess
    expect(sent).toEqual({ [KEY]: [0, 1] });
  });
  it('the duty done ends the chain: taking it on is refused (409 naming the duty), whatever was held', () => {
    // Prepare
    const first = applyCommand(state(), take(0), ctx(at(23)));
    first.state.duties['initial-contact'] = { status: 'done', at: at(24) };
    // Act
    const r = refusalOf(first.state, take(1), ctx(at(30), om, [0, 1]));
    // Assess
    expect([r.kind, r.problems?.[0]?.field]).toEqual(['conflict', 'duty']);
  });
});

describe('the hold an acknowledgement puts on the next tier (escalation.acknowledgementHolds)', () => {
  const acked = (at: string, tier = 0) => state({ escalationAcks: { [KEY]: { tier, by: 'm', at } } });
  it('One Manchester (4 hours): tier 2 is due 24 hours after the breach; taken on at 23:00 after, it waits until 4 hours after that', () => {
    // Prepare: taken on 23 hours after the breach.
    const s = acked('2026-03-06T09:00:00.000Z');
    // Act
    const atDue = heldUntil(om, s, KEY, 1, new Date('2026-03-06T10:00:00.000Z'));
    const atEnd = heldUntil(om, s, KEY, 1, new Date('2026-03-06T13:00:00.000Z'));
    // Assess
    expect(atDue).toBe('2026-03-06T13:00:00.000Z');
    expect(atEnd).toBeUndefined();
  });
  it('an acknowledgement holds only the tier after the one taken on; tier 1 never waits; absent config means no hold', () => {
    // Prepare
    const s = acked('2026-03-06T09:00:00.000Z');
    const noHold: AssociationConfig = { ...om, escalation: { ...om.escalation } };
    delete noHold.escalation.acknowledgementHolds;
    const now = new Date('2026-03-06T10:00:00.000Z');
    // Act
    const [tier0, tier2, none] = [
      heldUntil(om, s, KEY, 0, now),
      heldUntil(om, s, KEY, 2, now),
      heldUntil(noHold, s, KEY, 1, now),
    ];
    // Assess
    expect([tier0, tier2, none]).toEqual([undefined, undefined, undefined]);
  });
  it('Wrekin: the earliest each tier can be sent is the breach, then 1 working day, then 2 more (a Friday breach: Monday, Wednesday)', () => {
    // Act
    const wrekin = getAssociation('wrekin');
    const at = [0, 1, 2, 3].map((t) => earliestTierAt(wrekin, new Date('2026-03-06T10:00:00.000Z'), t)?.toISOString());
    // Assess
    expect(at).toEqual(['2026-03-06T10:00:00.000Z', '2026-03-09T10:00:00.000Z', '2026-03-11T10:00:00.000Z', undefined]);
  });
  it('alerts reach a signed-in person as the escalation roles their sign-in role stands for', () => {
    // Act
    const roles = [
      escalationRolesOf(['officer']),
      escalationRolesOf(['manager', 'safeguarding-lead']),
      escalationRolesOf(['board']),
    ];
    // Assess
    expect(roles).toEqual([['case-officer'], ['line-manager', 'operations-manager', 'safeguarding-lead'], []]);
  });
});
