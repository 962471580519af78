/**
 * The intake fuzz, one scenario for `npm test` (a few hundred bodies) and `npm run soak` (10,000+):
 * generated bodies (intake-bodies.ts) sent to the running Haven, and these properties —
 * - never a 5xx;
 * - every 4xx names a field and never echoes a canary planted in the body;
 * - every 2xx answers the reference (and the association's advice) only, no canary, and made exactly
 *   one case: each reference is found once, the figures count as many new cases as distinct
 *   references, and each of them has its lifecycle.
 * A violation is minimised by fast-check (same seed, sequential) before it is reported.
 */
import fc from 'fast-check';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { CANARY, canariesIn, type IntakeRequest, intakeRequest } from './intake-bodies.js';
import {
  type Answer,
  associationOfReference,
  casesWithReference,
  pool,
  type ReliabilityHaven,
  reportsReceived,
  send,
} from './reliability-haven.js';

/** What the fuzz found. */
export interface FuzzResult {
  seed: number;
  tried: number;
  fiveXx: number;
  accepted: number;
  /** Answers by status. */
  statuses: Record<string, number>;
  distinctReferences: number;
  /** New cases the figures count, over every association. */
  cases: number;
  /** References the staff search found other than exactly once. */
  referencesNotFoundOnce: string[];
  /** Open cases among the new ones (a signposted report makes a case with no lifecycle). */
  openCases: number;
  /** Open new cases with a lifecycle. */
  lifecycles: number;
  violations: { kinds: string[]; status: number; problem: string }[];
  /** The first violation, minimised by fast-check (when there is one). */
  minimised?: { request: IntakeRequest; problem: string };
  /** Real time the sends took (the rest is the census of the cases). */
  sendMs: number;
  ms: number;
}

/** Posts one generated request to intake. */
export function sendIntake(haven: Pick<ReliabilityHaven, 'url'>, r: IntakeRequest): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
  // A Blob without a type sends no content-type at all (a string body would be sent as text/plain).
  const body = r.contentType === undefined ? new Blob([r.body]) : r.body;
  return send(`${haven.url}/${r.route}/api/reports`, { method: 'POST', headers, body });
}

const REFERENCE = /^([A-Z0-9]{2,6})-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** What is wrong with one answer, or undefined when it keeps every property. */
export function answerProblem(r: IntakeRequest, a: Answer): string | undefined {
  if (a.status >= 500) return `answered ${a.status}`;
  const leaked = canariesIn(a.raw);
  if (leaked.length) return `a ${a.status} echoed ${leaked.join(', ')}`;
  const body = a.json as Record<string, unknown> | undefined;
  if (a.status >= 400 && a.status < 500) {
    const fields = body?.fields;
    const named =
      Array.isArray(fields) &&
      fields.length > 0 &&
      fields.every((f: { field?: unknown; problem?: unknown }) => typeof f.field === 'string' && f.field.length > 0);
    return named ? undefined : `a ${a.status} naming no field`;
  }
  if (a.status === 201 || a.status === 202) {
    const keys = Object.keys(body ?? {});
    if (keys.some((k) => k !== 'reference' && k !== 'advice')) return `a ${a.status} answering ${keys.join(', ')}`;
    const prefix = REFERENCE.exec(String(body?.reference))?.[1];
    if (prefix !== getAssociation(r.route).referencePrefix) return `a ${a.status} whose reference is not ${r.route}'s`;
    return undefined;
  }
  return `answered ${a.status}`;
}

