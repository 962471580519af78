import type { ConsentRecord } from './case.js';
import { DUTIES, type Duty, OVERRIDE_BASES, type OverrideBasis } from './duties.js';
import type { FieldProblem } from './problems.js';
import type { RequiredAction } from './routing.js';
import { consentRuleFor, overrideBasesFor } from './routing.js';

/** Whether an action may go ahead, and on what basis; `missing` says what is needed when it may not. */
export interface ConsentStatus {
  mayProceed: boolean;
  basis: 'consent' | 'not-needed' | OverrideBasis | null;
  missing?: string;
}

/** The newest consent decision recorded for a duty. */
function latestFor(duty: Duty, consents: readonly ConsentRecord[]): ConsentRecord | undefined {
  let found: ConsentRecord | undefined;
  for (const c of consents) if (c.duty === duty && (!found || Date.parse(c.at) >= Date.parse(found.at))) found = c;
  return found;
}

/**
 * Whether a required action may proceed: with consent, because none is needed, or on a recorded
 * override allowed for it (002 §6, 003, 004 §7.5.4, §8.3). The newest decision for the duty counts.
 */
export function consentStatus(
  action: Pick<RequiredAction, 'duty' | 'consent' | 'overrideBases'>,
  consents: readonly ConsentRecord[],
): ConsentStatus {
  if (action.consent === 'not-needed') return { mayProceed: true, basis: 'not-needed' };
  const overridable = action.consent === 'required-unless-override' && action.overrideBases.length > 0;
  const needs = overridable
    ? `the victim's consent, or an override on one of: ${action.overrideBases.join(', ')}`
    : "the victim's consent";
  const record = latestFor(action.duty, consents);
  if (!record) return { mayProceed: false, basis: null, missing: needs };
  if (record.decision === 'given') return { mayProceed: true, basis: 'consent' };
  if (record.decision === 'overridden') {
    if (!overridable)
      return { mayProceed: false, basis: null, missing: `${action.duty} cannot go ahead without the victim's consent` };
    if (!record.basis || !action.overrideBases.includes(record.basis))
      return {
        mayProceed: false,
        basis: null,
        missing: `an override basis allowed for ${action.duty}: ${action.overrideBases.join(', ')}`,
      };
    if (!record.reason?.trim()) return { mayProceed: false, basis: null, missing: 'a reason for the override' };
    return { mayProceed: true, basis: record.basis };
  }
  return {
    mayProceed: false,
    basis: null,
    missing: overridable ? `consent was refused; ${needs}` : "consent was refused; the victim's consent",
  };
}

/** Checks a request to act without consent: the duty must allow overrides, the basis must be one it allows, and a reason is required. */
export function validateOverride(input: { duty: string; basis?: string; reason?: string }): {
  ok: boolean;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const duty = (DUTIES as readonly string[]).includes(input.duty) ? (input.duty as Duty) : undefined;
  if (!duty) problems.push({ field: 'duty', problem: 'is not a known duty' });
  else if (consentRuleFor(duty) !== 'required-unless-override')
    problems.push({
      field: 'duty',
      problem:
        consentRuleFor(duty) === 'not-needed'
          ? 'needs no consent, so no override'
          : "cannot be done without the victim's consent",
    });
  const allowed = duty ? overrideBasesFor(duty) : [];
  if (!input.basis) problems.push({ field: 'basis', problem: 'is required' });
  else if (!(OVERRIDE_BASES as readonly string[]).includes(input.basis))
    problems.push({ field: 'basis', problem: `must be one of: ${OVERRIDE_BASES.join(', ')}` });
  else if (duty && allowed.length && !allowed.includes(input.basis as OverrideBasis))
    problems.push({ field: 'basis', problem: `is not allowed for ${duty}; allowed: ${allowed.join(', ')}` });
  if (!input.reason?.trim())
    problems.push({ field: 'reason', problem: 'is required: say why consent is being overridden' });
  return { ok: problems.length === 0, problems };
}

/** A key contact on a safety plan and the items the victim agreed may be shared with them (000). */
export interface PlanContact {
  permitted: string[];
  /** The perpetrator, their legal representatives or other interested parties (003). */
  perpetratorSide?: boolean;
}

/**
 * Whether one safety-plan item may be shared with a key contact: only items the victim permitted for
 * that contact with explicit consent, or on a legal request (000); nothing to the perpetrator's side
 * without the victim's permission, whatever the request (003).
 */
export function maySharePlanWith(
  contact: PlanContact,
  item: string,
  consents: readonly ConsentRecord[],
): { mayShare: boolean; basis: 'consent' | 'legal-request' | null; missing?: string } {
  const record = latestFor('safety-plan', consents);
  const permitted = contact.permitted.includes(item);
  if (record?.decision === 'given' && permitted) return { mayShare: true, basis: 'consent' };
  if (contact.perpetratorSide)
    return {
      mayShare: false,
      basis: null,
      missing: "the victim's permission to share this item with the perpetrator or their representatives",
    };
  if (record?.decision === 'overridden' && record.basis === 'legal-request' && record.reason?.trim())
    return { mayShare: true, basis: 'legal-request' };
  if (!permitted)
    return {
      mayShare: false,
      basis: null,
      missing: 'the victim has not agreed this item may be shared with this contact',
    };
  return {
    mayShare: false,
    basis: null,
    missing: "the victim's explicit consent to share the safety plan, or a legal request",
  };
}
