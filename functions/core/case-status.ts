import type { AssociationConfig } from './association.js';
import type { CaseFacts, CaseState, CaseStatus } from './case.js';
import type { Duty } from './duties.js';
import { route } from './routing.js';
import { holdingDeadline } from './rules/holding-area.js';

/** Which status may follow which: a signposted record opens if the victim turns out to live in our home; a closed case reopens on a new incident. */
export const ALLOWED_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['closed'],
  signposted: ['open'],
  closed: ['open'],
};

/** Whether a case may move from one status to another. */
export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** A report about a resident opens a case; anyone else is given advice and the record is signposted (004 §7.5.1-2). */
export function initialStatus(facts: Pick<CaseFacts, 'resident'>): CaseStatus {
  return facts.resident ? 'open' : 'signposted';
}

/**
 * Duties that run for the life of the case and end with it: they never hold closure up, and staff
 * cannot mark them done or no further action (that would silently stop their clocks).
 */
export const ENDS_WITH_CASE: readonly Duty[] = ['regular-contact', 'case-resolved'];

/** Why a duty that ends with the case cannot be marked done or closed off, or undefined for any other duty. */
export function endsWithCaseProblem(duty: Duty): string | undefined {
  if (!ENDS_WITH_CASE.includes(duty)) return undefined;
  return duty === 'case-resolved'
    ? `${duty} ends only when the case is closed; pause the 21-day clock instead`
    : `${duty} ends only when the case is closed`;
}

/**
 * Why a case may not be closed yet (empty when it may): a required action still open, no further
 * action without a reason, closure not discussed with the victim (003), or over the holding period
 * without a recorded reason (000, needs `now`). Messages name duties, never personal data.
 */
export function closureBlockers(state: CaseState, config: AssociationConfig, now?: Date): string[] {
  if (state.status !== 'open') return [`the case is ${state.status}, not open`];
  const blockers: string[] = [];
  for (const action of route(state.facts, config)) {
    if (ENDS_WITH_CASE.includes(action.duty)) continue;
    const duty = state.duties[action.duty];
    if (!duty || duty.status === 'open') blockers.push(`${action.duty} is still open`);
    else if (duty.status === 'no-further-action' && !duty.reason?.trim())
      blockers.push(`${action.duty}: no further action needs a recorded reason`);
  }
  if (!state.closureDiscussedWithVictim) blockers.push('closure has not been discussed with the victim (003)');
  const holding = config.clocks.holdingArea;
  if (now && holding && config.duties['case-resolved']) {
    const due = holdingDeadline(state, holding, config.nation, now).deadline.getTime();
    if (now.getTime() > due && !state.duties['case-resolved']?.reason?.trim())
      blockers.push(
        'open past the holding period: record why (statutory or legal action ongoing, or complexity) and tell the line manager (000)',
      );
  }
  return blockers;
}
