import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { CaseFacts } from '../../functions/core/case.js';
import type { Duty } from '../../functions/core/duties.js';
import { route } from '../../functions/core/routing.js';
import { facts } from './routing-fixtures.js';

const duties = (f: Partial<CaseFacts>, id: string) => route(facts(f), getAssociation(id)).map((a) => a.duty);
const action = (f: Partial<CaseFacts>, id: string, duty: Duty) =>
  route(facts(f), getAssociation(id)).find((a) => a.duty === duty);

describe('routing: each trigger, for the associations that adopt its duty', () => {
  const triggers: { rule: string; facts: Partial<CaseFacts>; duty: Duty; adopters: string[] }[] = [
    {
      rule: '002 §6, 003, 004 §7.4.3: immediate danger → advise 999',
      facts: { immediateDanger: true },
      duty: 'advise-emergency-services',
      adopters: ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'],
    },
    {
      rule: "002 §6, 003, 004 §7.6.7: children in the household → children's social care referral",
      facts: { children: true },
      duty: 'childrens-social-care-referral',
      adopters: ['sada-herts', 'connect-housing', 'wrekin', 'one-manchester'],
    },
    {
      rule: '002 §6, 004 §7.6.4: vulnerable adult → adult safeguarding referral',
      facts: { vulnerableAdult: true },
      duty: 'adult-safeguarding-referral',
      adopters: ['sada-herts', 'connect-housing', 'one-manchester'],
    },
    {
      rule: '004 §7.6.4: more than one safeguarding issue → Safeguarding Adults referral',
      facts: { multipleSafeguardingIssues: true },
      duty: 'adult-safeguarding-referral',
      adopters: ['sada-herts', 'connect-housing', 'one-manchester'],
    },
    {
      rule: '000: resident of a registered care service → CQC notification',
      facts: { receivesRegisteredCare: true },
      duty: 'cqc-notification',
      adopters: ['housing-21'],
    },
    {
      rule: '000: perpetrator with care and support needs → CQC notification',
      facts: { perpetratorHasCareNeeds: true },
      duty: 'cqc-notification',
      adopters: ['housing-21'],
    },
    {
      rule: '004 §7.8.3: suspected modern slavery → police referral',
      facts: { suspectedModernSlavery: true },
      duty: 'police-referral-modern-slavery',
      adopters: ['one-manchester'],
    },
    {
      rule: '003: elder abuse → safeguarding agency referral',
      facts: { elderAbuse: true },
      duty: 'elder-abuse-safeguarding-referral',
      adopters: ['wrekin'],
    },
    {
      rule: '002 §6: risk to colleagues visiting → marker on the housing record',
      facts: { riskToStaff: true },
      duty: 'staff-safety-marker',
      adopters: ['connect-housing'],
    },
    {
      rule: '004 §7.4.11: perpetrator is a joint tenant → legal advice signposting',
      facts: { jointTenancyWithPerpetrator: true },
      duty: 'joint-tenancy-legal-advice',
      adopters: ['one-manchester'],
    },
    {
      rule: '002 §6, 004 §7.4.4: high risk → MARAC referral',
      facts: { risk: 'high' },
      duty: 'marac-referral',
      adopters: ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'],
    },
    {
      rule: '004 §7.4.5, 001 §7: medium risk → specialist support referral',
      facts: { risk: 'medium' },
      duty: 'specialist-support-referral',
      adopters: ['sada-herts', 'connect-housing', 'wrekin', 'one-manchester'],
    },
    {
      rule: '004 §7.4.5: standard risk → specialist support referral',
      facts: { risk: 'standard' },
      duty: 'specialist-support-referral',
      adopters: ['sada-herts', 'connect-housing', 'wrekin', 'one-manchester'],
    },
    {
      rule: '002 §6: Kirklees customers → names to NKWR',
      facts: { area: 'kirklees' },
      duty: 'refuge-names-check',
      adopters: ['connect-housing'],
    },
    {
      rule: '004 §7.4.7-9: violent incident, victim stays → emergency security works',
      facts: { violentIncident: true, victimStayingInHome: true },
      duty: 'emergency-security-works',
      adopters: ['one-manchester'],
    },
    {
      rule: '004 §7.7.2: MAPPA criteria met → MAPPA liaison',
      facts: { mappaCriteriaMet: true },
      duty: 'mappa-liaison',
      adopters: ['one-manchester'],
    },
  ];
  const ids = ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'];
  for (const t of triggers) {
    for (const id of ids) {
      const adopts = t.adopters.includes(id);
      it(`${t.rule}: ${id} ${adopts ? 'requires' : 'does not require'} ${t.duty}`, () => {
        // Act
        const withTrigger = duties(t.facts, id);
        const without = duties({}, id);
        // Assess
        expect(withTrigger.includes(t.duty)).toBe(adopts);
        // Without the trigger the duty is not required.
        expect(without).not.toContain(t.duty);
      });
    }
  }
});

