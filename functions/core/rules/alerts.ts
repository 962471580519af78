/**
 * The alerts a case raises at once, before any clock runs out: immediate danger and high risk tell
 * the whole escalation chain (002 §6, 003, 004 §7.4.3-4); a new incident or a change in risk since the
 * DASH asks the case officer to complete the DASH again (002 §6, 001 §7). Each alert has a stable id
 * from what caused it, so the workflow sends one email and records one event per cause.
 */
import type { AssociationConfig } from '../association.js';
import type { CaseState } from '../case.js';
import type { StaffRole } from '../duties.js';
import type { EmailText } from '../escalation.js';

/** Why someone is told at once. */
export type AlertReason = 'immediate-danger' | 'high-risk' | 'dash-review';

/** One alert: its stable id, why, and the roles told. */
export interface CaseAlert {
  id: string;
  reason: AlertReason;
  roles: StaffRole[];
}

/**
 * How an alert is delivered (docs/delivery.md): immediate danger and high risk may be sent once more
 * after an SES answer is lost (at most two copies), and a send that fails or may not have gone alarms
 * operations at once; any other alert goes at most once.
 */
export function alertDelivery(reason: AlertReason): { copies: 1 | 2; urgent: boolean } {
  const urgent = reason === 'immediate-danger' || reason === 'high-risk';
  return { copies: urgent ? 2 : 1, urgent };
}

/** Every role of the escalation chain, first tier first: told at once for immediate danger or high risk. */
export function chainRoles(config: AssociationConfig): StaffRole[] {
  const roles: StaffRole[] = [];
  for (const t of config.escalation.tiers) for (const r of t.notify) if (!roles.includes(r)) roles.push(r);
  return roles;
}

/**
 * The alerts a case's state calls for. High risk is the DASH's (high, or MARAC required) when there is
 * one, else the officer's recorded risk; the DASH is asked for again after the latest incident since it,
 * or when the recorded risk differs from the DASH's.
 */
export function alertsFor(state: CaseState, config: AssociationConfig): CaseAlert[] {
  const chain = chainRoles(config);
  const out: CaseAlert[] = [];
  if (state.facts.immediateDanger)
    out.push({ id: `alert:immediate-danger:${state.reportedAt}`, reason: 'immediate-danger', roles: chain });
  const highAt =
    state.dash?.risk === 'high' || state.dash?.maracRequired
      ? state.dash.at
      : state.facts.risk === 'high'
        ? state.reportedAt
        : undefined;
  if (highAt) out.push({ id: `alert:high-risk:${highAt}`, reason: 'high-risk', roles: chain });
  if (state.dash) {
    const dashAt = Date.parse(state.dash.at);
    const newIncident = state.incidents
      .filter((i) => Date.parse(i) > dashAt)
      .sort()
      .at(-1);
    if (newIncident)
      out.push({ id: `alert:dash-review:${newIncident}`, reason: 'dash-review', roles: ['case-officer'] });
    else if (state.facts.risk !== 'not-assessed' && state.facts.risk !== state.dash.risk)
      out.push({
        id: `alert:dash-review:risk-${state.facts.risk}:${state.dash.at}`,
        reason: 'dash-review',
        roles: ['case-officer'],
      });
  }
  return out;
}

const ALERT_WORDS: Record<AlertReason, string> = {
  'immediate-danger': "immediate danger was reported: advise 999 or call on the person's behalf now",
  'high-risk': 'the DASH risk assessment shows high risk: a MARAC referral is required',
  'dash-review': 'a new incident or a change in risk was recorded: complete the DASH again',
};

/** The email telling the chain at once (immediate danger, high risk) or asking for the DASH again; no personal details. */
export function alertEmail(input: { reason: AlertReason; reference: string; link: string }): EmailText {
  return {
    subject: `Action now: case ${input.reference}`,
    text: [
      `Case ${input.reference}: ${ALERT_WORDS[input.reason]}.`,
      `Open the case: ${input.link}`,
      'This message holds no personal details; read them in the case.',
    ].join('\n\n'),
  };
}
