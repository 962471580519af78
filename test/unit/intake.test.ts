import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { intakeOf, reportProblems } from '../../functions/core/intake.js';
import { type ReportInput, reportSchema } from '../../functions/core/report.js';

const NOW = new Date('2026-11-02T10:00:00Z');
const IDENTITY = { id: 'case-1', reference: 'HV-TEST-0001' };
const BASE: ReportInput = {
  associationId: 'one-manchester',
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  area: 'manchester',
  narrative: 'Something happened.',
};
const report = (over: Partial<ReportInput> = {}) => reportSchema.parse({ ...BASE, ...over });
const MANCHESTER = getAssociation('one-manchester');

describe('intakeOf: what a report becomes (004 §7.5.1, §7.5.2)', () => {
  it('004 §7.5.1: a resident report opens a case whose initial-contact clock starts at the report', () => {
    // Act
    const safeWay = { safeContact: { method: 'phone' as const, phone: '07700 900123' } };
    const { state, plan } = intakeOf(report(safeWay), MANCHESTER, IDENTITY, NOW.toISOString());

    // Assess
    expect(state).toMatchObject({
      ...IDENTITY,
      associationId: 'one-manchester',
      status: 'open',
      reportedAt: NOW.toISOString(),
    });
    expect(plan.map((c) => c.clock)).toContain('initialContact');
  });

  it('004 §7.3: a report giving no safe way to reach the victim starts deciding how at the report, not initial contact', () => {
    // Act
    const { state, plan } = intakeOf(report(), MANCHESTER, IDENTITY, NOW.toISOString());

    // Assess
    expect(state.facts.safeContact).toBe('none-known');
    expect(plan.map((c) => [c.clock, c.startsAt])).toEqual([['decideSafeContact', NOW.toISOString()]]);
  });

  it('004 §7.5.2: a non-resident report is signposted, runs no clocks, and its advice signposts', () => {
    // Act
    const { state, plan, advice } = intakeOf(
      report({ livesInAssociationHome: 'no' }),
      MANCHESTER,
      IDENTITY,
      NOW.toISOString(),
    );

    // Assess
    expect(state.status).toBe('signposted');
    expect(plan).toEqual([]);
    expect(advice.outcome).toBe('signposted');
  });

  it('002 §6, 004 §7.4.3: immediate danger puts the 999 steps in the advice', () => {
    // Act
    const { advice } = intakeOf(report({ immediateDanger: true }), MANCHESTER, IDENTITY, NOW.toISOString());

    // Assess
    expect(advice.emergency?.headline).toContain('999');
  });
});

describe('reportProblems: a report this service may take', () => {
  it('one service per association: a report for another association names associationId', () => {
    // Act
    const problems = reportProblems(report({ associationId: 'wrekin' }), MANCHESTER, NOW);

    // Assess
    expect(problems).toEqual([{ field: 'associationId', problem: 'is not the association this service is for' }]);
  });

  it.each([
    ['1899-12-31', 'must not be before 1900'],
    ['2026-11-03', 'must not be in the future'],
  ])('a date of birth of %s is refused: %s', (dateOfBirth, problem) => {
    // Act
    const problems = reportProblems(report({ person: { dateOfBirth } }), MANCHESTER, NOW);

    // Assess
    expect(problems).toEqual([{ field: 'person.dateOfBirth', problem }]);
  });

  it.each(['housing-21', 'sada-herts', 'connect-housing', 'wrekin', 'one-manchester'])(
    'the area is one of the association’s own (%s): each configured area and none are taken, any other is refused naming area',
    (id) => {
      // Prepare
      const config = getAssociation(id);
      const of = (area?: string) => reportSchema.parse({ ...BASE, associationId: id, area });

      // Act
      const listed = config.areas.map((a) => reportProblems(of(a.id), config, NOW));
      const none = reportProblems(of(), config, NOW);
      const mars = reportProblems(of('mars'), config, NOW);

      // Assess
      expect(listed.flat()).toEqual([]);
      expect(none).toEqual([]);
      expect(mars.map((p) => p.field)).toEqual(['area']);
      expect(mars[0]?.problem).not.toContain('mars');
    },
  );

  it('a plausible report for this association has no problems (born today is not the future)', () => {
    // Act
    const problems = reportProblems(report({ person: { dateOfBirth: '2026-11-02' } }), MANCHESTER, NOW);

    // Assess
    expect(problems).toEqual([]);
  });
});
