/**
 * The clear facts the caseload lists (the work queue, issue 13), derived from a case's sealed state
 * and the association's config on every write, as figures-meta.ts derives the figures facts: flags,
 * known words (duties, staff roles) and instants, each rebuilt from its value (never copied), so no
 * reason, note or other text can reach clear. A marker set later on the case's home, or a referral
 * made later on a linked case, shows once the case is next written (both are read then); so does a
 * linked case's move to another area or officer, which decides who its referrals count for.
 */
import type { AssociationConfig } from '../../core/association.js';
import { type CaseState, CLOSURE_OUTCOMES } from '../../core/case.js';
import { planClocks } from '../../core/clock-plan.js';
import { DUTIES, STAFF_ROLES } from '../../core/duties.js';
import type { LinkedReferral } from '../../core/rules/linked-cases.js';
import { openActions } from '../../core/worklist.js';
import { instantOf, instantsOf, oneOf } from './figures-meta.js';
import type { WorklistMeta } from './types.js';

/** What a write found beyond the case: a staff-safety marker on its home, the linked cases' MARAC referrals and where each case sat. */
export interface WorklistFound {
  homeMarked: boolean;
  linkedMaracReferrals: readonly LinkedReferral[];
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
    linkedMaracReferrals: linkedReferralsOf(linkedMaracReferrals),
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

/**
 * Linked referrals rebuilt from their values, oldest first: the instant, and the area and officer ids
 * of the case's place (nothing else reaches clear). A plain instant, as items written before the place
 * was kept hold it, reads as a referral whose place is not known (core/rules/linked-cases.ts counts it
 * only for a reader who sees every case); an entry without an instant is dropped.
 */
function linkedReferralsOf(values: readonly unknown[]): LinkedReferral[] {
  return values
    .flatMap((v): LinkedReferral[] => {
      if (typeof v === 'string') {
        const at = instantOf(v);
        return at ? [{ at }] : [];
      }
      if (!v || typeof v !== 'object') return [];
      const r = v as { at?: unknown; place?: { area?: unknown; assignedOfficer?: unknown } };
      const at = instantOf(r.at);
      if (!at) return [];
      if (!r.place || typeof r.place !== 'object') return [{ at }];
      const { area, assignedOfficer } = r.place;
      return [
        {
          at,
          place: {
            ...(typeof area === 'string' ? { area } : {}),
            ...(typeof assignedOfficer === 'string' ? { assignedOfficer } : {}),
          },
        },
      ];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
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
    linkedMaracReferrals: linkedReferralsOf(Array.isArray(w.linkedMaracReferrals) ? w.linkedMaracReferrals : []),
    actions: w.actions,
    deadlines: w.deadlines,
    ...outcomeOf(w.closureOutcome),
  };
}
