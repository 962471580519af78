/**
 * The lessons-learned review after closure (000): due by the association's next monthly forum, or
 * sooner (its highRisk period) when the case was high risk by the DASH or by the officer's assessment.
 */
import type { AssociationConfig } from '../association.js';
import type { CaseState } from '../case.js';
import { deadline, nextMonthlyForum } from '../clocks.js';

/** When a closed case's review is due and whether it was high risk; undefined where the policy sets no review. */
export function lessonsLearnedReview(
  config: AssociationConfig,
  state: Pick<CaseState, 'dash' | 'facts'>,
  closedAt: Date,
): { dueAt: Date; highRisk: boolean } | undefined {
  const ll = config.lessonsLearned;
  if (!ll) return undefined;
  const highRisk = state.dash?.risk === 'high' || state.facts.risk === 'high';
  const dueAt = highRisk
    ? deadline(closedAt, ll.highRisk, config.nation)
    : nextMonthlyForum(closedAt, ll.forum, config.nation);
  return { dueAt, highRisk };
}
