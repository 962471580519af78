/**
 * The clear facts the caseload lists (the work queue, issue 13), derived from a case's sealed state
 * and the association's config on every write, as figures-meta.ts derives the figures facts: flags,
 * known words (duties, staff roles) and instants, each rebuilt from its value (never copied), so no
 * reason, note or other text can reach clear. A marker set later on the case's home, or a referral
 * made later on a linked case, shows once the case is next written (both are read then).
 */
import type { AssociationConfig } from '../../core/association.js';
import { type CaseState, CLOSURE_OUTCOMES } from '../../core/case.js';
import { planClocks } from '../../core/clock-plan.js';
import { DUTIES, STAFF_ROLES } from '../../core/duties.js';
import { openActions } from '../../core/worklist.js';
import { instantOf, instantsOf, oneOf } from './figures-meta.js';
import type { WorklistMeta } from './types.js';

/** What a write found beyond the case: a staff-safety marker on its home, the linked cases' MARAC referral instants. */
export interface WorklistFound {
  homeMarked: boolean;
  linkedMaracReferrals: readonly string[];
}

/** The work-queue facts of a case (see the module comment), with what the write found about its home and linked cases. */
export function worklistMetaOf(
  state: CaseState,
  config: AssociationConfig,
  { homeMarked, linkedMaracReferrals }: WorklistFound,
): WorklistMeta {
  const actions = openActions(state, config).flatMap((a) => {
    const duty = oneOf(DUTIES, a.duty);
    const owner = oneOf(STAFF_ROLES, a.owner);
    if (!duty || !owner) return [];
    const dueAt = instantOf(a.dueAt);
    return [{ duty, owner, ...(dueAt ? { dueAt } : {}) }];
  });
  return {
    children: state.facts.children === true,
    staffSafety:
      homeMarked || state.facts.riskToStaff === true || state.duties['staff-safety-marker']?.status === 'done',
    maracReferrals: instantsOf(state.maracReferrals),
    linkedMaracReferrals: instantsOf(linkedMaracReferrals),
    actions,
    deadlines: instantsOf(planClocks(state, config).map((p) => p.deadline)),
    ...outcomeOf(state.status === 'closed' ? state.closureOutcome : undefined),
  };
}

/** A closure outcome as its known word only (anything else never reaches clear). */
function outcomeOf(value: unknown): { closureOutcome?: (typeof CLOSURE_OUTCOMES)[number] } {
  const closureOutcome = oneOf(CLOSURE_OUTCOMES, value);
  return closureOutcome ? { closureOutcome } : {};
}

/** The work-queue facts as read back from an item or projection: absent unless whole (older items have none). */
export function readWorklist(value: unknown): WorklistMeta | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const w = value as Partial<WorklistMeta>;
  if (
    typeof w.children !== 'boolean' ||
    typeof w.staffSafety !== 'boolean' ||
    !Array.isArray(w.maracReferrals) ||
    !Array.isArray(w.actions) ||
    !Array.isArray(w.deadlines)
  )
    return undefined;
  return {
    children: w.children,
    staffSafety: w.staffSafety,
    maracReferrals: w.maracReferrals,
    linkedMaracReferrals: Array.isArray(w.linkedMaracReferrals) ? w.linkedMaracReferrals : [],
    actions: w.actions,
    deadlines: w.deadlines,
    ...outcomeOf(w.closureOutcome),
  };
}
