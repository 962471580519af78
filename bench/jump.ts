/**
 * One clock jump firing ~1,000 escalations: 1,000 open cases (sada-herts, initial contact due within one
 * working day) none of which was contacted, then +25 h in one jump. Real ASL, lifecycle handlers,
 * dynalite and the SES mock on virtual time (test/workflow/harness.ts); the jump is what
 * `npm run clock -- +25h` does (engine.advanceBy, then idle).
 */
import { HOUR, startBench } from '../test/workflow/harness.js';
import { load, memoryMb, openCases, secondsSince } from './caseload.js';
import type { BenchFigure } from './figure.js';

/** Open cases whose initial-contact clock the jump breaches. */
const CASES = Number(process.env.BENCH_JUMP_CASES ?? 1000);

export async function figures(): Promise<BenchFigure[]> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { keepFinished: false }); // a Monday
  try {
    await openCases(bench, 'sada-herts', CASES);
    const mailsBefore = (await bench.emails()).length;
    const t0 = performance.now();
    await bench.engine.advanceBy(25 * HOUR);
    await bench.engine.idle();
    const seconds = secondsSince(t0);
    const escalations = (await bench.emails()).length - mailsBefore;
    const conditions = `${CASES} open cases, one +25 h jump; ${escalations} escalation emails sent; ${load()}; RSS ${memoryMb().rss} MB`;
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
    ];
  } finally {
    await bench.stop();
  }
}
