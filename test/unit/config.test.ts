import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { loadAssociationFile } from '../../config/load-file.js';

const dir = mkdtempSync(join(tmpdir(), 'haven-config-'));
const seedFile = (id: string) => join(import.meta.dirname, '../../config/associations', `${id}.json`);

describe('association configs', () => {
  it('all five seed configs load and validate', () => {
    expect([...ASSOCIATION_IDS].sort()).toEqual(['connect-housing', 'housing-21', 'one-manchester', 'sada-herts', 'wrekin']);
    for (const id of ASSOCIATION_IDS) expect(loadAssociationFile(seedFile(id)).id).toBe(id);
  });
  it('each config traces to its seed policy', () => {
    expect(Object.fromEntries(ASSOCIATION_IDS.map((id) => [id, getAssociation(id).policy.seed]))).toEqual({
      'housing-21': '000',
      'sada-herts': '001',
      'connect-housing': '002',
      wrekin: '003',
      'one-manchester': '004',
    });
  });
  it('every association follows the England and Wales bank holidays', () => {
    for (const id of ASSOCIATION_IDS) expect(getAssociation(id).nation).toBe('england-and-wales');
  });
  it('each policy sets its clocks and only those (000, 001 §7, 002 §6, 003, 004 §7.4.9, §7.5.1)', () => {
    expect(getAssociation('one-manchester').clocks).toEqual({ initialContact: { hours: 24 }, emergencySecurityWorks: { hours: 24 } });
    expect(getAssociation('wrekin').clocks).toEqual({ initialContact: { workingDays: 1 } });
    expect(getAssociation('sada-herts').clocks).toEqual({ initialContact: { workingDays: 1 }, regularContact: { days: 14 } });
    expect(getAssociation('connect-housing').clocks).toEqual({ safeguardingLog: { hours: 24 } });
    expect(getAssociation('housing-21').clocks).toEqual({
      localAuthorityReport: { hours: 24 },
      cqcReport: { hours: 24 },
      cqcNotifiableLimit: { workingDays: 5 },
      holdingArea: { days: 21 },
    });
  });
  it('000: only Housing 21 runs registered care services; 000 lessons learned at the monthly forum, high risk within 1 working day', () => {
    expect(ASSOCIATION_IDS.filter((id) => getAssociation(id).services.registeredCare)).toEqual(['housing-21']);
    expect(getAssociation('housing-21').lessonsLearned?.highRisk).toEqual({ workingDays: 1 });
  });
  it('003, 001: Wrekin and SADA/Herts ask for feedback after closure', () => {
    expect(ASSOCIATION_IDS.filter((id) => getAssociation(id).feedbackAfterClosure).sort()).toEqual(['sada-herts', 'wrekin']);
  });
  it('002 §6: Connect uses pathways and routes Kirklees names to NKWR on 0192 446 5238', () => {
    const c = getAssociation('connect-housing');
    expect(c.pathways).toBe(true);
    expect(c.areas.map((a) => a.id)).toEqual(['kirklees', 'leeds', 'wakefield', 'calderdale']);
    expect(c.areas[0]?.namesCheck?.phone).toBe('0192 446 5238');
    expect(c.areas.find((a) => a.id === 'wakefield')?.marac.email).toBe('wakefield.marac@westyorkshire.pnn.police.uk');
  });
  it('003: Wrekin areas and numbers as the policy gives them', () => {
    const w = getAssociation('wrekin');
    expect(w.contact.phone).toBe('01952 217100');
    expect(w.areas.map((a) => a.id)).toEqual(['telford-and-wrekin', 'shropshire', 'staffordshire', 'herefordshire']);
    expect(w.areas[0]?.services[0]?.phone).toBe('01952 385385');
  });
  it('escalation: tier 1 at the breach tells the case officer and line manager; the last tier the safeguarding lead', () => {
    for (const id of ASSOCIATION_IDS) {
      const tiers = getAssociation(id).escalation.tiers;
      expect(tiers[0]).toEqual({ notify: ['case-officer', 'line-manager'] });
      expect(tiers.at(-1)?.notify).toEqual(['safeguarding-lead']);
      expect(Object.values(getAssociation(id).escalation.mailboxes).every((m) => m.endsWith('.example.org'))).toBe(true);
    }
  });
  it('an unknown association id is an error naming it and listing the known ids', () => {
    expect(() => getAssociation('nowhere')).toThrow('Unknown association "nowhere"; known associations: housing-21, sada-herts, connect-housing, wrekin, one-manchester');
  });
  it('a broken config file is rejected naming the file and the field', () => {
    const broken = JSON.parse(readFileSync(seedFile('wrekin'), 'utf8'));
    broken.clocks.initialContact = { workingDays: 0 };
    const path = join(dir, 'broken.json');
    writeFileSync(path, JSON.stringify(broken));
    expect(() => loadAssociationFile(path)).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*clocks\\.initialContact`));
  });
  it('a config that sets a clock without adopting its duty is rejected naming the duty', () => {
    const broken = JSON.parse(readFileSync(seedFile('connect-housing'), 'utf8'));
    delete broken.duties['safeguarding-log'];
    const path = join(dir, 'no-duty.json');
    writeFileSync(path, JSON.stringify(broken));
    expect(() => loadAssociationFile(path)).toThrow(/no-duty\.json: duties\.safeguarding-log/);
  });
  it('a risk tool version Haven cannot score is rejected naming riskTool.version (002 §6 DASH)', () => {
    const broken = JSON.parse(readFileSync(seedFile('wrekin'), 'utf8'));
    broken.riskTool.version = 'dash-1999';
    const path = join(dir, 'old-dash.json');
    writeFileSync(path, JSON.stringify(broken));
    expect(() => loadAssociationFile(path)).toThrow(/old-dash\.json: riskTool\.version: must be a DASH checklist version Haven scores \(dash-2009\)/);
  });
  it('a file that is not JSON, or is missing, is rejected naming the file', () => {
    const path = join(dir, 'not-json.json');
    writeFileSync(path, '{ "id": ');
    expect(() => loadAssociationFile(path)).toThrow(/not-json\.json.*not valid JSON/);
    expect(() => loadAssociationFile(join(dir, 'missing.json'))).toThrow(/missing\.json: ENOENT/);
  });
});
