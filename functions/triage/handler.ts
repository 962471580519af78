/**
 * Lifecycle step "Triage": route the case, tell the chain at once about immediate danger or high
 * risk, ask for the DASH again after a new incident or a change in risk, bring the running clocks in
 * line with the plan (start new keys, stop superseded ones) and set the case's next deadline for the
 * caseload. Idempotent: alerts are keyed by what caused them, clock starts by execution name, the
 * deadline written only when it differs. An execution older than HANDOVER_AFTER_DAYS instead starts
 * its continuation (which triages at once) and ends.
 */
import { z } from 'zod';
import type { AssociationConfig } from '../core/association.js';
import type { CaseState } from '../core/case.js';
import { nextDeadline, planClocks } from '../core/clock-plan.js';
import { alertEmail, caseLink, chainRoles, mailboxesFor, type AlertReason } from '../core/escalation.js';
import { nextDueFields } from '../adapters/case-types.js';
import { ConflictError } from '../adapters/errors.js';
import { HANDOVER_AFTER_DAYS, continuationOf } from '../adapters/workflow.js';
import { defaultLifecycleDeps, lifecycleLambda, type LifecycleCases, type LifecycleDeps } from '../adapters/workflow-lambda.js';

const input = z.object({
  caseId: z.string().min(1),
  associationId: z.string().min(1),
  /** `$$.Execution.Name` and `$$.Execution.StartTime`: when to hand over to a continuation. */
  execution: z.string().min(1).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
});

/** What the state machine keeps: whether the lifecycle is over, whether it handed over, and the change counter Triage saw. */
export interface TriageResult {
  closed: boolean;
  handedOver: boolean;
  seen: number;
}

const DAY_MS = 86_400_000;
/** Attempts at writing the next deadline when staff writes keep landing first. */
const DEADLINE_ATTEMPTS = 5;

/**
 * Sets the case's clear nextDueAt, with the clock and duty keeping it, to the earliest deadline its
 * plan keeps (core `nextDeadline`; removed when none), at the version read; when a staff write got there first, re-reads and re-applies, so that write is never
 * overwritten and the deadline follows the state it was computed from.
 */
async function keepNextDue(cases: LifecycleCases, caseId: string, config: AssociationConfig, read: Awaited<ReturnType<LifecycleCases['getCase']>>): Promise<void> {
  let current = read;
  for (let attempt = 1; ; attempt++) {
    const next = nextDeadline(planClocks(current.state, config));
    // Compared field by field, so a case stored before the clock name was kept gets it on its next triage.
    const stored = nextDueFields(next);
    if (stored.nextDueAt === current.nextDueAt && stored.nextDueClock === current.nextDueClock && stored.nextDueDuty === current.nextDueDuty) return;
    try {
      await cases.setNextDueAt(caseId, current.version, next);
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= DEADLINE_ATTEMPTS) throw e;
      current = await cases.getCase(caseId, 'system');
    }
  }
}

/** The alerts a case's state calls for, each with a stable id (one email and one event per id). */
export function alertsFor(state: CaseState, config: AssociationConfig): { id: string; reason: AlertReason; roles: ReturnType<typeof chainRoles> }[] {
  const chain = chainRoles(config);
  const out: { id: string; reason: AlertReason; roles: typeof chain }[] = [];
  if (state.facts.immediateDanger) out.push({ id: `alert:immediate-danger:${state.reportedAt}`, reason: 'immediate-danger', roles: chain });
  const highAt = state.dash?.risk === 'high' || state.dash?.maracRequired ? state.dash.at : state.facts.risk === 'high' ? state.reportedAt : undefined;
  if (highAt) out.push({ id: `alert:high-risk:${highAt}`, reason: 'high-risk', roles: chain });
  if (state.dash) {
    const dashAt = Date.parse(state.dash.at);
    const newIncident = state.incidents.filter((i) => Date.parse(i) > dashAt).sort().at(-1);
    if (newIncident) out.push({ id: `alert:dash-review:${newIncident}`, reason: 'dash-review', roles: ['case-officer'] });
    else if (state.facts.risk !== 'not-assessed' && state.facts.risk !== state.dash.risk)
      out.push({ id: `alert:dash-review:risk-${state.facts.risk}:${state.dash.at}`, reason: 'dash-review', roles: ['case-officer'] });
  }
  return out;
}

/** The Triage step. */
export async function triage(event: z.infer<typeof input>, d: LifecycleDeps): Promise<TriageResult> {
  const { caseId, associationId } = event;
  // Read the change counter before the case: a change after this read re-runs Triage.
  const record = await d.store.get(caseId);
  const stored = await d.cases.getCase(caseId, 'system');
  const { state, reference } = stored;
  const config = d.config(associationId);
  const now = d.now();

  // An old execution of an open case hands over before the execution timeout; the continuation triages.
  if (state.status === 'open' && event.startedAt && now.getTime() - Date.parse(event.startedAt) >= HANDOVER_AFTER_DAYS * DAY_MS) {
    await d.workflow.continueCase(caseId, associationId, continuationOf(caseId, event.execution ?? caseId) + 1);
    return { closed: false, handedOver: true, seen: record.changeSeq };
  }

  if (state.status === 'open') {
    const link = caseLink(d.consoleUrl, caseId);
    for (const alert of alertsFor(state, config)) {
      await d.mailer.send(caseId, { idempotencyKey: alert.id, to: mailboxesFor(config, alert.roles), ...alertEmail({ reason: alert.reason, reference, link }) });
      await d.cases.appendEvent(caseId, {
        id: alert.id,
        type: 'escalation-sent',
        at: now.toISOString(),
        actor: 'system',
        details: { reason: alert.reason, roles: alert.roles },
      });
    }
  }

  // Clocks: the plan is empty for a case that is not open, so closure stops every clock here too.
  const plan = planClocks(state, config);
  const running = { ...record.clocks };
  const stopped = { ...record.stopped };
  for (const p of plan) {
    if (p.key in running) continue;
    const generation = p.key in stopped ? stopped[p.key]! + 1 : 0;
    await d.workflow.startClock({ caseId, associationId, key: p.key, deadline: p.deadline, generation });
    running[p.key] = generation;
  }
  const planned = new Set(plan.map((p) => p.key));
  for (const [key, generation] of Object.entries(running)) {
    if (planned.has(key)) continue;
    await d.workflow.stopClock(caseId, key, generation);
    delete running[key];
    stopped[key] = generation;
  }
  await d.store.setClocks(caseId, running, stopped);
  await keepNextDue(d.cases, caseId, config, stored);
  return { closed: state.status !== 'open', handedOver: false, seen: record.changeSeq };
}

/** The handler over given dependencies (local engine, tests). */
export const createTriageHandler = (deps: LifecycleDeps) => lifecycleLambda('triage', input, () => deps, triage);

/** The deployed handler. */
export const handler = lifecycleLambda('triage', input, defaultLifecycleDeps, triage);
