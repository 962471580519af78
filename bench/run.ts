/**
 * `npm run bench`: every figure of the benchmarks against its goal (bench/figure.ts), one section per
 * module, in order. Each section is isolated: one that throws prints its error and the rest still run
 * (the exit code is then 1). `npm run bench -- --only <word>` runs the sections whose title contains
 * the word. A full run writes bench/last-run.json (committed with the README's table) and ends with a
 * table of every figure against its goal. Time figures are also printed as multiples of the
 * machine-speed probe (bench/machine.ts), so runs on machines of different speed can be compared.
 */
import { writeFileSync } from 'node:fs';
import { figures as bundles } from './bundles.js';
import { figures as cost } from './cost.js';
import { figures as dynamoTransport } from './dynamo-transport.js';
import { type BenchFigure, describe, format, inProbeUnits, machine, meets } from './figure.js';
import { figures as figuresAndCaseload } from './figures.js';
import { figures as intake } from './intake.js';
import { figures as jump } from './jump.js';
import { figures as lifecycles } from './lifecycles.js';
import { probeMs } from './machine.js';
import { figures as restart } from './restart.js';
import { figures as transitions } from './transitions.js';

const sections: [string, () => Promise<BenchFigure[]>][] = [
  ['State transitions per case', transitions],
  ['AWS cost per case (eu-west-2 list prices)', cost],
  ['Lambda bundles: size, import, first call', bundles],
  ['1,000 full lifecycles', lifecycles],
  ['One clock jump firing 1,000 escalations', jump],
  ['Restart with 10,000 open cases', restart],
  ['Figures and caseload pages over 10,000 cases', figuresAndCaseload],
  ['Intake under a burst, and casework commands', intake],
  ['CPU per DynamoDB request: loopback HTTP and the in-process transport', dynamoTransport],
];

interface SectionRun {
  title: string;
  seconds: number;
  figures: (BenchFigure & { met: boolean; probeUnits?: number })[];
  error?: string;
}

const at = process.argv.indexOf('--only');
const only = at >= 0 ? process.argv[at + 1]?.toLowerCase() : undefined;
if (at >= 0 && !only) throw new Error('--only needs a word of a section title');
const chosen = sections.filter(([title]) => !only || title.toLowerCase().includes(only));
if (chosen.length === 0)
  throw new Error(`--only ${only}: no section title contains it (${sections.map(([t]) => t).join('; ')})`);

const probe = probeMs();
console.log(`Haven benchmarks on ${machine()}`);
console.log(`machine-speed probe: ${format(probe)} ms (bench/machine.ts); time figures also shown as × probe`);
const runs: SectionRun[] = [];
for (const [title, measure] of chosen) {
  console.log(`\n${title}`);
  const start = performance.now();
  const run: SectionRun = { title, seconds: 0, figures: [] };
  runs.push(run);
  try {
    for (const f of await measure()) {
      console.log(describe(f, probe));
      const ratio = inProbeUnits(f, probe);
      run.figures.push({ ...f, met: meets(f), ...(ratio === undefined ? {} : { probeUnits: ratio }) });
    }
  } catch (e) {
    run.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.log(`  SECTION FAILED: ${run.error}`);
  }
  run.seconds = (performance.now() - start) / 1000;
}

console.log('\nSummary: every figure against its goal');
for (const run of runs) {
  console.log(`  ${run.title}${run.error ? ' — FAILED (see above)' : ''}`);
  for (const f of run.figures) {
    const goal = f.goal ? `${f.goal.op} ${format(f.goal.value)}` : '—';
    const verdict = f.goal ? (f.met ? 'met' : 'NOT MET') : '';
    console.log(
      `    ${`${format(f.value)} ${f.unit}`.padStart(18)}  ${goal.padEnd(10)} ${verdict.padEnd(7)}  ${f.name}`,
    );
  }
}
const missed = runs.flatMap((r) => r.figures).filter((f) => !f.met).length;
const failed = runs.filter((r) => r.error).length;
console.log(missed ? `\n${missed} figure(s) miss their goal` : '\nevery figure meets its goal');
if (failed) console.log(`${failed} section(s) failed`);
if (only) console.log('(--only: bench/last-run.json left as it was)');
else {
  const record = { at: new Date().toISOString(), machine: machine(), probeMs: probe, sections: runs };
  writeFileSync(new URL('./last-run.json', import.meta.url), `${JSON.stringify(record, null, 2)}\n`);
  console.log('written: bench/last-run.json');
}
process.exitCode = failed ? 1 : 0;
