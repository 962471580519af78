/**
 * A restart with 10,000 open cases: the cases are opened through the lifecycle bench (each a report,
 * its lifecycle run, triaged, its clocks started and its wait parked: exactly what a real run leaves in
 * the store, nothing seeded beside it), then the engine is replaced by a fresh one over the same data at
 * the same virtual instant and the local runtime's start-up resume runs (functions/adapters/workflow-sweep.ts
 * `resumeOpenCases`, as local/wiring.ts). Timed until every clock and wait is re-armed and the engine idle.
 */
import { startBench } from '../test/workflow/harness.js';
import { load, memoryMb, openCases, secondsSince } from './caseload.js';
import type { BenchFigure } from './figure.js';

const CASES = Number(process.env.BENCH_RESTART_CASES ?? 10_000);

export async function figures(): Promise<BenchFigure[]> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { keepFinished: false });
  try {
    const ids = await openCases(bench, 'sada-herts', CASES);
    const clocksBefore = bench.engine.executions().filter((e) => e.machine === 'clock').length;
    const triagesBefore = bench.calls.get('TriageFunctionArn') ?? 0;

    const t0 = performance.now();
    const resumed = await bench.restart();
    const seconds = secondsSince(t0);

    const triages = (bench.calls.get('TriageFunctionArn') ?? 0) - triagesBefore;
    const running = bench.engine.executions();
    const clocks = running.filter((e) => e.machine === 'clock').length;
    const lifecycles = running.filter((e) => e.machine === 'lifecycle').length;
    const { rss } = memoryMb();
    const conditions = `${ids.length} open cases (sada-herts) opened through the lifecycle, then a fresh engine and the start-up resume; ${resumed.rearmed} waits re-armed, ${resumed.triaged} triaged, ${clocks} of ${clocksBefore} clocks running again, ${lifecycles} lifecycles; ${load()}`;
    return [
      {
        name: `restart with ${ids.length} open cases, until every clock is re-armed`,
        value: seconds,
        unit: 's',
        goal: { op: '<=', value: 15 },
        conditions,
      },
      {
        name: 'triages run by the restart (nothing changed since each wait)',
        value: triages,
        unit: 'triages',
        goal: { op: '<=', value: 0 },
        conditions: `${resumed.failed.length} cases failed to resume`,
      },
      {
        name: 'clocks not running again after the restart',
        value: clocksBefore - clocks,
        unit: 'clocks',
        goal: { op: '<=', value: 0 },
        conditions: 'clock executions running before the restart and after it (by name: the same executions)',
      },
      {
        name: `RSS after the restart with ${ids.length} open cases`,
        value: rss,
        unit: 'MB',
        conditions: 'the whole bench process: engine, dynalite in memory, the SES mock',
      },
    ];
  } finally {
    await bench.stop();
  }
}