describe('routing: rules with conditions', () => {
  it('004 §7.5.2: a non-resident victim is signposted and gets no actions', () => {
    // Prepare
    const ids = ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'];
    // Act
    const routed = ids.map((id) =>
      route(facts({ resident: false, immediateDanger: true, children: true, risk: 'high' }), getAssociation(id)),
    );
    // Assess
    for (const actions of routed) expect(actions).toEqual([]);
  });
  it('000: no CQC notification without a care trigger, and none where the association runs no registered care', () => {
    // Prepare
    const noCare = { ...getAssociation('housing-21'), services: { registeredCare: false, supportedHousing: true } };
    // Act
    const withoutTrigger = duties({}, 'housing-21');
    const withoutCare = route(facts({ receivesRegisteredCare: true }), noCare).map((a) => a.duty);
    // Assess
    expect(withoutTrigger).not.toContain('cqc-notification');
    expect(withoutCare).not.toContain('cqc-notification');
  });
  it('000: CQC notification is kept by both the 24-hour and the 5-working-day clocks', () => {
    // Act
    const cqc = action({ receivesRegisteredCare: true }, 'housing-21', 'cqc-notification');
    // Assess
    expect(cqc?.clocks).toEqual(['cqcReport', 'cqcNotifiableLimit']);
  });
  it('002 §6: under 14 and no override, no MARAC referral; high risk gets no specialist-support offer instead', () => {
    // Act
    const [medium, high] = [duties({ risk: 'medium' }, 'connect-housing'), duties({ risk: 'high' }, 'connect-housing')];
    // Assess
    expect(medium).not.toContain('marac-referral');
    expect(high).not.toContain('specialist-support-referral');
  });
  it('002 §6: the resident-is-perpetrator pathway needs a staff-safety marker (lone working)', () => {
    // Act
    const routed = duties({ pathway: 'resident-is-perpetrator' }, 'connect-housing');
    // Assess
    expect(routed).toContain('staff-safety-marker');
  });
  it('002 §6: a MARAC referral may go ahead without consent only on the MARAC threshold', () => {
    // Act
    const marac = action({ risk: 'high' }, 'connect-housing', 'marac-referral');
    // Assess
    expect(marac?.consent).toBe('required-unless-override');
    expect(marac?.overrideBases).toEqual(['marac-threshold']);
  });
  it('004 §7.4.5: a specialist support referral needs consent, with no override', () => {
    // Act
    const s = action({ risk: 'medium' }, 'one-manchester', 'specialist-support-referral');
    // Assess
    expect(s?.consent).toBe('required');
    expect(s?.overrideBases).toEqual([]);
  });
  it("002 §6: children's referral usually with the parent's knowledge unless that would put a child at risk", () => {
    // Act
    const c = action({ children: true }, 'connect-housing', 'childrens-social-care-referral');
    // Assess
    expect(c?.consent).toBe('required-unless-override');
    expect(c?.overrideBases).toContain('safeguarding-concern');
    expect(c?.why).toMatch(/unless that would put a child at risk/);
  });
  it('every action names its owner from the config and gives a reason with a seed reference', () => {
    // Prepare
    const every = facts({
      immediateDanger: true,
      children: true,
      vulnerableAdult: true,
      suspectedModernSlavery: true,
      jointTenancyWithPerpetrator: true,
      violentIncident: true,
      mappaCriteriaMet: true,
      risk: 'high',
    });
    // Act
    const all = route(every, getAssociation('one-manchester'));
    // Assess
    expect(all.find((a) => a.duty === 'mappa-liaison')?.owner).toBe('line-manager');
    for (const a of all) expect(a.why).toMatch(/\(\d{3}/);
  });
});

describe('routing: association differences in clocks', () => {
  it('004 §7.5.1 vs 003 vs 002: initial contact is clocked where the policy sets it, not elsewhere', () => {
    // Act
    const [om, wrekin, connect] = ['one-manchester', 'wrekin', 'connect-housing'].map((id) =>
      action({}, id, 'initial-contact'),
    );
    // Assess
    expect(om?.clocks).toEqual(['initialContact']);
    expect(wrekin?.clocks).toEqual(['initialContact']);
    expect(connect).toBeUndefined();
  });
  it('002 §6: Connect logs every disclosure on the safeguarding hub, with its 24-hour clock', () => {
    // Act
    const log = action({}, 'connect-housing', 'safeguarding-log');
    // Assess
    expect(log?.clocks).toEqual(['safeguardingLog']);
  });
  it('000: Housing 21 reports to the Local Authority and keeps the 21-day holding-area clock', () => {
    // Act
    const [report, resolved] = [
      action({}, 'housing-21', 'local-authority-report'),
      action({}, 'housing-21', 'case-resolved'),
    ];
    // Assess
    expect(report?.clocks).toEqual(['localAuthorityReport']);
    expect(resolved?.clocks).toEqual(['holdingArea']);
  });
  it('001 §7: SADA/Herts keeps fortnightly contact; One Manchester keeps regular contact without a clock', () => {
    // Act
    const [sada, om] = [action({}, 'sada-herts', 'regular-contact'), action({}, 'one-manchester', 'regular-contact')];
    // Assess
    expect(sada?.clocks).toEqual(['regularContact']);
    expect(om?.clocks).toEqual([]);
  });
});
