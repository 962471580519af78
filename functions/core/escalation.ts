/**
 * Who is told about a breached clock at which tier, when the next tier is due, and the words of each
 * email. Pure: no I/O, time passed in. Emails carry the case reference, the duty, how overdue and a
 * link to the case, never anything about the people in it.
 */
import { CLOCK_DUTY, type AssociationConfig, type ClockName } from './association.js';
import { deadline, nextMonthlyForum, overdueBy } from './clocks.js';
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
export function clockToken(key: string): string {
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

/** Every role of the escalation chain, first tier first: told at once for immediate danger or high risk. */
export function chainRoles(config: AssociationConfig): StaffRole[] {
  const roles: StaffRole[] = [];
  for (const t of config.escalation.tiers) for (const r of t.notify) if (!roles.includes(r)) roles.push(r);
  return roles;
}

/** When the tier after `tier` is due, given when `tier` fired; undefined after the last tier. */
export function nextTierAt(config: AssociationConfig, tier: number, firedAt: Date): Date | undefined {
  const next = config.escalation.tiers[tier + 1];
  if (!next?.after) return undefined;
  return deadline(firedAt, next.after, config.nation);
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
export function escalationEmail(input: { reference: string; clock: ClockName; deadline: Date; now: Date; tier: number; link: string }): EmailText {
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

/** Why the whole chain is told at once. */
export type AlertReason = 'immediate-danger' | 'high-risk' | 'dash-review';

const ALERT_WORDS: Record<AlertReason, string> = {
  'immediate-danger': 'immediate danger was reported: advise 999 or call on the person\'s behalf now',
  'high-risk': 'the DASH risk assessment shows high risk: a MARAC referral is required',
  'dash-review': 'a new incident or a change in risk was recorded: complete the DASH again',
};

/** The email telling the chain at once (immediate danger, high risk) or asking for the DASH again. */
export function alertEmail(input: { reason: AlertReason; reference: string; link: string }): EmailText {
  return {
    subject: `Action now: case ${input.reference}`,
    text: [`Case ${input.reference}: ${ALERT_WORDS[input.reason]}.`, `Open the case: ${input.link}`, 'This message holds no personal details; read them in the case.'].join('\n\n'),
  };
}

/** The email telling operations that a lifecycle step keeps failing. Error class only, never a message. */
export function faultEmail(input: { reference?: string; caseId: string; stage: string; errorName: string; link: string }): EmailText {
  const which = input.reference ? `case ${input.reference}` : `case id ${input.caseId}`;
  return {
    subject: `Haven workflow fault: ${which}`,
    text: [
      `The ${input.stage} step for ${which} failed after its retries (${input.errorName}). It will be tried again within the hour; please check the case's clocks.`,
      `Open the case: ${input.link}`,
    ].join('\n\n'),
  };
}

/** The lessons-learned review's due time after closure (000): next monthly forum, sooner for high risk. */
export function lessonsLearnedDue(config: AssociationConfig, closedAt: Date, highRisk: boolean): Date | undefined {
  const ll = config.lessonsLearned;
  if (!ll) return undefined;
  return highRisk ? deadline(closedAt, ll.highRisk, config.nation) : nextMonthlyForum(closedAt, ll.forum, config.nation);
}

/** The generic feedback request sent through the victim's safe channel (no names, no case details). */
export function feedbackEmail(input: { associationName: string }): EmailText {
  return {
    subject: `${input.associationName}: how did we do?`,
    text: `${input.associationName} would value your feedback on the support you received. Reply to this message, or call us, whenever it is safe for you. You do not have to reply.`,
  };
}
