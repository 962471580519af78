import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KillResult, killLines, runKillBurst } from '../support/kill-burst.js';
import { SCENARIO_MS } from '../support/reliability-haven.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { reliabilitySeed } from '../support/seed.js';

const SEED = reliabilitySeed();
const REPORTS = 40;

describe(`kill -9 mid-burst and a restart on the same data dir (seed ${SEED}): nothing lost, nothing doubled, every clock fires`, () => {
  let dataDir: string;
  let kill: KillResult;
  beforeAll(async () => {
    // Prepare
    dataDir = tempDataDir('haven-kill-');

    // Act: killed once 15 of 40 are answered, 8 in flight.
    kill = await runKillBurst({ seed: SEED, reports: REPORTS, concurrency: 8, killAfter: 15, dataDir });
    console.info(killLines(kill).join('\n'));
  }, SCENARIO_MS);
  afterAll(() => {
    if (dataDir) removeDataDir(dataDir);
  });

  it('Haven died mid-burst: some reports were answered and some were not', () => {
    // Assess
    expect(kill.answeredBeforeKill).toBeGreaterThanOrEqual(15);
    expect(kill.resent).toBeGreaterThan(0);
    expect(kill.resent).toBe(REPORTS - kill.answeredBeforeKill);
  });

  it('every unanswered report sent again with its key is accepted', () => {
    // Assess
    expect(kill.resentNotAccepted).toBe(0);
  });

  it('none lost: every answered reference is found exactly once', () => {
    // Assess
    expect(kill.lost).toBe(0);
  });

  it('none doubled: as many cases and references as keys, each open case with one lifecycle', () => {
    // Assess
    expect(kill.distinctReferences).toBe(REPORTS);
    expect(kill.cases).toBe(REPORTS);
    expect(kill.openCases).toBe(REPORTS);
    expect(kill.lifecycles).toBe(REPORTS);
  });

  it('after a jump past the first-contact deadlines every open case has its first escalation email', () => {
    // Assess
    expect(kill.withoutFirstEscalation).toBe(0);
    expect(kill.emails['tier 1']).toBeGreaterThanOrEqual(REPORTS);
  });
});
