/**
 * The burst, one scenario for `npm test` (~100 reports at 20 concurrent) and `npm run soak` (1,000 at
 * 50): keyed valid reports spread over every association, a share of them sent again with the same
 * Idempotency-Key (half racing the first send, half after its answer) — then exactly one case and one
 * lifecycle per report, and every retry answered with the first send's reference.
 */
import fc from 'fast-check';
import { ASSOCIATION_IDS } from '../../config/index.js';
import { CANARY, validReport } from './intake-bodies.js';
import {
  type Answer,
  associationOfReference,
  casesWithReference,
  type FoundCase,
  pool,
  type ReliabilityHaven,
  reportsReceived,
  send,
} from './reliability-haven.js';

/** One keyed report of a burst. */
export interface BurstReport {
  associationId: string;
  key: string;
  body: string;
}

/** `n` valid, distinct, keyed reports of open cases (a home of the association, no danger), from `seed`. */
export function burstReports(seed: number, n: number): BurstReport[] {
  const reports = fc.sample(
    fc.constantFrom(...ASSOCIATION_IDS).chain((id) => validReport(id)),
    { seed, numRuns: n },
  );
  return reports.map((r, i) => {
    const associationId = String(r.associationId);
    const body = { ...r, livesInAssociationHome: 'yes', immediateDanger: false, narrative: `${CANARY} burst ${i}` };
    return { associationId, key: `burst-${seed}-${i}`, body: JSON.stringify(body) };
  });
}

/** Posts a burst report with its key. */
export function sendBurstReport(haven: Pick<ReliabilityHaven, 'url'>, r: BurstReport): Promise<Answer> {
  return send(`${haven.url}/${r.associationId}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': r.key },
    body: r.body,
  });
}

const referenceOf = (a: Answer): string | undefined =>
  a.status === 202 ? String((a.json as { reference?: unknown }).reference) : undefined;

/** What the staff API and the engine hold for a set of references: cases found, open ones with a lifecycle, figures. */
export async function caseCensus(haven: ReliabilityHaven, references: ReadonlySet<string>, concurrency: number) {
  const managers = new Map<string, string>();
  for (const id of ASSOCIATION_IDS) managers.set(id, await haven.token(id, 'manager'));
  const notFoundOnce: string[] = [];
  const open: string[] = [];
  const found: FoundCase[] = [];
  await pool([...references], concurrency, async (reference) => {
    const id = associationOfReference(reference, ASSOCIATION_IDS) as string;
    const cases = await casesWithReference(haven, id, managers.get(id) as string, reference);
    if (cases.length !== 1) notFoundOnce.push(reference);
    found.push(...cases);
    for (const c of cases) if (c.status === 'open') open.push(c.caseId);
  });
  const running = new Set((await haven.lifecycles()).filter((l) => l.status === 'RUNNING').map((l) => l.caseId));
  let cases = 0;
  for (const id of ASSOCIATION_IDS)
    cases += await reportsReceived(haven, id, managers.get(id) as string, haven.startedAt);
  return { notFoundOnce, found, open, lifecycles: open.filter((c) => running.has(c)).length, cases };
}

/** What a burst found. */
export interface BurstResult {
  seed: number;
  reports: number;
  concurrency: number;
  retried: number;
  /** Retries answered with a reference other than the first send's (or none). */
  retriesDiffering: number;
  /** Sends (first or retry) not answered 202. */
  notAccepted: number;
  fiveXx: number;
  distinctReferences: number;
  /** Cases the figures count (Haven had none before). */
  cases: number;
  referencesNotFoundOnce: number;
  openCases: number;
  lifecycles: number;
  /** Real time the sends took (the rest is the census). */
  sendMs: number;
  ms: number;
}

/** Runs a burst on a running Haven with no cases yet. */
export async function runBurst(
  haven: ReliabilityHaven,
  o: { seed: number; reports: number; concurrency: number; retryShare: number },
): Promise<BurstResult> {
  const started = Date.now();
  const reports = burstReports(o.seed, o.reports);
  const retried =
    fc.sample(
      fc.shuffledSubarray(reports, {
        minLength: Math.round(o.reports * o.retryShare),
        maxLength: Math.round(o.reports * o.retryShare),
      }),
      { seed: o.seed + 1, numRuns: 1 },
    )[0] ?? [];
  // Half the retries race their first send (next to it in the queue), half come after every first send.
  const racing = new Set(retried.filter((_r, i) => i % 2 === 0));
  const queue: { r: BurstReport; retry: boolean }[] = [];
  for (const r of reports) {
    queue.push({ r, retry: false });
    if (racing.has(r)) queue.push({ r, retry: true });
  }
  for (const r of retried) if (!racing.has(r)) queue.push({ r, retry: true });

  const firsts = new Map<string, string | undefined>();
  const retries = new Map<string, string | undefined>();
  let notAccepted = 0;
  let fiveXx = 0;
  await pool(queue, o.concurrency, async ({ r, retry }) => {
    const a = await sendBurstReport(haven, r);
    if (a.status !== 202) notAccepted += 1;
    if (a.status >= 500) fiveXx += 1;
    (retry ? retries : firsts).set(r.key, referenceOf(a));
  });
  const sendMs = Date.now() - started;
  const references = new Set([...firsts.values(), ...retries.values()].filter((x): x is string => x !== undefined));
  const census = await caseCensus(haven, references, o.concurrency);
  return {
    seed: o.seed,
    reports: reports.length,
    concurrency: o.concurrency,
    retried: retried.length,
    retriesDiffering: [...retries].filter(([key, ref]) => ref === undefined || ref !== firsts.get(key)).length,
    notAccepted,
    fiveXx,
    distinctReferences: references.size,
    cases: census.cases,
    referencesNotFoundOnce: census.notFoundOnce.length,
    openCases: census.open.length,
    lifecycles: census.lifecycles,
    sendMs,
    ms: Date.now() - started,
  };
}

/** The burst's figures as lines for people. */
export function burstLines(b: BurstResult): string[] {
  return [
    `burst (seed ${b.seed}): ${b.reports} reports at ${b.concurrency} concurrent, ${b.retried} retried with the same key (${b.retriesDiffering} answered another reference)`,
    `  answers not 202: ${b.notAccepted} (5xx: ${b.fiveXx}); cases ${b.cases} for ${b.reports} reports (${b.distinctReferences} distinct references, ${b.referencesNotFoundOnce} not found exactly once)`,
    `  lifecycles: ${b.lifecycles} for ${b.openCases} open cases; time: ${(b.ms / 1000).toFixed(1)} s (sending ${(b.sendMs / 1000).toFixed(1)} s)`,
  ];
}
