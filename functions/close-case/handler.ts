/**
 * Lifecycle step "Close": stop every clock at once, then (for a closed case, not a signposted one)
 * ask for feedback through the victim's safe channel only where the association asks for it and the
 * victim allowed contact (003, 001), and set the lessons-learned review: the next monthly forum, or
 * sooner for high risk (000). Idempotent: fixed event ids, a send marker on the feedback email.
 */
import { z } from 'zod';
import { feedbackEmail, lessonsLearnedDue } from '../core/escalation.js';
import type { SafeContact } from '../core/report.js';
import { defaultLifecycleDeps, lifecycleLambda, type LifecycleDeps } from '../adapters/workflow-lambda.js';

const input = z.object({ caseId: z.string().min(1), associationId: z.string().min(1) });

/** How feedback may be asked for: by email (sent here), by another safe channel (the officer asks), or not at all. */
export function feedbackChannel(safe: SafeContact | undefined): 'email' | 'officer' | 'none' {
  if (!safe || safe.noContact || !safe.method) return 'none';
  if (safe.method === 'email') return safe.email ? 'email' : 'none';
  if (safe.method === 'letter') return safe.letterSafe ? 'officer' : 'none';
  if (safe.method === 'through-reporter') return 'none';
  return 'officer';
}

/** The Close step. */
export async function closeCase(event: z.infer<typeof input>, d: LifecycleDeps): Promise<{ stopped: number }> {
  const { caseId, associationId } = event;
  const { state, report } = await d.cases.getCase(caseId, 'system');
  // Reopened since this execution saw it closed: the new lifecycle owns the clocks now.
  if (state.status === 'open') return { stopped: 0 };
  const record = await d.store.get(caseId);
  const running = Object.entries(record.clocks);
  for (const [key, generation] of running) await d.workflow.stopClock(caseId, key, generation);
  const stopped = { ...record.stopped };
  for (const [key, generation] of running) stopped[key] = generation;
  await d.store.setClocks(caseId, {}, stopped);

  if (state.status !== 'closed') return { stopped: running.length };
  const config = d.config(associationId);
  const closedAt = new Date(state.closedAt ?? d.now().toISOString());
  const now = d.now().toISOString();
  // One feedback request and one review per closure: a case closed again after a reopen gets its own.
  const closure = closedAt.toISOString();

  if (config.feedbackAfterClosure) {
    const channel = feedbackChannel(report.safeContact);
    if (channel === 'email' && report.safeContact.email) {
      await d.mailer.send(caseId, { idempotencyKey: `feedback:${closure}`, to: [report.safeContact.email], ...feedbackEmail({ associationName: config.name }) });
    }
    if (channel !== 'none')
      await d.cases.appendEvent(caseId, { id: `feedback-requested:${closure}`, type: 'feedback-requested', at: now, actor: 'system', details: { channel } });
  }

  const highRisk = state.dash?.risk === 'high' || state.facts.risk === 'high';
  const due = lessonsLearnedDue(config, closedAt, highRisk);
  if (due)
    await d.cases.appendEvent(caseId, { id: `lessons-learned-due:${closure}`, type: 'lessons-learned-due', at: now, actor: 'system', details: { dueAt: due.toISOString(), highRisk } });
  return { stopped: running.length };
}

/** The handler over given dependencies (local engine, tests). */
export const createCloseCaseHandler = (deps: LifecycleDeps) => lifecycleLambda('close-case', input, () => deps, closeCase);

/** The deployed handler. */
export const handler = lifecycleLambda('close-case', input, defaultLifecycleDeps, closeCase);
