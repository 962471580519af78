import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BurstResult, burstLines, runBurst } from '../support/burst.js';
import { type ReliabilityHaven, SCENARIO_MS, startReliabilityHaven } from '../support/reliability-haven.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { reliabilitySeed } from '../support/seed.js';

const SEED = reliabilitySeed();
const REPORTS = 100;

describe(`a burst of reports with retries (seed ${SEED}): one case and one lifecycle per report, a retry gets the first reference`, () => {
  let dataDir: string;
  let haven: ReliabilityHaven;
  let burst: BurstResult;
  beforeAll(async () => {
    // Prepare
    dataDir = tempDataDir('haven-burst-');
    haven = await startReliabilityHaven(dataDir);

    // Act
    burst = await runBurst(haven, { seed: SEED, reports: REPORTS, concurrency: 20, retryShare: 0.1 });
    console.info(burstLines(burst).join('\n'));
  }, SCENARIO_MS);
  afterAll(async () => {
    await haven?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('every send, first or retry, is accepted', () => {
    // Assess
    expect(burst.retried).toBe(REPORTS / 10);
    expect(burst.notAccepted).toBe(0);
  });

  it('every retry with the same Idempotency-Key gets the reference of the first send', () => {
    // Assess
    expect(burst.retriesDiffering).toBe(0);
  });

  it('exactly one case per report: as many references and cases as reports, each found once', () => {
    // Assess
    expect(burst.distinctReferences).toBe(REPORTS);
    expect(burst.cases).toBe(REPORTS);
    expect(burst.referencesNotFoundOnce).toBe(0);
  });

  it('exactly one running lifecycle per case', () => {
    // Assess
    expect(burst.openCases).toBe(REPORTS);
    expect(burst.lifecycles).toBe(REPORTS);
  });
});
