/**
 * The side effects the lifecycle steps do the same way: an email sent once per key with the timeline
 * events that record it (each once per id), and when it may not have gone or an urgent alert cannot
 * go, that on the timeline and an operations alarm (once each: docs/delivery.md); the clock executions
 * brought in line with a plan (core rules/clock-reconciliation decides which; this starts, stops and
 * keeps the ledger); and the case's clear next deadline kept in step with the plan for the caseload.
 */
import type { AssociationConfig } from '../core/association.js';
import { nextDeadline, type PlannedClock, planClocks } from '../core/clock-plan.js';
import { caseLink, maybeSentEvent, type OperationsAlarm, refusedEvent } from '../core/escalation.js';
import { type ClockLedger, type ClockReconciliation, reconcileClocks } from '../core/rules/clock-reconciliation.js';
import { ConflictError } from './errors.js';
import { ClaimTakenError, MailError, type OutgoingEmail, type SendPolicy } from './mailer.js';
import { type NewEvent, nextDueFields } from './store/types.js';
import type { LifecycleCases, LifecycleDeps } from './workflow-lambda.js';

/** A timeline event the system records, with the fixed id that makes a retry harmless. */
export type SystemEvent = Omit<NewEvent, 'actor' | 'id'> & { id: string };

/** Whose email it is and how it goes: the ids an alarm names, the step sending it, the copies allowed. */
export interface NotifyHow extends SendPolicy {
  associationId: string;
  stage: string;
  reference?: string | undefined;
  /** An immediate-danger or high-risk alert: a refused send alarms at once too (core rules/alerts `alertDelivery`). */
  urgent?: boolean;
}

type NotifyDeps = Pick<LifecycleDeps, 'mailer' | 'cases' | 'alarm' | 'store' | 'now' | 'consoleUrl'>;

/**
 * Sends the email (if any, once per key), then records the events in order (once per id). An email that
 * may have gone (no SES answer) is not sent again: the events are recorded (the step counts as done),
 * then an `email-maybe-sent` event, then operations are alarmed once. An email SES refused for good, or
 * one with no recipients, is never sent: the events, then an `email-refused` event, then one alarm. An
 * urgent alert that fails any other way (SES refused it for now, the claim or the mail could not be
 * reached) alarms operations at once, then fails the step so its Retry sends it.
 */
export async function notify(
  d: NotifyDeps,
  caseId: string,
  email: OutgoingEmail | undefined,
  events: SystemEvent[],
  how?: NotifyHow,
): Promise<void> {
  if (email && !how) throw new Error('notify: an email needs its association and stage');
  const outcome = email && how ? await sendOrAlarm(d, caseId, email, how) : undefined;
  for (const e of events) await d.cases.appendEvent(caseId, { ...e, actor: 'system' });
  if (!email || !how || !outcome) return;
  const key = email.idempotencyKey;
  if (outcome.outcome === 'maybe-sent') {
    const event = maybeSentEvent(key, d.now(), outcome.errorName);
    await d.cases.appendEvent(caseId, { ...event, actor: 'system' });
    await raiseOnce(d, alarmOf(d, caseId, how, 'email-maybe-sent', key, event.details.errorName));
  }
  if (outcome.outcome === 'refused' || outcome.outcome === 'no-recipients') {
    const errorName = outcome.outcome === 'refused' ? outcome.errorName : 'NoRecipients';
    const event = refusedEvent(key, d.now(), errorName);
    await d.cases.appendEvent(caseId, { ...event, actor: 'system' });
    await raiseOnce(d, alarmOf(d, caseId, how, 'email-not-sent', key, event.details.errorName));
  }
}

/** The error's class as a plain token (MailError: the SES error's). */
function classOf(e: unknown): string {
  if (e instanceof MailError) return e.sdkError;
  const raw = (e as { name?: unknown } | null)?.name;
  return typeof raw === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(raw) ? raw : 'Error';
}

/** Sends; an urgent alert that fails, whatever the failure, raises its alarm before the error goes on. */
async function sendOrAlarm(d: NotifyDeps, caseId: string, email: OutgoingEmail, how: NotifyHow) {
  try {
    return await d.mailer.send(caseId, email, how.copies ? { copies: how.copies } : {});
  } catch (e) {
    if (how.urgent && !(e instanceof ClaimTakenError))
      await raiseOnce(d, alarmOf(d, caseId, how, 'email-refused', email.idempotencyKey, classOf(e))).catch(
        () => undefined,
      );
    throw e;
  }
}

