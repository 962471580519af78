import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { factsFromReport } from '../../functions/core/case.js';
import { planClocks } from '../../functions/core/clock-plan.js';
import { reportSchema } from '../../functions/core/report.js';
import { route } from '../../functions/core/routing.js';
import {
  emergencyWorksApply,
  emergencyWorksStart,
  openedByViolentIncident,
  reportsViolence,
} from '../../functions/core/rules/emergency-works.js';
import { facts, state } from './routing-fixtures.js';

const om = getAssociation('one-manchester');
const worksDuty = (over: Parameters<typeof facts>[0]) => route(facts(over), om).map((a) => a.duty);
const works = (s: Parameters<typeof planClocks>[0]) =>
  planClocks(s, om).find((p) => p.clock === 'emergencySecurityWorks');

describe('004 §7.4.7: which cases need emergency security works', () => {
  it('004 §7.4.7: a violent incident with the victim staying needs the works; an agency having secured the home or the victim leaving does not', () => {
    // Act
    const verdicts = [
      emergencyWorksApply({ violentIncident: true, victimStayingInHome: true, securityDoneByAgency: false }),
      emergencyWorksApply({ violentIncident: true, victimStayingInHome: true, securityDoneByAgency: true }),
      emergencyWorksApply({ violentIncident: true, victimStayingInHome: false, securityDoneByAgency: false }),
      emergencyWorksApply({ violentIncident: false, victimStayingInHome: true, securityDoneByAgency: false }),
    ];
    // Assess
    expect(verdicts).toEqual([true, false, false, false]);
  });
  it('004 §7.4.7: no emergency works when an agency already secured the home (One Manchester)', () => {
    // Act
    const duties = worksDuty({ violentIncident: true, securityDoneByAgency: true });
    // Assess
    expect(duties).not.toContain('emergency-security-works');
  });
  it('004 §7.4.7: no emergency works when the victim is leaving the home (One Manchester)', () => {
    // Act
    const duties = worksDuty({ violentIncident: true, victimStayingInHome: false });
    // Assess
    expect(duties).not.toContain('emergency-security-works');
  });
  it('004 §7.4.7: a report of physical abuse, or one that says violent, tells of a violent incident', () => {
    // Prepare
    const base = { violentIncident: false, abuseTypes: [] as ('physical' | 'emotional')[] };
    // Act
    const verdicts = [
      reportsViolence(base),
      reportsViolence({ ...base, abuseTypes: ['emotional'] }),
      reportsViolence({ ...base, abuseTypes: ['physical'] }),
      reportsViolence({ ...base, violentIncident: true }),
    ];
    // Assess
    expect(verdicts).toEqual([false, false, true, true]);
  });
  it("004 §7.4.7: a resident's report of physical abuse gives a case with a violent incident", () => {
    // Prepare
    const report = reportSchema.parse({
      associationId: 'one-manchester',
      reporterKind: 'victim',
      immediateDanger: false,
      livesInAssociationHome: 'yes',
      abuseTypes: ['physical'],
      narrative: 'what happened',
    });
    // Act
    const f = factsFromReport(report);
    // Assess
    expect(f.violentIncident).toBe(true);
  });
});

describe('004 §7.4.9: emergency security works within 24 hours of the violent incident being reported', () => {
  it('004 §7.4.9: emergency works carry the 24-hour clock (One Manchester)', () => {
    // Act
    const action = route(facts({ violentIncident: true }), om).find((a) => a.duty === 'emergency-security-works');
    // Assess
    expect(action?.clocks).toEqual(['emergencySecurityWorks']);
  });
  it('004 §7.4.9: a violent incident reported at 10 Mar 08:00Z opens the duty with its clock from then', () => {
    // Act
    const duty = openedByViolentIncident('2026-03-10T08:00:00.000Z');
    // Assess
    expect(duty).toEqual({ status: 'open', at: '2026-03-10T08:00:00.000Z' });
  });
  it('004 §7.4.9: the clock starts when the duty was opened, else at the report', () => {
    // Prepare
    const opened = state({
      duties: { 'emergency-security-works': openedByViolentIncident('2026-03-10T08:00:00.000Z') },
    });
    // Act
    const starts = [emergencyWorksStart(opened), emergencyWorksStart(state())];
    // Assess
    expect(starts).toEqual(['2026-03-10T08:00:00.000Z', '2026-03-04T10:00:00.000Z']);
  });
  it('004 §7.4.9: emergency security works within 24 hours of the violent incident being reported, opened with the duty', () => {
    // Prepare
    const s = state(
      {
        incidents: ['2026-03-04T10:00:00.000Z', '2026-03-10T08:00:00.000Z'],
        duties: { 'emergency-security-works': { status: 'open', at: '2026-03-10T08:00:00.000Z' } },
      },
      { violentIncident: true },
    );
    // Act
    const planned = works(s);
    // Assess
    expect(planned?.startsAt).toBe('2026-03-10T08:00:00.000Z');
    expect(planned?.deadline).toBe('2026-03-11T08:00:00.000Z');
  });
  it('004 §7.4.9: a later incident that opened no new duty does not move the emergency-security-works clock', () => {
    // Prepare
    const s = state({ incidents: ['2026-03-04T10:00:00.000Z', '2026-03-05T08:00:00.000Z'] }, { violentIncident: true });
    // Act
    const planned = works(s);
    // Assess
    expect(planned?.deadline).toBe('2026-03-05T10:00:00.000Z');
  });
});
