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

/** A value as printed: whole numbers as they are, small ones to three significant digits. */
export const format = (n: number) =>
  Number.isInteger(n) ? String(n) : Math.abs(n) < 0.1 ? n.toPrecision(3) : n.toFixed(n < 10 ? 2 : 1);

const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000 };

/**
 * A time figure as a multiple of the machine-speed probe (bench/machine.ts), comparable across
 * machines (a time is a figure in ms or s); undefined for any other figure.
 */
export function inProbeUnits(f: BenchFigure, probeMs: number): number | undefined {
  const per = MS_PER_UNIT[f.unit];
  return per === undefined || probeMs <= 0 ? undefined : (f.value * per) / probeMs;
}

/** One line per figure: value and unit (and × probe for a time), the goal and whether it is met, then the conditions. */
export function describe(f: BenchFigure, probeMs = 0): string {
  const value = `${format(f.value)} ${f.unit}`.padStart(16);
  const ratio = inProbeUnits(f, probeMs);
  const probe = ratio === undefined ? '' : ` (${format(ratio)}× probe)`;
  const goal = f.goal ? `goal ${f.goal.op} ${format(f.goal.value)} ${f.unit}: ${meets(f) ? 'met' : 'NOT MET'}` : '';
  return `${value}${probe}  ${f.name}${goal ? `  (${goal})` : ''}\n${' '.repeat(18)}${f.conditions}`;
}

/** The machine the figures were taken on, printed once at the top of a run. */
export function machine(): string {
  const [cpu] = cpus();
  return `${availableParallelism()} cores (${cpu?.model ?? 'unknown CPU'}), Node ${process.versions.node}`;
}