function alarmOf(
  d: Pick<LifecycleDeps, 'consoleUrl'>,
  caseId: string,
  how: NotifyHow,
  kind: OperationsAlarm['kind'],
  key: string,
  errorName: string,
): OperationsAlarm {
  return {
    id: `${kind}:${key}`,
    kind,
    associationId: how.associationId,
    caseId,
    reference: how.reference,
    stage: how.stage,
    key,
    errorName,
    link: caseLink(d.consoleUrl, caseId),
    urgent: how.urgent ?? false,
  };
}

/** Alarm ids this container's topic took: the table being down must not make a retry publish again. */
const published = new WeakMap<object, Set<string>>();

/**
 * Raises an alarm unless this case already raised the same one: a marker written after the topic took
 * it, and the ids this container's topic took (kept in memory, so a retry in the same container does
 * not alarm again when the table cannot say). If the table is what fails, alarm anyway.
 */
export async function raiseOnce(d: Pick<LifecycleDeps, 'alarm' | 'store' | 'now'>, alarm: OperationsAlarm) {
  const marker = `alarm:${alarm.id}`;
  let here = published.get(d.alarm);
  if (!here) {
    here = new Set();
    published.set(d.alarm, here);
  }
  const memo = `${alarm.caseId}|${alarm.id}`;
  if (here.has(memo)) return;
  if (await d.store.hasMarker(alarm.caseId, marker).catch(() => false)) return;
  await d.alarm.raise(alarm);
  if (here.size >= 10_000) here.clear();
  here.add(memo);
  await d.store.putMarker(alarm.caseId, marker, d.now()).catch(() => undefined);
}

/** Attempts at recording the clock ledger when a sweep's retirement keeps landing first. */
const LEDGER_ATTEMPTS = 3;

/**
 * Starts the planned clocks not running, then stops the running ones not planned, and records what runs,
 * at the ledger version read: a clock retired since (the sweep) is not written back as running; the
 * ledger is read again and reconciled anew (starts and stops are idempotent by execution name).
 */
export async function runClockPlan(
  d: Pick<LifecycleDeps, 'workflow' | 'store'>,
  ids: { caseId: string; associationId: string },
  plan: readonly PlannedClock[],
  read: ClockLedger & { clockSeq?: number },
): Promise<ClockReconciliation> {
  let ledger = read;
  for (let attempt = 1; ; attempt++) {
    const r = reconcileClocks(plan, ledger);
    for (const c of r.start) await d.workflow.startClock({ ...ids, ...c });
    for (const c of r.stop) await d.workflow.stopClock(ids.caseId, c.key, c.generation);
    if (await d.store.setClocks(ids.caseId, r.clocks, r.stopped, ledger.clockSeq ?? 0)) return r;
    if (attempt >= LEDGER_ATTEMPTS) throw new ConflictError('the clock ledger kept changing', ids.caseId);
    ledger = await d.store.get(ids.caseId);
  }
}

/** Attempts at writing the next deadline when staff writes keep landing first. */
const DEADLINE_ATTEMPTS = 5;

/**
 * Sets the case's next deadline (nextDueAt, with the clock and duty keeping it) to the earliest its plan
 * keeps (removed when none), writing only when it differs, at the version read. A staff write that lands
 * first is never overwritten: the case is read again and the deadline computed from what it now is.
 */
export async function keepNextDue(
  cases: LifecycleCases,
  caseId: string,
  config: AssociationConfig,
  read: Awaited<ReturnType<LifecycleCases['getCase']>>,
): Promise<void> {
  let current = read;
  for (let attempt = 1; ; attempt++) {
    const next = nextDeadline(planClocks(current.state, config));
    // Compared field by field, so a case stored before the clock name was kept gets it on its next triage.
    const stored = nextDueFields(next);
    if (
      stored.nextDueAt === current.nextDueAt &&
      stored.nextDueClock === current.nextDueClock &&
      stored.nextDueDuty === current.nextDueDuty
    )
      return;
    try {
      await cases.setNextDueAt(caseId, current.version, next);
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= DEADLINE_ATTEMPTS) throw e;
      current = await cases.getCase(caseId, 'system');
    }
  }
}
