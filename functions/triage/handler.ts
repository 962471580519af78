/**
 * Lifecycle step "Triage": route the case, tell the chain at once about immediate danger or high
 * risk, ask for the DASH again after a new incident or a change in risk, and bring the running clocks
 * in line with the plan (start new keys, stop superseded ones). Idempotent: alerts are keyed by what
 * caused them, clock starts by execution name.
 */
import { z } from 'zod';
import type { AssociationConfig } from '../core/association.js';
import type { CaseState } from '../core/case.js';
import { planClocks } from '../core/clock-plan.js';
import { alertEmail, caseLink, chainRoles, mailboxesFor, type AlertReason } from '../core/escalation.js';
import { defaultLifecycleDeps, lifecycleLambda, type LifecycleDeps } from '../adapters/workflow-lambda.js';

const input = z.object({ caseId: z.string().min(1), associationId: z.string().min(1) });

/** What the state machine keeps: whether the lifecycle is over, and the change counter Triage saw. */
export interface TriageResult {
  closed: boolean;
  seen: number;
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
  const { state, reference } = await d.cases.getCase(caseId, 'system');
  const config = d.config(associationId);
  const now = d.now();

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
  return { closed: state.status !== 'open', seen: record.changeSeq };
}

/** The handler over given dependencies (local engine, tests). */
export const createTriageHandler = (deps: LifecycleDeps) => lifecycleLambda('triage', input, () => deps, triage);

/** The deployed handler. */
export const handler = lifecycleLambda('triage', input, defaultLifecycleDeps, triage);
