/**
 * Who is told about a breached clock at which tier, when the next tier is due, what a tier or a
 * failing step records on the timeline, and the words of each email. Pure: no I/O, time passed in. Emails carry the case reference, the duty, how overdue and a
 * link to the case, never anything about the people in it.
 */
import { type AssociationConfig, CLOCK_DUTY, type ClockName } from './association.js';
import { deadline, overdueBy } from './clocks.js';
import type { Duty, StaffRole } from './duties.js';

/** A clock key as clock-plan makes it: `${clock}@${deadlineISO}`. */
export interface ParsedClockKey {
  clock: ClockName;
  deadline: Date;
}

/** Splits a clock key into its clock and deadline; throws on a key that is not one. */
export function parseClockKey(key: string): ParsedClockKey {
  const at = key.indexOf('@');
  const clock = key.slice(0, at) as ClockName;
  const due = new Date(key.slice(at + 1));
  if (at < 1 || !(clock in CLOCK_DUTY) || Number.isNaN(due.getTime())) throw new RangeError('not a clock key');
  return { clock, deadline: due };
}

/** A clock key as a timeline event id token (`@` is not allowed there). */
function clockToken(key: string): string {
  return key.replace('@', ':');
}

/** The mailboxes of some roles, without repeats, in config order. */
export function mailboxesFor(config: AssociationConfig, roles: readonly (StaffRole | 'operations')[]): string[] {
  const out: string[] = [];
  for (const role of roles) {
    const box = config.escalation.mailboxes[role];
    if (box && !out.includes(box)) out.push(box);
  }
  return out;
}

/** The roles told at one tier (tier 0 fires at the breach). */
export function tierRoles(config: AssociationConfig, tier: number): StaffRole[] {
  return [...(config.escalation.tiers[tier]?.notify ?? [])];
}

/** When the tier after `tier` is due, given when `tier` fired; undefined after the last tier. */
function nextTierAt(config: AssociationConfig, tier: number, firedAt: Date): Date | undefined {
  const next = config.escalation.tiers[tier + 1];
  if (!next?.after) return undefined;
  return deadline(firedAt, next.after, config.nation);
}

/**
 * What one tier firing records, each with a fixed id (the email's send key is the escalation's id):
 * at tier 0 the breach, dated at the deadline, then the escalation sent to the tier's roles.
 */
export function tierRecord(key: string, tier: number, roles: readonly StaffRole[], now: Date) {
  const { clock, deadline: due } = parseClockKey(key);
  const [duty, deadline] = [CLOCK_DUTY[clock], due.toISOString()];
  const id = `escalation:${clockToken(key)}:${tier}`;
  const sent = {
    id,
    type: 'escalation-sent' as const,
    at: now.toISOString(),
    duty,
    details: { clock, tier, roles, deadline },
  };
  const breach = {
    id: `breach:${clockToken(key)}`,
    type: 'clock-breached' as const,
    at: deadline,
    duty,
    details: { clock, deadline },
  };
  return { id, events: tier === 0 ? [breach, sent] : [sent] };
}

/** A clock execution's next state after `tier` fired at `at` (ISO): the next tier and when it is due, or `more: false`. */
export function afterTier(
  config: AssociationConfig,
  tier: number,
  at: string,
): { tier: number; at: string; more: boolean } {
  const next = nextTierAt(config, tier, new Date(at));
  return { tier: next ? tier + 1 : tier, at: (next ?? new Date(at)).toISOString(), more: next !== undefined };
}

/** Plain words for a duty, e.g. "initial contact". */
export function dutyWords(duty: Duty): string {
  return duty.replace(/-/g, ' ');
}

/**
 * The staff console's case page for a case (`<origin>/console/case.html?id=<id>`, given the console's
 * base URL `<origin>/console`): the id only, never a name.
 */
export function caseLink(consoleUrl: string, caseId: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/case.html?id=${encodeURIComponent(caseId)}`;
}

/** An email's words. */
export interface EmailText {
  subject: string;
  text: string;
}

/** The email for a breached clock at one tier. */
export function escalationEmail(input: {
  reference: string;
  clock: ClockName;
  deadline: Date;
  now: Date;
  tier: number;
  link: string;
}): EmailText {
  const duty = dutyWords(CLOCK_DUTY[input.clock]);
  const overdue = overdueBy(input.deadline, input.now);
  const level = input.tier === 0 ? 'Overdue' : `Still overdue (escalation ${input.tier + 1})`;
  return {
    subject: `${level}: ${duty} on case ${input.reference}`,
    text: [
      `Case ${input.reference}: the duty "${duty}" was due by ${input.deadline.toISOString()} and is ${overdue === '0 minutes' ? 'now' : overdue} overdue.`,
      `Open the case: ${input.link}`,
      'This message is sent by Haven to the escalation chain. It holds no personal details; read them in the case.',
    ].join('\n\n'),
  };
}

/** The error class as a plain token; Step Functions' Cause (which may hold a message) is never read. */
function errorClass(error: string | undefined): string {
  const clean = (error ?? 'Error').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 60);
  return clean || 'Error';
}

/**
 * What a failing lifecycle step records: operations are mailed once per stage, clock and tier (`sendKey`),
 * and the fault is recorded at most once an hour for each.
 */
export function faultRecord(
  fault: { stage: string; key?: string | undefined; tier?: number | undefined; error?: string | undefined },
  now: Date,
) {
  const { stage, key, tier } = fault;
  const errorName = errorClass(fault.error);
  const where = `${stage}:${key ? clockToken(key) : 'case'}:${tier ?? 0}`;
  const hour = now.toISOString().slice(0, 13);
  const event = {
    id: `fault:${where}:${hour}`,
    type: 'workflow-fault' as const,
    at: now.toISOString(),
    details: { stage, key, tier, errorName },
  };
  return { sendKey: `fault:${where}`, errorName, event };
}

/** The email telling operations that a lifecycle step keeps failing. Error class only, never a message. */
export function faultEmail(input: {
  reference?: string;
  caseId: string;
  stage: string;
  errorName: string;
  link: string;
}): EmailText {
  const which = input.reference ? `case ${input.reference}` : `case id ${input.caseId}`;
  return {
    subject: `Haven workflow fault: ${which}`,
    text: [
      `The ${input.stage} step for ${which} failed after its retries (${input.errorName}). It will be tried again within the hour; please check the case's clocks.`,
      `Open the case: ${input.link}`,
    ].join('\n\n'),
  };
}