/** Runs the fuzz on a running Haven that has no cases of its own yet: `bodies` requests at `concurrency`. */
export async function runIntakeFuzz(
  haven: ReliabilityHaven,
  o: { seed: number; bodies: number; concurrency: number },
): Promise<FuzzResult> {
  const started = Date.now();
  const managers = new Map<string, string>();
  for (const id of ASSOCIATION_IDS) managers.set(id, await haven.token(id, 'manager'));
  const manager = (id: string) => managers.get(id) as string;
  const before = new Map<string, number>();
  for (const id of ASSOCIATION_IDS) before.set(id, await reportsReceived(haven, id, manager(id), haven.startedAt));
  const lifecyclesBefore = new Set((await haven.lifecycles()).map((l) => l.caseId));

  const requests = fc.sample(intakeRequest, { seed: o.seed, numRuns: o.bodies });
  const statuses: Record<string, number> = {};
  const violations: FuzzResult['violations'] = [];
  const references = new Set<string>();
  await pool(requests, o.concurrency, async (r) => {
    const a = await sendIntake(haven, r);
    statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    const problem = answerProblem(r, a);
    if (problem) violations.push({ kinds: r.kinds, status: a.status, problem });
    else if (a.status < 300) references.add(String((a.json as { reference: string }).reference));
  });

  const sendMs = Date.now() - started;
  let cases = 0;
  for (const id of ASSOCIATION_IDS)
    cases += (await reportsReceived(haven, id, manager(id), haven.startedAt)) - (before.get(id) ?? 0);
  const referencesNotFoundOnce: string[] = [];
  const open: string[] = [];
  await pool([...references], o.concurrency, async (reference) => {
    const id = associationOfReference(reference, ASSOCIATION_IDS) as string;
    const found = await casesWithReference(haven, id, manager(id), reference);
    if (found.length !== 1) referencesNotFoundOnce.push(reference);
    for (const c of found) if (c.status === 'open') open.push(c.caseId);
  });
  const running = new Set((await haven.lifecycles()).map((l) => l.caseId));
  const lifecycles = open.filter((caseId) => running.has(caseId) && !lifecyclesBefore.has(caseId)).length;

  const result: FuzzResult = {
    seed: o.seed,
    tried: requests.length,
    fiveXx: Object.entries(statuses).reduce((n, [s, c]) => n + (Number(s) >= 500 ? c : 0), 0),
    accepted: Object.entries(statuses).reduce((n, [s, c]) => n + (Number(s) < 300 ? c : 0), 0),
    statuses,
    distinctReferences: references.size,
    cases,
    referencesNotFoundOnce,
    openCases: open.length,
    lifecycles,
    violations,
    sendMs,
    ms: Date.now() - started,
  };
  if (violations.length) {
    const minimised = await minimise(haven, o);
    if (minimised) result.minimised = minimised;
  }
  return result;
}

/** The same run again, one request at a time, under fast-check, which shrinks the first failing request. */
async function minimise(haven: ReliabilityHaven, o: { seed: number; bodies: number }) {
  let problem = '';
  const outcome = await fc.check(
    fc.asyncProperty(intakeRequest, async (r) => {
      const found = answerProblem(r, await sendIntake(haven, r));
      if (found) problem = found;
      return found === undefined;
    }),
    { seed: o.seed, numRuns: o.bodies },
  );
  const request = outcome.counterexample?.[0];
  return request ? { request: { ...request, body: request.body.slice(0, 2000) }, problem } : undefined;
}

/** The fuzz's figures as lines for people (the soak prints them; a failing test shows them). */
export function fuzzLines(f: FuzzResult): string[] {
  return [
    `intake fuzz (seed ${f.seed}): ${f.tried} bodies tried, ${f.fiveXx} 5xx, ${f.accepted} accepted (${f.distinctReferences} distinct references), canary ${CANARY}`,
    `  answers by status: ${Object.entries(f.statuses)
      .map(([s, n]) => `${s} × ${n}`)
      .join(', ')}`,
    `  cases made: ${f.cases} for ${f.distinctReferences} references; ${f.openCases} open, ${f.lifecycles} of them with a lifecycle; references not found exactly once: ${f.referencesNotFoundOnce.length}`,
    `  property violations: ${f.violations.length}${f.minimised ? `; minimised: ${f.minimised.problem} for ${JSON.stringify(f.minimised.request)}` : ''}`,
    `  time: ${(f.ms / 1000).toFixed(1)} s (sending ${(f.sendMs / 1000).toFixed(1)} s)`,
  ];
}
