/**
 * Who is told about a breached clock at which tier (the case officer at the assigned officer's own
 * address when there is one, the shared mailbox otherwise), when the next tier is due, what a tier or
 * a failing step records on the timeline, and the words of each email: in London date-and-time words
 * what is due and since when, who holds the case, who took the escalation on and what to do next.
 * Pure: no I/O, time passed in. Emails carry the case reference, staff addresses and a link to the
 * case, never anything about the people in it.
 */
import type { AssociationConfig, ClockName } from './association.js';
import type { CaseState, EscalationAck } from './case.js';
import { deadline, overdueBy } from './clocks.js';
import type { Duty, StaffRole } from './duties.js';
import { CLOCK_DUTY } from './duties.js';
import { dutyName } from './duty-steps.js';
import { londonWhenInWords } from './when-words.js';

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

/** One recipient of an escalation: the role told, the address it goes to, and the key its alert is listed under. */
export interface Recipient {
  role: StaffRole;
  to: string;
  /** `staff#<sub>` for the assigned officer's own address, else `role#<role>` (the role's mailbox). */
  alertKey: string;
}

/**
 * Who a tier's roles reach: the case officer is the assigned officer at their own address when the
 * case has one, the shared case-officer mailbox otherwise; every other role its mailbox. An address
 * already told at this tier is not told twice.
 */
