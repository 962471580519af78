/**
 * One measured figure of `npm run bench`: what was measured, its value, the issue's goal for it (when
 * it has one) and the conditions it was measured under. Every bench module returns a list of these
 * and bench/run.ts prints them, so each figure is printed the same way against its goal.
 */
import { availableParallelism, cpus } from 'node:os';

/** A target: the value must be at most (`<=`) or at least (`>=`) `value`. */
export interface Goal {
  op: '<=' | '>=';
  value: number;
}

export interface BenchFigure {
  /** What is measured, e.g. "intake p99 at 50 in flight". */
  name: string;
  value: number;
  /** e.g. "ms", "KB", "reports/s", "s", "MB", "transitions", "USD". */
  unit: string;
  /** The issue's target; absent for a figure printed for information. */
  goal?: Goal;
  /** How it was measured: load, sizes, what ran where (the machine's cores are printed once by the runner). */
  conditions: string;
}

/** Whether a figure meets its goal (a figure without a goal always does). */
export function meets(f: BenchFigure): boolean {
  if (!f.goal) return true;
  return f.goal.op === '<=' ? f.value <= f.goal.value : f.value >= f.goal.value;
}

const format = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

/** One line per figure: value and unit, the goal and whether it is met, then the conditions. */
export function describe(f: BenchFigure): string {
  const value = `${format(f.value)} ${f.unit}`.padStart(16);
  const goal = f.goal ? `goal ${f.goal.op} ${format(f.goal.value)} ${f.unit}: ${meets(f) ? 'met' : 'NOT MET'}` : '';
  return `${value}  ${f.name}${goal ? `  (${goal})` : ''}\n${' '.repeat(18)}${f.conditions}`;
}

/** The machine the figures were taken on, printed once at the top of a run. */
export function machine(): string {
  const [cpu] = cpus();
  return `${availableParallelism()} cores (${cpu?.model ?? 'unknown CPU'}), Node ${process.versions.node}`;
}
