/** `npm run bench`: every figure of the benchmarks against its goal (bench/figure.ts), one section per module. */
import { type BenchFigure, describe, machine, meets } from './figure.js';
import { figures as jump } from './jump.js';
import { figures as lifecycles } from './lifecycles.js';
import { figures as restart } from './restart.js';
import { figures as transitions } from './transitions.js';

const sections: [string, () => Promise<BenchFigure[]>][] = [
  ['State transitions per case', transitions],
  ['1,000 full lifecycles', lifecycles],
  ['One clock jump firing 1,000 escalations', jump],
  ['Restart with 10,000 open cases', restart],
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
