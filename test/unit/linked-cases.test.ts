/**
 * What another case's view shows of a linked case (000, 004 §10): the whole summary to whoever may
 * read that case itself, else only that it exists and who holds it, by the association's config.
 */
import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { Staff } from '../../functions/core/rules/case-access.js';
import { countedLinkedReferrals, linkedCaseView, mayNameCase } from '../../functions/core/rules/linked-cases.js';

const CONFIG = getAssociation('wrekin');
const OFFICER: Staff = { sub: 'officer-t', roles: ['officer'], areas: ['telford-and-wrekin'] };
const summary = (extra: Record<string, string> = {}) => ({
  reference: 'WR-AAAA-BBBB',
  status: 'open',
  risk: 'high',
  abuseTypes: ['physical'],
  nextDueAt: '2026-12-02T10:00:00Z',
  area: 'shropshire',
  ...extra,
});
const TEAM = {
  title: CONFIG.escalation.roleTitles['case-officer'],
  mailbox: CONFIG.escalation.mailboxes['case-officer'],
};

describe('000, 004 §10: a linked case as the reader may see it', () => {
  it('000: outside the officer’s areas, only that it exists and the casework team that holds it', () => {
    // Act
    const view = linkedCaseView(summary(), OFFICER, CONFIG);

    // Assess
    expect(view).toEqual({ restricted: true, managedBy: TEAM });
  });

  it('000: outside the officer’s areas but assigned to someone, the team and that officer’s work email', () => {
    // Act
    const view = linkedCaseView(
      summary({ assignedOfficer: 'officer-s', assignedOfficerEmail: 's@wrekin.example.org' }),
      OFFICER,
      CONFIG,
    );

    // Assess
    expect(view).toEqual({ restricted: true, managedBy: { ...TEAM, officerEmail: 's@wrekin.example.org' } });
  });

  it.each([
    ['in one of the officer’s areas', OFFICER, summary({ area: 'telford-and-wrekin' })],
    ['assigned to the officer', OFFICER, summary({ assignedOfficer: 'officer-t' })],
    ['with no area known yet (every officer’s to pick up)', OFFICER, { ...summary(), area: undefined }],
    ['read by a manager', { sub: 'm', roles: ['manager'], areas: [] } as Staff, summary()],
  ])('000: a linked case %s shows its whole summary', (_when, who, linked) => {
    // Act
    const view = linkedCaseView(linked, who, CONFIG);

    // Assess
    expect(view).toEqual({ restricted: false, ...linked });
  });
});

describe('000, 004 §10: a view names another case by id only to a reader who may see it (mayNameCase)', () => {
  it('000: a case outside the officer’s areas is not named; one in their areas, or assigned to them, is; a gone case never', () => {
    // Act + Assess
    expect(mayNameCase(OFFICER, { area: 'shropshire' })).toBe(false);
    expect(mayNameCase(OFFICER, { area: 'telford-and-wrekin' })).toBe(true);
    expect(mayNameCase(OFFICER, { area: 'shropshire', assignedOfficer: 'officer-t' })).toBe(true);
    expect(mayNameCase({ sub: 'm', roles: ['manager'], areas: [] }, { area: 'shropshire' })).toBe(true);
    expect(mayNameCase({ sub: 'm', roles: ['manager'], areas: [] }, undefined)).toBe(false);
  });
});

describe('SafeLives, 000: the linked referrals a repeat-MARAC flag counts (countedLinkedReferrals)', () => {
  const REFERRALS = [
    { at: '2026-01-01T10:00:00.000Z', place: { area: 'shropshire' } },
    { at: '2026-02-01T10:00:00.000Z', place: { area: 'telford-and-wrekin' } },
    { at: '2026-03-01T10:00:00.000Z', place: { area: 'shropshire', assignedOfficer: 'officer-t' } },
    { at: '2026-04-01T10:00:00.000Z', place: {} },
    { at: '2026-05-01T10:00:00.000Z' },
  ];

  it('000: an officer counts those of the cases they may see; a referral whose place is not known only a reader who sees every case counts', () => {
    // Act
    const officer = countedLinkedReferrals(OFFICER, REFERRALS);
    const manager = countedLinkedReferrals({ sub: 'm', roles: ['manager'], areas: [] }, REFERRALS);

    // Assess
    expect(officer).toEqual(['2026-02-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z']);
    expect(manager).toEqual(REFERRALS.map((r) => r.at));
  });
});
