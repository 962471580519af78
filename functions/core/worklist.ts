/**
 * The caseload as a work queue (issue 13): which open actions a case has, which one is next, and the
 * order cases are worked in: immediate danger, then overdue (most overdue first), then high risk
 * (with or without a clock running), then due soonest, then the rest.
 */
import type { AssociationConfig } from './association.js';
import type { CaseState } from './case.js';
import { planClocks } from './clock-plan.js';
import type { Duty, StaffRole } from './duties.js';
import { route } from './routing.js';

/** One open required action of a case: the duty, the role owning it, the earliest deadline of its running clocks. */
export interface OpenAction {
  duty: Duty;
  owner: StaffRole;
  dueAt?: string;
}

/** Every open required action of an open case, in routing order (none for a case not open). */
export function openActions(state: CaseState, config: AssociationConfig): OpenAction[] {
  if (state.status !== 'open') return [];
  const plan = planClocks(state, config);
  const out: OpenAction[] = [];
  for (const action of route(state.facts, config)) {
    const status = state.duties[action.duty]?.status;
    if (status === 'done' || status === 'no-further-action') continue;
    const due = plan
      .filter((p) => p.duty === action.duty)
      .map((p) => p.deadline)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    out.push({ duty: action.duty, owner: action.owner, ...(due ? { dueAt: due } : {}) });
  }
  return out;
}

/**
 * The next action: the open action whose clock is due soonest; when no clock runs, the first open
 * action in routing order (the order DOMAIN.md lists them: danger, contact, safeguarding, referrals).
 */
export function nextAction<A extends { dueAt?: string }>(actions: readonly A[]): A | undefined {
  const timed = actions
    .filter((a) => a.dueAt !== undefined)
    .sort((a, b) => Date.parse(a.dueAt as string) - Date.parse(b.dueAt as string));
  return timed[0] ?? actions[0];
}

/** How many of a case's running clocks are past their deadline at `now`. */
export function overdueCount(deadlines: readonly string[], now: Date): number {
  return deadlines.filter((d) => Date.parse(d) < now.getTime()).length;
}

/** A case as the queue orders it: its tier from the open index key, its next deadline, report instant and id. */
export interface QueuedCase {
  tier: 'danger' | 'high' | 'due';
  nextDueAt?: string;
  reportedAt: string;
  caseId: string;
}

/** The place of a case in the queue at `now`: 0 immediate danger, 1 overdue, 2 high risk, 3 due or no clock. */
function rank(c: QueuedCase, now: number): number {
  if (c.tier === 'danger') return 0;
  if (c.nextDueAt !== undefined && Date.parse(c.nextDueAt) < now) return 1;
  return c.tier === 'high' ? 2 : 3;
}

/** Sorts after every instant: a case with no clock running comes last in its rank. */
const NO_DUE = Number.POSITIVE_INFINITY;

/**
 * The work queue's order at `now` (a comparator): danger cases by when reported, then overdue cases
 * most overdue first, then high-risk cases by deadline (none last), then the rest by deadline (none
 * last); the case id breaks ties.
 */
export function workOrder(a: QueuedCase, b: QueuedCase, now: Date): number {
  const t = now.getTime();
  const byRank = rank(a, t) - rank(b, t);
  if (byRank !== 0) return byRank;
  const when = (c: QueuedCase) =>
    c.tier === 'danger' ? Date.parse(c.reportedAt) : c.nextDueAt ? Date.parse(c.nextDueAt) : NO_DUE;
  const byWhen = when(a) - when(b);
  if (byWhen !== 0 && !Number.isNaN(byWhen)) return byWhen;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}
