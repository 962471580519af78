import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { loadAssociationFile } from '../../config/load-file.js';
import type { Clock } from '../../functions/core/clock-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'haven-config-'));
const seedFile = (id: string) => join(import.meta.dirname, '../../config/associations', `${id}.json`);

/** A seed file as JSON, for tests that break one field of it. */
type SeedJson = { duties: Record<string, unknown>; clocks: Record<string, unknown> };

describe('association configs', () => {
  it('all five seed configs are known', () => {
    // Act
    const ids = [...ASSOCIATION_IDS];

    // Assess
    expect(ids.sort()).toEqual(['connect-housing', 'housing-21', 'one-manchester', 'sada-herts', 'wrekin']);
  });
  for (const id of ASSOCIATION_IDS) {
    it(`the ${id} seed config loads and validates`, () => {
      // Act
      const config = loadAssociationFile(seedFile(id));

      // Assess
      expect(config.id).toBe(id);
    });
  }
  it('each config traces to its seed policy', () => {
    // Act
    const seeds = Object.fromEntries(ASSOCIATION_IDS.map((id) => [id, getAssociation(id).policy.seed]));

    // Assess
    expect(seeds).toEqual({
      'housing-21': '000',
      'sada-herts': '001',
      'connect-housing': '002',
      wrekin: '003',
      'one-manchester': '004',
    });
  });
  for (const id of ASSOCIATION_IDS) {
    it(`every association follows the England and Wales bank holidays (${id})`, () => {
      // Act
      const config = getAssociation(id);

      // Assess
      expect(config.nation).toBe('england-and-wales');
    });
  }
  describe('each policy sets its clocks and only those (000, 001 §7, 002 §6, 003, 004 §7.4.9, §7.5.1)', () => {
    it.each<[name: string, id: string, clocks: Record<string, Clock>]>([
      [
        '004 §7.4.9, §7.5.1, §7.3: One Manchester, initial contact (or, with no safe way known, deciding how) and emergency security works within 24 hours',
        'one-manchester',
        { initialContact: { hours: 24 }, decideSafeContact: { hours: 24 }, emergencySecurityWorks: { hours: 24 } },
      ],
      ['003: Wrekin, initial contact within 1 working day', 'wrekin', { initialContact: { workingDays: 1 } }],
      [
        '001 §7: SADA/Herts, initial contact within 1 working day and regular contact every 14 days',
        'sada-herts',
        { initialContact: { workingDays: 1 }, regularContact: { days: 14 } },
      ],
      ['002 §6: Connect, the safeguarding log within 24 hours', 'connect-housing', { safeguardingLog: { hours: 24 } }],
      [
        '000: Housing 21, the local authority and CQC reports, the CQC limit and the 21-day holding area',
        'housing-21',
        {
          localAuthorityReport: { hours: 24 },
          cqcReport: { hours: 24 },
          cqcNotifiableLimit: { workingDays: 5 },
          holdingArea: { days: 21 },
        },
      ],
    ])('%s', (_name, id, expected) => {
      // Act
      const { emergencyAdvice, ...clocks } = getAssociation(id).clocks;

      // Assess
      expect(clocks).toEqual(expected);
    });
  });
  for (const id of ASSOCIATION_IDS) {
    it(`002 §6, 003, 004 §7.4.3 immediate danger: a clock of minutes, not a day, keeps the 999 advice (${id}, example length)`, () => {
      // Act
      const { clocks, duties } = getAssociation(id);

      // Assess
      expect(clocks.emergencyAdvice).toEqual({ minutes: 30 });
      expect(duties['advise-emergency-services']).toBeDefined();
    });
  }
  it('000: only Housing 21 runs registered care services', () => {
    // Act
    const registeredCare = ASSOCIATION_IDS.filter((id) => getAssociation(id).services.registeredCare);

    // Assess
    expect(registeredCare).toEqual(['housing-21']);
  });
  it('000: lessons learned at the monthly forum, high risk within 1 working day', () => {
    // Act
    const lessonsLearned = getAssociation('housing-21').lessonsLearned;

    // Assess
    expect(lessonsLearned?.highRisk).toEqual({ workingDays: 1 });
  });
  it('003, 001: Wrekin and SADA/Herts ask for feedback after closure', () => {
    // Act
    const asking = ASSOCIATION_IDS.filter((id) => getAssociation(id).feedbackAfterClosure);

    // Assess
    expect(asking.sort()).toEqual(['sada-herts', 'wrekin']);
  });
  it('002 §6: Connect uses pathways and routes Kirklees names to NKWR on 0192 446 5238', () => {
    // Act
    const c = getAssociation('connect-housing');

    // Assess
    expect(c.pathways).toBe(true);
    expect(c.areas.map((a) => a.id)).toEqual(['kirklees', 'leeds', 'wakefield', 'calderdale']);
    expect(c.areas[0]?.namesCheck?.phone).toBe('0192 446 5238');
    expect(c.areas.find((a) => a.id === 'wakefield')?.marac.email).toBe('wakefield.marac@westyorkshire.pnn.police.uk');
  });
  it('003: Wrekin areas and numbers as the policy gives them', () => {
    // Act
    const w = getAssociation('wrekin');

    // Assess
    expect(w.contact.phone).toBe('01952 217100');
    expect(w.areas.map((a) => a.id)).toEqual(['telford-and-wrekin', 'shropshire', 'staffordshire', 'herefordshire']);
    expect(w.areas[0]?.services[0]?.phone).toBe('01952 385385');
  });
  for (const id of ASSOCIATION_IDS) {
    it(`escalation: tier 1 at the breach tells the case officer and line manager; the last tier the safeguarding lead (${id})`, () => {
      // Act
      const { escalation } = getAssociation(id);

      // Assess
      const tiers = escalation.tiers;
      expect(tiers[0]).toEqual({ notify: ['case-officer', 'line-manager'] });
      expect(tiers.at(-1)?.notify).toEqual(['safeguarding-lead']);
      expect(Object.values(escalation.mailboxes).every((m) => m.endsWith('.example.org'))).toBe(true);
    });
  }
  it('an unknown association id is an error naming it and listing the known ids', () => {
    // Act
    const act = () => getAssociation('nowhere');

    // Assess
    expect(act).toThrow(
      'Unknown association "nowhere"; known associations: housing-21, sada-herts, connect-housing, wrekin, one-manchester',
    );
  });
  it('a broken config file is rejected naming the file and the field', () => {
    // Prepare
    const broken = JSON.parse(readFileSync(seedFile('wrekin'), 'utf8'));
    broken.clocks.initialContact = { workingDays: 0 };
    const path = join(dir, 'broken.json');
    writeFileSync(path, JSON.stringify(broken));

    // Act
    const act = () => loadAssociationFile(path);

    // Assess
    expect(act).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*clocks\\.initialContact`));
  });
  it('a config that sets a clock without adopting its duty is rejected naming the duty', () => {
    // Prepare
    const broken = JSON.parse(readFileSync(seedFile('connect-housing'), 'utf8'));
    delete broken.duties['safeguarding-log'];
    const path = join(dir, 'no-duty.json');
    writeFileSync(path, JSON.stringify(broken));

    // Act
    const act = () => loadAssociationFile(path);

    // Assess
    expect(act).toThrow(/no-duty\.json: duties\.safeguarding-log/);
  });
  it.each([
    {
      name: 'without the 999 duty (danger first ends only when it is recorded)',
      change: (c: SeedJson) => {
        delete c.duties['advise-emergency-services'];
        delete c.clocks.emergencyAdvice;
      },
      field: /no-999\.json: duties\.advise-emergency-services: is required/,
    },
    {
      name: 'with a clock other than the emergency advice in minutes',
      change: (c: SeedJson) => {
        c.clocks.initialContact = { minutes: 5 };
      },
      field: /minutes\.json: clocks\.initialContact: only the emergency advice clock runs in minutes/,
    },
  ])('a config $name is rejected naming the field', ({ change, field }) => {
    // Prepare
    const broken = JSON.parse(readFileSync(seedFile('wrekin'), 'utf8')) as SeedJson;
    change(broken);
    const path = join(dir, field.source.includes('no-999') ? 'no-999.json' : 'minutes.json');
    writeFileSync(path, JSON.stringify(broken));

    // Act
    const act = () => loadAssociationFile(path);

    // Assess
    expect(act).toThrow(field);
  });
  it.each([
    {
      name: 'keeping initial contact yet setting a decide clock (the same wait escalated twice)',
      file: 'wrekin',
      change: (c: SeedJson) => {
        c.clocks.decideSafeContact = { workingDays: 1 };
      },
      field: /keep-decide\.json: clocks\.decideSafeContact: must not be set with "keep-initial-contact"/,
    },
    {
      name: 'deciding first without adopting the decide duty (initial contact would wait for nothing)',
      file: 'one-manchester',
      change: (c: SeedJson) => {
        delete c.duties['decide-safe-contact'];
        delete c.clocks.decideSafeContact;
      },
      field: /keep-decide\.json: duties\.decide-safe-contact: is required with "decide-safe-contact"/,
    },
    {
      name: 'deciding first with no decide clock while initial contact has one (first contact would lose its time)',
      file: 'one-manchester',
      change: (c: SeedJson) => {
        delete c.clocks.decideSafeContact;
      },
      field:
        /keep-decide\.json: clocks\.decideSafeContact: is required with "decide-safe-contact" and an initial-contact clock/,
    },
    {
      name: 'without saying what happens when no safe way is known',
      file: 'connect-housing',
      change: (c: SeedJson) => {
        delete (c as { firstContactWithoutSafeWay?: string }).firstContactWithoutSafeWay;
      },
      field: /keep-decide\.json: firstContactWithoutSafeWay/,
    },
  ])(
    'no safe way known (004 §7.3, 003, 001 §7): a config $name is rejected naming the field',
    ({ file, change, field }) => {
      // Prepare
      const broken = JSON.parse(readFileSync(seedFile(file), 'utf8')) as SeedJson;
      change(broken);
      const path = join(dir, 'keep-decide.json');
      writeFileSync(path, JSON.stringify(broken));

      // Act
      const act = () => loadAssociationFile(path);

      // Assess
      expect(act).toThrow(field);
    },
  );
  it('a risk tool version Haven cannot score is rejected naming riskTool.version (002 §6 DASH)', () => {
    // Prepare
    const broken = JSON.parse(readFileSync(seedFile('wrekin'), 'utf8'));
    broken.riskTool.version = 'dash-1999';
    const path = join(dir, 'old-dash.json');
    writeFileSync(path, JSON.stringify(broken));

    // Act
    const act = () => loadAssociationFile(path);

    // Assess
    expect(act).toThrow(
      /old-dash\.json: riskTool\.version: must be a DASH checklist version Haven scores \(dash-2009\)/,
    );
  });
  it('a file that is not JSON is rejected naming the file', () => {
    // Prepare
    const path = join(dir, 'not-json.json');
    writeFileSync(path, '{ "id": ');

    // Act
    const act = () => loadAssociationFile(path);

    // Assess
    expect(act).toThrow(/not-json\.json.*not valid JSON/);
  });
  it('a missing file is rejected naming the file', () => {
    // Act
    const act = () => loadAssociationFile(join(dir, 'missing.json'));

    // Assess
    expect(act).toThrow(/missing\.json: ENOENT/);
  });
});
