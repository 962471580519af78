import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { CaseFacts } from '../../functions/core/case.js';
import type { Duty } from '../../functions/core/duties.js';
import { route } from '../../functions/core/routing.js';
import { facts } from './routing-fixtures.js';

const duties = (f: Partial<CaseFacts>, id: string) => route(facts(f), getAssociation(id)).map((a) => a.duty);
const action = (f: Partial<CaseFacts>, id: string, duty: Duty) => route(facts(f), getAssociation(id)).find((a) => a.duty === duty);

describe('routing: each trigger, for the associations that adopt its duty', () => {
  const triggers: { rule: string; facts: Partial<CaseFacts>; duty: Duty; adopters: string[] }[] = [
    { rule: '002 §6, 003, 004 §7.4.3: immediate danger → advise 999', facts: { immediateDanger: true }, duty: 'advise-emergency-services', adopters: ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'] },
    { rule: "002 §6, 003, 004 §7.6.7: children in the household → children's social care referral", facts: { children: true }, duty: 'childrens-social-care-referral', adopters: ['sada-herts', 'connect-housing', 'wrekin', 'one-manchester'] },
    { rule: '002 §6, 004 §7.6.4: vulnerable adult → adult safeguarding referral', facts: { vulnerableAdult: true }, duty: 'adult-safeguarding-referral', adopters: ['sada-herts', 'connect-housing', 'one-manchester'] },
    { rule: '004 §7.6.4: more than one safeguarding issue → Safeguarding Adults referral', facts: { multipleSafeguardingIssues: true }, duty: 'adult-safeguarding-referral', adopters: ['sada-herts', 'connect-housing', 'one-manchester'] },
    { rule: '000: resident of a registered care service → CQC notification', facts: { receivesRegisteredCare: true }, duty: 'cqc-notification', adopters: ['housing-21'] },
    { rule: '000: perpetrator with care and support needs → CQC notification', facts: { perpetratorHasCareNeeds: true }, duty: 'cqc-notification', adopters: ['housing-21'] },
    { rule: '004 §7.8.3: suspected modern slavery → police referral', facts: { suspectedModernSlavery: true }, duty: 'police-referral-modern-slavery', adopters: ['one-manchester'] },
    { rule: '003: elder abuse → safeguarding agency referral', facts: { elderAbuse: true }, duty: 'elder-abuse-safeguarding-referral', adopters: ['wrekin'] },
    { rule: '002 §6: risk to colleagues visiting → marker on the housing record', facts: { riskToStaff: true }, duty: 'staff-safety-marker', adopters: ['connect-housing'] },
    { rule: '004 §7.4.11: perpetrator is a joint tenant → legal advice signposting', facts: { jointTenancyWithPerpetrator: true }, duty: 'joint-tenancy-legal-advice', adopters: ['one-manchester'] },
    { rule: '002 §6, 004 §7.4.4: high risk → MARAC referral', facts: { risk: 'high' }, duty: 'marac-referral', adopters: ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'] },
    { rule: '004 §7.4.5, 001 §7: medium risk → specialist support referral', facts: { risk: 'medium' }, duty: 'specialist-support-referral', adopters: ['sada-herts', 'connect-housing', 'wrekin', 'one-manchester'] },
    { rule: '004 §7.4.5: standard risk → specialist support referral', facts: { risk: 'standard' }, duty: 'specialist-support-referral', adopters: ['sada-herts', 'connect-housing', 'wrekin', 'one-manchester'] },
    { rule: '002 §6: Kirklees customers → names to NKWR', facts: { area: 'kirklees' }, duty: 'refuge-names-check', adopters: ['connect-housing'] },
    { rule: '004 §7.4.7-9: violent incident, victim stays → emergency security works', facts: { violentIncident: true, victimStayingInHome: true }, duty: 'emergency-security-works', adopters: ['one-manchester'] },
    { rule: '004 §7.7.2: MAPPA criteria met → MAPPA liaison', facts: { mappaCriteriaMet: true }, duty: 'mappa-liaison', adopters: ['one-manchester'] },
  ];
  const ids = ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'];
  for (const t of triggers) {
    for (const id of ids) {
      const adopts = t.adopters.includes(id);
      it(`${t.rule}: ${id} ${adopts ? 'requires' : 'does not require'} ${t.duty}`, () => {
        expect(duties(t.facts, id).includes(t.duty)).toBe(adopts);
        // Without the trigger the duty is not required.
        expect(duties({}, id)).not.toContain(t.duty);
      });
    }
  }
});

describe('routing: rules with conditions', () => {
  it('004 §7.5.2: a non-resident victim is signposted and gets no actions', () => {
    for (const id of ['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'])
      expect(route(facts({ resident: false, immediateDanger: true, children: true, risk: 'high' }), getAssociation(id))).toEqual([]);
  });
  it('000: no CQC notification without a care trigger, and none where the association runs no registered care', () => {
    expect(duties({}, 'housing-21')).not.toContain('cqc-notification');
    const noCare = { ...getAssociation('housing-21'), services: { registeredCare: false, supportedHousing: true } };
    expect(route(facts({ receivesRegisteredCare: true }), noCare).map((a) => a.duty)).not.toContain('cqc-notification');
  });
  it('000: CQC notification is kept by both the 24-hour and the 5-working-day clocks', () => {
    expect(action({ receivesRegisteredCare: true }, 'housing-21', 'cqc-notification')?.clocks).toEqual(['cqcReport', 'cqcNotifiableLimit']);
  });
  it('002 §6: under 14 and no override, no MARAC referral; high risk gets no specialist-support offer instead', () => {
    expect(duties({ risk: 'medium' }, 'connect-housing')).not.toContain('marac-referral');
    expect(duties({ risk: 'high' }, 'connect-housing')).not.toContain('specialist-support-referral');
  });
  it('002 §6: a Leeds customer is not sent to NKWR', () => {
    expect(duties({ area: 'leeds' }, 'connect-housing')).not.toContain('refuge-names-check');
  });
  it('002 §6: the resident-is-perpetrator pathway needs a staff-safety marker (lone working)', () => {
    expect(duties({ pathway: 'resident-is-perpetrator' }, 'connect-housing')).toContain('staff-safety-marker');
  });
  it('002 §6: a MARAC referral may go ahead without consent only on the MARAC threshold', () => {
    const marac = action({ risk: 'high' }, 'connect-housing', 'marac-referral');
    expect(marac?.consent).toBe('required-unless-override');
    expect(marac?.overrideBases).toEqual(['marac-threshold']);
  });
  it('004 §7.4.5: a specialist support referral needs consent, with no override', () => {
    const s = action({ risk: 'medium' }, 'one-manchester', 'specialist-support-referral');
    expect(s?.consent).toBe('required');
    expect(s?.overrideBases).toEqual([]);
  });
  it("002 §6: children's referral usually with the parent's knowledge unless that would put a child at risk", () => {
    const c = action({ children: true }, 'connect-housing', 'childrens-social-care-referral');
    expect(c?.consent).toBe('required-unless-override');
    expect(c?.overrideBases).toContain('safeguarding-concern');
    expect(c?.why).toMatch(/unless that would put a child at risk/);
  });
  it('every action names its owner from the config and gives a reason with a seed reference', () => {
    const all = route(facts({ immediateDanger: true, children: true, vulnerableAdult: true, suspectedModernSlavery: true, jointTenancyWithPerpetrator: true, violentIncident: true, mappaCriteriaMet: true, risk: 'high' }), getAssociation('one-manchester'));
    expect(all.find((a) => a.duty === 'mappa-liaison')?.owner).toBe('line-manager');
    for (const a of all) expect(a.why).toMatch(/\(\d{3}/);
  });
});

describe('routing: association differences in clocks', () => {
  it('004 §7.5.1 vs 003 vs 002: initial contact is clocked where the policy sets it, not elsewhere', () => {
    expect(action({}, 'one-manchester', 'initial-contact')?.clocks).toEqual(['initialContact']);
    expect(action({}, 'wrekin', 'initial-contact')?.clocks).toEqual(['initialContact']);
    expect(action({}, 'connect-housing', 'initial-contact')).toBeUndefined();
  });
  it('002 §6: Connect logs every disclosure on the safeguarding hub, with its 24-hour clock', () => {
    expect(action({}, 'connect-housing', 'safeguarding-log')?.clocks).toEqual(['safeguardingLog']);
  });
  it('000: Housing 21 reports to the Local Authority and keeps the 21-day holding-area clock', () => {
    expect(action({}, 'housing-21', 'local-authority-report')?.clocks).toEqual(['localAuthorityReport']);
    expect(action({}, 'housing-21', 'case-resolved')?.clocks).toEqual(['holdingArea']);
  });
  it('001 §7: SADA/Herts keeps fortnightly contact; One Manchester keeps regular contact without a clock', () => {
    expect(action({}, 'sada-herts', 'regular-contact')?.clocks).toEqual(['regularContact']);
    expect(action({}, 'one-manchester', 'regular-contact')?.clocks).toEqual([]);
  });
});
