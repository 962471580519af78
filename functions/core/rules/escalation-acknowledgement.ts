/**
 * Taking an escalation on ("I've got this"): who did, when and at which tier of the chain, and the hold
 * it puts on the chain's next tier — `escalation.acknowledgementHolds` in the association's config
 * (absent: no hold) — while the duty is still open. Each tier is held once: the hold counts from the
 * first acknowledgement of the tier before it (a repeat is refused), and only a tier the chain actually
 * sent (its `escalation-sent` timeline entry) can be taken on. The duty being done ends the chain
 * whatever the hold: the clock's check asks whether the duty is still due before it asks about a hold.
 */
import type { AssociationConfig } from '../association.js';
import type { CaseState, EscalationAck } from '../case.js';
import { deadline } from '../clocks.js';
import type { StaffRole } from '../duties.js';
import type { Role } from '../roles.js';

/**
 * The earliest instant tier `tier` of a chain can have been sent: tier 0 at the deadline, each later
 * tier its `after` period after the one before (a hold only ever makes a tier later). Undefined for a
 * tier the config does not have.
 */
export function earliestTierAt(config: AssociationConfig, due: Date, tier: number): Date | undefined {
  const { tiers } = config.escalation;
  if (!Number.isInteger(tier) || tier < 0 || tier >= tiers.length) return undefined;
  let at = due;
  for (let t = 1; t <= tier; t++) {
    const after = tiers[t]?.after;
    if (!after) return undefined;
    at = deadline(at, after, config.nation);
  }
  return at;
}

/**
 * The tiers each chain has sent, by clock key (`clock@deadline`), from the timeline's
 * `escalation-sent` entries: what "I've got this" may take on.
 */
export function tiersSent(
  events: readonly { type: string; details?: Record<string, unknown> | undefined }[],
): Record<string, number[]> {
  const sent: Record<string, number[]> = {};
  for (const e of events) {
    const { clock, deadline, tier } = e.details ?? {};
    if (e.type !== 'escalation-sent' || typeof clock !== 'string' || typeof deadline !== 'string') continue;
    if (typeof tier !== 'number' || !Number.isInteger(tier)) continue;
    const key = `${clock}@${deadline}`;
    sent[key] = [...new Set([...(sent[key] ?? []), tier])].sort((a, b) => a - b);
  }
  return sent;
}

/** Until when an acknowledgement holds the chain's next tier; undefined when the association sets no hold. */
export function ackHoldsUntil(config: AssociationConfig, ack: Pick<EscalationAck, 'at'>): Date | undefined {
  const hold = config.escalation.acknowledgementHolds;
  return hold ? deadline(new Date(ack.at), hold, config.nation) : undefined;
}

/**
 * Whether tier `tier` of the chain `key` must wait, and until when (ISO): someone took on the tier
 * just before it and the hold, counted from that (first) acknowledgement, has not run out at `now`.
 * Tier 0 fires at the breach, before anyone can take it on.
 */
export function heldUntil(
  config: AssociationConfig,
  state: Pick<CaseState, 'escalationAcks'>,
  key: string,
  tier: number,
  now: Date,
): string | undefined {
  const ack = state.escalationAcks?.[key];
  if (tier === 0 || !ack || ack.tier !== tier - 1) return undefined;
  const until = ackHoldsUntil(config, ack);
  return until && until.getTime() > now.getTime() ? until.toISOString() : undefined;
}

/** Which escalation roles each sign-in role reads the alerts of (the Cognito groups' aliases, adapters/http/identity.ts). */
const ESCALATION_ROLES_OF: Record<Role, readonly StaffRole[]> = {
  officer: ['case-officer'],
  manager: ['line-manager', 'operations-manager'],
  'safeguarding-lead': ['safeguarding-lead'],
  board: [],
};

/** The escalation roles a member of staff holding `roles` is sent alerts as, without repeats. */
export function escalationRolesOf(roles: readonly Role[]): StaffRole[] {
  return [...new Set(roles.flatMap((r) => ESCALATION_ROLES_OF[r] ?? []))];
}
