/** `npm run bench`: every figure of the benchmarks against its goal (bench/figure.ts), one section per module. */
import { type BenchFigure, describe, machine, meets } from './figure.js';
import { figures as intake } from './intake.js';
import { figures as transitions } from './transitions.js';

const sections: [string, () => Promise<BenchFigure[]>][] = [
  ['State transitions per case', transitions],
  ['Intake under a burst, and casework commands', intake],
];

console.log(`Haven benchmarks on ${machine()}`);
let missed = 0;
for (const [title, measure] of sections) {
  console.log(`\n${title}`);
  for (const f of await measure()) {
    console.log(describe(f));
    if (!meets(f)) missed++;
  }
}
console.log(missed ? `\n${missed} figure(s) miss their goal` : '\nevery figure meets its goal');
