import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import {
  afterTier,
  alarmWords,
  caseLink,
  escalationEmail,
  faultRecord,
  mailboxesFor,
  parseClockKey,
  tierRecord,
  tierRoles,
} from '../../functions/core/escalation.js';

const om = getAssociation('one-manchester');
const wrekin = getAssociation('wrekin');
const KEY = 'initialContact@2026-03-05T10:00:00.000Z';

describe('escalation: who is told at which tier, and when the next tier is due', () => {
  it('004 §7.5.1: the first tier (at the breach) tells the case officer and the line manager', () => {
    // Act
    const roles = [tierRoles(om, 0), tierRoles(om, 1), tierRoles(om, 2), tierRoles(om, 3)];
    // Assess
    expect(roles).toEqual([['case-officer', 'line-manager'], ['operations-manager'], ['safeguarding-lead'], []]);
  });
  it("each role's mailbox once, in the roles' order; operations has its own", () => {
    // Act
    const boxes = mailboxesFor(wrekin, ['line-manager', 'case-officer', 'line-manager', 'operations']);
    // Assess
    expect(boxes).toEqual([
      'line-manager@wrekin.example.org',
      'community-safety@wrekin.example.org',
      'domestic-abuse@wrekin.example.org',
    ]);
  });
  it('One Manchester: the next tier 24 hours after the first, then 48 hours; after the last, no more', () => {
    // Act
    const steps = [
      afterTier(om, 0, '2026-03-05T10:00:00.000Z'),
      afterTier(om, 1, '2026-03-06T10:00:00.000Z'),
      afterTier(om, 2, '2026-03-08T10:00:00.000Z'),
    ];
    // Assess
    expect(steps).toEqual([
      { tier: 1, at: '2026-03-06T10:00:00.000Z', more: true },
      { tier: 2, at: '2026-03-08T10:00:00.000Z', more: true },
      { tier: 2, at: '2026-03-08T10:00:00.000Z', more: false },
    ]);
  });
  it('Wrekin: the next tier is 1 working day later (a Friday breach escalates on Monday)', () => {
    // Act
    const next = afterTier(wrekin, 0, '2026-03-06T10:00:00.000Z');
    // Assess
    expect(next).toEqual({ tier: 1, at: '2026-03-09T10:00:00.000Z', more: true });
  });
});

describe('escalation: what a tier firing records', () => {
  it('tier 0 records the breach at the deadline, then the escalation sent, each with a fixed id', () => {
    // Act
    const r = tierRecord(KEY, 0, ['case-officer', 'line-manager'], new Date('2026-03-05T10:01:00.000Z'));
    // Assess
    expect(r.id).toBe('escalation:initialContact:2026-03-05T10:00:00.000Z:0');
    expect(r.events).toEqual([
      {
        id: 'breach:initialContact:2026-03-05T10:00:00.000Z',
        type: 'clock-breached',
        at: '2026-03-05T10:00:00.000Z',
        duty: 'initial-contact',
        details: { clock: 'initialContact', deadline: '2026-03-05T10:00:00.000Z' },
      },
      {
        id: 'escalation:initialContact:2026-03-05T10:00:00.000Z:0',
        type: 'escalation-sent',
        at: '2026-03-05T10:01:00.000Z',
        duty: 'initial-contact',
        details: {
          clock: 'initialContact',
          tier: 0,
          roles: ['case-officer', 'line-manager'],
          deadline: '2026-03-05T10:00:00.000Z',
        },
      },
    ]);
  });
  it('a later tier records the escalation only', () => {
    // Act
    const r = tierRecord(KEY, 2, ['safeguarding-lead'], new Date('2026-03-08T10:00:00.000Z'));
    // Assess
    expect(r.events.map((e) => e.id)).toEqual(['escalation:initialContact:2026-03-05T10:00:00.000Z:2']);
  });
  it('a key that is not a clock key is refused', () => {
    // Act
    const parse = ['initialContact', 'nope@2026-03-05T10:00:00.000Z', 'initialContact@not-a-date'].map(
      (k) => () => parseClockKey(k),
    );
    // Assess
    for (const p of parse) expect(p).toThrow(RangeError);
  });
});

describe('escalation: the emails hold no personal details', () => {
  it('004 §7.5.1: the breach email gives the reference, the duty, how overdue and the link', () => {
    // Prepare
    const link = caseLink('https://haven.example/console/', 'c 1');
    // Act
    const email = escalationEmail({
      reference: 'OM-0001',
      clock: 'initialContact',
      deadline: new Date('2026-03-05T10:00:00.000Z'),
      now: new Date('2026-03-06T13:00:00.000Z'),
      tier: 1,
      link,
    });
    // Assess
    expect(link).toBe('https://haven.example/console/case.html?id=c%201');
    expect(email.subject).toBe('Still overdue (escalation 2): initial contact on case OM-0001');
    expect(email.text).toContain('is 1 day 3 hours overdue');
    expect(email.text).toContain(`Open the case: ${link}`);
  });
  it('a fault is recorded once an hour per stage, clock and tier, with the error class as a plain token; the first of a run names its alarm', () => {
    // Act
    const r = faultRecord(
      { stage: 'clock', key: KEY, tier: 1, error: 'Lambda.Unknown <b>' },
      new Date('2026-03-05T10:59:00.000Z'),
    );
    // Assess
    expect(r.alarmId).toBe('fault:clock:initialContact:2026-03-05T10:00:00.000Z:1:2026-03-05T10');
    expect(r.errorName).toBe('Lambda.Unknownb');
    expect(r.event).toEqual({
      id: 'fault:clock:initialContact:2026-03-05T10:00:00.000Z:1:2026-03-05T10',
      type: 'workflow-fault',
      at: '2026-03-05T10:59:00.000Z',
      details: { stage: 'clock', key: KEY, tier: 1, errorName: 'Lambda.Unknownb' },
    });
  });
  it('a fault with no error class or case is named Error, at the case', () => {
    // Act
    const r = faultRecord({ stage: 'triage', error: '!!!' }, new Date('2026-03-05T10:00:00.000Z'));
    const email = alarmWords({
      id: r.alarmId ?? '',
      kind: 'workflow-fault',
      associationId: 'a',
      caseId: 'c1',
      stage: 'triage',
      errorName: r.errorName,
      link: 'l',
      urgent: false,
    });
    // Assess
    expect([r.alarmId, r.errorName]).toEqual(['fault:triage:case:0:2026-03-05T10', 'Error']);
    expect(email.subject).toBe('Haven workflow fault: case id c1');
  });
  it('a fault run alarms once: the faults after the first raise nothing, and a later run of the same execution alarms again', () => {
    // Prepare
    const fault = { stage: 'clock', key: KEY, tier: 1, execution: 'c1-clock-3' };

    // Act
    const first = faultRecord({ ...fault, faults: 1 }, new Date('2026-03-05T10:00:00.000Z'));
    const third = faultRecord({ ...fault, faults: 3 }, new Date('2026-03-05T17:00:00.000Z'));
    const later = faultRecord({ ...fault, faults: 1 }, new Date('2026-09-05T10:00:00.000Z'));

    // Assess
    expect(first.alarmId).toBe('fault:clock:initialContact:2026-03-05T10:00:00.000Z:1:c1-clock-3:2026-03-05T10');
    expect(third.alarmId).toBeUndefined();
    expect(later.alarmId).toBe('fault:clock:initialContact:2026-03-05T10:00:00.000Z:1:c1-clock-3:2026-09-05T10');
  });
});
