import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzResult, fuzzLines, runIntakeFuzz } from '../support/intake-fuzz.js';
import { type ReliabilityHaven, SCENARIO_MS, startReliabilityHaven } from '../support/reliability-haven.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { reliabilitySeed } from '../support/seed.js';

const SEED = reliabilitySeed();
const BODIES = 300;

describe(`intake under generated hostile bodies (seed ${SEED}, HAVEN_SEED to change): bad input is a 4xx naming the field, never echoed; a report makes one case`, () => {
  let dataDir: string;
  let haven: ReliabilityHaven;
  let fuzz: FuzzResult;
  beforeAll(async () => {
    // Prepare: a fresh Haven with no cases.
    dataDir = tempDataDir('haven-fuzz-');
    haven = await startReliabilityHaven(dataDir);

    // Act
    fuzz = await runIntakeFuzz(haven, { seed: SEED, bodies: BODIES, concurrency: 8 });
    console.info(fuzzLines(fuzz).join('\n'));
  }, SCENARIO_MS);
  afterAll(async () => {
    await haven?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('no generated body gets a 5xx', () => {
    // Assess
    expect(fuzz.tried).toBe(BODIES);
    expect(fuzz.fiveXx).toBe(0);
  });

  it('every answer keeps the properties (a 4xx names a field and echoes no canary; a 2xx answers the reference only)', () => {
    // Assess
    expect(fuzz.violations, fuzzLines(fuzz).join('\n')).toEqual([]);
  });

  it('the bodies reach both sides: some are accepted and most are refused', () => {
    // Assess: a generator that only made valid (or only broken) bodies would prove little.
    expect(fuzz.accepted).toBeGreaterThan(BODIES / 20);
    expect(fuzz.accepted).toBeLessThan(BODIES / 2);
  });

  it('every accepted report made exactly one case: each reference found once, as many cases as references, each with its lifecycle', () => {
    // Assess
    expect(fuzz.referencesNotFoundOnce).toEqual([]);
    expect(fuzz.cases).toBe(fuzz.distinctReferences);
    expect(fuzz.lifecycles).toBe(fuzz.openCases);
  });
});
