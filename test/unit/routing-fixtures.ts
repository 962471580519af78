import { type CaseFacts, type CaseState, newCaseState } from '../../functions/core/case.js';

/** A resident victim, no other triggers, risk not yet assessed. */
export function facts(over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    resident: true,
    immediateDanger: false,
    children: false,
    vulnerableAdult: false,
    multipleSafeguardingIssues: false,
    receivesRegisteredCare: false,
    perpetratorHasCareNeeds: false,
    elderAbuse: false,
    suspectedModernSlavery: false,
    riskToStaff: false,
    jointTenancyWithPerpetrator: false,
    violentIncident: false,
    victimStayingInHome: true,
    securityDoneByAgency: false,
    mappaCriteriaMet: false,
    risk: 'not-assessed',
    ...over,
  };
}

/** An open case reported at `reportedAt`, nothing done yet. */
export function state(over: Partial<CaseState> = {}, factsOver: Partial<CaseFacts> = {}): CaseState {
  const reportedAt = over.reportedAt ?? '2026-03-04T10:00:00.000Z';
  return {
    ...newCaseState({
      id: 'case-1',
      reference: 'XX-0001',
      associationId: 'test',
      status: 'open',
      reportedAt,
      facts: facts(factsOver),
    }),
    ...over,
  };
}
