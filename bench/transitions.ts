/**
 * State transitions (what Standard Step Functions bills) used by a typical case and by the worst
 * case modelled, measured by running the real ASL over the real handlers, dynalite and
 * aws-ses-v2-local on virtual time (the same rig as test/workflow). `npm run bench` prints them.
 */
import { type Bench, DAY, HOUR, startBench } from '../test/workflow/harness.js';
import type { BenchFigure } from './figure.js';

/** One measured scenario. */
interface TransitionCount {
  scenario: string;
  transitions: number;
  executions: number;
  emails: number;
}

const done = (bench: Bench) => bench.engine.now().toISOString();
/** A DASH scored now: the case's risk follows it, as the dash command does. */
const scoreDash = (bench: Bench, caseId: string, score: number, risk: 'medium' | 'high', maracRequired: boolean) =>
  bench.change(caseId, (s) => {
    s.dash = { score, risk, maracRequired, at: done(bench) };
    s.facts.risk = risk;
  });
/** The case closed now. */
const close = (bench: Bench, caseId: string) =>
  bench.change(caseId, (s) => {
    s.status = 'closed';
    s.closedAt = done(bench);
  });

/** The typical case (bench/cost.ts prices it): report, contact in time, DASH, two contacts, closure on day 20. */
export async function typical(bench: Bench): Promise<TransitionCount> {
  // sada-herts: initial contact (1 working day) and fortnightly contact; closure on day 20.
  const start = bench.engine.now().getTime();
  const c = await bench.openCase('sada-herts');
  await bench.engine.advanceTo(new Date(start + 4 * HOUR));
  await bench.change(c.caseId, (s) => {
    s.duties['initial-contact'] = { status: 'done', at: done(bench), by: 'o1' };
    s.contacts.push(done(bench));
  });
  await bench.engine.advanceTo(new Date(start + 2 * DAY));
  await scoreDash(bench, c.caseId, 8, 'medium', false);
  for (const day of [9, 16]) {
    await bench.engine.advanceTo(new Date(start + day * DAY));
    await bench.change(c.caseId, (s) => void s.contacts.push(done(bench)));
  }
  await bench.engine.advanceTo(new Date(start + 20 * DAY));
  await close(bench, c.caseId);
  await bench.engine.advanceTo(new Date(start + 60 * DAY));
  return count(
    bench,
    'typical: report, contact in time, DASH, two fortnightly contacts, closure on day 20 (sada-herts)',
    c,
  );
}

/** The worst case modelled: every clock breached through every tier (bench/cost.ts prices it too). */
export async function worst(bench: Bench): Promise<TransitionCount> {
  // housing-21, registered care: four clocks, every one breached through every tier, a high-risk
  // DASH, a pause and resume of the holding clock, eight more changes, closure on day 45.
  const start = bench.engine.now().getTime();
  const c = await bench.openCase('housing-21', { facts: { receivesRegisteredCare: true, immediateDanger: true } });
  await bench.engine.advanceTo(new Date(start + 2 * DAY));
  await scoreDash(bench, c.caseId, 16, 'high', true);
  await bench.engine.advanceTo(new Date(start + 5 * DAY));
  await bench.change(c.caseId, (s) => void s.holdingPauses.push({ from: done(bench) }));
  await bench.engine.advanceTo(new Date(start + 9 * DAY));
  await bench.change(c.caseId, (s) => {
    const pause = s.holdingPauses[0];
    if (!pause) throw new Error('the holding pause opened on day 5 is not there');
    pause.to = done(bench);
  });
  for (let i = 0; i < 8; i++) {
    await bench.engine.advanceTo(new Date(start + (10 + i * 4) * DAY));
    await bench.change(c.caseId, (s) => void s.contacts.push(done(bench)));
  }
  await bench.engine.advanceTo(new Date(start + 45 * DAY));
  await close(bench, c.caseId);
  await bench.engine.advanceTo(new Date(start + 90 * DAY));
  return count(
    bench,
    'worst modelled: 4 clocks each breached through 3 tiers, high risk, pause, 11 changes, closure day 45 (housing-21)',
    c,
  );
}

async function quietYear(bench: Bench): Promise<TransitionCount> {
  // A case left open with every duty done and nothing changing: the 30-day safety re-triage only.
  const start = bench.engine.now().getTime();
  const c = await bench.openCase('wrekin');
  await bench.change(c.caseId, (s) => {
    s.duties['initial-contact'] = { status: 'done', at: done(bench), by: 'o1' };
  });
  await bench.engine.advanceTo(new Date(start + 360 * DAY));
  return count(bench, 'quiet case open for 360 days, no changes (wrekin)', c);
}

async function count(
  bench: Bench,
  scenario: string,
  c: { caseId: string; reference: string },
): Promise<TransitionCount> {
  return {
    scenario,
    transitions: bench.engine.transitionsOf(c.caseId),
    executions: bench.engine.executions().filter((e) => e.input.caseId === c.caseId).length,
    emails: (await bench.emails(c.reference)).length,
  };
}

/** Runs every scenario on a fresh rig and returns the counts. */
async function measureTransitions(): Promise<TransitionCount[]> {
  const out: TransitionCount[] = [];
  for (const scenario of [typical, worst, quietYear]) {
    const bench = await startBench(new Date('2026-06-01T09:00:00Z'));
    try {
      out.push(await scenario(bench));
    } finally {
      await bench.stop();
    }
  }
  return out;
}

/** The transitions of each scenario as bench figures; the typical case's goal is at most 60. */
export async function figures(): Promise<BenchFigure[]> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  const rows = await measureTransitions();
  return rows.map((r, i) => ({
    name: `state transitions: ${r.scenario}`,
    value: r.transitions,
    unit: 'transitions',
    ...(i === 0 ? { goal: { op: '<=' as const, value: 60 } } : {}),
    conditions: `${r.executions} executions, ${r.emails} emails; real ASL, handlers, dynalite and the SES mock on virtual time`,
  }));
}
