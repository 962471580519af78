/**
 * 1,000 full lifecycles: each case reported, contacted within 4 hours (10 % never are: their initial
 * contact breaches and escalates), a DASH on day 2, fortnightly contacts on days 9 and 16, closure on
 * day 20, then time runs to day 60 (feedback, every clock ended). Casework goes through the case
 * repository and then `signalChange`, as the staff API's command handler does (test/workflow/harness.ts),
 * not through HTTP; the lifecycle runs the real ASL over the real lifecycle handlers, dynalite and the
 * SES mock on virtual time. Also the memory the engine holds once every case is closed.
 */
import { DAY, HOUR, startBench } from '../test/workflow/harness.js';
import { changeAll, load, memoryMb, openCases, secondsSince } from './caseload.js';
import type { BenchFigure } from './figure.js';
import { workMeter, workPer } from './work-meter.js';

const CASES = Number(process.env.BENCH_LIFECYCLE_CASES ?? 1000);

export async function figures(): Promise<BenchFigure[]> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  const meter = workMeter();
  const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { keepFinished: false, probes: meter.probes }); // a Monday
  try {
    const start = bench.engine.now().getTime();
    const at = (ms: number) => bench.engine.advanceTo(new Date(start + ms));
    const now = () => bench.engine.now().toISOString();
    meter.take();
    const t0 = performance.now();
    const ids = await openCases(bench, 'sada-herts', CASES);
    const open = { ...memoryMb(), executions: bench.engine.running() };
    const contacted = ids.filter((_, i) => i % 10 !== 0); // every tenth case breaches its initial contact
    await at(4 * HOUR);
    await changeAll(bench, contacted, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: now(), by: 'o1' };
      s.contacts.push(now());
    });
    await at(2 * DAY);
    await changeAll(bench, ids, (s) => {
      s.dash = { score: 8, risk: 'medium', maracRequired: false, at: now() };
      s.facts.risk = 'medium';
    });
    for (const day of [9, 16]) {
      await at(day * DAY);
      await changeAll(bench, ids, (s) => void s.contacts.push(now()));
    }
    await at(20 * DAY);
    await changeAll(bench, ids, (s) => {
      s.status = 'closed';
      s.closedAt = now();
    });
    await at(60 * DAY);
    await bench.engine.idle();
    const seconds = secondsSince(t0);
    const work = meter.take();
    const closed = { ...memoryMb(), executions: bench.engine.running() };
    const emails = (await bench.emails()).length;
    const commands = CASES + contacted.length + 3 * CASES + CASES;
    return [
      {
        name: `${CASES} full lifecycles (report, contact, DASH, two fortnightly contacts, closure; 10 % breaching)`,
        value: seconds,
        unit: 's',
        goal: { op: '<=', value: 60 },
        conditions: `${commands} reports and changes (repository + signalChange, 32 at a time, not HTTP), ${emails} emails; ${load()}`,
      },
      {
        name: 'wall time per lifecycle',
        value: Math.round((seconds * 1000) / CASES),
        unit: 'ms',
        goal: { op: '<=', value: 60 },
        conditions: `${CASES} cases; whether it grows with the cases: run at two sizes (BENCH_LIFECYCLE_CASES)`,
      },
      {
        name: 'CPU time per lifecycle (the whole rig: the casework, handlers, engine, dynalite, SES mock)',
        value: Math.round(work.cpuMs / CASES),
        unit: 'ms',
        conditions: `${workPer(work, CASES)} (the casework's own reads and writes included); ${emails} emails in all`,
      },
      {
        name: `executions the engine holds after ${CASES} cases closed`,
        value: closed.executions,
        unit: 'executions',
        goal: { op: '<=', value: 0 },
        conditions: `${open.executions} while the ${CASES} cases were open; finished executions are forgotten (memory follows open cases)`,
      },
      {
        name: `heap after ${CASES} cases closed`,
        value: closed.heap,
        unit: 'MB',
        conditions: `${open.heap} MB heap with the ${CASES} cases open; RSS ${open.rss} → ${closed.rss} MB (dynalite keeps every case in memory in this process)`,
      },
    ];
  } finally {
    await bench.stop();
  }
}
