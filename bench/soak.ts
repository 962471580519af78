/**
 * `npm run soak`: the reliability scenarios at full size (bench/soak-scenarios.ts) — 10,000 generated
 * intake bodies, a burst of 1,000 reports at 50 concurrent with 10 % retried, kill -9 mid-burst —
 * each on Haven in a child process with its own data dir, printing its figures and the time taken.
 * Seeded: HAVEN_SEED or `--seed N` (printed), else a fixed seed. `--only NAME` runs one scenario;
 * `--bodies N` and `--reports N` change the sizes (a quicker look; the figures quoted are at full size).
 * Exits 1 when a property does not hold.
 */
import { parseArgs } from 'node:util';
import { removeDataDir, tempDataDir } from '../test/support/runtime.js';
import { reliabilitySeed } from '../test/support/seed.js';
import { SOAK_SCENARIOS } from './soak-scenarios.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    only: { type: 'string' },
    bodies: { type: 'string' },
    reports: { type: 'string' },
  },
});
const size = (text: string | undefined, full: number, name: string): number => {
  if (text === undefined) return full;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) throw new Error(`--${name} must be a whole number from 1`);
  return Number(text);
};
const bodies = size(values.bodies, 10_000, 'bodies');
const reports = size(values.reports, 1_000, 'reports');
const seed = reliabilitySeed({ HAVEN_SEED: values.seed ?? process.env.HAVEN_SEED });
const chosen = SOAK_SCENARIOS.filter((s) => values.only === undefined || s.name === values.only);
if (chosen.length === 0) {
  console.error(`no scenario named "${values.only}": ${SOAK_SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

console.log(
  `soak: seed ${seed} (HAVEN_SEED or --seed to change), ${chosen.length} scenarios, ${bodies} bodies, ${reports} reports`,
);
const started = Date.now();
const failures: string[] = [];
for (const scenario of chosen) {
  const dataDir = tempDataDir('haven-soak-');
  const began = Date.now();
  try {
    const { lines, broken } = await scenario.run({ seed, dataDir, bodies, reports });
    console.log(lines.join('\n'));
    for (const b of broken) failures.push(`${scenario.name}: ${b}`);
  } catch (e) {
    failures.push(`${scenario.name}: stopped by ${(e as Error).name}: ${(e as Error).message}`);
  } finally {
    removeDataDir(dataDir);
  }
  console.log(`  (${scenario.name}: ${((Date.now() - began) / 1000).toFixed(1)} s)`);
}
console.log(
  `soak: ${((Date.now() - started) / 1000).toFixed(1)} s in all; ${failures.length ? 'FAILED' : 'every property held'}`,
);
for (const f of failures) console.log(`  ✗ ${f}`);
process.exit(failures.length ? 1 : 0);
