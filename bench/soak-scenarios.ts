/**
 * The scenarios `npm run soak` runs, each at its full size, each the same code as its small version in
 * `npm test` (test/support). A scenario gets the seed and a fresh data dir of its own, and answers the
 * lines it prints and the properties it broke (none: it held).
 */
import { burstLines, runBurst } from '../test/support/burst.js';
import { type DeliveryFigures, lostRepliesScenario, sesOutageScenario } from '../test/support/delivery-scenarios.js';
import { fuzzLines, runIntakeFuzz } from '../test/support/intake-fuzz.js';
import { killLines, runKillBurst } from '../test/support/kill-burst.js';
import { startReliabilityHaven } from '../test/support/reliability-haven.js';
import { startBench } from '../test/workflow/harness.js';

/** What every scenario is given: the seed, a data dir of its own, and the sizes. */
export interface SoakOptions {
  seed: number;
  dataDir: string;
  /** Generated intake bodies (10,000). */
  bodies: number;
  /** Reports of the burst and of the kill -9 burst (1,000). */
  reports: number;
}

/** One scenario of the soak. */
export interface SoakScenario {
  name: string;
  run(o: SoakOptions): Promise<{ lines: string[]; broken: string[] }>;
}

/** Each property that does not hold, in words; empty when all do. */
const broken = (checks: [boolean, string][]) => checks.filter(([held]) => !held).map(([, words]) => words);

const fuzz: SoakScenario = {
  name: 'intake fuzz',
  async run({ seed, dataDir, bodies }) {
    const haven = await startReliabilityHaven(dataDir);
    try {
      const f = await runIntakeFuzz(haven, { seed, bodies, concurrency: 32 });
      return {
        lines: fuzzLines(f),
        broken: broken([
          [f.fiveXx === 0, 'a body got a 5xx'],
          [f.violations.length === 0, 'an answer broke a property (see "minimised")'],
          [f.referencesNotFoundOnce.length === 0, 'an accepted reference is not found exactly once'],
          [f.cases === f.distinctReferences, 'cases differ from accepted references'],
          [f.lifecycles === f.openCases, 'an open case has no lifecycle'],
        ]),
      };
    } finally {
      await haven.stop();
    }
  },
};

const burst: SoakScenario = {
  name: 'burst',
  async run({ seed, dataDir, reports }) {
    const haven = await startReliabilityHaven(dataDir);
    try {
      const b = await runBurst(haven, { seed, reports, concurrency: 50, retryShare: 0.1 });
      return {
        lines: burstLines(b),
        broken: broken([
          [b.notAccepted === 0, 'a send was not accepted'],
          [b.retriesDiffering === 0, 'a retry got another reference'],
          [b.cases === b.reports && b.distinctReferences === b.reports, 'cases differ from reports'],
          [b.referencesNotFoundOnce === 0, 'a reference is not found exactly once'],
          [b.lifecycles === b.reports, 'lifecycles differ from reports'],
        ]),
      };
    } finally {
      await haven.stop();
    }
  },
};

const kill: SoakScenario = {
  name: 'kill -9 mid-burst',
  async run({ seed, dataDir, reports }) {
    const k = await runKillBurst({ seed, reports, concurrency: 50, killAfter: Math.round(reports * 0.4), dataDir });
    return {
      lines: killLines(k),
      broken: broken([
        [k.resentNotAccepted === 0, 'a resent report was not accepted'],
        [k.lost === 0, 'an answered report was lost'],
        [k.cases === k.reports && k.distinctReferences === k.reports, 'cases differ from keys (doubled or lost)'],
        [k.lifecycles === k.openCases && k.openCases === k.reports, 'an open case has no lifecycle'],
        [k.withoutFirstEscalation === 0, 'an open case has no first escalation after the jump'],
      ]),
    };
  },
};

/** Cases of each SES scenario: enough for many chains at once, small enough to run in a minute or two. */
const DELIVERY_CASES = 40;

/** The delivery figures as printed: emails per subject kind (the tiers), copies, the timeline and the alarms. */
function deliveryLines(f: DeliveryFigures): string[] {
  const perKind = new Map<string, number>();
  for (const c of f.cases)
    for (const [subject, n] of c.copies) {
      const kind = subject.split(':')[0] ?? subject;
      perKind.set(kind, (perKind.get(kind) ?? 0) + n);
    }
  return [
    `cases ${f.cases.length}, emails ${f.emails} (${[...perKind].map(([k, n]) => `${k} × ${n}`).join(', ')})`,
    `most copies of one email ${f.maxCopies}, maybe-sent on timelines ${f.maybeSent}, faults recorded ${f.faultsRecorded}, alarms ${f.alarms}`,
  ];
}

const lostReplies: SoakScenario = {
  name: 'SES with lost replies',
  async run() {
    const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { sesFaults: true }); // a Monday
    try {
      const f = await lostRepliesScenario(bench, { cases: DELIVERY_CASES });
      return {
        lines: deliveryLines(f),
        broken: broken([
          [f.maxCopies <= 1, 'an escalation went more than once after a lost reply'],
          [f.cases.every((c) => c.copies.size > 0), 'a case got no escalation'],
          [f.cases.every((c) => c.maybeSent.length === c.copies.size), 'a maybe-sent email is not on its timeline'],
        ]),
      };
    } finally {
      await bench.stop();
    }
  },
};

const sesDown: SoakScenario = {
  name: 'SES down for a day',
  async run() {
    const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { sesFaults: true }); // a Monday
    try {
      const danger = Math.max(1, Math.round(DELIVERY_CASES / 4));
      const f = await sesOutageScenario(bench, { routine: DELIVERY_CASES - danger, danger, outageHours: 25 });
      const alarmed = new Set(f.alarmedAtOnce.filter((a) => a.urgent).map((a) => a.caseId));
      return {
        lines: [...deliveryLines(f), `danger cases alarmed at once ${alarmed.size} of ${danger}`],
        broken: broken([
          [f.maxCopies <= 2, 'an email went more than twice'],
          [
            f.cases.filter((c) => c.danger).every((c) => alarmed.has(c.caseId)),
            'a danger alert that could not go raised no alarm at once',
          ],
          [f.cases.every((c) => c.copies.size > 0), 'a case got nothing once SES was back'],
          [f.cases.every((c) => c.faults.length > 0), 'the outage is missing from a timeline'],
        ]),
      };
    } finally {
      await bench.stop();
    }
  },
};

/** Every scenario of the soak, in the order run. */
export const SOAK_SCENARIOS: readonly SoakScenario[] = [fuzz, burst, kill, lostReplies, sesDown];
