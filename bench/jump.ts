/**
 * One clock jump firing ~1,000 escalations: 1,000 open cases (sada-herts, initial contact due within one
 * working day) none of which was contacted, then +25 h in one jump. Real ASL, lifecycle handlers,
 * dynalite and the SES mock on virtual time (test/workflow/harness.ts); the jump is what
 * `npm run clock -- +25h` does (engine.advanceBy, then idle).
 */
import { HOUR, startBench } from '../test/workflow/harness.js';
import { load, memoryMb, openCases, secondsSince } from './caseload.js';
import type { BenchFigure } from './figure.js';
import { workMeter, workPer } from './work-meter.js';

/** Open cases whose initial-contact clock the jump breaches. */
const CASES = Number(process.env.BENCH_JUMP_CASES ?? 1000);

export async function figures(): Promise<BenchFigure[]> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  const meter = workMeter();
  const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { keepFinished: false, probes: meter.probes }); // a Monday
  try {
    await openCases(bench, 'sada-herts', CASES);
    const mailsBefore = (await bench.emails()).length;
    meter.take();
    const t0 = performance.now();
    await bench.engine.advanceBy(25 * HOUR);
    await bench.engine.idle();
    const seconds = secondsSince(t0);
    const work = meter.take();
    const escalations = (await bench.emails()).length - mailsBefore;
    const conditions = `${CASES} open cases, one +25 h jump; ${escalations} escalation emails sent; ${load()}; RSS ${memoryMb().rss} MB`;
    const each = Math.max(escalations, 1);
    return [
      {
        name: `clock jump firing ${escalations} escalations`,
        value: seconds,
        unit: 's',
        goal: { op: '<=', value: 10 },
        conditions,
      },
      {
        name: 'escalations sent by the jump',
        value: escalations,
        unit: 'emails',
        goal: { op: '>=', value: CASES },
        conditions: 'one initial-contact escalation per breached case (tier 1), each once',
      },
      {
        name: 'wall time per escalation in the jump',
        value: Math.round((seconds * 1000) / each),
        unit: 'ms',
        goal: { op: '<=', value: 10 },
        conditions: `${CASES} cases; whether it grows with the cases: run at two sizes (BENCH_JUMP_CASES)`,
      },
      {
        name: 'CPU time per escalation in the jump (the whole rig: handlers, engine, dynalite, SES mock)',
        value: Math.round(work.cpuMs / each),
        unit: 'ms',
        conditions: `${workPer(work, each)}; one SES send`,
      },
    ];
  } finally {
    await bench.stop();
  }
}
