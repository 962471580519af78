/**
 * kill -9 mid-burst, one scenario for `npm test` (~40 reports) and `npm run soak` (1,000): keyed
 * reports sent to Haven in a child process, SIGKILLed once `killAfter` have been answered (the rest in
 * flight or never sent), started again on the same data dir, every unanswered report sent again with
 * its key — then none lost (every answered reference is found once), none doubled (cases = keys), every
 * open case has its lifecycle, and after a jump past the first-contact deadlines each case's first
 * clock fires: an escalation email per case in the mailbox, read through the running Haven.
 */
import { ASSOCIATION_IDS } from '../../config/index.js';
import { burstReports, caseCensus, sendBurstReport } from './burst.js';
import {
  associationOfReference,
  pool,
  type ReliabilityHaven,
  staffGet,
  startReliabilityHaven,
} from './reliability-haven.js';

/** How far past the last first deadline the clock jumps. */
const PAST_DEADLINE_MS = 60_000;

/** The emails of a mailbox by kind: escalation tier (1 = the breach), danger alerts, faults, others. */
export function emailsByKind(subjects: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of subjects) {
    const tier = /^Still overdue \(escalation (\d+)\)/.exec(s)?.[1];
    const kind = s.startsWith('Overdue:')
      ? 'tier 1'
      : tier
        ? `tier ${tier}`
        : s.startsWith('Action now')
          ? 'alert'
          : s.startsWith('Haven workflow fault')
            ? 'fault'
            : 'other';
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

/** What the kill scenario found. */
export interface KillResult {
  seed: number;
  reports: number;
  answeredBeforeKill: number;
  /** Sends with no answer when Haven died (in flight or refused) and sent again after the restart. */
  resent: number;
  /** Of those, not answered 202 the second time. */
  resentNotAccepted: number;
  /** The lifecycles the restarted Haven picked up. */
  resumed: number;
  /** Answered references the staff search does not find exactly once. */
  lost: number;
  distinctReferences: number;
  cases: number;
  openCases: number;
  lifecycles: number;
  /** Open cases with no first-tier escalation email after the jump. */
  withoutFirstEscalation: number;
  emails: Record<string, number>;
  /** `workflow-fault` entries on the timelines of the cases. */
  faults: number;
  /** Real time the clock jump took. */
  jumpMs: number;
  ms: number;
}

/** Runs the scenario on a fresh data dir (the caller removes it); Haven is stopped at the end. */
export async function runKillBurst(o: {
  seed: number;
  reports: number;
  concurrency: number;
  killAfter: number;
  dataDir: string;
}): Promise<KillResult> {
  const started = Date.now();
  const reports = burstReports(o.seed, o.reports);
  const answered = new Map<string, string>();
  let first: ReliabilityHaven | undefined = await startReliabilityHaven(o.dataDir);
  let killing: Promise<void> | undefined;
  await pool(reports, o.concurrency, async (r) => {
    if (killing) return;
    const a = await sendBurstReport(first as ReliabilityHaven, r).catch(() => undefined);
    if (a?.status === 202 && !killing) answered.set(r.key, String((a.json as { reference: string }).reference));
    // The answers that come after the kill was decided are not counted: their senders saw Haven die.
    if (!killing && answered.size >= o.killAfter) killing = (first as ReliabilityHaven).kill();
  });
  await (killing ?? first.kill());
  first = undefined;
  const answeredBeforeKill = answered.size;

  const haven = await startReliabilityHaven(o.dataDir);
  try {
    const unanswered = reports.filter((r) => !answered.has(r.key));
    let resentNotAccepted = 0;
    await pool(unanswered, o.concurrency, async (r) => {
      const a = await sendBurstReport(haven, r);
      if (a.status === 202) answered.set(r.key, String((a.json as { reference: string }).reference));
      else resentNotAccepted += 1;
    });
    const references = new Set(answered.values());
    const census = await caseCensus(haven, references, o.concurrency);

    const jumpStarted = Date.now();
    // Just past the latest first deadline of the open cases (working days, weekends and bank holidays
    // included): every first clock falls due, and as few later tiers as may be.
    const deadlines = census.found.flatMap((c) => (c.nextClock ? [Date.parse(c.nextClock.deadline)] : []));
    const jumpTo = Math.max(haven.startedAt.getTime(), ...deadlines) + PAST_DEADLINE_MS;
    await haven.advance(jumpTo - haven.startedAt.getTime());
    const jumpMs = Date.now() - jumpStarted;
    const mail = await haven.mailbox();
    const firstTier = new Set(
      mail.map((m) => (/^Overdue: .* on case (\S+)$/.exec(m.subject) ?? [])[1]).filter((x) => x !== undefined),
    );
    // Tokens are minted again: the jump has outlived the ones read before it.
    const managers = new Map<string, string>();
    for (const id of ASSOCIATION_IDS) managers.set(id, await haven.token(id, 'manager'));
    let faults = 0;
    let withoutFirstEscalation = 0;
    const open = census.found.filter((c) => c.status === 'open');
    await pool(open, o.concurrency, async (c) => {
      if (!firstTier.has(c.reference)) withoutFirstEscalation += 1;
      const id = associationOfReference(c.reference, ASSOCIATION_IDS) as string;
      const view = await staffGet(haven, id, managers.get(id) as string, `/api/cases/${c.caseId}`);
      if (view.status !== 200) throw new Error(`the case view answered ${view.status}`);
      const timeline = (view.json as { timeline?: { type: string }[] }).timeline ?? [];
      faults += timeline.filter((e) => e.type === 'workflow-fault').length;
    });
    return {
      seed: o.seed,
      reports: reports.length,
      answeredBeforeKill,
      resent: unanswered.length,
      resentNotAccepted,
      resumed: haven.resumed,
      lost: census.notFoundOnce.length,
      distinctReferences: references.size,
      cases: census.cases,
      openCases: census.open.length,
      lifecycles: census.lifecycles,
      withoutFirstEscalation,
      emails: emailsByKind(mail.map((m) => m.subject)),
      faults,
      jumpMs,
      ms: Date.now() - started,
    };
  } finally {
    await haven.stop();
  }
}

/** The scenario's figures as lines for people. */
export function killLines(k: KillResult): string[] {
  return [
    `kill -9 mid-burst (seed ${k.seed}): ${k.reports} reports, killed after ${k.answeredBeforeKill} answers; ${k.resumed} lifecycles resumed on restart; ${k.resent} resent with their key (${k.resentNotAccepted} not accepted)`,
    `  lost: ${k.lost}; cases ${k.cases} for ${k.reports} keys (${k.distinctReferences} distinct references); lifecycles ${k.lifecycles} for ${k.openCases} open cases`,
    `  after the jump: ${k.withoutFirstEscalation} open cases without a first escalation; emails ${Object.entries(
      k.emails,
    )
      .sort()
      .map(([kind, n]) => `${kind} × ${n}`)
      .join(
        ', ',
      )}; faults recorded ${k.faults}; time: ${(k.ms / 1000).toFixed(1)} s (the jump ${(k.jumpMs / 1000).toFixed(1)} s)`,
  ];
}