export function recipientsFor(
  config: AssociationConfig,
  roles: readonly StaffRole[],
  state: Pick<CaseState, 'assignedOfficer' | 'assignedOfficerEmail'>,
): Recipient[] {
  const out: Recipient[] = [];
  for (const role of roles) {
    const own = role === 'case-officer' && state.assignedOfficer && state.assignedOfficerEmail;
    const to = own ? state.assignedOfficerEmail : config.escalation.mailboxes[role];
    if (!to || out.some((r) => r.to.toLowerCase() === to.toLowerCase())) continue;
    out.push({ role, to, alertKey: own ? `staff#${state.assignedOfficer}` : `role#${role}` });
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
export function tierRecord(
  key: string,
  tier: number,
  roles: readonly StaffRole[],
  now: Date,
  sentTo?: readonly Recipient[],
) {
  const { clock, deadline: due } = parseClockKey(key);
  const [duty, deadline] = [CLOCK_DUTY[clock], due.toISOString()];
  const id = `escalation:${clockToken(key)}:${tier}`;
  const to = sentTo ? { sentTo: sentTo.map((r) => ({ role: r.role, to: r.to })) } : {};
  const sent = {
    id,
    type: 'escalation-sent' as const,
    at: now.toISOString(),
    duty,
    details: { clock, tier, roles, deadline, ...to },
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

/** What an escalation email says beyond the breach: who holds the case, who took the escalation on, what to do next. */
interface EscalationContext {
  /** The assigned officer's work email; absent: nobody assigned. */
  assignedTo?: string | undefined;
  /** The latest acknowledgement of this chain. */
  acknowledged?: Pick<EscalationAck, 'email' | 'at' | 'tier'> | undefined;
  /** The duty's next step in words (duty-steps.ts `nextStepWords`). */
  nextStep?: string | undefined;
}

/**
 * The email for a breached clock at one tier: in London date-and-time words what is due and since
 * when it is overdue, who holds the case, who has taken the escalation on, what to do next, and the
 * case link (which brings a reader who must sign in first back to the case). Staff addresses only:
 * nothing about the people in the case.
 */
export function escalationEmail(
  input: {
    reference: string;
    clock: ClockName;
    deadline: Date;
    now: Date;
    tier: number;
    link: string;
  } & EscalationContext,
): EmailText {
  const duty = dutyWords(CLOCK_DUTY[input.clock]);
  const overdue = overdueBy(input.deadline, input.now);
  const level = input.tier === 0 ? 'Overdue' : `Still overdue (escalation ${input.tier + 1})`;
  const due = londonWhenInWords(input.deadline);
  const ack = input.acknowledged;
  return {
    subject: `${level}: ${duty} on case ${input.reference}`,
    text: [
      `Case ${input.reference}: ${dutyName(CLOCK_DUTY[input.clock])} is ${overdue === '0 minutes' ? 'now' : overdue} overdue, overdue since ${due} (London time).`,
      `Who holds the case: ${input.assignedTo ?? 'nobody assigned'}.`,
      ...(ack
        ? [
            `Taken on: ${ack.email ?? 'a member of staff'} said "I've got this" at ${londonWhenInWords(new Date(ack.at))} (escalation ${ack.tier + 1}).`,
          ]
        : []),
      ...(input.nextStep ? [`What to do next: ${input.nextStep}`] : []),
      'If you are asked to sign in, the link brings you back to this case. You can take the escalation on there ("I\'ve got this").',
      `Open the case: ${input.link}`,
      `Deadline as recorded: it was due by ${input.deadline.toISOString()} (UTC).`,
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
 * What a failing lifecycle step records: the fault at most once an hour for each stage, clock and tier,
 * and operations alarmed once per fault run (`alarmId`, or none): a run is the faults in a row of one
 * execution, and the first (`faults` 1, or not counted) starts it, so its alarm is named by the
 * execution (when given) and the hour the run began. A later run (a new outage, after a parked restart)
 * alarms again.
 */
export function faultRecord(
  fault: {
    stage: string;
    key?: string | undefined;
    tier?: number | undefined;
    error?: string | undefined;
    faults?: number | undefined;
    execution?: string | undefined;
  },
  now: Date,
) {
  const { stage, key, tier } = fault;
  const errorName = errorClass(fault.error);
  const where = `${stage}:${key ? clockToken(key) : 'case'}:${tier ?? 0}`;
  const hour = now.toISOString().slice(0, 13);
  const runStarts = (fault.faults ?? 1) === 1;
  const run = fault.execution ? `${fault.execution.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 80)}:${hour}` : hour;
  const event = {
    id: `fault:${where}:${hour}`,
    type: 'workflow-fault' as const,
    at: now.toISOString(),
    details: { stage, key, tier, errorName },
  };
  return { alarmId: runStarts ? `fault:${where}:${run}` : undefined, errorName, event };
}

/**
 * What an alert that cannot go yet records (Triage retries it every 15 minutes, not through the fault
 * loop): one `workflow-fault` event per alert id, and one alarm per alert id (`alarmId`).
 */
export function alertPendingRecord(alertId: string, error: string | undefined, now: Date) {
  const errorName = errorClass(error);
  const event = {
    id: `fault:alert:${alertId}`.slice(0, 120),
    type: 'workflow-fault' as const,
    at: now.toISOString(),
    details: { stage: 'triage', key: alertId, errorName },
  };
  return { alarmId: `alert-pending:${alertId}`, errorName, event };
}

/** The `workflow-parked` timeline event: ids and stage only, once per parked execution. */
export function parkedRecord(
  event: { stage: string; key?: string | undefined; tier?: number | undefined; execution?: string | undefined },
  now: Date,
) {
  const { stage, key, tier, execution } = event;
  return {
    id: `parked:${execution ?? `${stage}:${key ?? 'case'}:${tier ?? 0}`}`,
    type: 'workflow-parked' as const,
    at: now.toISOString(),
    details: {
      stage,
      ...(key ? { key } : {}),
      ...(tier !== undefined ? { tier } : {}),
      ...(execution ? { execution } : {}),
    },
  };
}

/**
 * An alarm for operations, raised on the stack's alarm topic (an SNS email subscription, or locally an
 * in-process topic): ids, the stage, the error class and the case link only, never anything about the
 * people. `id` is fixed per thing alarmed, so raising it again is one alarm.
 */
export interface OperationsAlarm {
  id: string;
  kind: 'workflow-fault' | 'workflow-parked' | 'email-maybe-sent' | 'email-refused' | 'email-not-sent';
  associationId: string;
  caseId: string;
  reference?: string | undefined;
  stage: string;
  key?: string | undefined;
  tier?: number | undefined;
  errorName: string;
  link: string;
  /** An immediate-danger or high-risk alert may not have reached anyone: act now. */
  urgent: boolean;
}

/** Each alarm's subject then its lines, by kind. */
const ALARM_WORDS: Record<OperationsAlarm['kind'], (which: string, a: OperationsAlarm) => string[]> = {
  'workflow-fault': (which, a) => [
    `Haven workflow fault: ${which}`,
    `The ${a.stage} step for ${which} failed after its retries (${a.errorName}). It will be tried again in an hour, then after pauses doubling to a day; after 8 failures in a row it is parked (another alarm says so) until the sweep restarts it. This alarm is raised once for these faults in a row. Please check the case's clocks.`,
  ],
  'email-maybe-sent': (which, a) => [
    `Haven email maybe not delivered: ${which}`,
    `An email about ${which} was handed to SES but no answer came back (${a.errorName}). It may or may not have arrived, and it is not sent again automatically.`,
    a.urgent
      ? 'It was an immediate-danger or high-risk alert: make sure the people it was for know now.'
      : 'The next escalation tier goes on schedule; check with the recipients if in doubt.',
  ],
  'workflow-parked': (which, a) => [
    `Haven workflow parked: ${which}`,
    `The ${a.stage} step for ${which} kept failing (${a.errorName}) and its ${a.stage === 'clock' ? 'clock' : 'lifecycle'} is parked: nothing runs for it until the sweep starts it again. Please check the case now.`,
  ],
  'email-not-sent': (which, a) => [
    `Haven email not sent: ${which}`,
    a.errorName === 'NoRecipients'
      ? `An email about ${which} had nobody to go to: the association has no mailbox for the roles it is for. It is not sent.`
      : `SES refused an email about ${which} for good (${a.errorName}): it is not sent again.`,
    a.urgent
      ? 'It was an immediate-danger or high-risk alert: make sure the people it was for know now.'
      : 'The next escalation tier goes on schedule; tell the people it was for, and fix the mailbox or address.',
  ],
  'email-refused': (which, a) => [
    `Haven alert not sent yet: ${which}`,
    `An immediate-danger or high-risk alert about ${which} could not be sent: SES refused it or could not be reached (${a.errorName}). Haven keeps trying; until the case's timeline shows it sent, make sure the people it is for know.`,
  ],
};

/** The words of an alarm (the SNS subject and message, the local subscriber's email). */
export function alarmWords(alarm: OperationsAlarm): EmailText {
  const which = alarm.reference ? `case ${alarm.reference}` : `case id ${alarm.caseId}`;
  const first = alarm.urgent ? 'URGENT: ' : '';
  const [what, ...lines] = ALARM_WORDS[alarm.kind](which, alarm);
  const ids = [
    `Association: ${alarm.associationId}. Case id: ${alarm.caseId}. Stage: ${alarm.stage}.`,
    ...(alarm.key ? [`Clock or send key: ${alarm.key}${alarm.tier === undefined ? '' : `, tier ${alarm.tier}`}.`] : []),
  ];
  return {
    subject: `${first}${what}`.slice(0, 100),
    text: [...lines, ...ids, `Open the case: ${alarm.link}`].join('\n\n'),
  };
}

/**
 * The timeline event for an email that was not sent and will not be: SES refused it for good, or it had
 * no recipients (`errorName` NoRecipients). Once per send key; fixed words, the key and the class only.
 */
export function refusedEvent(sendKey: string, now: Date, errorName: string) {
  return {
    id: `refused:${sendKey}`.slice(0, 120),
    type: 'email-refused' as const,
    at: now.toISOString(),
    details: { sendKey, errorName: errorClass(errorName) },
  };
}

/** The timeline event for an email that may or may not have gone (a lost SES answer): once per send key. */
export function maybeSentEvent(sendKey: string, now: Date, errorName: string) {
  return {
    id: `maybe-sent:${sendKey}`.slice(0, 120),
    type: 'email-maybe-sent' as const,
    at: now.toISOString(),
    details: { sendKey, errorName: errorClass(errorName) },
  };
}
