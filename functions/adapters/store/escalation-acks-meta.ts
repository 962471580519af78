/**
 * The escalation acknowledgements the alerts list reads in clear (who took each chain on, at which
 * tier, when), rebuilt from their known shapes on every write (never copied), so no other text can
 * reach clear: the clock key from a known clock word and an instant, the tier as a whole number, the
 * staff id and work email as a sign-in gives them, the instant from its parsed date. Anything else is dropped.
 */
import type { ClockName } from '../../core/association.js';
import type { CaseState, EscalationAck } from '../../core/case.js';
import { CLOCK_DUTY } from '../../core/duties.js';
import { instantOf, oneOf } from './figures-meta.js';

const CLOCKS = Object.keys(CLOCK_DUTY) as ClockName[];
/** A staff id as a sign-in gives it (a Cognito subject, or the local identity's user id). */
const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
/** A work email as a sign-in gives it: one address, no spaces. */
const EMAIL = /^[^\s@<>"'`]{1,64}@[A-Za-z0-9.-]{1,189}\.[A-Za-z]{2,63}$/;

/** The clock key `clock@deadline` rebuilt from a known clock word and an instant. */
function keyOf(key: string): string | undefined {
  const at = key.indexOf('@');
  const clock = oneOf(CLOCKS, key.slice(0, at));
  const deadline = instantOf(key.slice(at + 1));
  return at > 0 && clock && deadline ? `${clock}@${deadline}` : undefined;
}

/** One acknowledgement rebuilt, or undefined when any part of it is not of its shape. */
function ackOf(ack: EscalationAck): EscalationAck | undefined {
  const tier = Number.isInteger(ack.tier) && ack.tier >= 0 && ack.tier <= 20 ? ack.tier : undefined;
  const by = typeof ack.by === 'string' && STAFF_ID.test(ack.by) ? String(ack.by) : undefined;
  const at = instantOf(ack.at);
  if (tier === undefined || !by || !at) return undefined;
  const email = typeof ack.email === 'string' && EMAIL.test(ack.email) ? String(ack.email) : undefined;
  return { tier, by, ...(email ? { email } : {}), at };
}

/** The clear acknowledgements by clock key; undefined when none survive. */
export function escalationAcksMetaOf(acks: CaseState['escalationAcks']): CaseState['escalationAcks'] {
  const clear: Record<string, EscalationAck> = {};
  for (const [key, ack] of Object.entries(acks ?? {})) {
    const k = keyOf(key);
    const a = ack && typeof ack === 'object' ? ackOf(ack) : undefined;
    if (k && a) clear[k] = a;
  }
  return Object.keys(clear).length > 0 ? clear : undefined;
}
