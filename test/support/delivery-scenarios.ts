/**
 * Delivery scenarios on the lifecycle bench (test/workflow/harness.ts started with `sesFaults: true`),
 * sized by the caller: `npm test` runs them small, the soak with bigger numbers. Each returns figures
 * per case — every escalation email by subject and how many copies SES got, the timeline's maybe-sent
 * and fault events, the alarms raised — for the caller to assert on or print.
 */
import type { CaseEvent } from '../../functions/adapters/store/index.js';
import type { OperationsAlarm } from '../../functions/core/escalation.js';
import { type Bench, HOUR } from '../workflow/harness.js';
import { defined } from './defined.js';

/** What one case saw. */
export interface CaseDelivery {
  caseId: string;
  reference: string;
  danger: boolean;
  /** Escalation and alert emails SES got, by subject: each subject is one tier (or alert) of one clock. */
  copies: Map<string, number>;
  maybeSent: CaseEvent[];
  faults: CaseEvent[];
  alarms: OperationsAlarm[];
}

/** Figures over all cases. */
export interface DeliveryFigures {
  cases: CaseDelivery[];
  /** The most copies of any one email. */
  maxCopies: number;
  emails: number;
  maybeSent: number;
  faultsRecorded: number;
  alarms: number;
}

/** Subjects of the emails Haven sends to staff about a case: escalation tiers and alerts (not the alarm mails). */
const STAFF_EMAIL = /^(Overdue|Still overdue|Action now)/;

async function figures(bench: Bench, opened: { caseId: string; reference: string; danger: boolean }[]) {
  const cases: CaseDelivery[] = [];
  for (const c of opened) {
    const copies = new Map<string, number>();
    for (const m of await bench.emails(c.reference))
      if (STAFF_EMAIL.test(m.subject)) copies.set(m.subject, (copies.get(m.subject) ?? 0) + 1);
    const events = await bench.events(c.caseId);
    cases.push({
      ...c,
      copies,
      maybeSent: events.filter((e) => e.type === 'email-maybe-sent'),
      faults: events.filter((e) => e.type === 'workflow-fault'),
      alarms: bench.alarms.filter((a) => a.caseId === c.caseId),
    });
  }
  const all = (f: (c: CaseDelivery) => number) => cases.reduce((n, c) => n + f(c), 0);
  return {
    cases,
    maxCopies: Math.max(0, ...cases.flatMap((c) => [...c.copies.values()])),
    emails: all((c) => [...c.copies.values()].reduce((a, b) => a + b, 0)),
    maybeSent: all((c) => c.maybeSent.length),
    faultsRecorded: all((c) => c.faults.length),
    alarms: all((c) => c.alarms.length),
  };
}

/** How long every tier of the seeds' longest chain takes after its breach, with room (one-manchester: 24 h + 48 h). */
const CHAIN = 100 * HOUR;

/**
 * SES takes every email and the answer is lost: `cases` routine cases of `associationId` are left
 * to breach initial contact and run the whole escalation chain.
 */
export async function lostRepliesScenario(
  bench: Bench,
  options: { cases: number; associationId?: string },
): Promise<DeliveryFigures> {
  const faults = defined(bench.faults, 'a bench started with sesFaults');
  await faults.mode('lose-replies');
  const opened = [];
  for (let i = 0; i < options.cases; i++)
    opened.push({ ...(await bench.openCase(options.associationId ?? 'one-manchester')), danger: false });
  await bench.engine.advanceBy(CHAIN);
  await faults.mode('pass');
  return figures(bench, opened);
}

/** What the outage scenario saw at once, before any time passed: the alarms of the danger cases. */
export interface OutageFigures extends DeliveryFigures {
  /** Alarms raised for the danger cases by the time their reports were in (no virtual time passed). */
  alarmedAtOnce: OperationsAlarm[];
}

/**
 * SES down (connections refused) for `outageHours`: `routine` cases that breach initial contact while
 * it is down, and `danger` immediate-danger reports. Then SES is back and the chain runs to its end.
 */
export async function sesOutageScenario(
  bench: Bench,
  options: { routine: number; danger: number; outageHours: number; associationId?: string },
): Promise<OutageFigures> {
  const faults = defined(bench.faults, 'a bench started with sesFaults');
  const associationId = options.associationId ?? 'one-manchester';
  await faults.mode('refuse');
  const opened = [];
  for (let i = 0; i < options.routine; i++) opened.push({ ...(await bench.openCase(associationId)), danger: false });
  const dangerIds = new Set<string>();
  for (let i = 0; i < options.danger; i++) {
    const c = await bench.openCase(associationId, { report: { immediateDanger: true } });
    dangerIds.add(c.caseId);
    opened.push({ ...c, danger: true });
  }
  const alarmedAtOnce = bench.alarms.filter((a) => dangerIds.has(a.caseId));
  await bench.engine.advanceBy(options.outageHours * HOUR);
  await faults.mode('pass');
  await bench.engine.advanceBy(CHAIN);
  return { ...(await figures(bench, opened)), alarmedAtOnce: [...alarmedAtOnce] };
}
